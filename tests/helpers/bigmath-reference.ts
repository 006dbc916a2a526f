/**
 * The reference for lib/chain/math/bigmath.ts: its first version, the crate's operations spelled
 * out one for one (floor divisions by the scale, the guard rounding by division, ln 2 by its
 * series on every call), which the conformance vectors (swap_amm) checked. The engine's version
 * takes shifts for the power-of-two divisions and keeps ln 2; a property test holds the two equal.
 *
 * `SafeInt::pow_ratio_scaled` of the safe-bigmath crate, which subtensor's swap uses for the
 * balancer's fractional powers: `(num/den)^(exp_num/exp_den) · scale`, floored. Small rational
 * exponents take an exact integer path (an n-th root by bisection); others a fixed-point
 * ln/exp series with 24 guard bits. Ported operation for operation, including where series
 * stop, so results match the crate's integers.
 */

export const DEFAULT_MAX_ITERS = 4096;
const MAX_EXACT_EXPONENT = 1024n;
const GUARD_BITS = 24n;

/** Number of significant bits (`BigUint::bits`): 0 for 0. */
function bits(n: bigint): bigint {
  return n === 0n ? 0n : BigInt(n.toString(2).length);
}

/** Floor division (toward −∞), as num-integer's `div_floor`. */
function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Drop the guard bits, rounding half away from zero. */
function roundToPrecision(value: bigint, guard: bigint): bigint {
  let truncated = value / guard;
  const remainder = value % guard;
  if (remainder !== 0n && abs(remainder) << 1n >= abs(guard)) truncated += remainder > 0n ? 1n : -1n;
  return truncated;
}

/** Largest r with r^q · den ≤ num. */
function nthRootRatioFloor(num: bigint, den: bigint, q: bigint): bigint {
  if (q === 0n) return 0n;
  let low = 0n;
  let high = 1n;
  while (high ** q * den <= num) high <<= 1n;
  while (low < high) {
    const mid = (low + high + 1n) >> 1n;
    if (mid ** q * den <= num) low = mid;
    else high = mid - 1n;
  }
  return low;
}

/** ln(1 + x) by its Taylor series in fixed point, stopping as the crate does. */
function ln1pFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = x;
  let result = term;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 2; n <= maxIters; n++) {
    term = divFloor(term * x, scale);
    if (term === 0n) break;
    const next = divFloor(term, BigInt(n));
    if (next === 0n) break;
    result = n % 2 === 0 ? result - next : result + next;
    const rounded = roundToPrecision(result, guard);
    if (abs(next) < abs(guard) || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** exp(x) by its Taylor series in fixed point, stopping as the crate does. */
function expFixed(x: bigint, scale: bigint, guard: bigint, maxIters: number): bigint {
  let term = scale;
  let result = term;
  let prevRounded = roundToPrecision(result, guard);
  for (let n = 1; n <= maxIters; n++) {
    term = divFloor(term * x, scale * BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, guard);
    if (abs(term) < abs(guard) || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** ln(value) with the mantissa normalised into [0.5, 1.5) for the series. */
function lnBiguint(value: bigint, precision: bigint, scale: bigint, guard: bigint, lnTwo: bigint, maxIters: number): bigint {
  if (value === 0n) return 0n;
  let shift = bits(value) - 1n;
  let mantissa = (value << precision) >> shift;
  if (mantissa >= scale + (scale >> 1n)) {
    mantissa >>= 1n;
    shift += 1n;
  }
  return ln1pFixed(mantissa - scale, scale, guard, maxIters) + lnTwo * shift;
}

/**
 * `(baseNum/baseDen)^(expNum/expDen) · scale`, floored; null where the crate returns None
 * (a zero denominator, a negative base or scale).
 */
export function powRatioScaled(
  baseNum: bigint,
  baseDen: bigint,
  expNum: bigint,
  expDen: bigint,
  precision: number,
  scale: bigint,
  maxIters?: number,
): bigint | null {
  if (baseDen === 0n || expDen === 0n) return null;
  if (baseNum === 0n) return 0n;
  if (scale < 0n || baseNum < 0n || baseDen < 0n || expNum < 0n || expDen < 0n) return null;
  if (expNum === 0n) return scale;
  const g = gcd(expNum, expDen);
  if (g > 1n) {
    expNum /= g;
    expDen /= g;
  }
  if (bits(expNum) <= 32n && bits(expDen) <= 32n && expNum <= MAX_EXACT_EXPONENT) {
    return nthRootRatioFloor(baseNum ** expNum * scale ** expDen, baseDen ** expNum, expDen);
  }
  const requested = BigInt(Math.max(precision, 32, Number(bits(scale)) + 8));
  const internalPrecision = requested + GUARD_BITS;
  const iters = Math.max(maxIters ?? Math.min(DEFAULT_MAX_ITERS, Number(internalPrecision) + 128), 1);
  const targetScale = 1n << requested;
  const guard = 1n << GUARD_BITS;
  const internalScale = targetScale << GUARD_BITS;
  const lnTwo = -ln1pFixed(-(internalScale >> 1n), internalScale, guard, iters);
  const lnBase =
    lnBiguint(baseNum, internalPrecision, internalScale, guard, lnTwo, iters) -
    lnBiguint(baseDen, internalPrecision, internalScale, guard, lnTwo, iters);
  const lnScaled = divFloor(lnBase * expNum, expDen);
  const expRequested = roundToPrecision(expFixed(lnScaled, internalScale, guard, iters), guard);
  return divFloor(expRequested * scale, targetScale);
}
