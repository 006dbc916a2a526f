/**
 * Rows for the account pages and the rich list, written with each block by lib/db/store.ts:
 * `AccountTotal` (free, staked value in τ and total per key, with fixed-width sort keys),
 * `Transfer` (each `Balances.Transfer`, indexed by sender and recipient), `AccountBalance` (an
 * account's free balance after each block that changed it) and `HotkeyTake` (`Delegates`).
 *
 * Staked value: a position of `a` alpha on a dTAO subnet is worth floor(a × P / 2^64) rao of τ,
 * P the pool's spot price as U64F64 bits (what the network's staked figure multiplies by); root
 * stake (netuid 0) and seed2024 stake are τ already. Each position is floored on its own, so an
 * account's staked value is the sum of the values its positions show.
 */
import type { Block } from "../chain/runtime/block";
import type { ChainState } from "../chain/runtime/state";
import { shareValue } from "../chain/staking/share-pool";
import { type Pool, currentPrice } from "../chain/swap/swap";
import type { Param } from "./sql";

type Row = readonly Param[];

/** Digits of the zero-padded amount keys: a position is worth at most 2^64 × 2^64 rao, so sums of many fit. */
export const AMOUNT_KEY_DIGITS = 40;

/** `rao` as a fixed-width decimal key: text order is numeric order on both databases. */
export function amountKey(rao: bigint): string {
  if (rao < 0n) throw new RangeError(`amount key of a negative amount ${rao}`);
  const s = rao.toString();
  if (s.length > AMOUNT_KEY_DIGITS) throw new RangeError(`amount ${s} has more than ${AMOUNT_KEY_DIGITS} digits`);
  return s.padStart(AMOUNT_KEY_DIGITS, "0");
}

const prices = new WeakMap<Pool, bigint>();

/** A pool's spot price (U64F64 bits), memoised per pool record (pools are replaced when they change). */
export function spotPrice(pool: Pool): bigint {
  let p = prices.get(pool);
  if (p === undefined) {
    p = currentPrice(pool);
    prices.set(pool, p);
  }
  return p;
}

/** The τ value (rao) of `alpha` on a pool priced at `priceBits` (U64F64). */
export const alphaValue = (alpha: bigint, priceBits: bigint): bigint => (alpha * priceBits) >> 64n;

export interface Holding {
  free: bigint;
  staked: bigint;
}

/** Free balance and staked value of every key holding either. */
export function holdingsOf(state: ChainState): Map<string, Holding> {
  const out = new Map<string, Holding>();
  const at = (id: string) => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { free: 0n, staked: 0n }));
    return h;
  };
  for (const [id, a] of state.accounts) if (a.free > 0n) at(id).free = a.free;
  for (const s of state.subnets.values()) {
    const price = spotPrice(s.pool);
    for (const pool of Object.values(s.stake))
      for (const coldkey of Object.keys(pool.shares)) {
        const v = shareValue(pool, coldkey);
        if (v > 0n) at(coldkey).staked += alphaValue(v, price);
      }
  }
  for (const pool of Object.values(state.root.stake))
    for (const coldkey of Object.keys(pool.shares)) {
      const v = shareValue(pool, coldkey);
      if (v > 0n) at(coldkey).staked += v;
    }
  for (const row of Object.values(state.era2024?.stake ?? {})) for (const [coldkey, tao] of Object.entries(row)) if (tao > 0n) at(coldkey).staked += tao;
  for (const [id, h] of out) if (h.free === 0n && h.staked === 0n) out.delete(id);
  return out;
}

export const ACCOUNT_TOTAL_COLUMNS = ["id", "ss58", "free", "staked", "total", "updatedAt"];

export function accountTotalRow(id: string, ss58: string, h: Holding, block: bigint): Row {
  return [id, ss58, amountKey(h.free), amountKey(h.staked), amountKey(h.free + h.staked), block];
}

export const TRANSFER_COLUMNS = ["blockNumber", "eventIndex", "extrinsicIndex", "from", "to", "amount"];

/** The block's `Balances.Transfer` events as `Transfer` rows. */
export function transferRows(block: Block): Row[] {
  const rows: Row[] = [];
  block.events.forEach((e, i) => {
    if (e.name !== "Balances.Transfer") return;
    const d = e.data;
    rows.push([block.header.number, i, e.phase.kind === "ApplyExtrinsic" ? e.phase.index : null, d.from, d.to, d.amount.toString()]);
  });
  return rows;
}
