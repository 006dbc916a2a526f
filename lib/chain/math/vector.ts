/**
 * Vector helpers of subtensor's `epoch/math.rs` on I32F32 raw bits held in doubles (see
 * ./fast.ts for why that is exact). Names mirror the Rust functions (camelCase); `inplace*`
 * functions mutate their argument as the Rust ones do.
 */
import { FastRangeError, TWO32, add, div, mul, safeDiv, toU16 } from "./fast";

/** A vector of I32F32 values (raw bits as exact doubles). */
export type Vec = number[];

const U16_MAX_FIXED = 65535 * TWO32;

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------

/** `u16_to_fixed`: the integer value. */
export function u16ToFixed(x: number): number {
  return x * TWO32;
}

/** All 65 536 values of `u16 / 65535` in I32F32, computed on first use. */
let proportions: Float64Array | undefined;

/**
 * The table of {@link u16ProportionToFixed}: entry u is `u16_proportion_to_fixed(u)`. For loops
 * over stored u16 values (always integers in 0..65535), which index it directly.
 */
export function u16ProportionTable(): Float64Array {
  if (!proportions) {
    proportions = new Float64Array(65536);
    for (let u = 0; u < 65536; u++) proportions[u] = div(u * TWO32, U16_MAX_FIXED);
  }
  return proportions;
}

/** `u16_proportion_to_fixed`: `I32F32(x) / I32F32(65535)`, truncating. */
export function u16ProportionToFixed(x: number): number {
  const v = u16ProportionTable()[x];
  if (v === undefined || !Number.isInteger(x)) throw new RangeError(`${x} is not a u16`);
  return v;
}

/** `fixed_to_fixed_u16_proportion`: a fixed u16 value divided by 65535. */
export function fixedToFixedU16Proportion(x: number): number {
  return div(x, U16_MAX_FIXED);
}

/**
 * `fixed_proportion_to_u16`: floor(x·65535), saturated to [0, 65535]. Below 1 (x < 2^32 bits)
 * the I32F32 product `(x · 65535·2^32) >> 32` is the integer x·65535 itself, below 2^48 and so
 * exact as a double; its floor over 2^32 is the u16. Negative x give a negative floor: 0.
 */
export function fixedProportionToU16(x: number): number {
  if (x >= TWO32) return 65535; // x ≥ 1 saturates; the product may not even be exact
  if (x < -MAX_EXACT_PROPORTION) return toU16(mul(x, U16_MAX_FIXED));
  const v = Math.floor((x * 65535) / TWO32);
  return v < 0 ? 0 : v;
}

/** |x| below this keeps x·65535 under 2^53. */
const MAX_EXACT_PROPORTION = 2 ** 36;

// ---------------------------------------------------------------------------------------------
// Sums and normalisation
// ---------------------------------------------------------------------------------------------

/** `sum`: exact addition. */
export function sum(v: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  if (s > Number.MAX_SAFE_INTEGER || s < -Number.MAX_SAFE_INTEGER) throw new FastRangeError("a vector sum");
  return s;
}

export function isZero(v: readonly number[]): boolean {
  return sum(v) === 0;
}

/** `normalize`: a copy divided by its sum (unchanged if the sum is zero). */
export function normalize(v: readonly number[]): Vec {
  const out = v.slice();
  inplaceNormalize(out);
  return out;
}

export function inplaceNormalize(v: number[]): void {
  inplaceNormalizeUsingSum(v, sum(v));
}

export function inplaceNormalizeUsingSum(v: number[], s: number): void {
  if (s === 0) return;
  for (let i = 0; i < v.length; i++) v[i] = div(v[i]!, s);
}

/** `vecdiv`: x/y element-wise, 0 where y is 0. */
export function vecdiv(x: readonly number[], y: readonly number[]): Vec {
  if (x.length !== y.length) throw new RangeError(`vecdiv: lengths differ (${x.length} vs ${y.length})`);
  return x.map((xi, i) => safeDiv(xi, y[i]!));
}

