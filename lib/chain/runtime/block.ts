/**
 * Blocks: validation of signed extrinsics before inclusion, their application (fee, nonce,
 * dispatch in a transaction, events), and the header with its hashes. Timestamps come from the
 * caller; nothing here reads a clock.
 *
 * Header hash: blake2b-256 of SCALE(number u64, parent hash, state root, extrinsics root,
 * timestamp u64 ms, author 32 bytes). Extrinsics root: blake2b-256 of the concatenated extrinsic
 * hashes (Substrate uses a trie root; any change to any extrinsic changes this one too).
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { ScaleWriter } from "../codec/scale";
import { fromHex, toHex } from "../keys/ss58";
import { payAuthor } from "./balances";
import { type CallDefinition, type CallRegistry, type DispatchContext, MalformedCallError } from "./calls";
import { DispatchError, type DispatchErrorCode } from "../errors";
import { type ChainEvent, type Emit, type Phase, chainEvent } from "./events";
import { type CallArgs, type SignedExtrinsic, type VerifiedSignatures, canonicalJson, extrinsicHash, extrinsicJson, extrinsicLength, verifyExtrinsic } from "./extrinsic";
import type { EpochObserver } from "./block-step";
import type { EpochInput } from "../consensus/epoch";
import { callsOf, rulesOf } from "../eras/presets";
import type { Rules } from "../eras/era";
import {
  type ChainState,
  EXISTENTIAL_DEPOSIT,
  type PresetName,
  ZERO_HASH,
  getAccount,
  newState,
  setAccount,
  stateRoot,
  transactional,
} from "./state";

const callsFor = (state: ChainState): CallRegistry => state.rules.era.calls;

/** The calls a preset's runtime dispatches, sorted (what the explorer's call filter offers). */
export function callNames(preset: PresetName): string[] {
  return Object.keys(callsOf(preset)).sort();
}

export type RejectionReason = "Malformed" | "BadProof" | "Stale" | "Future" | "Payment";

/** An extrinsic refused before inclusion: it never reaches a block and changes nothing. */
export class ExtrinsicRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    detail: string,
  ) {
    super(`extrinsic rejected (${reason}): ${detail}`);
    this.name = "ExtrinsicRejected";
  }
}

export interface BlockHeader {
  number: bigint;
  parentHash: string;
  stateRoot: string;
  extrinsicsRoot: string;
  /** Milliseconds since the epoch, as given by the block producer. */
  timestamp: bigint;
  /** The author's 0x-hex public key. */
  author: string;
}

export interface IncludedExtrinsic {
  ext: SignedExtrinsic;
  hash: string;
  fee: bigint;
  success: boolean;
  /** The dispatch error (`Pallet.Error`) when it failed, and what was wrong in words. */
  error: DispatchErrorCode | null;
  errorDetail: string | null;
}

/** An epoch a block ran, with the exact input of the consensus core (not hashed, not in state). */
export interface BlockEpoch {
  netuid: number;
  /** The subnet's epoch counter after it (its metagraph snapshot's number). */
  epoch: number;
  input: EpochInput;
}

export interface Block {
  header: BlockHeader;
  hash: string;
  extrinsics: IncludedExtrinsic[];
  events: ChainEvent[];
  /** The epochs the block step ran, in order (produced blocks only; absent on genesis). */
  epochs?: BlockEpoch[];
}

export function headerHash(h: BlockHeader): string {
  const w = new ScaleWriter().u64(h.number).raw(fromHex(h.parentHash)).raw(fromHex(h.stateRoot)).raw(fromHex(h.extrinsicsRoot)).u64(h.timestamp).raw(fromHex(h.author));
  return toHex(blake2b(w.finish(), { dkLen: 32 }));
}

export function extrinsicsRoot(hashes: readonly string[]): string {
  const w = new ScaleWriter().compact(hashes.length);
  for (const h of hashes) w.raw(fromHex(h));
  return toHex(blake2b(w.finish(), { dkLen: 32 }));
}

interface Validated {
  handler: CallDefinition<unknown>;
  args: unknown;
  fee: bigint;
  /** The extrinsic's canonical JSON (its hash and length are taken over it). */
  json: string;
}

/**
 * Pre-inclusion checks: a known, well-formed call, a valid signature, the next nonce, a payable
 * fee. A signature whose exact bytes are in `verified` (see `verifyExtrinsic`) is not checked again.
 */
