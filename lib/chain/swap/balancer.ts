/**
 * Subtensor's subnet pool (pallets/swap): a Balancer-style weighted pool of alpha (x, base) and
 * TAO (y, quote) with the quote weight w2 kept as a Perquintill and w1 = 1 − w2. Price
 * `p = (w1/w2)·(y/x)`; a buy of Δy TAO pays out `x·(1 − (y/(y+Δy))^(w2/w1))` alpha, a sell of Δx
 * alpha pays `y·(1 − (x/(x+Δx))^(w1/w2))` TAO, powers through `pow_ratio_scaled` at 1e18
 * scale. With equal weights it is a constant-product pool. Spec: reference/subtensor-spec.md §6.
 */
import { U64F64, U64_MAX, fromInt, safeDiv, satMul, satSub, toU64 } from "../math/fixed";
import { powRatioScaled } from "../math/bigmath";

/** Perquintill accuracy: 18 decimal digits. */
export const ACCURACY = 10n ** 18n;
/** Neither weight may fall below 0.01. */
export const MIN_WEIGHT = ACCURACY / 100n;
const POW_PRECISION = 1024;

export class BalancerError extends Error {
  constructor(quote: bigint) {
    super(`pool weights out of range: quote weight ${quote} parts per 1e18 leaves a weight below 0.01`);
    this.name = "BalancerError";
  }
}

/** `Perquintill::from_rational(p, q)`: rounds down; p is capped at q; q = 0 gives 1. */
export function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n) return ACCURACY;
  return ((p < q ? p : q) * ACCURACY) / q;
}

/** Quote weight (Perquintill parts) after checking both weights stay ≥ 0.01. */
export function checkedQuoteWeight(quote: bigint): bigint {
  if (quote < MIN_WEIGHT || ACCURACY - quote < MIN_WEIGHT) throw new BalancerError(quote);
  return quote;
}

export const EQUAL_WEIGHTS = perquintillFromRational(1n, 2n);

const satU64 = (v: bigint) => (v < 0n ? 0n : v > U64_MAX ? U64_MAX : v);

/**
 * `exp_scaled`: `(x/(x+Δx))^(w1/w2)` when `baseQuote`, else `^(w2/w1)`, as U64F64 bits; Δx may
 * be negative. 0 when x+Δx is 0 or the power does not fit a u64 at 1e18 scale.
 */
export function expScaled(quote: bigint, x: bigint, dx: bigint, baseQuote: boolean): bigint {
  const xPlusDx = satU64(x + dx);
  if (xPlusDx === 0n) return 0n;
  const w1 = ACCURACY - quote;
  const w2 = quote;
  const r = baseQuote
    ? powRatioScaled(x, xPlusDx, w1, w2, POW_PRECISION, ACCURACY)
    : powRatioScaled(x, xPlusDx, w2, w1, POW_PRECISION, ACCURACY);
  if (r === null || r > U64_MAX) return 0n;
  return safeDiv(U64F64, fromInt(U64F64, r), fromInt(U64F64, ACCURACY));
}

/** `calculate_price`: `(w1/w2)·(y/x)` in U64F64 (0 when x is 0, as safe_div gives). */
export function calculatePrice(quote: bigint, x: bigint, y: bigint): bigint {
  const weights = safeDiv(U64F64, fromInt(U64F64, ACCURACY - quote), fromInt(U64F64, quote));
  return satMul(U64F64, weights, safeDiv(U64F64, fromInt(U64F64, y), fromInt(U64F64, x)));
}

/**
 * `maybe_initialize_palswap`: equal weights, or with a price p the quote weight
 * `y / (p·x + y)` that makes the pool quote p.
 */
export function initialQuoteWeight(taoReserve: bigint, alphaReserve: bigint, price?: bigint): bigint {
  if (price === undefined) return checkedQuoteWeight(EQUAL_WEIGHTS);
  const whole = price >> U64F64.frac;
  const frac = price - (whole << U64F64.frac);
  const pxHigh = whole * alphaReserve;
  const pxLow = satMul(U64F64, fromInt(U64F64, alphaReserve), frac) >> U64F64.frac;
  const pxPlusY = pxHigh + pxLow + taoReserve;
  if (pxPlusY === 0n) throw new BalancerError(0n);
  return checkedQuoteWeight(perquintillFromRational(taoReserve, pxPlusY));
}

/** `mul_perquintill_round`: `value · p`, rounded to nearest. */
function mulPerquintillRound(p: bigint, value: bigint): bigint {
  return (value * p + ACCURACY / 2n) / ACCURACY;
}

/**
 * `update_weights_for_added_liquidity`: the quote weight after adding (Δy, Δx) so the price
 * stays put; throws when it would leave [0.01, 0.99] (the caller then injects nothing).
 */
export function quoteWeightAfterAdding(quote: bigint, taoReserve: bigint, alphaReserve: bigint, taoDelta: bigint, alphaDelta: bigint): bigint {
  const q1 = mulPerquintillRound(ACCURACY - quote, taoReserve * (alphaReserve + alphaDelta));
  const q2 = mulPerquintillRound(quote, alphaReserve * (taoReserve + taoDelta));
  const sum = q1 + q2;
  return checkedQuoteWeight(sum !== 0n ? perquintillFromRational(q2, sum) : EQUAL_WEIGHTS);
}

/** `calculate_quote_delta_in`: TAO that moves the price from `current` up to `target`. */
export function quoteDeltaIn(quote: bigint, current: bigint, target: bigint, taoReserve: bigint): bigint {
  return reserveDelta(powRatioScaled(target, current, ACCURACY - quote, ACCURACY, POW_PRECISION, ACCURACY), taoReserve);
}

/** `calculate_base_delta_in`: alpha that moves the price from `current` down to `target`. */
export function baseDeltaIn(quote: bigint, current: bigint, target: bigint, alphaReserve: bigint): bigint {
  return reserveDelta(powRatioScaled(current, target, quote, ACCURACY, POW_PRECISION, ACCURACY), alphaReserve);
}

/** `reserve · (pow/1e18 − 1)`, floored, with the crate's saturations. */
function reserveDelta(pow: bigint | null, reserve: bigint): bigint {
  if (pow === null) return 0n;
  const powFixed = fromInt(U64F64, pow > U64_MAX ? U64_MAX : pow);
  const growth = satSub(U64F64, safeDiv(U64F64, powFixed, fromInt(U64F64, ACCURACY)), fromInt(U64F64, 1));
  return toU64(U64F64, satMul(U64F64, fromInt(U64F64, reserve), growth));
}
