/**
 * Sparse matrix helpers of subtensor's `epoch/math.rs` over compressed sparse rows. Values are
 * I32F32 bits in exact doubles (./fast.ts). Rows are canonical: columns strictly ascending, as
 * the epoch's inputs are after loading; every helper keeps them so. Explicit zero entries are
 * real entries (spec §2.9) and survive everything except the helpers that say they drop them.
 */
import { FastRangeError, MAX_EXACT, ONE, TWO32, add, div, mul } from "./fast";
import { type Vec, medianStake, weightedMedian } from "./vector";

export interface Csr {
  readonly rows: number;
  /** Row i holds entries ptr[i] .. ptr[i+1]-1. */
  readonly ptr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

export type SparseRows = (readonly (readonly [number, number])[])[];

/** Builds a Csr row by row; storage grows as needed. */
export class CsrBuilder {
  private readonly ptr: Int32Array;
  private col: Int32Array;
  private val: Float64Array;
  private n = 0;
  private row = 0;

  constructor(rows: number, capacity = 16) {
    this.ptr = new Int32Array(rows + 1);
    this.col = new Int32Array(Math.max(capacity, 16));
    this.val = new Float64Array(Math.max(capacity, 16));
  }

  push(j: number, v: number): void {
    if (this.n === this.col.length) {
      const col = new Int32Array(this.n * 2);
      col.set(this.col);
      this.col = col;
      const val = new Float64Array(this.n * 2);
      val.set(this.val);
      this.val = val;
    }
    this.col[this.n] = j;
    this.val[this.n++] = v;
  }

  endRow(): void {
    this.ptr[++this.row] = this.n;
  }

  build(): Csr {
    if (this.row !== this.ptr.length - 1) throw new Error(`CsrBuilder: ${this.row} of ${this.ptr.length - 1} rows ended`);
    return { rows: this.row, ptr: this.ptr, col: this.col.subarray(0, this.n), val: this.val.subarray(0, this.n) };
  }
}

/** A Csr from `[col, value]` rows, which must have strictly ascending columns. */
export function csrFromRows(rows: SparseRows): Csr {
  const b = new CsrBuilder(rows.length, rows.reduce((a, r) => a + r.length, 0));
  rows.forEach((row, i) => {
    let last = -1;
    for (const [j, v] of row) {
      if (!(j > last)) throw new RangeError(`sparse row ${i}: columns must be strictly ascending (${last} then ${j})`);
      last = j;
      b.push(j, v);
    }
    b.endRow();
  });
  return b.build();
}

export function csrToRows(m: Csr): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: [number, number][] = [];
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) row.push([m.col[k]!, m.val[k]!]);
    out.push(row);
  }
  return out;
}

/** Same structure, new values. */
function withValues(m: Csr, val: Float64Array): Csr {
  return { rows: m.rows, ptr: m.ptr, col: m.col, val };
}

export function cloneCsr(m: Csr): Csr {
  return withValues(m, m.val.slice());
}

/**
 * Divides each entry by its group's sum (a row's or a column's), skipping zero sums. Sums of
 * integer-valued matrices (raw u16 weights and bonds) can pass 2^53 in bits, so those are summed
 * in integer units instead; `x·2^32 / s` is the same quotient either way.
 */
function divideByGroupSums(m: Csr, groups: number, group: Int32Array, onlyPositive: boolean): void {
  const val = m.val;
  let integral = true;
  for (let k = 0; k < val.length; k++) {
    if (val[k]! % TWO32 !== 0) {
      integral = false;
      break;
    }
  }
  const scale = integral ? TWO32 : 1;
  const sums = new Float64Array(groups);
  for (let k = 0; k < val.length; k++) sums[group[k]!]! += val[k]! / scale;
  for (let g = 0; g < groups; g++) if (sums[g]! > MAX_EXACT || sums[g]! < -MAX_EXACT) throw new FastRangeError("a row or column sum");
  for (let k = 0; k < val.length; k++) {
    const s = sums[group[k]!]!;
    if (onlyPositive ? s > 0 : s !== 0) val[k] = div(val[k]! / scale, s);
  }
}

/** The row of every entry. */
function rowOfEntries(m: Csr): Int32Array {
  const rows = new Int32Array(m.col.length);
  for (let i = 0; i < m.rows; i++) rows.fill(i, m.ptr[i]!, m.ptr[i + 1]!);
  return rows;
}

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. */
export function inplaceRowNormalizeSparse(m: Csr): void {
  divideByGroupSums(m, m.rows, rowOfEntries(m), true);
}