export function validateExtrinsic(state: ChainState, ext: SignedExtrinsic, verified?: VerifiedSignatures): Validated {
  const calls = callsFor(state);
  const handler = typeof ext.call === "string" && Object.hasOwn(calls, ext.call) ? calls[ext.call] : undefined;
  if (!handler) throw new ExtrinsicRejected("Malformed", `unknown call ${JSON.stringify(ext.call)}`);
  if (typeof ext.args !== "object" || ext.args === null || Array.isArray(ext.args)) throw new ExtrinsicRejected("Malformed", `the arguments of ${ext.call} must be an object of named values`);
  if (typeof ext.signer !== "string" || typeof ext.signature !== "string") throw new ExtrinsicRejected("Malformed", "signer and signature must be 0x-hex strings");
  let args: unknown;
  try {
    args = handler.decode(ext.args);
  } catch (e) {
    if (e instanceof MalformedCallError) throw new ExtrinsicRejected("Malformed", e.message);
    throw e;
  }
  if (!Number.isSafeInteger(ext.nonce) || ext.nonce < 0) throw new ExtrinsicRejected("Malformed", `nonce ${ext.nonce} is not a non-negative integer`);
  const argsJson = canonicalJson(ext.args);
  if (!verifyExtrinsic(ext, state.genesisHash, argsJson, verified)) throw new ExtrinsicRejected("BadProof", "the signature does not match the signer, call, nonce and genesis hash");
  const account = getAccount(state, ext.signer);
  if (ext.nonce < account.nonce) throw new ExtrinsicRejected("Stale", `nonce ${ext.nonce} was already used; the account's next nonce is ${account.nonce}`);
  if (ext.nonce > account.nonce) throw new ExtrinsicRejected("Future", `nonce ${ext.nonce} is ahead of the account's next nonce ${account.nonce}`);
  const json = extrinsicJson(ext, argsJson);
  const fee = state.rules.era.fee(handler, extrinsicLength(ext, json));
  if (fee > 0n && account.free < fee + EXISTENTIAL_DEPOSIT) throw new ExtrinsicRejected("Payment", `the signer holds ${account.free} rao; paying the fee of ${fee} rao would leave less than the existential deposit of ${EXISTENTIAL_DEPOSIT} rao`);
  return { handler: handler as CallDefinition<unknown>, args, fee, json };
}

/** Apply one validated extrinsic at `index`: nonce, fee, then the call in a transaction. */
function applyExtrinsic(state: ChainState, ext: SignedExtrinsic, v: Validated, index: number, block: bigint, author: string, events: ChainEvent[]): IncludedExtrinsic {
  const phase: Phase = { kind: "ApplyExtrinsic", index };
  const emit: Emit = (name, data) => void events.push(chainEvent(phase, name, data));
  const signer = getAccount(state, ext.signer);
  setAccount(state, ext.signer, { free: signer.free - v.fee, nonce: signer.nonce + 1 });
  if (v.fee > 0n) emit("Balances.Withdraw", { who: ext.signer, amount: v.fee });
  const ctx: DispatchContext = { state, signer: ext.signer, block, author, emit };
  const before = events.length;
  let error: DispatchErrorCode | null = null;
  let errorDetail: string | null = null;
  try {
    transactional(state, () => v.handler.dispatch(ctx, v.args));
  } catch (e) {
    if (!(e instanceof DispatchError)) throw e;
    events.length = before; // the failed call's events go with its state changes
    error = e.code;
    errorDetail = e.detail ?? null;
  }
  payAuthor(state, author, v.fee, emit);
  emit("TransactionPayment.TransactionFeePaid", { who: ext.signer, actualFee: v.fee, tip: 0n });
  if (error) emit("System.ExtrinsicFailed", { error });
  else emit("System.ExtrinsicSuccess", {});
  return { ext, hash: extrinsicHash(ext, v.json), fee: v.fee, success: error === null, error, errorDetail };
}

export interface ProduceBlockInput {
  timestamp: bigint;
  author: string;
  extrinsics: readonly SignedExtrinsic[];
  /**
   * Signatures verified ahead of the block (lib/node/verify-pool.ts), by `signatureKey`: an
   * extrinsic whose exact signed bytes are in it is not verified again; every other one is.
   * The block is the same with or without it.
   */
  verified?: VerifiedSignatures;
  /**
   * For profiling only: a caller-supplied clock (ms). When given, the result says how long the
   * block step, the extrinsics and the state root took. The engine itself never reads a clock.
   */
  clock?: () => number;
}

