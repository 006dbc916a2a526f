/**
 * Dense matrix helpers of subtensor's `epoch/math.rs` (used by the dense test epoch and by
 * subtensor's own math tests). Degenerate shapes return what the Rust returns, e.g. `[[]]`.
 */
import { I32F32, safeDiv, satAdd, satMul, satSub } from "./fixed";
import { fromBits } from "./fast";
import { inplaceNormalize, sum, weightedMedian } from "./vector";

type FixedVec = bigint[];

export type DenseMatrix = bigint[][];

const ONE = I32F32.one;

function isEmptyMatrix(m: readonly (readonly unknown[])[]): boolean {
  return m.length === 0 || m[0]!.length === 0;
}

/** `inplace_row_normalize`: rows with a positive sum are divided by it. */
export function inplaceRowNormalize(m: DenseMatrix): void {
  for (const row of m) {
    let s = 0n;
    for (const v of row) s += v;
    if (s > 0n) for (let j = 0; j < row.length; j++) row[j] = safeDiv(I32F32, row[j]!, s);
  }
}

/** `row_sum`. */
export function rowSum(m: readonly (readonly bigint[])[]): FixedVec {
  if (m.length > 0 && m[0]!.length === 0) return [];
  return m.map((row) => row.reduce((a, b) => a + b, 0n));
}

/** `col_sum` (saturating). */
export function colSum(m: readonly (readonly bigint[])[]): FixedVec {
  if (isEmptyMatrix(m)) return [];
  const out: FixedVec = new Array(m[0]!.length).fill(0n);
  for (const row of m) for (let j = 0; j < out.length; j++) out[j] = satAdd(I32F32, out[j]!, row[j]!);
  return out;
}

/** `inplace_col_normalize`. */
export function inplaceColNormalize(m: DenseMatrix): void {
  if (isEmptyMatrix(m)) return;
  const sums = colSum(m);
  for (const row of m) for (let j = 0; j < row.length; j++) if (sums[j] !== 0n) row[j] = safeDiv(I32F32, row[j]!, sums[j]!);
}

/** `inplace_col_max_upscale`. */
export function inplaceColMaxUpscale(m: DenseMatrix): void {
  if (isEmptyMatrix(m)) return;
  const maxes: FixedVec = new Array(m[0]!.length).fill(0n);
  for (const row of m) for (let j = 0; j < maxes.length; j++) if (row[j]! > maxes[j]!) maxes[j] = row[j]!;
  for (const row of m) for (let j = 0; j < row.length; j++) if (maxes[j] !== 0n) row[j] = safeDiv(I32F32, row[j]!, maxes[j]!);
}

/** `inplace_mask_matrix`: zero where the mask is true. */
export function inplaceMaskMatrix(mask: readonly (readonly boolean[])[], m: DenseMatrix): void {
  if (isEmptyMatrix(mask)) return;
  if (mask.length !== m.length) throw new RangeError("inplaceMaskMatrix: mask and matrix row counts differ");
  mask.forEach((maskRow, i) => maskRow.forEach((masked, j) => masked && (m[i]![j] = 0n)));
}

/** `inplace_mask_rows`: masked rows become zero rows. */
export function inplaceMaskRows(mask: readonly boolean[], m: DenseMatrix): void {
  if (m.length === 0) return;
  if (mask.length !== m.length) throw new RangeError("inplaceMaskRows: mask and matrix row counts differ");
  const cols = m[0]!.length;
  for (let i = 0; i < m.length; i++) if (mask[i]) m[i] = new Array(cols).fill(0n);
}

/** `inplace_mask_cols`: masked columns become zero. */
export function inplaceMaskCols(mask: readonly boolean[], m: DenseMatrix): void {
  for (const row of m) for (let j = 0; j < row.length; j++) if (mask[j]) row[j] = 0n;
}

/** `inplace_mask_diag`. */
export function inplaceMaskDiag(m: DenseMatrix): void {
  if (isEmptyMatrix(m)) return;
  if (m.length !== m[0]!.length) throw new RangeError("inplaceMaskDiag: matrix is not square");
  for (let i = 0; i < m.length; i++) m[i]![i] = 0n;
}

/** `inplace_mask_diag_except_index`. */
export function inplaceMaskDiagExceptIndex(m: DenseMatrix, except: number): void {
  if (isEmptyMatrix(m)) return;
  const kept = m[except]?.[except];
  inplaceMaskDiag(m);
  if (kept !== undefined) m[except]![except] = kept;
}

/** `row_hadamard`: row i times `vector[i]`. */
export function rowHadamard(m: readonly (readonly bigint[])[], vector: readonly bigint[]): DenseMatrix {
  if (isEmptyMatrix(m)) return [[]];
  return m.slice(0, vector.length).map((row, i) => row.map((v) => satMul(I32F32, vector[i]!, v)));
}

/** `matmul`: `result_j = Σ_i vector_i · m_ij`. */
export function matmul(m: readonly (readonly bigint[])[], vector: readonly bigint[]): FixedVec {
  if (isEmptyMatrix(m)) return [];
  if (m.length !== vector.length) throw new RangeError("matmul: matrix rows and vector length differ");
  const out: FixedVec = new Array(m[0]!.length).fill(0n);
  m.forEach((row, i) => row.forEach((v, j) => (out[j] = satAdd(I32F32, out[j]!, satMul(I32F32, vector[i]!, v)))));
  return out;
}

/** `matmul_transpose`: `result_i = Σ_j vector_j · m_ij`. */
export function matmulTranspose(m: readonly (readonly bigint[])[], vector: readonly bigint[]): FixedVec {
  if (isEmptyMatrix(m)) return [];
  if (m[0]!.length !== vector.length) throw new RangeError("matmulTranspose: matrix columns and vector length differ");
  return m.map((row) => row.reduce((acc, v, j) => satAdd(I32F32, acc, satMul(I32F32, vector[j]!, v)), 0n));
}

