/**
 * Vector helpers of subtensor's `pallets/subtensor/src/epoch/math.rs`, I32F32 unless the name
 * says otherwise. Names mirror the Rust functions (camelCase); `inplace*` functions mutate
 * their argument as the Rust ones do. Spec: reference/subtensor-spec.md §1.3, §2.3.
 */
import {
  I32F32,
  I64F64,
  U16_MAX,
  U64_MAX,
  checkedMul,
  convert,
  fromInt,
  round,
  safeDiv,
  satAdd,
  satMul,
  satSub,
  toU16,
  toU64,
} from "./fixed";

export type FixedVec = bigint[];

const ONE = I32F32.one;
const U16_MAX_FIXED = fromInt(I32F32, U16_MAX);

export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Conversions (math.rs top of file)
// ---------------------------------------------------------------------------------------------

/** `u16_to_fixed`: the integer value. */
export function u16ToFixed(x: number): bigint {
  return BigInt(x) << 32n;
}

/** `u16_proportion_to_fixed`: `I32F32(x) / I32F32(65535)`, truncating. */
export function u16ProportionToFixed(x: number): bigint {
  return safeDiv(I32F32, u16ToFixed(x), U16_MAX_FIXED);
}

/** `fixed_to_fixed_u16_proportion`: a fixed u16 value divided by 65535. */
export function fixedToFixedU16Proportion(x: bigint): bigint {
  return safeDiv(I32F32, x, U16_MAX_FIXED);
}

/** `fixed_proportion_to_u16`: floor(x·65535), saturated to [0, 65535]. */
export function fixedProportionToU16(x: bigint): number {
  return toU16(I32F32, satMul(I32F32, x, U16_MAX_FIXED));
}

/** `fixed_to_u64`: floor, saturated to [0, u64::MAX]. */
export function fixedToU64(x: bigint): bigint {
  return toU64(I32F32, x);
}

/** `fixed64_to_fixed32`: floor to 32 fraction bits, saturated. */
export function fixed64ToFixed32(x: bigint): bigint {
  return convert(I64F64, I32F32, x);
}

export function vecFixed64ToFixed32(v: readonly bigint[]): FixedVec {
  return v.map(fixed64ToFixed32);
}

export function vecFixedProportionsToU16(v: readonly bigint[]): number[] {
  return v.map(fixedProportionToU16);
}

// ---------------------------------------------------------------------------------------------
// Weight encodings
// ---------------------------------------------------------------------------------------------

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
  const threshold = fromInt(I32F32, 32768);
  if (max > threshold) {
    const factor = safeDiv(I32F32, U16_MAX_FIXED, max);
    return v.map((e) => toU16(I32F32, round(I32F32, satMul(I32F32, e, factor))));
  }
  return v.map((e) => toU16(I32F32, round(I32F32, safeDiv(I32F32, satMul(I32F32, e, U16_MAX_FIXED), max))));
}

/** `vec_u16_max_upscale_to_u16`: what `set_weights` applies before storing weights. */
export function vecU16MaxUpscaleToU16(v: readonly number[]): number[] {
  return vecMaxUpscaleToU16(v.map(u16ToFixed));
}

