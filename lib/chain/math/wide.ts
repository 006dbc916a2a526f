/**
 * The `epoch/math.rs` helpers that need the full range of the fixed types (I32F32::MAX inputs,
 * I64F64 stake, u64 results) and the u16 weight encodings of `set_weights`, in bigint.
 * Spec: reference/subtensor-spec.md §1.3.
 */
import { I32F32, I64F64, U16_MAX, U64_MAX, convert, fromInt, round, safeDiv, satMul, toU16, toU64 } from "./fixed";

const U16_MAX_FIXED = fromInt(I32F32, U16_MAX);
const u16Fixed = (x: number) => BigInt(x) << 32n;

export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `fixed_to_u64`: floor, saturated to [0, u64::MAX]. */
export function fixedToU64(x: bigint): bigint {
  return toU64(I32F32, x);
}

/** `fixed64_to_fixed32`: floor to 32 fraction bits, saturated. */
export function fixed64ToFixed32(x: bigint): bigint {
  return convert(I64F64, I32F32, x);
}

/** `checked_sum` over unsigned integers bounded by `max` (u64 by default); null on overflow. */
export function checkedSum(v: readonly bigint[], max: bigint = U64_MAX): bigint | null {
  let s = 0n;
  for (const e of v) {
    s += e;
    if (s > max) return null;
  }
  return s;
}

/** `inplace_normalize_64`: each I64F64 value divided by the sum (unchanged if it is zero). */
export function inplaceNormalize64(v: bigint[]): void {
  let s = 0n;
  for (const e of v) s += e;
  if (s === 0n) return;
  for (let i = 0; i < v.length; i++) v[i] = safeDiv(I64F64, v[i]!, s);
}

/**
 * `vec_max_upscale_to_u16`: scale so the max becomes 65535 and round ties away from zero.
 * Above a max of 32768 the scale factor is computed first (`e · (65535/max)`), otherwise the
 * product is (`e·65535 / max`), exactly as the Rust branches do.
 */
export function vecMaxUpscaleToU16(v: readonly bigint[]): number[] {
  if (v.length === 0) return [];
  let max = v[0]!;
  for (const e of v) if (e > max) max = e;
  if (max === 0n) return v.map((e) => toU16(I32F32, satMul(I32F32, e, U16_MAX_FIXED)));
  if (max > fromInt(I32F32, 32768)) {
    const factor = safeDiv(I32F32, U16_MAX_FIXED, max);
    return v.map((e) => toU16(I32F32, round(I32F32, satMul(I32F32, e, factor))));
  }
  return v.map((e) => toU16(I32F32, round(I32F32, safeDiv(I32F32, satMul(I32F32, e, U16_MAX_FIXED), max))));
}

/**
 * `vec_u16_max_upscale_to_u16`: what `set_weights` applies before storing weights.
 *
 * On u16 input every intermediate of the I32F32 computation is an integer that a double holds
 * exactly, so this evaluates {@link vecMaxUpscaleToU16}'s two branches in plain numbers (a
 * weights row is up to 4,096 values, set every tempo by every validator); other input takes the
 * bigint path. A property test keeps the two equal.
 */
export function vecU16MaxUpscaleToU16(v: readonly number[]): number[] {
  if (!v.every(isU16)) return vecMaxUpscaleToU16(v.map(u16Fixed));
  if (v.length === 0) return [];
  let max = 0;
  for (const x of v) if (x > max) max = x;
  if (max === 0) return v.map(() => 0);
  if (max > 32768) {
    // factor = 65535·2^32 / max (I32F32 bits); x · factor stays below 2^49; round, then floor.
    const factor = floorDiv(U16_MAX_NUM * TWO_32, max);
    return v.map((x) => Math.min(U16_MAX_NUM, Math.floor((x * factor + TWO_31) / TWO_32)));
  }
  // (x·65535 · 2^32 / max) rounded to an integer: with x·65535 = q·max + r, that is q + (2r ≥ max).
  return v.map((x) => {
    const q = floorDiv(x * U16_MAX_NUM, max);
    const r = x * U16_MAX_NUM - q * max;
    return Math.min(U16_MAX_NUM, q + (2 * r >= max ? 1 : 0));
  });
}

/**
 * `check_vec_max_limited`: the normalised max must not exceed `maxLimit/65535`. In I32F32 each
 * share is floor(x·2^32 / sum) against floor(maxLimit·2^32 / 65535): integers below 2^53, so
 * exact in numbers for u16 input; other input takes the bigint path.
 */
export function checkVecMaxLimited(v: readonly number[], maxLimit: number): boolean {
  if (!v.every(isU16) || !isU16(maxLimit)) return checkVecMaxLimitedFixed(v, maxLimit);
  const limit = floorDiv(maxLimit * TWO_32, U16_MAX_NUM);
  let s = 0;
  for (const e of v) s += e;
  if (s === 0) return true; // all zero: normalisation leaves them 0
  return v.every((e) => floorDiv(e * TWO_32, s) <= limit);
}

/** `check_vec_max_limited` in I32F32 bigints: the reference for the number form above. */
export function checkVecMaxLimitedFixed(v: readonly number[], maxLimit: number): boolean {
  const limit = safeDiv(I32F32, u16Fixed(maxLimit), U16_MAX_FIXED);
  let s = 0n;
  for (const e of v) s += u16Fixed(e);
  if (s === 0n) return true; // all zero: normalisation leaves them 0
  return v.every((e) => safeDiv(I32F32, u16Fixed(e), s) <= limit);
}

const U16_MAX_NUM = 65535;
const TWO_31 = 2 ** 31;
const TWO_32 = 2 ** 32;
const isU16 = (x: number) => Number.isInteger(x) && x >= 0 && x <= U16_MAX_NUM;

/** floor(a / b) for non-negative integers a < 2^53 and b ≥ 1, exactly (the float quotient corrected by one). */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}
