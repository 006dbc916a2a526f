/**
 * subtensor's share pool (`primitives/share-pool`), which holds a hotkey's alpha on one subnet
 * for all its nominators: the pool has a value (`TotalHotkeyAlpha`, whole alpha rao) and a share
 * denominator (`TotalHotkeyShares`, U64F64); each coldkey holds U64F64 shares (`Alpha`). Adding
 * value for everyone (emission) raises each share's worth pro rata; adding for one coldkey
 * mints shares at the current value per share. Spec §8.3.
 *
 * Pools are immutable values: every update returns a new pool.
 */
import { I64F64, U64F64, checkedDiv, convert, fromF64, fromInt, safeDiv, satAdd, satMul, satSub, toU64 } from "../math/fixed";

export interface SharePool {
  /** The pool's value in rao (u64; storage keeps it whole). */
  value: bigint;
  /** Sum of all shares, U64F64 bits. */
  denominator: bigint;
  /** Shares by coldkey, U64F64 bits. */
  shares: Readonly<Record<string, bigint>>;
}

export const EMPTY_POOL: SharePool = { value: 0n, denominator: 0n, shares: {} };

/** A year of emission at 1 TAO per block (rao): the headroom the precision guard keeps. */
const YEAR_OF_EMISSION = 2_628_000_000_000_000n;
const PRECISION_FLOOR = fromF64(U64F64, 0.00001);

function valueOfShares(pool: SharePool, share: bigint): bigint {
  const value = fromInt(U64F64, pool.value);
  const perShare = checkedDiv(U64F64, value, pool.denominator);
  const v = perShare !== null ? satMul(U64F64, perShare, share) : (checkedDiv(U64F64, satMul(U64F64, value, share), pool.denominator) ?? 0n);
  return toU64(U64F64, v);
}

/** `get_value`: what `key`'s shares are worth, in rao. */
export function shareValue(pool: SharePool, key: string): bigint {
  return valueOfShares(pool, pool.shares[key] ?? 0n);
}

/** `update_value_for_all`: add (or remove) value for every holder at once. */
export function updateValueForAll(pool: SharePool, update: bigint): SharePool {
  const v = fromInt(U64F64, pool.value);
  const next = update >= 0n ? satAdd(U64F64, v, fromInt(U64F64, update)) : satSub(U64F64, v, fromInt(U64F64, -update));
  return { ...pool, value: toU64(U64F64, next) };
}

/** `get_shares_per_update`: the I64F64 shares that `update` rao is worth now. */
function sharesPerUpdate(pool: SharePool, update: bigint): bigint {
  const value = fromInt(U64F64, pool.value);
  const perShare = checkedDiv(U64F64, value, pool.denominator);
  const u = fromInt(I64F64, update);
  if (perShare !== null) return checkedDiv(I64F64, u, convert(U64F64, I64F64, perShare)) ?? 0n;
  const perValue = checkedDiv(I64F64, u, convert(U64F64, I64F64, value)) ?? 0n;
  return satMul(I64F64, perValue, convert(U64F64, I64F64, pool.denominator));
}

/**
 * `update_value_for_one`: add `update` rao (negative to remove) to `key`'s position. A removal
 * that would leave a share too small to keep precision removes the whole position instead.
 * Returns the new pool and the update actually applied.
 */
export function updateValueForOne(pool: SharePool, key: string, update: bigint): { pool: SharePool; actual: bigint } {
  const current = pool.shares[key] ?? 0n;
  let actual = update;
  let denominator: bigint;
  let share: bigint;
  if (pool.denominator === 0n) {
    // The first holder initialises the pool and owns all of it.
    denominator = fromInt(U64F64, update);
    share = denominator;
  } else {
    const delta = sharesPerUpdate(pool, update);
    if (delta >= 0n) {
      const d = convert(I64F64, U64F64, delta);
      denominator = satAdd(U64F64, pool.denominator, d);
      share = satAdd(U64F64, current, d);
    } else {
      const d = convert(I64F64, U64F64, -delta);
      denominator = satSub(U64F64, pool.denominator, d);
      share = satSub(U64F64, current, d);
      const headroom = satAdd(U64F64, fromInt(U64F64, pool.value), fromInt(U64F64, YEAR_OF_EMISSION));
      if (safeDiv(U64F64, share, current) < PRECISION_FLOOR || checkedDiv(U64F64, headroom, denominator) === null) {
        share = 0n;
        denominator = satSub(U64F64, pool.denominator, current);
        actual = -shareValue(pool, key); // the position's value before the update
      }
    }
  }
  const shares = { ...pool.shares, [key]: share };
  if (share === 0n) delete shares[key];
  return { pool: updateValueForAll({ value: pool.value, denominator, shares }, actual), actual };
}