export interface BlockTimings {
  blockStep: number;
  extrinsics: number;
  stateRoot: number;
}

export interface ProducedBlock {
  block: Block;
  /** Extrinsics refused before inclusion, with why. */
  rejected: { ext: SignedExtrinsic; reason: ExtrinsicRejected }[];
  /** Present when the input gave a clock. */
  timings?: BlockTimings;
}

/**
 * Produce the next block: each extrinsic is validated against the state as the block has left
 * it so far, applied if valid, refused otherwise. Mutates `state` into the post-block state;
 * if anything throws (bad input or a broken invariant), every change is undone first.
 */
export function produceBlock(state: ChainState, input: ProduceBlockInput): ProducedBlock {
  if (!/^0x[0-9a-f]{64}$/.test(input.author)) throw new TypeError(`block author must be a 0x-hex 32-byte public key, got ${JSON.stringify(input.author)}`);
  if (typeof input.timestamp !== "bigint" || input.timestamp < 0n || input.timestamp >= 1n << 64n) throw new RangeError(`block timestamp must be a u64 of milliseconds, got ${String(input.timestamp)}`);
  const number = state.block + 1n;
  const events: ChainEvent[] = [];
  const included: IncludedExtrinsic[] = [];
  const rejected: ProducedBlock["rejected"] = [];
  const epochs: BlockEpoch[] = [];
  const onEpoch: EpochObserver = (netuid, epoch, input) => epochs.push({ netuid, epoch, input });
  const clock = input.clock;
  const t0 = clock?.() ?? 0;
  let t1 = 0;
  transactional(state, () => {
    const emitInit: Emit = (name, data) => void events.push(chainEvent({ kind: "Initialization" }, name, data));
    state.rules.era.blockStep(state, number, emitInit, onEpoch);
    t1 = clock?.() ?? 0;
    for (const ext of input.extrinsics) {
      let v: Validated;
      try {
        v = validateExtrinsic(state, ext, input.verified);
      } catch (e) {
        if (e instanceof ExtrinsicRejected) {
          rejected.push({ ext, reason: e });
          continue;
        }
        throw e;
      }
      included.push(applyExtrinsic(state, ext, v, included.length, number, input.author, events));
    }
  });
  state.block = number;
  const t2 = clock?.() ?? 0;
  const root = stateRoot(state);
  const timings = clock ? { blockStep: t1 - t0, extrinsics: t2 - t1, stateRoot: clock() - t2 } : undefined;
  const header: BlockHeader = {
    number,
    parentHash: state.parentHash,
    stateRoot: root,
    extrinsicsRoot: extrinsicsRoot(included.map((x) => x.hash)),
    timestamp: input.timestamp,
    author: input.author,
  };
  const hash = headerHash(header);
  state.parentHash = hash;
  return { block: { header, hash, extrinsics: included, events, epochs }, rejected, ...(timings ? { timings } : {}) };
}

export interface GenesisInput {
  preset: PresetName;
  timestamp: bigint;
  /** Initial free balances by 0x-hex public key (each at least the existential deposit). */
  endowments: readonly (readonly [string, bigint])[];
  /**
   * Subnets that exist from genesis (a chain spec's genesis config), netuids 1, 2, ... in order:
   * each pool holds the minimum lock (minted at genesis) at price 1, the owner hotkey is uid 0
   * and `neurons` follow; `started` subnets emit from block 1.
   */
  subnets?: readonly GenesisSubnet[];
  /** The sudo key (0x-hex public key): AdminUtils calls it signs act with Root origin. */
  sudo?: string;
  /**
   * Calls executed at genesis, in order, after the balances and subnets exist: a chain spec's
   * initial stake positions (and, on seed2024, the delegates they nominate). Each is dispatched
   * through the preset's own call handler, exactly as if `signer` had signed it in block 0, but
   * without a transaction fee or nonce; any swap fee goes to the sudo key. Only
   * `GENESIS_CALLS` are allowed, and a call that fails makes the genesis invalid.
   */
  calls?: readonly GenesisCall[];
  /**
   * The rules to run instead of the presets table's for `preset` (a test's own parameters; see
   * `Rules`). In memory only: a node's database restores a chain by its preset.
   */
  rules?: Rules;
}

