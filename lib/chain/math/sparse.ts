/**
 * Sparse matrix helpers of subtensor's `epoch/math.rs`. A row is a list of `[column, value]`
 * entries in column order; explicit zero entries are real entries (spec §2.9) and survive
 * everything except the operations that say they drop them.
 */
import { I32F32, safeDiv, satAdd, satMul, satSub } from "./fixed";
import type { FixedVec } from "./vector";

export type SparseEntry = readonly [col: number, value: bigint];
export type SparseRow = SparseEntry[];
export type SparseMatrix = SparseRow[];

const ZERO = 0n;
const ONE = I32F32.one;

export function cloneSparse(m: readonly (readonly SparseEntry[])[]): SparseMatrix {
  return m.map((row) => row.slice());
}

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. */
export function inplaceRowNormalizeSparse(m: SparseMatrix): void {
  for (let i = 0; i < m.length; i++) {
    const row = m[i]!;
    let s = 0n;
    for (const [, v] of row) s += v;
    if (s > 0n) m[i] = row.map(([j, v]) => [j, safeDiv(I32F32, v, s)] as const);
  }
}

/** `row_sum_sparse`. */
export function rowSumSparse(m: readonly (readonly SparseEntry[])[]): FixedVec {
  return m.map((row) => {
    let s = 0n;
    for (const [, v] of row) s += v;
    return s;
  });
}

/** `col_sum_sparse` (saturating). */
export function colSumSparse(m: readonly (readonly SparseEntry[])[], columns: number): FixedVec {
  const out: FixedVec = new Array(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) out[j] = satAdd(I32F32, out[j]!, v);
  return out;
}

/** `inplace_col_normalize_sparse`: entries divided by their column sum (zero sums skipped). */
export function inplaceColNormalizeSparse(m: SparseMatrix, columns: number): void {
  const colSum = colSumSparse(m, columns);
  for (let i = 0; i < m.length; i++) {
    m[i] = m[i]!.map(([j, v]) => (colSum[j] === 0n ? [j, v] : [j, safeDiv(I32F32, v, colSum[j]!)]) as SparseEntry);
  }
}

/** `inplace_col_max_upscale_sparse`: entries divided by their column max (zero max skipped). */
export function inplaceColMaxUpscaleSparse(m: SparseMatrix, columns: number): void {
  const colMax: FixedVec = new Array(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) if (colMax[j]! < v) colMax[j] = v;
  for (let i = 0; i < m.length; i++) {
    m[i] = m[i]!.map(([j, v]) => (colMax[j] === 0n ? [j, v] : [j, safeDiv(I32F32, v, colMax[j]!)]) as SparseEntry);
  }
}

/** `mask_rows_sparse`: masked rows become empty. */
export function maskRowsSparse(mask: readonly boolean[], m: readonly (readonly SparseEntry[])[]): SparseMatrix {
  if (mask.length !== m.length) throw new RangeError("maskRowsSparse: mask and matrix lengths differ");
  return m.map((row, i) => (mask[i] ? [] : row.slice()));
}

/** `mask_diag_sparse`: drop (i, i). */
export function maskDiagSparse(m: readonly (readonly SparseEntry[])[]): SparseMatrix {
  return m.map((row, i) => row.filter(([j]) => j !== i));
}

/** `mask_diag_sparse_except_index`: drop (i, i) except (k, k). */
export function maskDiagSparseExceptIndex(m: readonly (readonly SparseEntry[])[], except: number): SparseMatrix {
  return m.map((row, i) => row.filter(([j]) => j !== i || i === except));
}

/** `vec_mask_sparse_matrix`: drop (i, j) where `maskFn(first[i], second[j])`. */
export function vecMaskSparseMatrix(
  m: readonly (readonly SparseEntry[])[],
  first: readonly bigint[],
  second: readonly bigint[],
  maskFn: (a: bigint, b: bigint) => boolean,
): SparseMatrix {
  return m.map((row, i) => row.filter(([j]) => !maskFn(first[i]!, second[j]!)));
}

/** `scalar_vec_mask_sparse_matrix`: drop (i, j) where `maskFn(scalar, vector[j])`. */
export function scalarVecMaskSparseMatrix(
  m: readonly (readonly SparseEntry[])[],
  scalar: bigint,
  vector: readonly bigint[],
  maskFn: (a: bigint, b: bigint) => boolean,
): SparseMatrix {
  return m.map((row) => row.filter(([j]) => !maskFn(scalar, vector[j]!)));
}

/** `row_hadamard_sparse`: each entry of row i times `vector[i]`. */
export function rowHadamardSparse(m: readonly (readonly SparseEntry[])[], vector: readonly bigint[]): SparseMatrix {
  const rows = Math.min(m.length, vector.length);
  const out: SparseMatrix = [];
  for (let i = 0; i < rows; i++) {
    const s = vector[i]!;
    out.push(m[i]!.map(([j, v]) => [j, satMul(I32F32, v, s)] as const));
  }
  return out;
}

/** `matmul_sparse`: `result_j = Σ_i vector_i · m_ij` over `columns` columns. */
export function matmulSparse(m: readonly (readonly SparseEntry[])[], vector: readonly bigint[], columns: number): FixedVec {
  const out: FixedVec = new Array(columns).fill(0n);
  for (let i = 0; i < m.length; i++) {
    const s = vector[i]!;
    for (const [j, v] of m[i]!) out[j] = satAdd(I32F32, out[j]!, satMul(I32F32, s, v));
  }
  return out;
}

