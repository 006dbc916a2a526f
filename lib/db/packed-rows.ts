/**
 * Sparse u16 matrices (a subnet's weights and bonds) as the store writes them inside the JSON of
 * `MetagraphSnapshot.data` and `EpochInput.data`: packed, not as `[uid, u16]` pairs.
 *
 *   { "rows": n, "lengths": base64(u16 LE × n), "cells": base64(u16 LE × 2 × entries) }
 *
 * `lengths[i]` is the number of entries of row i; `cells` holds every row's entries in order,
 * each as its column (uid) then its value, columns ascending within a row. A 123-uid subnet's
 * snapshot shrank from 228 kB to 141 kB this way, and parsing and freezing it from 7.2 ms to
 * 0.4 ms (the pairs were 15,000 small arrays for the parser to build and the collector to walk).
 * Rows written before this format (arrays of pairs) still read.
 */
import { type U16Matrix, type U16Row, isU16Matrix, u16MatrixFromRows } from "../chain/consensus/u16-matrix";
import { base64U16, u16Base64 } from "../packed-u16";

export interface PackedRows {
  rows: number;
  lengths: string;
  cells: string;
}

/** `m` packed (rows of pairs must be u16 uids ascending with u16 values, as the chain keeps them). */
export function packRows(m: U16Matrix | readonly U16Row[]): PackedRows {
  const x = isU16Matrix(m) ? m : u16MatrixFromRows(m);
  const lengths = new Uint16Array(x.rows);
  for (let i = 0; i < x.rows; i++) lengths[i] = x.ptr[i + 1]! - x.ptr[i]!;
  const cells = new Uint16Array(2 * x.col.length);
  for (let k = 0; k < x.col.length; k++) {
    cells[2 * k] = x.col[k]!;
    cells[2 * k + 1] = x.val[k]!;
  }
  return { rows: x.rows, lengths: u16Base64(lengths), cells: u16Base64(cells) };
}

function u16s(text: unknown, field: string, part: string): Uint16Array {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new TypeError(`stored ${field}: ${part} is not base64 text`);
  const { values, bytes } = base64U16(text);
  if (bytes % 2 !== 0) throw new TypeError(`stored ${field}: ${part} holds ${bytes} bytes, not a whole number of u16s`);
  return values;
}

/**
 * A stored matrix back (packed, or the earlier arrays of `[uid, u16]` pairs), checked: a damaged
 * value is a TypeError naming `field` and what is wrong, never a wrong matrix.
 */
export function unpackRows(v: unknown, field: string): U16Matrix {
  if (Array.isArray(v)) {
    for (const row of v) {
      if (!Array.isArray(row)) throw new TypeError(`stored ${field}: a row is not an array`);
      for (const e of row) if (!(Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && Number.isInteger(e[1]))) throw new TypeError(`stored ${field}: an entry is not a [uid, u16] pair`);
    }
    try {
      return u16MatrixFromRows(v as U16Row[]);
    } catch (e) {
      throw new TypeError(`stored ${field}: ${(e as Error).message}`);
    }
  }
  const p = v as Partial<PackedRows> | null;
  if (typeof p !== "object" || p === null || !Number.isInteger(p.rows) || p.rows! < 0) throw new TypeError(`stored ${field} is missing or malformed`);
  const lengths = u16s(p.lengths, field, "lengths");
  const cells = u16s(p.cells, field, "cells");
  if (lengths.length !== p.rows) throw new TypeError(`stored ${field}: ${lengths.length} row lengths for ${p.rows} rows`);
  const ptr = new Int32Array(p.rows! + 1);
  for (let i = 0; i < lengths.length; i++) ptr[i + 1] = ptr[i]! + lengths[i]!;
  const nnz = ptr[p.rows!]!;
  if (cells.length !== 2 * nnz) throw new TypeError(`stored ${field}: the rows hold ${nnz} entries, the cells ${cells.length / 2}`);
  const col = new Uint16Array(nnz);
  const val = new Uint16Array(nnz);
  for (let i = 0; i < p.rows!; i++) {
    for (let k = ptr[i]!; k < ptr[i + 1]!; k++) {
      col[k] = cells[2 * k]!;
      val[k] = cells[2 * k + 1]!;
      if (k > ptr[i]! && col[k]! <= col[k - 1]!) throw new TypeError(`stored ${field}: row ${i}'s uids are not ascending`);
    }
  }
  return { rows: p.rows!, ptr, col, val };
}