export interface GenesisCall {
  signer: string;
  call: string;
  /** Named arguments as a signed extrinsic carries them (amounts as decimal strings). */
  args: CallArgs;
}

/** The calls a genesis may run: staking and what staking needs (delegates, root uids). */
export const GENESIS_CALLS: readonly string[] = ["SubtensorModule.add_stake", "SubtensorModule.become_delegate", "SubtensorModule.root_register"];

export interface GenesisSubnet {
  owner: string;
  ownerHotkey: string;
  neurons?: readonly { hotkey: string; coldkey: string }[];
  started?: boolean;
  /** seed2024 only: whether POW `register` is open on the subnet. */
  powRegistration?: boolean;
}

/** The genesis state and block 0; the genesis hash is block 0's hash. */
export function createGenesis(g: GenesisInput): { state: ChainState; block: Block } {
  const rules = g.rules ?? rulesOf(g.preset);
  if (rules.preset !== g.preset) throw new RangeError(`genesis names the ${g.preset} preset but passes the ${rules.preset} rules`);
  const state = newState(rules);
  const events: ChainEvent[] = [];
  for (const [who, free] of g.endowments) {
    if (free < EXISTENTIAL_DEPOSIT) throw new RangeError(`genesis endowment of ${who} (${free} rao) is below the existential deposit`);
    if (state.accounts.has(who)) throw new RangeError(`genesis endows ${who} twice`);
    setAccount(state, who, { free, nonce: 0 });
    state.totalIssuance += free;
    events.push(chainEvent({ kind: "Initialization" }, "Balances.Endowed", { account: who, freeBalance: free }));
  }
  if (g.sudo !== undefined) {
    if (!/^0x[0-9a-f]{64}$/.test(g.sudo)) throw new RangeError(`genesis sudo key must be a 0x-hex public key of 32 bytes, got ${JSON.stringify(g.sudo)}`);
    state.sudoKey = g.sudo;
  }
  rules.era.genesis(state, g, events);
  runGenesisCalls(state, g, events);
  return sealGenesis(state, g, events);
}

/** Dispatch the genesis calls through the preset's handlers at block 0 (see `GenesisInput.calls`). */
function runGenesisCalls(state: ChainState, g: GenesisInput, events: ChainEvent[]): void {
  const calls = callsFor(state);
  const author = g.sudo ?? ZERO_HASH;
  (g.calls ?? []).forEach((c, i) => {
    const where = `genesis call ${i} (${c.call})`;
    if (!GENESIS_CALLS.includes(c.call) || !Object.hasOwn(calls, c.call)) throw new RangeError(`${where}: only ${GENESIS_CALLS.join(", ")} may run at genesis on the ${g.preset} preset`);
    if (!state.accounts.has(c.signer)) throw new RangeError(`${where}: the signer ${c.signer} holds no genesis balance`);
    const handler = calls[c.call] as CallDefinition<unknown>;
    let args: unknown;
    try {
      args = handler.decode(c.args);
    } catch (e) {
      if (e instanceof MalformedCallError) throw new RangeError(`${where}: ${e.message}`);
      throw e;
    }
    const emit: Emit = (name, data) => void events.push(chainEvent({ kind: "Initialization" }, name, data));
    try {
      transactional(state, () => handler.dispatch({ state, signer: c.signer, block: 0n, author, emit }, args));
    } catch (e) {
      if (e instanceof DispatchError) throw new RangeError(`${where} failed: ${e.code}${e.detail ? ` (${e.detail})` : ""}`);
      throw e;
    }
  });
}

/** Block 0 over the genesis state; its hash is the genesis hash. */
function sealGenesis(state: ChainState, g: GenesisInput, events: ChainEvent[]): { state: ChainState; block: Block } {
  const header: BlockHeader = { number: 0n, parentHash: ZERO_HASH, stateRoot: stateRoot(state), extrinsicsRoot: extrinsicsRoot([]), timestamp: g.timestamp, author: ZERO_HASH };
  const hash = headerHash(header);
  state.genesisHash = hash;
  state.parentHash = hash;
  return { state, block: { header, hash, extrinsics: [], events } };
}