/** `inplace_col_normalize_sparse`: entries divided by their column sum (zero sums skipped). */
export function inplaceColNormalizeSparse(m: Csr, columns: number): void {
  for (let k = 0; k < m.col.length; k++) if (m.col[k]! >= columns) throw new RangeError(`column ${m.col[k]} of a ${columns}-column matrix`);
  divideByGroupSums(m, columns, m.col, false);
}

/** `row_sum_sparse`. */
export function rowSumSparse(m: Csr): Vec {
  const out: Vec = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) s += m.val[k]!;
    out[i] = add(s, 0);
  }
  return out;
}

/** `col_sum_sparse`. */
export function colSumSparse(m: Csr, columns: number): Vec {
  const out: Vec = new Array(columns).fill(0);
  for (let k = 0; k < m.col.length; k++) out[m.col[k]!] = out[m.col[k]!]! + m.val[k]!;
  return out.map((s) => add(s, 0));
}

/** `inplace_col_max_upscale_sparse`: entries divided by their column max (zero max skipped). */
export function inplaceColMaxUpscaleSparse(m: Csr, columns: number): void {
  const colMax = new Float64Array(columns);
  for (let k = 0; k < m.col.length; k++) if (colMax[m.col[k]!]! < m.val[k]!) colMax[m.col[k]!] = m.val[k]!;
  for (let k = 0; k < m.col.length; k++) {
    const max = colMax[m.col[k]!]!;
    if (max !== 0) m.val[k] = div(m.val[k]!, max);
  }
}

/** `mask_rows_sparse`: masked rows become empty. */
export function maskRowsSparse(mask: readonly boolean[], m: Csr): Csr {
  if (mask.length !== m.rows) throw new RangeError("maskRowsSparse: mask and matrix lengths differ");
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    if (!mask[i]) for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) b.push(m.col[k]!, m.val[k]!);
    b.endRow();
  }
  return b.build();
}

/** `mask_diag_sparse`: drop (i, i). */
export function maskDiagSparse(m: Csr): Csr {
  return maskDiagSparseExceptIndex(m, -1);
}

/** `mask_diag_sparse_except_index`: drop (i, i) except (k, k). */
export function maskDiagSparseExceptIndex(m: Csr, except: number): Csr {
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      if (j !== i || i === except) b.push(j, m.val[k]!);
    }
    b.endRow();
  }
  return b.build();
}

/** `vec_mask_sparse_matrix`: drop (i, j) where `maskFn(first[i], second[j])`. */
export function vecMaskSparseMatrix(
  m: Csr,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  maskFn: (a: number, b: number) => boolean,
): Csr {
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    const a = first[i]!;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      if (!maskFn(a, second[j]!)) b.push(j, m.val[k]!);
    }
    b.endRow();
  }
  return b.build();
}

/** `scalar_vec_mask_sparse_matrix`: drop (i, j) where `maskFn(scalar, vector[j])`. */
export function scalarVecMaskSparseMatrix(
  m: Csr,
  scalar: number,
  vector: ArrayLike<number>,
  maskFn: (a: number, b: number) => boolean,
): Csr {
  const keep = new Uint8Array(vector.length);
  for (let j = 0; j < vector.length; j++) keep[j] = maskFn(scalar, vector[j]!) ? 0 : 1;
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) if (keep[m.col[k]!] === 1) b.push(m.col[k]!, m.val[k]!);
    b.endRow();
  }
  return b.build();
}

/** `row_hadamard_sparse`: each entry of row i times `vector[i]` (rows past the vector dropped). */
export function rowHadamardSparse(m: Csr, vector: readonly number[]): Csr {
  const rows = Math.min(m.rows, vector.length);
  const b = new CsrBuilder(rows, m.val.length);
  for (let i = 0; i < rows; i++) {
    const s = vector[i]!;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) b.push(m.col[k]!, mul(m.val[k]!, s));
    b.endRow();
  }
  return b.build();
}

/** `matmul_sparse`: `result_j = Σ_i vector_i · m_ij` over `columns` columns. */
export function matmulSparse(m: Csr, vector: readonly number[], columns: number): Vec {
  const out: Vec = new Array(columns).fill(0);
  for (let i = 0; i < m.rows; i++) {
    const s = vector[i]!;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      out[j] = out[j]! + mul(s, m.val[k]!);
    }
  }
  return out.map((x) => add(x, 0));
}

