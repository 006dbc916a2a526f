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

/**
 * The binary form (`MetagraphSnapshot.weights`/`.bonds`, `EpochInput.weights`/`.bonds`: BLOB on
 * SQLite, bytea on PostgreSQL), a sequence of little-endian u16s:
 *
 *   rows, heads[rows], cols[sparse entries], vals[every entry]
 *
 * `heads[i]` is row i's entry count in its low 15 bits; bit 15 set marks a dense row, whose
 * uids are 0, 1, ..., count − 1 and are not stored. `cols` holds the uids of the other rows
 * (ascending within a row), row after row; `vals` every row's values in the same order. A row
 * costs 2 bytes, plus 2 per entry when dense (a validator that weights or bonds to every uid)
 * and 4 when sparse. Rows and entries per row are at most 32767 (a subnet has ≤ 4096 uids).
 */
const DENSE = 0x8000;

function isDenseRow(col: Uint16Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (col[k] !== k - from) return false;
  return to > from;
}

export function encodeU16Rows(m: U16Matrix | readonly U16Row[]): Buffer {
  const x = isU16Matrix(m) ? m : u16MatrixFromRows(m);
  if (x.rows > 0x7fff) throw new RangeError(`${x.rows} rows are more than 32767`);
  const nnz = x.col.length;
  const dense = new Uint8Array(x.rows);
  let sparse = 0;
  for (let i = 0; i < x.rows; i++) {
    const len = x.ptr[i + 1]! - x.ptr[i]!;
    if (len > 0x7fff) throw new RangeError(`row ${i} holds ${len} entries, more than 32767`);
    if (isDenseRow(x.col, x.ptr[i]!, x.ptr[i + 1]!)) dense[i] = 1;
    else sparse += len;
  }
  const out = Buffer.allocUnsafe(2 + 2 * x.rows + 2 * sparse + 2 * nnz);
  out.writeUInt16LE(x.rows, 0);
  let at = 2;
  for (let i = 0; i < x.rows; i++, at += 2) out.writeUInt16LE((x.ptr[i + 1]! - x.ptr[i]!) | (dense[i] ? DENSE : 0), at);
  for (let i = 0; i < x.rows; i++) if (!dense[i]) for (let k = x.ptr[i]!; k < x.ptr[i + 1]!; k++, at += 2) out.writeUInt16LE(x.col[k]!, at);
  for (let k = 0; k < nnz; k++, at += 2) out.writeUInt16LE(x.val[k]!, at);
  return out;
}

/** {@link encodeU16Rows}'s bytes back, checked: damage is a TypeError naming `field`, never a wrong matrix. */
export function decodeU16Rows(bytes: Uint8Array, field: string): U16Matrix {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`stored ${field} is not binary`);
  if (bytes.length < 2 || bytes.length % 2 !== 0) throw new TypeError(`stored ${field}: ${bytes.length} bytes, not a row count and whole u16s`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (i: number) => view.getUint16(2 * i, true);
  const rows = u16(0);
  const words = bytes.length / 2;
  if (rows > 0x7fff) throw new TypeError(`stored ${field}: ${rows} rows, more than 32767`);
  if (words < 1 + rows) throw new TypeError(`stored ${field}: ${rows} rows but ${words - 1} u16s after the count`);
  const ptr = new Int32Array(rows + 1);
  let sparse = 0;
  for (let i = 0; i < rows; i++) {
    const head = u16(1 + i);
    const len = head & 0x7fff;
    ptr[i + 1] = ptr[i]! + len;
    if (!(head & DENSE)) sparse += len;
  }
  const nnz = ptr[rows]!;
  if (words !== 1 + rows + sparse + nnz) throw new TypeError(`stored ${field}: the rows hold ${nnz} entries (${sparse} with stored uids), the bytes ${words - 1 - rows} u16s for them`);
  const col = new Uint16Array(nnz);
  const val = new Uint16Array(nnz);
  let c = 1 + rows;
  const v0 = 1 + rows + sparse;
  for (let i = 0; i < rows; i++) {
    const dense = (u16(1 + i) & DENSE) !== 0;
    for (let k = ptr[i]!; k < ptr[i + 1]!; k++) {
      col[k] = dense ? k - ptr[i]! : u16(c++);
      val[k] = u16(v0 + k);
      if (k > ptr[i]! && col[k]! <= col[k - 1]!) throw new TypeError(`stored ${field}: row ${i}'s uids are not ascending`);
    }
  }
  return { rows, ptr, col, val };
}
