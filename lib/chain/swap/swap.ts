/**
 * One swap against a subnet pool, as pallets/swap's `do_swap` runs it: the fee comes off the
 * input, the swap fills in full unless the limit price stops it first (then the input is what
 * reaches the limit and the fee is recomputed on it), and the output is the balancer's
 * conversion of the input. Spec: reference/subtensor-spec.md §6.
 */
import { U64F64, fromInt, safeDiv, satMul, satSub, toU64 } from "../math/fixed";
import { baseDeltaIn, calculatePrice, expScaled, quoteDeltaIn } from "./balancer";

export interface Pool {
  taoReserve: bigint;
  alphaReserve: bigint;
  /** Quote (TAO) weight in Perquintill parts. */
  quoteWeight: bigint;
}

/** `FeeRate` default (u16 parts of 65535, ≈ 0.05%). */
export const DEFAULT_FEE_RATE = 33;
/** `MinimumReserve`: the output reserve must hold at least this much (rao). */
export const MINIMUM_RESERVE = 1_000_000n;
/** Default limits: the highest buy price and the lowest sell price, in rao per alpha / 1e9. */
export const MAX_PRICE_RAO = 1_000_000_000_000_000n;
export const MIN_PRICE_RAO = 1_000n;

export type SwapErrorName = "ReservesTooLow" | "PriceLimitExceeded" | "InsufficientLiquidity";

export class SwapError extends Error {
  constructor(readonly error: SwapErrorName) {
    super(`swap failed: ${error}`);
    this.name = "SwapError";
  }
}

export interface SwapResult {
  /** Input consumed by the swap, fee excluded. */
  amountPaidIn: bigint;
  amountPaidOut: bigint;
  fee: bigint;
}

export function currentPrice(pool: Pool): bigint {
  return pool.alphaReserve === 0n ? 0n : calculatePrice(pool.quoteWeight, pool.alphaReserve, pool.taoReserve);
}

/** A limit in rao per alpha (as extrinsics give it) → U64F64 price. */
export function limitPriceFromRao(rao: bigint): bigint {
  return safeDiv(U64F64, fromInt(U64F64, rao), fromInt(U64F64, 1_000_000_000n));
}

/** `calculate_fee_amount`: `amount · (rate/65535)` in U64F64, floored. */
export function feeFor(amount: bigint, feeRate: number): bigint {
  const rate = safeDiv(U64F64, fromInt(U64F64, feeRate), fromInt(U64F64, 65535));
  return toU64(U64F64, satMul(U64F64, fromInt(U64F64, amount), rate));
}

/** Fee on the input that reaches the limit price: `δ·rate/(65535−rate)`. */
function feeAtLimit(delta: bigint, feeRate: number): bigint {
  const rate = fromInt(U64F64, feeRate);
  const factor = safeDiv(U64F64, rate, satSub(U64F64, fromInt(U64F64, 65535), rate));
  return toU64(U64F64, satMul(U64F64, fromInt(U64F64, delta), factor));
}

/** Alpha out for `dy` TAO in: `x·(1 − e)`. */
function alphaOutFor(pool: Pool, dy: bigint): bigint {
  const e = expScaled(pool.quoteWeight, pool.taoReserve, dy, false);
  return toU64(U64F64, satMul(U64F64, fromInt(U64F64, pool.alphaReserve), satSub(U64F64, fromInt(U64F64, 1), e)));
}

/** TAO out for `dx` alpha in: `y·(1 − e)`. */
function taoOutFor(pool: Pool, dx: bigint): bigint {
  const e = expScaled(pool.quoteWeight, pool.alphaReserve, dx, true);
  return toU64(U64F64, satMul(U64F64, fromInt(U64F64, pool.taoReserve), satSub(U64F64, fromInt(U64F64, 1), e)));
}

const satSubU64 = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

/**
 * Swap `amount` TAO for alpha (`buy`) or alpha for TAO (`sell`) up to `limitPrice` (U64F64).
 * Does not touch the pool; the caller applies the result to the reserves.
 */
export function swap(pool: Pool, side: "buy" | "sell", amount: bigint, limitPrice: bigint, feeRate = DEFAULT_FEE_RATE, dropFees = false): SwapResult {
  const buy = side === "buy";
  const reserveOut = buy ? pool.alphaReserve : pool.taoReserve;
  if (reserveOut < MINIMUM_RESERVE) throw new SwapError("ReservesTooLow");
  const price = currentPrice(pool);
  if (buy ? limitPrice < price : limitPrice > price) throw new SwapError("PriceLimitExceeded");

  const rate = dropFees ? 0 : feeRate;
  let fee = feeFor(amount, rate);
  const requested = amount - fee;
  const convert = (d: bigint) => (buy ? alphaOutFor(pool, d) : taoOutFor(pool, d));
  const out0 = convert(requested);
  const target = buy
    ? calculatePrice(pool.quoteWeight, satSubU64(pool.alphaReserve, out0), pool.taoReserve + requested)
    : calculatePrice(pool.quoteWeight, pool.alphaReserve + requested, satSubU64(pool.taoReserve, out0));
  let deltaIn = requested;
  if (!(buy ? target <= limitPrice : target >= limitPrice)) {
    deltaIn = buy
      ? quoteDeltaIn(pool.quoteWeight, price, limitPrice, pool.taoReserve)
      : baseDeltaIn(pool.quoteWeight, price, limitPrice, pool.alphaReserve);
    fee = feeAtLimit(deltaIn, rate);
  }
  const out = deltaIn === requested ? out0 : convert(deltaIn);
  if (deltaIn > 0n && out === 0n) throw new SwapError("ReservesTooLow");
  if (out > reserveOut) throw new SwapError("InsufficientLiquidity");
  return { amountPaidIn: deltaIn, amountPaidOut: out, fee };
}
