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

/** Rows in any column order → a U16Matrix with ascending columns. Duplicate uids are an error. */
export function u16MatrixFromRows(rows: readonly U16Row[]): U16Matrix {
  const nnz = rows.reduce((a, r) => a + r.length, 0);
  const ptr = new Int32Array(rows.length + 1);
  const col = new Uint16Array(nnz);
  const val = new Uint16Array(nnz);
  let k = 0;
  rows.forEach((row, i) => {
    const entries = row.every((e, x) => x === 0 || e[0] > row[x - 1]![0]) ? row : [...row].sort((a, b) => a[0] - b[0]);
    entries.forEach(([j, v], x) => {
      if (x > 0 && entries[x - 1]![0] === j) throw new RangeError(`row ${i} names uid ${j} twice`);
      if (!Number.isInteger(j) || j < 0 || j > 65535) throw new RangeError(`row ${i}: ${j} is not a uid`);
      if (!Number.isInteger(v) || v < 0 || v > 65535) throw new RangeError(`row ${i}, uid ${j}: ${v} is not a u16`);
      col[k] = j;
      val[k++] = v;
    });
    ptr[i + 1] = k;
  });
  return { rows: rows.length, ptr, col, val };
}

export function u16MatrixRow(m: U16Matrix, i: number): [number, number][] {
  const out: [number, number][] = [];
  if (i < 0 || i >= m.rows) return out;
  for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) out.push([m.col[k]!, m.val[k]!]);
  return out;
}

export function u16MatrixToRows(m: U16Matrix): [number, number][][] {
  return Array.from({ length: m.rows }, (_, i) => u16MatrixRow(m, i));
}

export function u16MatrixEntries(m: U16Matrix | readonly U16Row[]): number {
  return isU16Matrix(m) ? m.col.length : m.reduce((a, r) => a + r.length, 0);
}