/** `check_vec_max_limited`: normalised max must not exceed `maxLimit/65535`. */
export function checkVecMaxLimited(v: readonly number[], maxLimit: number): boolean {
  const limit = safeDiv(I32F32, u16ToFixed(maxLimit), U16_MAX_FIXED);
  const fixed = v.map(u16ToFixed);
  inplaceNormalize(fixed);
  for (const e of fixed) if (e > limit) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Sums and normalisation
// ---------------------------------------------------------------------------------------------

/** `sum`: plain addition (the crate's `Sum`). */
export function sum(v: readonly bigint[]): bigint {
  let s = 0n;
  for (const e of v) s += e;
  return s;
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

export function isZero(v: readonly bigint[]): boolean {
  return sum(v) === 0n;
}

/** `normalize`: a copy divided by its sum (unchanged if the sum is zero). */
export function normalize(v: readonly bigint[]): FixedVec {
  const s = sum(v);
  if (s === 0n) return v.slice();
  return v.map((e) => safeDiv(I32F32, e, s));
}

export function inplaceNormalize(v: bigint[]): void {
  inplaceNormalizeUsingSum(v, sum(v));
}

export function inplaceNormalizeUsingSum(v: bigint[], s: bigint): void {
  if (s === 0n) return;
  for (let i = 0; i < v.length; i++) v[i] = safeDiv(I32F32, v[i]!, s);
}

/** `inplace_normalize_64`: the same over I64F64. */
export function inplaceNormalize64(v: bigint[]): void {
  const s = sum(v);
  if (s === 0n) return;
  for (let i = 0; i < v.length; i++) v[i] = safeDiv(I64F64, v[i]!, s);
}

/** `vecdiv`: x/y element-wise, 0 where y is 0. */
export function vecdiv(x: readonly bigint[], y: readonly bigint[]): FixedVec {
  if (x.length !== y.length) throw new RangeError(`vecdiv: lengths differ (${x.length} vs ${y.length})`);
  return x.map((xi, i) => (y[i] === 0n ? 0n : safeDiv(I32F32, xi, y[i]!)));
}

/** `vec_mul`: element-wise `checked_mul`, 0 on overflow; length of the shorter input. */
export function vecMul(a: readonly bigint[], b: readonly bigint[]): FixedVec {
  const n = Math.min(a.length, b.length);
  const out: FixedVec = new Array(n);
  for (let i = 0; i < n; i++) out[i] = checkedMul(I32F32, a[i]!, b[i]!) ?? 0n;
  return out;
}

/** `inplace_mask_vector`: zero where the mask is true. */
export function inplaceMaskVector(mask: readonly boolean[], v: bigint[]): void {
  if (mask.length === 0) return;
  if (mask.length !== v.length) throw new RangeError("inplaceMaskVector: mask and vector lengths differ");
  for (let i = 0; i < v.length; i++) if (mask[i]) v[i] = 0n;
}

// ---------------------------------------------------------------------------------------------
// Top-k (validator permits)
// ---------------------------------------------------------------------------------------------

function topkFrom(v: readonly bigint[], k: number, start: boolean[]): boolean[] {
  const n = v.length;
  if (n < k) return start;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => compareBigint(v[a]!, v[b]!)); // stable, ascending
  for (let i = 0; i < n - k; i++) start[idx[i]!] = false;
  return start;
}

/** `is_topk`: true for the k largest (ties: the lower index loses). */
export function isTopk(v: readonly bigint[], k: number): boolean[] {
  return topkFrom(v, k, v.map(() => true));
}

/** `is_topk_nonzero`: as `is_topk`, but zero entries are never in. */
export function isTopkNonzero(v: readonly bigint[], k: number): boolean[] {
  return topkFrom(v, k, v.map((e) => e !== 0n));
}

// ---------------------------------------------------------------------------------------------
// Weighted median (consensus)
// ---------------------------------------------------------------------------------------------

/**
 * `weighted_median`: deterministic mid-pivot partition search over `partition`. Written as a
 * loop; each iteration is one level of the Rust recursion with the same comparisons.
 */
export function weightedMedian(
  stake: readonly bigint[],
  score: readonly bigint[],
  partition: readonly number[],
  minority: bigint,
  partitionLo: bigint,
  partitionHi: bigint,
): bigint {
  let part = partition;
  let lo = partitionLo;
  let hi = partitionHi;
  for (;;) {
    const n = part.length;
    if (n === 0) return 0n;
    if (n === 1) return score[part[0]!]!;
    const pivot = score[part[n >> 1]!]!;
    let loStake = 0n;
    let hiStake = 0n;
    const lower: number[] = [];
    const upper: number[] = [];
    for (const idx of part) {
      const s = score[idx]!;
      if (s === pivot) continue;
      if (s < pivot) {
        loStake = satAdd(I32F32, loStake, stake[idx]!);
        lower.push(idx);
      } else {
        hiStake = satAdd(I32F32, hiStake, stake[idx]!);
        upper.push(idx);
      }
    }
    const loEdge = satAdd(I32F32, lo, loStake);
    const hiEdge = satSub(I32F32, hi, hiStake);
    if (loEdge <= minority && minority < hiEdge) return pivot;
    if (minority < loEdge && lower.length > 0) {
      part = lower;
      hi = loEdge;
    } else if (hiEdge <= minority && upper.length > 0) {
      part = upper;
      lo = hiEdge;
    } else {
      return pivot;
    }
  }
}

/** Positive stakes renormalised, with the minority bound both column medians use. */
function medianStake(stake: readonly bigint[], majority: bigint) {
  const use = stake.filter((s) => s > 0n);
  inplaceNormalize(use);
  const stakeSum = sum(use);
  return { use, stakeSum, minority: satSub(I32F32, stakeSum, majority) };
}

/** `weighted_median_col` (dense): per column, over rows with positive stake. */
export function weightedMedianCol(stake: readonly bigint[], score: readonly bigint[][], majority: bigint): FixedVec {
  const columns = score[0]?.length ?? 0;
  const median: FixedVec = new Array(columns).fill(0n);
  const rows = stake.length;
  for (let c = 0; c < columns; c++) {
    const useStake: bigint[] = [];
    const useScore: bigint[] = [];
    for (let r = 0; r < rows; r++) {
      if (stake[r]! > 0n) {
        useStake.push(stake[r]!);
        useScore.push(score[r]![c]!);
      }
    }
    if (useStake.length === 0) continue;
    inplaceNormalize(useStake);
    const stakeSum = sum(useStake);
    const idx = useStake.map((_, i) => i);
    median[c] = weightedMedian(useStake, useScore, idx, satSub(I32F32, stakeSum, majority), 0n, stakeSum);
  }
  return median;
}

/** `weighted_median_col_sparse`: the epoch's consensus, `columns` medians. */
export function weightedMedianColSparse(
  stake: readonly bigint[],
  score: readonly (readonly (readonly [number, bigint])[])[],
  columns: number,
  majority: bigint,
): FixedVec {
  const { use, stakeSum, minority } = medianStake(stake, majority);
  const k = use.length;
  const useScore: bigint[][] = Array.from({ length: columns }, () => new Array<bigint>(k).fill(0n));
  let row = 0;
  for (let r = 0; r < stake.length && r < score.length; r++) {
    if (stake[r]! <= 0n) continue;
    for (const [c, val] of score[r]!) {
      const col = useScore[c];
      if (col !== undefined && row < k) col[row] = val;
    }
    row++;
  }
  const idx = use.map((_, i) => i);
  return useScore.map((col) => weightedMedian(use, col, idx, minority, 0n, stakeSum));
}

export { ONE as I32F32_ONE };
