/**
 * The storage form of a subnet's `Weights` and `Bonds`: sparse u16 rows, compressed. Each row
 * lists its uids ascending; values are what subtensor stores (max-upscaled weights, u16 bonds).
 * Typed arrays keep a 256×256 subnet at a few hundred kilobytes and spare the epoch from
 * reading and allocating one small array per entry.
 */

/** One stored row as `[uid, u16]` pairs. */
export type U16Row = readonly (readonly [number, number])[];

export interface U16Matrix {
  readonly rows: number;
  /** Row i holds entries ptr[i] .. ptr[i+1]-1. */
  readonly ptr: Int32Array;
  readonly col: Uint16Array;
  readonly val: Uint16Array;
}

export function isU16Matrix(m: unknown): m is U16Matrix {
  return typeof m === "object" && m !== null && (m as U16Matrix).ptr instanceof Int32Array;
}

/**
 * The matrix and row index of each row {@link u16MatrixToRows} made, so that rows handed back
 * unchanged (a subnet's bonds, from one epoch to the next) convert back to that matrix without a
 * copy. Rows are never changed in place (state updates replace them), which this relies on.
 */
const rowOrigin = new WeakMap<object, { matrix: U16Matrix; index: number }>();

/** The matrix `rows` were all made from, in order, if they were. */
function originOf(rows: readonly U16Row[]): U16Matrix | null {
  if (rows.length === 0) return null;
  const first = rowOrigin.get(rows[0]!);
  if (!first || first.matrix.rows !== rows.length) return null;
  for (let i = 0; i < rows.length; i++) {
    const o = rowOrigin.get(rows[i]!);
    if (!o || o.matrix !== first.matrix || o.index !== i) return null;
  }
  return first.matrix;
}

const isU16 = (x: number) => (x & 0xffff) === x;

/** Rows in any column order → a U16Matrix with ascending columns. Duplicate uids are an error. */
export function u16MatrixFromRows(rows: readonly U16Row[]): U16Matrix {
  const origin = originOf(rows);
  if (origin) return origin;
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) nnz += rows[i]!.length;
  const ptr = new Int32Array(rows.length + 1);
  const col = new Uint16Array(nnz);
  const val = new Uint16Array(nnz);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // One pass for the common row: ascending uids and u16 values. Anything else (out of order,
    // or an entry to refuse) starts the row again the careful way, which names the error.
    const start = k;
    let last = -1;
    let x = 0;
    for (; x < row.length; x++) {
      const e = row[x]!;
      const j = e[0];
      const v = e[1];
      if (!(j > last && isU16(j) && isU16(v))) break;
      col[k] = j;
      val[k++] = v;
      last = j;
    }
    if (x < row.length) {
      k = start;
      const entries = [...row].sort((a, b) => a[0] - b[0]);
      for (let y = 0; y < entries.length; y++) {
        const [j, v] = entries[y]!;
        if (y > 0 && entries[y - 1]![0] === j) throw new RangeError(`row ${i} names uid ${j} twice`);
        if (!Number.isInteger(j) || j < 0 || j > 65535) throw new RangeError(`row ${i}: ${j} is not a uid`);
        if (!Number.isInteger(v) || v < 0 || v > 65535) throw new RangeError(`row ${i}, uid ${j}: ${v} is not a u16`);
        col[k] = j;
        val[k++] = v;
      }
    }
    ptr[i + 1] = k;
  }
  return { rows: rows.length, ptr, col, val };
}

export function u16MatrixRow(m: U16Matrix, i: number): [number, number][] {
  if (i < 0 || i >= m.rows) return [];
  const start = m.ptr[i]!;
  const out = new Array<[number, number]>(m.ptr[i + 1]! - start);
  for (let x = 0; x < out.length; x++) out[x] = [m.col[start + x]!, m.val[start + x]!];
  return out;
}

/** Every row as `[uid, u16]` pairs; {@link u16MatrixFromRows} turns these very rows back into `m`. */
export function u16MatrixToRows(m: U16Matrix): [number, number][][] {
  const out = new Array<[number, number][]>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const row = u16MatrixRow(m, i);
    rowOrigin.set(row, { matrix: m, index: i });
    out[i] = row;
  }
  return out;
}

export function u16MatrixEntries(m: U16Matrix | readonly U16Row[]): number {
  return isU16Matrix(m) ? m.col.length : m.reduce((a, r) => a + r.length, 0);
}