/** `vec_mul`: element-wise product; length of the shorter input. */
export function vecMul(a: readonly number[], b: readonly number[]): Vec {
  const n = Math.min(a.length, b.length);
  const out: Vec = new Array(n);
  for (let i = 0; i < n; i++) out[i] = mul(a[i]!, b[i]!);
  return out;
}

/** `inplace_mask_vector`: zero where the mask is true. */
export function inplaceMaskVector(mask: readonly boolean[], v: number[]): void {
  if (mask.length === 0) return;
  if (mask.length !== v.length) throw new RangeError("inplaceMaskVector: mask and vector lengths differ");
  for (let i = 0; i < v.length; i++) if (mask[i]) v[i] = 0;
}

// ---------------------------------------------------------------------------------------------
// Top-k (validator permits)
// ---------------------------------------------------------------------------------------------

function topkFrom(v: readonly number[], k: number, start: boolean[]): boolean[] {
  const n = v.length;
  if (n < k) return start;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => v[a]! - v[b]!); // stable, ascending
  for (let i = 0; i < n - k; i++) start[idx[i]!] = false;
  return start;
}

/** `is_topk`: true for the k largest (ties: the lower index loses). */
export function isTopk(v: readonly number[], k: number): boolean[] {
  return topkFrom(v, k, v.map(() => true));
}

/** `is_topk_nonzero`: as `is_topk`, but zero entries are never in. */
export function isTopkNonzero(v: readonly number[], k: number): boolean[] {
  return topkFrom(v, k, v.map((e) => e !== 0));
}

// ---------------------------------------------------------------------------------------------
// Weighted median (consensus)
// ---------------------------------------------------------------------------------------------

/** Scratch partitions for {@link weightedMedian}, grown on demand and reused. */
let scratch: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

function scratchFor(n: number): Int32Array[] {
  if (scratch[0]!.length < n) scratch = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  return scratch;
}

/**
 * `weighted_median`: deterministic mid-pivot partition search over `partition` (indices into
 * stake/score). A loop over preallocated buffers; each iteration is one level of the Rust
 * recursion with the same pivot, the same order and the same comparisons.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  partition: ArrayLike<number>,
  minority: number,
  partitionLo: number,
  partitionHi: number,
): number {
  const bufs = scratchFor(partition.length);
  let cur = bufs[0]!;
  let n = partition.length;
  for (let i = 0; i < n; i++) cur[i] = partition[i]!;
  let lo = partitionLo;
  let hi = partitionHi;
  for (;;) {
    if (n === 0) return 0;
    if (n === 1) return score[cur[0]!]!;
    const pivot = score[cur[n >> 1]!]!;
    const lower = cur === bufs[1] ? bufs[0]! : bufs[1]!;
    const upper = cur === bufs[2] ? bufs[0]! : bufs[2]!;
    let nl = 0;
    let nu = 0;
    let loStake = 0;
    let hiStake = 0;
    for (let k = 0; k < n; k++) {
      const idx = cur[k]!;
      const s = score[idx]!;
      if (s < pivot) {
        loStake += stake[idx]!;
        lower[nl++] = idx;
      } else if (s > pivot) {
        hiStake += stake[idx]!;
        upper[nu++] = idx;
      }
    }
    const loEdge = add(lo, loStake);
    const hiEdge = add(hi, -hiStake);
    if (loEdge <= minority && minority < hiEdge) return pivot;
    if (minority < loEdge && nl > 0) {
      cur = lower;
      n = nl;
      hi = loEdge;
    } else if (hiEdge <= minority && nu > 0) {
      cur = upper;
      n = nu;
      lo = hiEdge;
    } else {
      return pivot;
    }
  }
}

/** Positive stakes renormalised, with the minority bound the column medians use. */
export function medianStake(stake: readonly number[], majority: number) {
  const use = stake.filter((s) => s > 0);
  inplaceNormalize(use);
  const stakeSum = sum(use);
  return { use, stakeSum, minority: add(stakeSum, -majority) };
}