/** `mat_vec_mul`: `m_ij · vector_j` (checked, 0 on overflow). */
export function matVecMul(m: readonly (readonly bigint[])[], vector: readonly bigint[]): DenseMatrix {
  if (isEmptyMatrix(m)) return [[]];
  return m.map((row) => row.slice(0, vector.length).map((v, j) => {
    const p = (v * vector[j]!) >> 32n;
    return p > I32F32.max || p < I32F32.min ? 0n : p;
  }));
}

/** `inplace_col_clip`: `min(value, threshold_j)`. */
export function inplaceColClip(m: DenseMatrix, threshold: readonly bigint[]): void {
  for (const row of m) for (let j = 0; j < row.length && j < threshold.length; j++) if (threshold[j]! < row[j]!) row[j] = threshold[j]!;
}

/** `interpolate`: `m1 + ratio·(m2 − m1)`. */
export function interpolate(m1: readonly (readonly bigint[])[], m2: readonly (readonly bigint[])[], ratio: bigint): DenseMatrix {
  if (ratio === 0n) return m1.map((r) => r.slice());
  if (ratio === ONE) return m2.map((r) => r.slice());
  if (isEmptyMatrix(m1)) return [[]];
  const cols = m1[0]!.length;
  return m1.map((r1, i) => {
    const out: bigint[] = new Array(cols).fill(0n);
    const r2 = m2[i] ?? [];
    for (let j = 0; j < Math.min(r1.length, r2.length, cols); j++) {
      out[j] = satAdd(I32F32, r1[j]!, satMul(I32F32, ratio, satSub(I32F32, r2[j]!, r1[j]!)));
    }
    return out;
  });
}

/** `hadamard`: element-wise product. */
export function hadamard(m1: readonly (readonly bigint[])[], m2: readonly (readonly bigint[])[]): DenseMatrix {
  if (isEmptyMatrix(m1)) return [[]];
  return m1.map((r1, i) => r1.map((v, j) => satMul(I32F32, v, m2[i]![j]!)));
}

/** `mat_ema`: `alpha·new + (1−alpha)·old`. */
export function matEma(next: readonly (readonly bigint[])[], old: readonly (readonly bigint[])[], alpha: bigint): DenseMatrix {
  if (isEmptyMatrix(next)) return [[]];
  const oneMinus = satSub(I32F32, ONE, alpha);
  return next.map((row, i) => {
    const o = old[i] ?? [];
    const n = Math.min(row.length, o.length);
    const out: bigint[] = new Array(n);
    for (let j = 0; j < n; j++) out[j] = satAdd(I32F32, satMul(I32F32, alpha, row[j]!), satMul(I32F32, oneMinus, o[j]!));
    return out;
  });
}

/**
 * `mat_ema_alpha` (dense liquid alpha): `min(1, (1−α)·old + max(0, α·new))`. Unlike the sparse
 * variant it keeps decayed old bonds where the new matrix is zero.
 */
export function matEmaAlpha(
  next: readonly (readonly bigint[])[],
  old: readonly (readonly bigint[])[],
  alpha: readonly (readonly bigint[])[],
): DenseMatrix {
  if (isEmptyMatrix(next)) return [[]];
  if (next.length !== old.length || next.length !== alpha.length) return old.map((r) => r.slice());
  for (let i = 0; i < next.length; i++) {
    if (next[i]!.length !== old[i]!.length || next[i]!.length !== alpha[i]!.length) return next.map((r) => r.slice());
  }
  return next.map((row, i) =>
    row.map((v, j) => {
      const a = alpha[i]![j]!;
      const decayed = satMul(I32F32, satSub(I32F32, ONE, a), old[i]![j]!);
      let inc = satMul(I32F32, a, v);
      if (inc < 0n) inc = 0n;
      const val = satAdd(I32F32, decayed, inc);
      return val > ONE ? ONE : val;
    }),
  );
}

/** `weighted_median_col` (dense): per column, over rows with positive stake. */
export function weightedMedianCol(stake: readonly bigint[], score: readonly (readonly bigint[])[], majority: bigint): FixedVec {
  const columns = score[0]?.length ?? 0;
  const median: FixedVec = new Array(columns).fill(0n);
  const rows = stake.map((s, r) => (s > 0n ? r : -1)).filter((r) => r >= 0);
  if (rows.length === 0) return median;
  const useStake = rows.map((r) => fromBits(stake[r]!));
  inplaceNormalize(useStake);
  const stakeSum = sum(useStake);
  const minority = stakeSum - fromBits(majority);
  const idx = rows.map((_, k) => k);
  for (let c = 0; c < columns; c++) {
    const useScore = rows.map((r) => fromBits(score[r]![c]!));
    median[c] = BigInt(weightedMedian(useStake, useScore, idx, minority, 0, stakeSum));
  }
  return median;
}

/** `clip`: values ≥ threshold become `upper`, the rest `lower`. */
export function clip(m: readonly (readonly bigint[])[], threshold: bigint, upper: bigint, lower: bigint): DenseMatrix {
  return m.map((row) => row.map((v) => (v >= threshold ? upper : lower)));
}

/** `inplace_clip`: as {@link clip}, in place. */
export function inplaceClip(m: DenseMatrix, threshold: bigint, upper: bigint, lower: bigint): void {
  for (const row of m) for (let j = 0; j < row.length; j++) row[j] = row[j]! >= threshold ? upper : lower;
}
