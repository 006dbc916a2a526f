/**
 * The chain's state: accounts and issuance (subnets, stake and pools join as their pallets
 * land), with a journal so a failing call can be undone, and the state root over it.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { ScaleWriter } from "../codec/scale";
import { fromHex, toHex } from "../keys/ss58";

/** Substrate's existential deposit on subtensor: 500 rao. */
export const EXISTENTIAL_DEPOSIT = 500n;

export interface Account {
  /** Free balance in rao. */
  free: bigint;
  nonce: number;
}

export type PresetName = "mainnet" | "seed2024" | "test";

export interface ChainState {
  preset: PresetName;
  genesisHash: string;
  /** Number of the last block applied (0 at genesis). */
  block: bigint;
  /** Hash of the last block applied. */
  parentHash: string;
  /** Accounts by 0x-hex public key. */
  accounts: Map<string, Account>;
  /** TAO in existence, in rao. */
  totalIssuance: bigint;
  /** Undo log of the open transaction, if any. */
  journal: (() => void)[] | null;
}

export const ZERO_HASH = `0x${"00".repeat(32)}`;

export function newState(preset: PresetName): ChainState {
  return { preset, genesisHash: ZERO_HASH, block: 0n, parentHash: ZERO_HASH, accounts: new Map(), totalIssuance: 0n, journal: null };
}

export function getAccount(state: ChainState, who: string): Account {
  return state.accounts.get(who) ?? { free: 0n, nonce: 0 };
}

/** Write an account (removing it when it holds nothing), recording the undo step. */
export function setAccount(state: ChainState, who: string, account: Account): void {
  const previous = state.accounts.get(who);
  state.journal?.push(() => (previous ? state.accounts.set(who, previous) : state.accounts.delete(who)));
  if (account.free === 0n && account.nonce === 0) state.accounts.delete(who);
  else state.accounts.set(who, { ...account });
}

export function setIssuance(state: ChainState, issuance: bigint): void {
  const previous = state.totalIssuance;
  state.journal?.push(() => (state.totalIssuance = previous));
  state.totalIssuance = issuance;
}

/** Run `fn` so that a throw undoes every state change it made, then rethrows. */
export function transactional<T>(state: ChainState, fn: () => T): T {
  const outer = state.journal;
  const journal: (() => void)[] = [];
  state.journal = journal;
  try {
    const result = fn();
    outer?.push(...journal); // an enclosing transaction can still undo these
    return result;
  } catch (e) {
    for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
    throw e;
  } finally {
    state.journal = outer;
  }
}

/**
 * The state root: blake2b-256 of the SCALE encoding of the block number, the issuance and every
 * account (public key, free balance, nonce) in key order.
 */
export function stateRoot(state: ChainState): string {
  const w = new ScaleWriter().u64(state.block).u128(state.totalIssuance);
  const keys = [...state.accounts.keys()].sort();
  w.compact(keys.length);
  for (const k of keys) {
    const a = state.accounts.get(k)!;
    w.raw(fromHex(k)).u128(a.free).u32(a.nonce);
  }
  return toHex(blake2b(w.finish(), { dkLen: 32 }));
}

/** State as JSON (bigints as decimal strings), for checkpoints. */
export function serializeState(state: ChainState): string {
  return JSON.stringify({
    preset: state.preset,
    genesisHash: state.genesisHash,
    block: state.block.toString(),
    parentHash: state.parentHash,
    totalIssuance: state.totalIssuance.toString(),
    accounts: [...state.accounts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, a]) => [k, a.free.toString(), a.nonce]),
  });
}

export function restoreState(json: string): ChainState {
  const d = JSON.parse(json) as {
    preset: PresetName;
    genesisHash: string;
    block: string;
    parentHash: string;
    totalIssuance: string;
    accounts: [string, string, number][];
  };
  return {
    preset: d.preset,
    genesisHash: d.genesisHash,
    block: BigInt(d.block),
    parentHash: d.parentHash,
    totalIssuance: BigInt(d.totalIssuance),
    accounts: new Map(d.accounts.map(([k, free, nonce]) => [k, { free: BigInt(free), nonce }])),
    journal: null,
  };
}
