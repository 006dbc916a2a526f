/**
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

/** `divFloor(a, n)` for a positive `n`: one division, and one multiplication only for a negative `a`. */
function divFloorPositive(a: bigint, n: bigint): bigint {
  const q = a / n;
  return a < 0n && q * n !== a ? q - 1n : q;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Drop `guardBits` guard bits, rounding half away from zero (the crate's `round_to_precision`
 * with a guard of 2^guardBits): symmetric in the sign, so a negative value rounds as its negation.
 */
function roundToPrecision(value: bigint, guardBits: bigint): bigint {
  if (value < 0n) return -roundToPrecision(-value, guardBits);
  const truncated = value >> guardBits;
  const remainder = value - (truncated << guardBits);
  return remainder << 1n >= 1n << guardBits ? truncated + 1n : truncated;
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

/*
 * The series below run in fixed point with a power-of-two scale (2^precision) and guard
 * (2^guardBits), as `pow_ratio_scaled` calls them: a floor division by the scale is then an
 * arithmetic shift (BigInt's `>>` floors toward −∞, as `div_floor` does), and dropping the guard
 * bits a shift and a mask. Each step is the crate's, term for term.
 */

/** ln(1 + x) by its Taylor series in fixed point, stopping as the crate does. */
function ln1pFixed(x: bigint, precision: bigint, guardBits: bigint, maxIters: number): bigint {
  const guard = 1n << guardBits;
  let term = x;
  let result = term;
  let prevRounded = roundToPrecision(result, guardBits);
  for (let n = 2; n <= maxIters; n++) {
    term = (term * x) >> precision;
    if (term === 0n) break;
    const next = divFloorPositive(term, BigInt(n));
    if (next === 0n) break;
    result = n % 2 === 0 ? result - next : result + next;
    const rounded = roundToPrecision(result, guardBits);
    if (abs(next) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/** exp(x) by its Taylor series in fixed point, stopping as the crate does. */
function expFixed(x: bigint, precision: bigint, guardBits: bigint, maxIters: number): bigint {
  const scale = 1n << precision;
  const guard = 1n << guardBits;
  let term = scale;
  let result = term;
  let prevRounded = roundToPrecision(result, guardBits);
  for (let n = 1; n <= maxIters; n++) {
    term = divFloorPositive(term * x, scale * BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, guardBits);
    if (abs(term) < guard || rounded === prevRounded) break;
    prevRounded = rounded;
  }
  return result;
}

/**
 * ln of the values seen last, by value, precision and iteration bound: a swap's reserves recur
 * (a call's validation and its dispatch price the same swap; the next call on the pool starts
 * from the reserves the last one left), and each ln is a thousand-term series at 1,048 bits.
 * Cleared when full, so it holds at most `LN_MEMO_SIZE` values.
 */
const LN_MEMO_SIZE = 4096;
const lnMemo = new Map<string, bigint>();

/** ln(value) with the mantissa normalised into [0.5, 1.5) for the series. */
function lnBiguint(value: bigint, precision: bigint, guardBits: bigint, lnTwo: bigint, maxIters: number): bigint {
  if (value === 0n) return 0n;
  const key = `${value}/${precision}/${guardBits}/${maxIters}`;
  let ln = lnMemo.get(key);
  if (ln === undefined) {
    if (lnMemo.size >= LN_MEMO_SIZE) lnMemo.clear();
    lnMemo.set(key, (ln = lnSeries(value, precision, guardBits, lnTwo, maxIters)));
  }
  return ln;
}

function lnSeries(value: bigint, precision: bigint, guardBits: bigint, lnTwo: bigint, maxIters: number): bigint {
  const scale = 1n << precision;
  let shift = bits(value) - 1n;
  let mantissa = (value << precision) >> shift;
  if (mantissa >= scale + (scale >> 1n)) {
    mantissa >>= 1n;
    shift += 1n;
  }
  return ln1pFixed(mantissa - scale, precision, guardBits, maxIters) + lnTwo * shift;
}

/**
 * ln 2 at a precision and iteration bound, as the crate computes it (the series of ln(1 − 1/2)),
 * kept: it depends on nothing else, and at the swap's 1,048 bits it is a thousand terms.
 */
const lnTwos = new Map<string, bigint>();

function lnTwoAt(precision: bigint, guardBits: bigint, maxIters: number): bigint {
  const key = `${precision}/${guardBits}/${maxIters}`;
  let v = lnTwos.get(key);
  if (v === undefined) lnTwos.set(key, (v = -ln1pFixed(-(1n << (precision - 1n)), precision, guardBits, maxIters)));
  return v;
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
  const key = `${baseNum}/${baseDen}/${expNum}/${expDen}/${precision}/${scale}/${maxIters}`;
  const known = powMemo.get(key);
  if (known !== undefined) return known;
  if (powMemo.size >= POW_MEMO_SIZE) powMemo.clear();
  const result = powSeries(baseNum, baseDen, expNum, expDen, precision, scale, maxIters);
  powMemo.set(key, result);
  return result;
}

/**
 * Series results by every argument: a call's validation and its dispatch price the same swap
 * (about a third of a node's calls repeat one). Cleared when full.
 */
const POW_MEMO_SIZE = 1024;
const powMemo = new Map<string, bigint>();

function powSeries(baseNum: bigint, baseDen: bigint, expNum: bigint, expDen: bigint, precision: number, scale: bigint, maxIters: number | undefined): bigint {
  const requested = BigInt(Math.max(precision, 32, Number(bits(scale)) + 8));
  const internalPrecision = requested + GUARD_BITS;
  const iters = Math.max(maxIters ?? Math.min(DEFAULT_MAX_ITERS, Number(internalPrecision) + 128), 1);
  const lnTwo = lnTwoAt(internalPrecision, GUARD_BITS, iters);
  const lnBase = lnBiguint(baseNum, internalPrecision, GUARD_BITS, lnTwo, iters) - lnBiguint(baseDen, internalPrecision, GUARD_BITS, lnTwo, iters);
  const lnScaled = divFloor(lnBase * expNum, expDen);
  const expRequested = roundToPrecision(expFixed(lnScaled, internalPrecision, GUARD_BITS, iters), GUARD_BITS);
  return expRequested * scale >> requested; // floor division by the target scale 2^requested
}
