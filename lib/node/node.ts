/**
 * The node: drives the engine over time. It produces each block from the mempool of submitted
 * extrinsics and the traffic (lib/actors' Proof-of-Intelligence actors, or lib/chain/sim's
 * synthetic generator, as the network spec says), commits it through the store with what the
 * block changed in the actors' memory, and resumes after a restart from the newest checkpoint by
 * replaying the stored blocks (checking every state root) and reading the actors' memory back.
 *
 * One block at a time: production, fast-forward and the live timer share one queue. If a
 * commit fails, the in-memory state is rebuilt from the store before anything else runs, so
 * memory never runs ahead of the database. Between blocks the node yields to the event loop
 * (its I/O phase included), so messages to it never wait for a whole fast-forward, only for the
 * block being produced. The server runs it on its own thread (lib/server/producer-worker.ts), so
 * requests, served on the main thread, do not wait for blocks at all.
 *
 * Signatures are verified on a pool of worker threads (lib/node/verify-pool.ts,
 * `TAOSCOPE_VERIFY_WORKERS`) ahead of the block: a submitted extrinsic's as soon as it arrives,
 * while the block in progress applies, and the traffic's as its block starts (streamed: the block
 * step runs meanwhile, and each extrinsic waits only for its own answer). The block is handed
 * the signatures found valid, by the hash of their exact bytes, and verifies any other itself;
 * without the pool (0 workers, its code missing, or a worker failing) the block verifies all of
 * them, with the same result.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { createPoiTraffic, type PoiTraffic } from "../actors/traffic";
import { enableFastCrypto } from "../chain/fast-crypto";
import { malformedSignature } from "../chain/keys/keypair";
import { fromHex } from "../chain/keys/ss58";
import { createRng } from "../chain/rng";
import { type Block, ExtrinsicRejected, createGenesis, produceBlock, validateExtrinsic } from "../chain/runtime/block";
import { type SignatureCheck, type SignedExtrinsic, type VerifiedSignatures, extrinsicHash, signatureCheckOf, signatureKey } from "../chain/runtime/extrinsic";
import { type ChainState, getAccount, restoreState, serializeState } from "../chain/runtime/state";
import type { Rules } from "../chain/eras/era";
import { rulesOf } from "../chain/eras/presets";
import { type NodeConfig, defaultPoolSize } from "./config";
import { type Network, type NetworkSpec, buildNetwork, genesisTimestamp, specFromJson, trafficOf } from "./network";
import { type DropCause, type DroppedExtrinsic, Mempool, type MempoolChange, MempoolError, type PendingView, isEmptyChange, normaliseSigner } from "./mempool";
import type { ActorChanges, ChainStore, StoredBlock } from "./store";
import { VerifyPool, verifyWorkerEntry } from "./verify-pool";

export { MempoolError } from "./mempool";

/** The node's only view of time, so tests can drive it. */
export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** Blocks between two prunes of a pruning node (each deletes the history that fell out of its window meanwhile). */
export const PRUNE_EVERY = 100n;

/** Simulated block time: fast-forwarded blocks are 12 s apart. */
const BLOCK_SPACING_MS = 12_000n;

/** Let the event loop run its I/O phase (incoming requests, their reads) before going on. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the node did with a submitted extrinsic. */
export interface Submitted {
  hash: string;
  status: PendingView["status"];
  /** The block it goes into, when ready. */
  queuedFor: bigint | null;
  /** The last block it can be included in. */
  expiresAt: bigint;
  /** The signer as the chain keys it (0x-hex), whichever form was sent. */
  signer: string;
}

/** One extrinsic's fate in the mempool, with the head it was read at (a ready one goes into head + 1). */
export type MempoolFate = (NonNullable<ReturnType<Mempool["lookup"]>> & { head: bigint }) | null;

export interface MempoolSnapshot {
  head: bigint;
  pendingCount: number;
  pending: PendingView[];
  dropped: DroppedExtrinsic[];
}

export class ReplayMismatchError extends Error {
  constructor(
    readonly block: bigint,
    readonly expected: string,
    readonly actual: string,
    readonly what: "state root" | "block hash",
  ) {
    super(`block ${block}: stored ${what} ${expected}, replay gives ${actual}`);
    this.name = "ReplayMismatchError";
  }
}