/** `matmul_transpose_sparse`: `result_i = Σ_j vector_j · m_ij`. */
export function matmulTransposeSparse(m: readonly (readonly SparseEntry[])[], vector: readonly bigint[]): FixedVec {
  return m.map((row) => {
    let acc = 0n;
    for (const [j, v] of row) acc = satAdd(I32F32, acc, satMul(I32F32, vector[j]!, v));
    return acc;
  });
}

/** `mat_vec_mul_sparse`: `m_ij · vector_j`; zero products are dropped. */
export function matVecMulSparse(m: readonly (readonly SparseEntry[])[], vector: readonly bigint[]): SparseMatrix {
  return m.map((row) => {
    const out: SparseRow = [];
    for (const [j, v] of row) {
      const s = vector[j];
      if (s === undefined) continue;
      const p = satMul(I32F32, v, s);
      if (p !== 0n) out.push([j, p]);
    }
    return out;
  });
}

/**
 * `col_clip_sparse`: an entry above its column threshold becomes the threshold when the
 * threshold is positive, and is dropped when it is not.
 */
export function colClipSparse(m: readonly (readonly SparseEntry[])[], threshold: readonly bigint[]): SparseMatrix {
  return m.map((row) => {
    const out: SparseRow = [];
    for (const [j, v] of row) {
      const t = threshold[j]!;
      if (t < v) {
        if (t > 0n) out.push([j, t]);
      } else {
        out.push([j, v]);
      }
    }
    return out;
  });
}

/**
 * `interpolate_sparse`: `m1 + ratio·(m2 − m1)`. Ratio 0 returns `m1` and 1 returns `m2`
 * unchanged (explicit zeros kept); otherwise only positive results are emitted.
 */
export function interpolateSparse(
  m1: readonly (readonly SparseEntry[])[],
  m2: readonly (readonly SparseEntry[])[],
  columns: number,
  ratio: bigint,
): SparseMatrix {
  if (ratio === 0n) return cloneSparse(m1);
  if (ratio === ONE) return cloneSparse(m2);
  if (m1.length !== m2.length) return cloneSparse(m2);
  return m1.map((r1, i) => {
    const row1: bigint[] = new Array(columns).fill(0n);
    const row2: bigint[] = new Array(columns).fill(0n);
    for (const [j, v] of r1) if (j < columns) row1[j] = v;
    for (const [j, v] of m2[i]!) if (j < columns) row2[j] = v;
    const out: SparseRow = [];
    for (let j = 0; j < columns; j++) {
      const a = row1[j]!;
      const interp = satAdd(I32F32, a, satMul(I32F32, ratio, satSub(I32F32, row2[j]!, a)));
      if (interp > 0n) out.push([j, interp]);
    }
    return out;
  });
}

/**
 * `mat_ema_sparse`: `alpha·new + (1−alpha)·old`, densified per row over `new.length`
 * columns, keeping positive results.
 */
export function matEmaSparse(
  next: readonly (readonly SparseEntry[])[],
  old: readonly (readonly SparseEntry[])[],
  alpha: bigint,
): SparseMatrix {
  const n = next.length;
  if (n === 0) return [];
  const oneMinus = satSub(I32F32, ONE, alpha);
  return next.map((newRow, i) => {
    const acc: bigint[] = new Array(n).fill(ZERO);
    for (const [j, v] of newRow) if (j < n) acc[j] = satAdd(I32F32, acc[j]!, satMul(I32F32, alpha, v));
    for (const [j, v] of old[i] ?? []) if (j < n) acc[j] = satAdd(I32F32, acc[j]!, satMul(I32F32, oneMinus, v));
    const out: SparseRow = [];
    for (let j = 0; j < n; j++) if (acc[j]! > 0n) out.push([j, acc[j]!]);
    return out;
  });
}

/**
 * `mat_ema_alpha_sparse` (Yuma3 liquid alpha): `min(1, (1−α_ij)·old_ij + max(0, α_ij·new_ij))`
 * for the entries of the **new** row only; an old bond with no new entry is dropped.
 * Shape mismatch returns `new`, as the Rust does.
 */
export function matEmaAlphaSparse(
  next: readonly (readonly SparseEntry[])[],
  old: readonly (readonly SparseEntry[])[],
  alpha: readonly (readonly bigint[])[],
): SparseMatrix {
  if (next.length !== old.length || next.length !== alpha.length) return cloneSparse(next);
  return next.map((newRow, i) => {
    const alphaRow = alpha[i]!;
    const decayed: bigint[] = new Array(alphaRow.length).fill(ZERO);
    for (const [j, v] of old[i]!) {
      const a = alphaRow[j];
      if (a !== undefined) decayed[j] = satMul(I32F32, satSub(I32F32, ONE, a), v);
    }
    const out: SparseRow = [];
    for (const [j, v] of newRow) {
      const a = alphaRow[j];
      if (a === undefined) continue;
      let inc = satMul(I32F32, a, v);
      if (inc < 0n) inc = 0n;
      let val = satAdd(I32F32, decayed[j]!, inc);
      if (val > ONE) val = ONE;
      if (val > 0n) out.push([j, val]);
    }
    return out;
  });
}