/** `matmul_transpose_sparse`: `result_i = Σ_j vector_j · m_ij`. */
export function matmulTransposeSparse(m: Csr, vector: readonly number[]): Vec {
  const out: Vec = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let acc = 0;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) acc += mul(vector[m.col[k]!]!, m.val[k]!);
    out[i] = add(acc, 0);
  }
  return out;
}

/** `mat_vec_mul_sparse`: `m_ij · vector_j`; zero products are dropped. */
export function matVecMulSparse(m: Csr, vector: readonly number[]): Csr {
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      if (j >= vector.length) continue;
      const p = mul(m.val[k]!, vector[j]!);
      if (p !== 0) b.push(j, p);
    }
    b.endRow();
  }
  return b.build();
}

/**
 * `col_clip_sparse`: an entry above its column threshold becomes the threshold when the
 * threshold is positive, and is dropped when it is not.
 */
export function colClipSparse(m: Csr, threshold: readonly number[]): Csr {
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      const t = threshold[j]!;
      const v = m.val[k]!;
      if (t < v) {
        if (t > 0) b.push(j, t);
      } else b.push(j, v);
    }
    b.endRow();
  }
  return b.build();
}

/**
 * Walks row i of `a` and `b` together in column order (both canonical), calling `f` with each
 * column present in either and the two values (0 where absent). Columns ≥ `columns` are skipped,
 * as the Rust's densified rows ignore them.
 */
function mergeRows(a: Csr, b: Csr, i: number, columns: number, f: (j: number, va: number, vb: number, inA: boolean) => void): void {
  let ka = i < a.rows ? a.ptr[i]! : 0;
  const ea = i < a.rows ? a.ptr[i + 1]! : 0;
  let kb = i < b.rows ? b.ptr[i]! : 0;
  const eb = i < b.rows ? b.ptr[i + 1]! : 0;
  while (ka < ea || kb < eb) {
    const ja = ka < ea ? a.col[ka]! : Infinity;
    const jb = kb < eb ? b.col[kb]! : Infinity;
    const j = ja < jb ? ja : jb;
    const va = ja === j ? a.val[ka++]! : 0;
    const vb = jb === j ? b.val[kb++]! : 0;
    if (j < columns) f(j, va, vb, ja === j);
  }
}

/**
 * `interpolate_sparse`: `m1 + ratio·(m2 − m1)`. Ratio 0 returns `m1` and 1 returns `m2`
 * unchanged (explicit zeros kept); otherwise only positive results are emitted.
 */
export function interpolateSparse(m1: Csr, m2: Csr, columns: number, ratio: number): Csr {
  if (ratio === 0) return cloneCsr(m1);
  if (ratio === ONE) return cloneCsr(m2);
  if (m1.rows !== m2.rows) return cloneCsr(m2);
  const b = new CsrBuilder(m1.rows, m1.val.length);
  for (let i = 0; i < m1.rows; i++) {
    mergeRows(m1, m2, i, columns, (j, v1, v2) => {
      const interp = v1 + mul(ratio, v2 - v1);
      if (interp > 0) b.push(j, interp);
    });
    b.endRow();
  }
  return b.build();
}

/**
 * `mat_ema_sparse`: `alpha·new + (1−alpha)·old` over the first `new.rows` columns, keeping
 * positive results.
 */
export function matEmaSparse(next: Csr, old: Csr, alpha: number): Csr {
  const n = next.rows;
  const oneMinus = ONE - alpha;
  const b = new CsrBuilder(n, next.val.length);
  for (let i = 0; i < n; i++) {
    mergeRows(next, old, i, n, (j, vn, vo) => {
      const acc = mul(alpha, vn) + mul(oneMinus, vo);
      if (acc > 0) b.push(j, acc);
    });
    b.endRow();
  }
  return b.build();
}

/**
 * `mat_ema_alpha_sparse` (Yuma3 liquid alpha): `min(1, (1−α)·old + max(0, α·new))` for the
 * entries of the **new** matrix only; an old bond with no new entry is dropped. `alpha` holds
 * one α per entry of `next` (aligned with `next.val`); NaN marks an entry without an α (the
 * Rust skips columns past the α row's length). Row-count mismatch returns `next`.
 */