export interface Progress {
  done: number;
  total: number;
  head: bigint;
}

/** A per-block generator seed from the network seed and the block number. */
function blockSeed(seed: number, block: bigint): number {
  const h = blake2b(new TextEncoder().encode(`taoscope-activity/${seed}/${block}`), { dkLen: 4 });
  return (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
}

/** A hotkey's hidden miner quality: fixed per network seed and hotkey, in [0, 1). */
function qualityOf(seed: number): (hotkey: string) => number {
  const cache = new Map<string, number>();
  return (hotkey) => {
    let q = cache.get(hotkey);
    if (q === undefined) {
      const h = blake2b(new TextEncoder().encode(`taoscope-quality/${seed}/${hotkey}`), { dkLen: 4 });
      q = ((h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0) / 4294967296;
      cache.set(hotkey, q);
    }
    return q;
  };
}

/** Apply one stored block to `state`, checking its state root and hash. */
function replayBlock(state: ChainState, b: StoredBlock, verified?: VerifiedSignatures): Block {
  const { block, rejected } = produceBlock(state, { timestamp: b.timestamp, author: b.author, extrinsics: b.extrinsics, ...(verified ? { verified } : {}) });
  if (rejected.length) throw new ReplayMismatchError(b.number, "every stored extrinsic included", `${rejected.length} refused (${rejected[0]!.reason.message})`, "state root");
  if (block.header.stateRoot !== b.stateRoot) throw new ReplayMismatchError(b.number, b.stateRoot, block.header.stateRoot, "state root");
  if (block.hash !== b.hash) throw new ReplayMismatchError(b.number, b.hash, block.hash, "block hash");
  return block;
}

/** How long a block waits for its streamed signature answers before it verifies the rest itself (a first block waits for the workers to start). */
const STREAM_TIMEOUT_MS = 5_000;

/** Stored blocks read (and their signatures verified) at a time when the chain is replayed. */
const REPLAY_BATCH = 200;

/**
 * Replay the stored blocks after `from` up to `to` onto `state` (whose head is `from`), checking
 * every root and hash: each batch's signatures are verified on the pool while the batch before
 * it applies. A replay shorter than a batch verifies in the blocks (starting the pool's threads
 * would take longer). `onBlock` hears of each block applied.
 */
async function replayStored(store: ChainStore, state: ChainState, from: bigint, to: bigint, signatures: SignatureVerifier, onBlock?: (b: StoredBlock) => void): Promise<void> {
  const pooled = to - from >= BigInt(REPLAY_BATCH);
  if (pooled) void signatures.warm();
  const read = (after: bigint) => (after < to ? store.blocksAfter(after, REPLAY_BATCH) : Promise.resolve([]));
  const verify = async (batch: readonly StoredBlock[]) => (pooled ? signatures.verify(batch.flatMap((b) => b.extrinsics), state.genesisHash) : new Set<string>());
  let batch = await read(from);
  let verifying = verify(batch);
  while (batch.length > 0) {
    const next = await read(batch.at(-1)!.number);
    const valid = await verifying;
    verifying = verify(next); // on the pool while this batch applies
    for (const b of batch) {
      replayBlock(state, b, valid);
      onBlock?.(b);
    }
    batch = next;
  }
  await verifying;
}

/** What the pool verifies for `exts`; null when one has an argument the chain cannot encode (the block refuses it, and verifies the rest itself). */
function checksOf(exts: readonly SignedExtrinsic[], genesisHash: string): SignatureCheck[] | null {
  try {
    return exts.map((ext) => signatureCheckOf(ext, genesisHash)).filter((c) => c !== null);
  } catch {
    return null;
  }
}

/**
 * The signature pool as the node uses it: started on first use (not at all with 0 workers or
 * without the worker's code) and used once its workers have started (until then the blocks
 * verify their signatures themselves, so nothing waits for a thread to start), and given up for
 * serial verification, once and saying so, if a worker fails. `verify` answers with the keys
 * (`signatureKey`) of the signatures found valid; no key means the block verifies that one.
 */
export class SignatureVerifier {
  private pool: VerifyPool | null = null;
  private failed = false;

  constructor(
    private readonly workers: number,
    private readonly log: (message: string) => void = console.error,
  ) {}

  async verify(exts: readonly SignedExtrinsic[], genesisHash: string): Promise<Set<string>> {
    const valid = new Set<string>();
    if (exts.length === 0) return valid;
    const pool = this.started();
    if (!pool) return valid;
    const checks = checksOf(exts, genesisHash);
    if (!checks) return valid;
    let answers: boolean[];
    try {
      answers = await pool.verifyMany(checks);
    } catch (e) {
      this.giveUp(pool, e);
      return valid;
    }
    checks.forEach((c, i) => answers[i] && valid.add(signatureKey(c)));
    return valid;
  }

  /**
   * Start verifying `exts` and answer, from the block, whether a signature is among the valid
   * ones: each look-up waits (blocking the thread, at most `timeoutMs` for the whole request) for
   * its own answer, so the block applies while its signatures verify. What is not answered in
   * time the block verifies itself. `settled` resolves once every answer is in (or the pool failed).
   */
  stream(exts: readonly SignedExtrinsic[], genesisHash: string, timeoutMs = STREAM_TIMEOUT_MS): VerifiedSignatures & { settled: Promise<void> } {
    const none = { has: () => false, settled: Promise.resolve() };
    if (exts.length === 0) return none;
    const pool = this.started();
    if (!pool) return none;
    const checks = checksOf(exts, genesisHash);
    if (!checks) return none;
    const index = new Map(checks.map((c, i) => [signatureKey(c), i]));
    const s = pool.stream(checks);
    return {
      has: (key) => {
        const i = index.get(key);
        return i !== undefined && s.answer(i, timeoutMs) === true;
      },
      settled: s.done.then(
        () => undefined,
        (e: unknown) => this.giveUp(pool, e),
      ),
    };
  }

  private giveUp(pool: VerifyPool, e: unknown): void {
    if (this.pool !== pool) return; // closed meanwhile
    this.failed = true;
    this.pool = null;
    void pool.close();
    this.log(`taoscope node: the signature pool failed (${e instanceof Error ? e.message : String(e)}); verifying signatures on the node's thread from now on`);
  }

  private started(): VerifyPool | null {
    if (!this.pool && !this.failed && this.workers > 0) {
      const entry = verifyWorkerEntry();
      if (entry) this.pool = new VerifyPool({ workers: this.workers, entry });
    }
    return this.pool?.ready ? this.pool : null;
  }

  get onPool(): boolean {
    return this.pool?.ready ?? false;
  }

  /** Start the workers now (they are used once started); resolves once they have (at once without a pool). */
  warm(): Promise<void> {
    this.started();
    return this.pool?.whenReady() ?? Promise.resolve();
  }

  /** End the workers (a later `verify` starts them again). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

export class ChainNode {
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Held while a block is produced and committed, and while an accepted extrinsic is written:
   * an accept never lands between a block taking the pool's ready extrinsics and the commit that
   * removes them (on PostgreSQL both are real waits). Unlike `queue`, it is released between the
   * blocks of a fast-forward, so an accept waits at most for one block.
   */
  private writes: Promise<unknown> = Promise.resolve();
  private timer: unknown = null;
  private readonly pool = new Mempool();
  private readonly signatures: SignatureVerifier;
  /** Signature keys the pool found valid for pending extrinsics, by extrinsic hash; the union of them, for the block. */
  private readonly verifiedOf = new Map<string, string>();
  private readonly verified = new Set<string>();
  private readonly nonceOf = (signer: string): number => getAccount(this.state, signer).nonce;
  private lastTimestamp: bigint;
  private readonly quality: (hotkey: string) => number;
  /** The PoI traffic (lib/actors) when the spec's network runs it, and the actors' memory as stored at the head. */
  readonly poi: PoiTraffic | null;

  private constructor(
    readonly store: ChainStore,
    readonly config: NodeConfig,
    readonly network: Network,
    private state: ChainState,
    lastTimestamp: bigint,
    private readonly clock: Clock,
    private actors: Map<string, string>,
  ) {
    this.lastTimestamp = lastTimestamp;
    this.signatures = new SignatureVerifier(config.verifyWorkers);
    this.quality = qualityOf(network.spec.seed);
    const { spec } = network;
    this.poi =
      trafficOf(spec) === "poi"
        ? createPoiTraffic({
            seed: spec.seed,
            coldkeys: network.coldkeys,
            hotkeys: network.hotkeys,
            validators: network.validators,
            nominators: network.nominators,
            ...(spec.tasks ? { tasks: spec.tasks } : {}),
          })
        : null;
  }

  /**
   * Open the node on `store`: a new database gets the genesis of `config`; an existing one is
   * resumed with the network it was created with (the database's spec wins over the settings).
   *
   * A new genesis is stamped `historyBlocks` × 12 s before the clock's now, and the spec records
   * that timestamp and the history target, so a restart or `verify` rebuilds the same genesis
   * and a restart mid-history knows how far to go (lib/node/history.ts runs it).
   */
  static async open(store: ChainStore, config: NodeConfig, clock: Clock = systemClock): Promise<ChainNode> {
    await enableFastCrypto();
    const stored = await store.genesisSpec();
    if (stored === null) {
      const timestamp = genesisTimestamp(BigInt(Math.floor(clock.now())), config.historyBlocks);
      const spec: NetworkSpec = {
        version: 2,
        preset: config.preset,
        seed: config.seed,
        subnets: config.subnets,
        uids: config.uids,
        timestamp: timestamp.toString(),
        historyBlocks: config.historyBlocks,
        traffic: config.traffic,
        ...(config.traffic === "poi" ? { tasks: config.tasks } : {}),
      };
      const network = buildNetwork(spec);
      const { state, block } = createGenesis(network.genesis);
      await store.commitGenesis(JSON.stringify(spec), block, state);
      return new ChainNode(store, config, network, state, block.header.timestamp, clock, new Map());
    }
    const network = buildNetwork(specFromJson(stored));
    const state = await ChainNode.load(store, rulesOf(network.spec.preset), config.verifyWorkers);
    const head = await store.head();
    const node = new ChainNode(store, config, network, state, head!.timestamp, clock, await store.actorMemory());
    await node.restoreMempool();
    return node;
  }

  /**
   * Reload the persisted mempool and re-check each pending extrinsic against the resumed state:
   * one that can no longer be included (its nonce used meanwhile, its fee no longer payable) is
   * dropped with the engine's reason as its cause, visibly, and the drops written at once.
   */
  private async restoreMempool(): Promise<void> {
    const { pending, dropped } = await this.store.mempool();
    this.pool.restore(pending, dropped);
    const refused: { hash: string; cause: DropCause; reason: string }[] = [];
    const valid = await this.signatures.verify(pending.map((e) => e.ext), this.state.genesisHash);
    for (const e of pending) {
      try {
        validateExtrinsic(this.state, e.ext, valid);
        this.rememberVerified(e.hash, e.ext, valid);
      } catch (err) {
        if (!(err instanceof ExtrinsicRejected)) throw err;
        if (err.reason !== "Future") refused.push({ hash: e.hash, cause: err.reason as DropCause, reason: `refused when the node restarted at block ${this.state.block}: ${err.message}` });
      }
    }
    const change = this.pool.planDrops(refused, this.state.block);
    if (isEmptyChange(change)) return;
    await this.store.commitMempool(change);
    this.applyToPool(change);
  }

  /** Keep the key of `ext`'s signature when the pool found it valid, for the block that includes it. */
  private rememberVerified(hash: string, ext: SignedExtrinsic, valid: ReadonlySet<string>): void {
    if (valid.size === 0) return;
    const c = signatureCheckOf(ext, this.state.genesisHash);
    const key = c && signatureKey(c);
    if (key === null || !valid.has(key)) return;
    this.verifiedOf.set(hash, key);
    this.verified.add(key);
  }

  private forgetVerified(hash: string): void {
    const key = this.verifiedOf.get(hash);
    if (key === undefined) return;
    this.verifiedOf.delete(hash);
    this.verified.delete(key);
  }

  /** Apply a committed change to the mempool, and forget the signatures of what left it. */
  private applyToPool(change: MempoolChange): void {
    this.pool.apply(change);
    for (const hash of change.included) this.forgetVerified(hash);
    for (const d of change.dropped) this.forgetVerified(d.hash);
  }

  /** The state at the stored head: the newest checkpoint, then the blocks after it replayed. */
  private static async load(store: ChainStore, rules: Rules, verifyWorkers: number): Promise<ChainState> {
    const head = await store.head();
    if (!head) throw new Error("the database has a genesis spec but no blocks: it was not written by Taoscope");
    const cp = await store.checkpoint(head.number);
    if (!cp) throw new Error("the database holds no state checkpoint to resume from");
    const state = restoreState(cp.state, rules);
    if (cp.number < head.number) {
      const signatures = new SignatureVerifier(verifyWorkers);
      try {
        await replayStored(store, state, cp.number, head.number, signatures);
      } finally {
        await signatures.close();
      }
    }
    if (state.block !== head.number) throw new Error(`resume reached block ${state.block}, but the stored head is ${head.number}`);
    store.prime(state);
    return state;
  }

  /** Whether signatures are verified on the pool now (its workers started), for diagnostics. */
  get verifiesOnPool(): boolean {
    return this.signatures.onPool;
  }

  /** Start the signature pool's workers; resolves once they have (the blocks verify themselves until then). */
  warmSignatures(): Promise<void> {
    return this.signatures.warm();
  }

  /** The current state (read-only by convention: only the node changes it). */
  get chain(): ChainState {
    return this.state;
  }

  get head(): bigint {
    return this.state.block;
  }

  /** Check a signed extrinsic and queue it; returns its hash. */
  async submit(ext: SignedExtrinsic): Promise<string> {
    return (await this.accept(ext)).hash;
  }

  /**
   * Check a signed extrinsic and put it in the mempool: ready (the next block takes it) or
   * future (its nonce waits for the signer's earlier ones). The signer may be 0x-hex or an SS58
   * address (prefix 42); the chain sees 0x-hex. Throws `MempoolError` naming what was wrong.
   * Resolves once the store keeps it (one insert), so an accepted extrinsic survives a restart.
   */
  accept(input: SignedExtrinsic): Promise<Submitted> {
    let ext: SignedExtrinsic;
    try {
      ext = this.wellFormed(input);
    } catch (e) {
      return Promise.reject(e);
    }
    // Verified on the pool from now, while the block in progress (if any) applies; accepts still
    // enter the mempool in the order they arrived.
    const verifying = this.signatures.verify([ext], this.state.genesisHash);
    return this.exclusive(async () => {
      const valid = await verifying;
      const r = this.check(ext, valid);
      const entry = this.pool.add(r.ext, r.hash, this.state.block, this.nonceOf);
      try {
        await this.store.addPending(entry);
      } catch (e) {
        this.pool.forget(r.hash);
        throw e;
      }
      this.rememberVerified(r.hash, r.ext, valid);
      return { hash: r.hash, status: entry.status, queuedFor: entry.status === "ready" ? this.state.block + 1n : null, expiresAt: entry.expiresAt, signer: r.ext.signer };
    });
  }

  /** The form checks of `accept`: the fields, the signer's spelling, a signature schnorrkel can read. */
  private wellFormed(input: SignedExtrinsic): SignedExtrinsic {
    const fault = (field: keyof SignedExtrinsic, want: string) => new MempoolError(`the extrinsic's "${field}" must be ${want}, got ${JSON.stringify(input[field])}`);
    if (typeof input.call !== "string") throw fault("call", "a call name such as Balances.transfer_keep_alive");
    if (typeof input.args !== "object" || input.args === null || Array.isArray(input.args)) throw fault("args", "an object of named arguments");
    const signer = normaliseSigner(input.signer);
    if (!Number.isSafeInteger(input.nonce) || input.nonce < 0) throw fault("nonce", "a non-negative integer");
    if (typeof input.signature !== "string" || !/^0x[0-9a-fA-F]{128}$/.test(input.signature)) throw fault("signature", "a 0x-hex 64-byte sr25519 signature");
    const ext: SignedExtrinsic = { call: input.call, args: input.args, signer, nonce: input.nonce, signature: input.signature.toLowerCase() };
    const malformed = malformedSignature(fromHex(ext.signature), fromHex(signer));
    if (malformed !== null) throw new MempoolError(`the extrinsic cannot be verified: ${malformed}`);
    return ext;
  }

  /** The checks of `accept` before the pool's: the call, the signature (unless `valid` holds it), nonce not stale, fee payable. */
  private check(ext: SignedExtrinsic, valid: VerifiedSignatures): { ext: SignedExtrinsic; hash: string } {
    try {
      validateExtrinsic(this.state, ext, valid);
    } catch (e) {
      if (!(e instanceof ExtrinsicRejected)) throw e;
      // A nonce ahead of the account (its signature already checked) may follow pending ones.
      if (e.reason !== "Future") throw new MempoolError(e.message);
    }
    return { ext, hash: extrinsicHash(ext) };
  }

  /** The pending extrinsics (at most `limit`, in acceptance order) and the recently dropped ones. */
  mempool(limit = Infinity): MempoolSnapshot {
    return { head: this.state.block, pendingCount: this.pool.size, pending: this.pool.pending(this.nonceOf, limit), dropped: this.pool.dropped() };
  }

  /** One extrinsic's fate in the mempool: pending, recently dropped (with why), or null. */
  mempoolLookup(hash: string): MempoolFate {
    const found = this.pool.lookup(hash.toLowerCase(), this.nonceOf);
    return found && { ...found, head: this.state.block };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn, fn);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** The next block's extrinsics (the mempool's ready ones, then the traffic's) and what they do to the actors' memory. */
  private planBlock(): { extrinsics: SignedExtrinsic[]; fromMempool: number; actors: ActorChanges | undefined } {
    const out = this.pool.ready(this.nonceOf);
    const fromMempool = out.length;
    if (!this.config.activity) return { extrinsics: out, fromMempool, actors: undefined };
    if (this.poi) {
      const plan = this.poi.plan(this.state, this.actors);
      out.push(...plan.extrinsics);
      return { extrinsics: out, fromMempool, actors: plan.changes.size || plan.scores.length ? { memory: plan.changes, scores: plan.scores } : undefined };
    }
    const rng = createRng(blockSeed(this.network.spec.seed, this.state.block + 1n));
    const keys = { coldkeys: this.network.coldkeys, hotkeys: this.network.hotkeys, quality: this.quality };
    out.push(...this.state.rules.era.activity(rng, keys, this.state));
    return { extrinsics: out, fromMempool, actors: undefined };
  }

  /** The actors' memory (read-only by convention), as of the head. */
  get actorMemory(): ReadonlyMap<string, string> {
    return this.actors;
  }

  /** Produce and commit one block; what it did to the mempool is written in its transaction, and applied to the pool once that commits. */
  private produceOne(timestamp: bigint): Promise<Block> {
    return this.exclusive(async () => {
      const plan = this.planBlock();
      // The mempool's signatures were verified as they arrived; the traffic's verify on the pool
      // while the block step runs, each extrinsic waiting (if at all) for its own.
      const traffic = this.signatures.stream(plan.extrinsics.slice(plan.fromMempool), this.state.genesisHash);
      const verified: VerifiedSignatures = { has: (key) => this.verified.has(key) || traffic.has(key) };
      const { block, rejected } = produceBlock(this.state, { timestamp, author: this.network.author.publicKeyHex, extrinsics: plan.extrinsics, verified });
      await traffic.settled;
      const checkpoint = block.header.number % BigInt(this.config.checkpointEvery) === 0n;
      const change = this.pool.planAfterBlock(
        {
          block: block.header.number,
          included: new Set(block.extrinsics.map((x) => x.hash)),
          refused: new Map(rejected.map((r) => [extrinsicHash(r.ext), { reason: r.reason.reason, message: r.reason.message }])),
        },
        this.nonceOf,
      );
      try {
        await this.store.commitBlock(block, this.state, checkpoint, isEmptyChange(change) ? undefined : change, plan.actors);
      } catch (e) {
        this.state = await ChainNode.load(this.store, this.state.rules, this.config.verifyWorkers); // memory must not run ahead of the database; the pool is unchanged
        this.actors = await this.store.actorMemory();
        throw e;
      }
      for (const [key, data] of plan.actors?.memory ?? []) data === null ? this.actors.delete(key) : this.actors.set(key, data);
      this.lastTimestamp = timestamp;
      this.applyToPool(change);
      const keep = this.config.pruning;
      if (keep !== null && block.header.number % PRUNE_EVERY === 0n && block.header.number > BigInt(keep)) {
        const below = block.header.number - BigInt(keep) + 1n;
        try {
          await this.store.prune(below);
        } catch (e) {
          // The block is committed; the prune rolled back whole and the next one covers its range.
          throw new Error(`block ${block.header.number} was committed, but pruning the history below block ${below} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      }
      return block;
    });
  }

  /** Produce one block now, stamped with the clock (never earlier than its parent). */
  produceNow(): Promise<Block> {
    return this.serial(() => {
      const now = BigInt(Math.floor(this.clock.now()));
      return this.produceOne(now > this.lastTimestamp ? now : this.lastTimestamp + 1n);
    });
  }

  /** Fast-forward `n` blocks, 12 simulated seconds apart, through the same path. */
  advance(n: number, onProgress?: (p: Progress) => void): Promise<bigint> {
    if (!Number.isInteger(n) || n < 1) return Promise.reject(new RangeError(`advance needs a positive whole number of blocks, got ${n}`));
    return this.serial(async () => {
      for (let i = 0; i < n; i++) {
        if (i > 0) await yieldToIo(); // let waiting requests in between blocks
        await this.produceOne(this.lastTimestamp + BLOCK_SPACING_MS);
        onProgress?.({ done: i + 1, total: n, head: this.state.block });
      }
      return this.state.block;
    });
  }

  /** Produce a block every `BLOCK_TIME_MS` until `stop`. A failed block is logged and retried at the next tick. */
  start(log: (message: string) => void = console.error): void {
    if (this.timer !== null || this.config.testMode) return;
    let busy = false;
    this.timer = this.clock.setInterval(() => {
      if (busy) return;
      busy = true;
      this.produceNow()
        .catch((e: unknown) => log(`taoscope node: block ${this.state.block + 1n} failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (busy = false));
    }, this.config.blockTimeMs);
  }

  /** Stop the timer and wait for the block in progress; the signature pool's workers end (a later block starts them again). */
  async stop(): Promise<void> {
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
    await this.queue;
    await this.writes;
    await this.signatures.close();
  }

  /** A copy of the state (for checks that must not disturb the node). */
  snapshot(): ChainState {
    return restoreState(serializeState(this.state), this.state.rules);
  }
}

export interface VerifyReport {
  blocks: bigint;
  mismatch: ReplayMismatchError | null;
}

/**
 * Replay the stored chain from genesis and check every stored state root and hash, the
 * signatures verified on a pool of `verifyWorkers` threads (0: in the blocks).
 */
export async function verifyChain(store: ChainStore, onProgress?: (p: Progress) => void, verifyWorkers = defaultPoolSize()): Promise<VerifyReport> {
  await enableFastCrypto();
  const stored = await store.genesisSpec();
  const head = await store.head();
  if (stored === null || head === null) throw new Error("the database holds no chain to verify");
  const { state, block } = createGenesis(buildNetwork(specFromJson(stored)).genesis);
  const [genesis] = await store.blocksAfter(-1n, 1);
  if (genesis!.hash !== block.hash) return { blocks: 0n, mismatch: new ReplayMismatchError(0n, genesis!.hash, block.hash, "block hash") };
  const total = Number(head.number);
  const signatures = new SignatureVerifier(verifyWorkers);
  try {
    await replayStored(store, state, 0n, head.number, signatures, (b) => onProgress?.({ done: Number(b.number), total, head: b.number }));
  } catch (e) {
    if (e instanceof ReplayMismatchError) return { blocks: e.block - 1n, mismatch: e };
    throw e;
  } finally {
    await signatures.close();
  }
  return { blocks: state.block, mismatch: null };
}
