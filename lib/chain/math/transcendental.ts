/**
 * `substrate_fixed::transcendental` (encointer fork) as subtensor uses it, plus the epoch's
 * safe wrappers from `epoch/math.rs`. Spec: reference/subtensor-spec.md §1.2.
 */
import * as fast from "./fast";
import {
  type FixedType,
  I32F32,
  checkedAdd,
  checkedDiv,
  checkedMul,
  fromInt,
  satAdd,
  satMul,
  satSub,
  safeDiv,
} from "./fixed";

/** The crate's `E` constant is stored as I9F23: floor(e·2^23) = 22 802 600. */
const E_I9F23_BITS = 22_802_600n;

/**
 * `transcendental::exp` over one fixed type. `exp(0) = 1`; `exp(1)` returns the I9F23
 * constant E; otherwise the Taylor series of |x| with terms for i in 2..frac_bits (each
 * product floored, each division truncated, every step checked), inverted for negative x.
 * Returns null where the crate returns `Err` (any checked overflow).
 */
export function exp(t: FixedType, x: bigint): bigint | null {
  if (x === 0n) return t.one;
  if (x === t.one) return E_I9F23_BITS << (t.frac - 23n);
  const neg = x < 0n;
  const xa = neg ? -x : x;
  let result = checkedAdd(t, xa, t.one);
  if (result === null) return null;
  let term = xa;
  const fracBits = Number(t.frac);
  for (let i = 2; i < fracBits; i++) {
    const prod = checkedMul(t, term, xa);
    if (prod === null) return null;
    const quot = checkedDiv(t, prod, fromInt(t, i));
    if (quot === null) return null;
    term = quot;
    const sum = checkedAdd(t, result, term);
    if (sum === null) return null;
    result = sum;
  }
  return neg ? checkedDiv(t, t.one, result) : result;
}

const EXP_SAFE_MIN = fromInt(I32F32, -20);
const EXP_SAFE_MAX = fromInt(I32F32, 20);

/** `exp_safe` (epoch/math.rs): input clamped to [−20, 20]; on error 0 for x ≤ 0, else MAX. */
export function expSafe(x: bigint): bigint {
  const safe = x < EXP_SAFE_MIN ? EXP_SAFE_MIN : x > EXP_SAFE_MAX ? EXP_SAFE_MAX : x;
  const r = exp(I32F32, safe);
  if (r !== null) return r;
  return safe <= 0n ? 0n : I32F32.max;
}

/** `safe_exp` (epoch/math.rs): no clamp; 0 on error. Used by the liquid-alpha sigmoid. */
export function safeExp(x: bigint): bigint {
  return exp(I32F32, x) ?? 0n;
}

/** `sigmoid_safe(x, rho, kappa) = 1 / (1 + exp_safe(−rho·(x − kappa)))`, all saturating. */
export function sigmoidSafe(x: bigint, rho: bigint, kappa: bigint): bigint {
  const one = I32F32.one;
  const offset = satSub(I32F32, x, kappa);
  const negRho = satMul(I32F32, rho, -one);
  const expInput = satMul(I32F32, negRho, offset);
  const denominator = satAdd(I32F32, expSafe(expInput), one);
  return safeDiv(I32F32, one, denominator);
}

/** Right shift with rounding: `(x >> 1) + (x & lsb)`. */
function rs(x: bigint): bigint {
  return (x >> 1n) + (x & 1n);
}

/**
 * `transcendental::log2` for x ≥ 1 (the only case block emission needs): integer part by
 * rounding halvings, then one fraction bit per squaring. Returns null for x ≤ 0.
 */
export function log2(t: FixedType, x: bigint): bigint | null {
  if (x <= 0n) return null;
  if (x < t.one) {
    const inv = checkedDiv(t, t.one, x);
    if (inv === null) return null;
    const r = log2(t, inv);
    return r === null ? null : -r;
  }
  const two = t.one << 1n;
  let { count: result, v } = integerHalvings(t, x);
  if (v === t.one) return result << t.frac;
  for (let i = 0n; i < t.frac; i++) {
    v = (v * v) >> t.frac;
    result <<= 1n;
    if (v >= two) {
      result |= 1n;
      v = rs(v);
    }
  }
  return result;
}

/** The halvings `log2` counts for x ≥ 1 before its fraction bits (its integer part), and what is left. */
function integerHalvings(t: FixedType, x: bigint): { count: bigint; v: bigint } {
  const two = t.one << 1n;
  let v = x;
  let count = 0n;
  while (v >= two) {
    count += 1n;
    v = rs(v);
  }
  return { count, v };
}

/**
 * `log2(t, x) >> frac`: the floor of `log2`'s result, as an integer. For x ≥ 1 that is its
 * integer part, counted without the `frac` squarings that follow (each fraction bit lands below
 * the binary point, so they never change the floor). The halvings round like `log2`'s, so just
 * under a power of two this can be one more than the exact floor: it is `log2`'s floor, not the
 * real logarithm's. Below 1 it takes `log2` whole. Null for x ≤ 0.
 */
export function log2Floor(t: FixedType, x: bigint): bigint | null {
  if (x >= t.one) return integerHalvings(t, x).count;
  const r = log2(t, x);
  return r === null ? null : r >> t.frac;
}

/** exp(x) results stay below 2^53 bits for |x| ≤ 14 (e^14 · 2^32 ≈ 2^52.2). */
const FAST_EXP_LIMIT = 14 * fast.TWO32;
const E_I32F32_BITS = Number(E_I9F23_BITS << 9n);

/** Whether {@link expFast} takes this input (|x| ≤ 14). */
export function inFastExpRange(x: number): boolean {
  return x <= FAST_EXP_LIMIT && x >= -FAST_EXP_LIMIT;
}

/**
 * `exp` over I32F32 for bits held in doubles (./fast.ts), for |x| ≤ 14: the same series, term
 * by term, with the same floors and truncations. It stops once a term is 0, since every later
 * term is 0 and adds nothing. Wider inputs belong to the bigint {@link exp}.
 */
export function expFast(x: number): number {
  if (!inFastExpRange(x)) throw new fast.FastRangeError("exp of an input beyond ±14");
  if (x === 0) return fast.ONE;
  if (x === fast.ONE) return E_I32F32_BITS;
  const xa = Math.abs(x);
  let result = xa + fast.ONE;
  let term = xa;
  for (let i = 2; i < 32 && term !== 0; i++) {
    term = fast.divInt(fast.mul(term, xa), i);
    result += term;
  }
  return x < 0 ? fast.div(fast.ONE, result) : result;
}