export function matEmaAlphaSparse(next: Csr, old: Csr, alpha: Float64Array): Csr {
  if (next.rows !== old.rows || alpha.length !== next.val.length) return cloneCsr(next);
  const b = new CsrBuilder(next.rows, next.val.length);
  for (let i = 0; i < next.rows; i++) {
    let ko = old.ptr[i]!;
    const eo = old.ptr[i + 1]!;
    for (let k = next.ptr[i]!; k < next.ptr[i + 1]!; k++) {
      const a = alpha[k]!;
      const j = next.col[k]!;
      while (ko < eo && old.col[ko]! < j) ko++;
      if (Number.isNaN(a)) continue;
      const decayed = ko < eo && old.col[ko] === j ? mul(ONE - a, old.val[ko]!) : 0;
      let inc = mul(a, next.val[k]!);
      if (inc < 0) inc = 0;
      let v = decayed + inc;
      if (v > ONE) v = ONE;
      if (v > 0) b.push(j, v);
    }
    b.endRow();
  }
  return b.build();
}

/**
 * `weighted_median_col_sparse`: the epoch's consensus, `columns` medians over the rows with
 * positive stake. Columns no such row weights are all-zero columns, whose median is 0 in every
 * branch of `weighted_median`, so they are not searched.
 */
export function weightedMedianColSparse(stake: readonly number[], score: Csr, columns: number, majority: number): Vec {
  const { use, stakeSum, minority } = medianStake(stake, majority);
  const k = use.length;
  // Column lists of (position among positive-stake rows, value).
  const counts = new Int32Array(columns + 1);
  for (let r = 0, pos = 0; r < stake.length && r < score.rows; r++) {
    if (!(stake[r]! > 0)) continue;
    for (let e = score.ptr[r]!; e < score.ptr[r + 1]!; e++) if (score.col[e]! < columns) counts[score.col[e]! + 1]!++;
    pos++;
  }
  for (let c = 0; c < columns; c++) counts[c + 1]! += counts[c]!;
  const fill = counts.slice(0, columns);
  const rowPos = new Int32Array(counts[columns]!);
  const rowVal = new Float64Array(counts[columns]!);
  for (let r = 0, pos = 0; r < stake.length && r < score.rows; r++) {
    if (!(stake[r]! > 0)) continue;
    for (let e = score.ptr[r]!; e < score.ptr[r + 1]!; e++) {
      const c = score.col[e]!;
      if (c >= columns || pos >= k) continue;
      rowPos[fill[c]!] = pos;
      rowVal[fill[c]!++] = score.val[e]!;
    }
    pos++;
  }
  const idx = Int32Array.from({ length: k }, (_, i) => i);
  const colScore = new Float64Array(k);
  const median: Vec = new Array(columns).fill(0);
  for (let c = 0; c < columns; c++) {
    const start = counts[c]!;
    const end = counts[c + 1]!;
    if (start === end) continue;
    for (let e = start; e < end; e++) colScore[rowPos[e]!] = rowVal[e]!;
    median[c] = weightedMedian(use, colScore, idx, minority, 0, stakeSum);
    for (let e = start; e < end; e++) colScore[rowPos[e]!] = 0;
  }
  return median;
}

/** `hadamard_sparse`: element-wise product over `columns`; positive products only. */
export function hadamardSparse(m1: Csr, m2: Csr, columns: number): Csr {
  const b = new CsrBuilder(m1.rows, Math.min(m1.val.length, m2.val.length));
  for (let i = 0; i < m1.rows; i++) {
    mergeRows(m1, m2, i, columns, (j, v1, v2) => {
      const p = mul(v1, v2);
      if (p > 0) b.push(j, p);
    });
    b.endRow();
  }
  return b.build();
}

/** `sparse_threshold`: keep entries ≥ threshold. */
export function sparseThreshold(m: Csr, threshold: number): Csr {
  const b = new CsrBuilder(m.rows, m.val.length);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) if (m.val[k]! >= threshold) b.push(m.col[k]!, m.val[k]!);
    b.endRow();
  }
  return b.build();
}

/** `clip_sparse`: entries below `threshold` become `lower`, the rest `upper` (no entries added). */
export function clipSparse(m: Csr, threshold: number, upper: number, lower: number): Csr {
  const val = new Float64Array(m.val.length);
  for (let k = 0; k < val.length; k++) val[k] = m.val[k]! < threshold ? lower : upper;
  return withValues(m, val);
}
