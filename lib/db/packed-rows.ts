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
 *   rows, heads[rows], uids (row after row), vals[every entry]
 *
 * `heads[i]` is row i's entry count in its low 15 bits. With bit 15 clear, the row's uids
 * follow in the uids section, ascending. With bit 15 set the row is stored by the uids it lacks:
 * the uids section holds g, then g uids ascending, and the row's uids are 0 .. count + g − 1
 * without those (a validator weighting or bonding every uid but its own: g = 1). `vals` holds
 * every row's values, row after row, uids ascending. The encoder takes whichever form is
 * shorter; a row of 255 entries costs 255 + 2 u16s of uids as a complement, 2 + 255 in all
 * with its values instead of 2 × 255. Rows and entries per row are at most 32767 (a subnet has
 * at most 4096 uids).
 */
const COMPLEMENT = 0x8000;

export function encodeU16Rows(m: U16Matrix | readonly U16Row[]): Buffer {
  const x = isU16Matrix(m) ? m : u16MatrixFromRows(m);
  if (x.rows > 0x7fff) throw new RangeError(`${x.rows} rows are more than 32767`);
  const nnz = x.col.length;
  // Per row: the gaps below its last uid (a complement costs 1 + gaps u16s, the uids len).
  const gaps = new Int32Array(x.rows);
  let uidWords = 0;
  for (let i = 0; i < x.rows; i++) {
    const from = x.ptr[i]!;
    const len = x.ptr[i + 1]! - from;
    if (len > 0x7fff) throw new RangeError(`row ${i} holds ${len} entries, more than 32767`);
    const g = len === 0 ? 0 : x.col[from + len - 1]! + 1 - len;
    gaps[i] = len > 0 && 1 + g < len ? g : -1;
    uidWords += gaps[i]! >= 0 ? 1 + g : len;
  }
  const out = Buffer.allocUnsafe(2 + 2 * x.rows + 2 * uidWords + 2 * nnz);
  out.writeUInt16LE(x.rows, 0);
  let at = 2;
  for (let i = 0; i < x.rows; i++, at += 2) out.writeUInt16LE((x.ptr[i + 1]! - x.ptr[i]!) | (gaps[i]! >= 0 ? COMPLEMENT : 0), at);
  for (let i = 0; i < x.rows; i++) {
    const from = x.ptr[i]!;
    const to = x.ptr[i + 1]!;
    if (gaps[i]! < 0) {
      for (let k = from; k < to; k++, at += 2) out.writeUInt16LE(x.col[k]!, at);
      continue;
    }
    out.writeUInt16LE(gaps[i]!, at);
    at += 2;
    let uid = 0;
    for (let k = from; k < to; k++, uid++) for (; uid < x.col[k]!; uid++, at += 2) out.writeUInt16LE(uid, at);
  }
  for (let k = 0; k < nnz; k++, at += 2) out.writeUInt16LE(x.val[k]!, at);
  return out;
}

/** {@link encodeU16Rows}'s bytes back, checked: damage is a TypeError naming `field`, never a wrong matrix. */
export function decodeU16Rows(bytes: Uint8Array, field: string): U16Matrix {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`stored ${field} is not binary`);
  if (bytes.length < 2 || bytes.length % 2 !== 0) throw new TypeError(`stored ${field}: ${bytes.length} bytes, not a row count and whole u16s`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = bytes.length / 2;
  const u16 = (i: number) => {
    if (i >= words) throw new TypeError(`stored ${field}: the bytes end before the rows do`);
    return view.getUint16(2 * i, true);
  };
  const rows = u16(0);
  if (rows > 0x7fff) throw new TypeError(`stored ${field}: ${rows} rows, more than 32767`);
  if (words < 1 + rows) throw new TypeError(`stored ${field}: ${rows} rows but ${words - 1} u16s after the count`);
  const ptr = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) ptr[i + 1] = ptr[i]! + (u16(1 + i) & 0x7fff);
  const nnz = ptr[rows]!;
  const col = new Uint16Array(nnz);
  let at = 1 + rows;
  for (let i = 0; i < rows; i++) {
    const from = ptr[i]!;
    const to = ptr[i + 1]!;
    if (u16(1 + i) & COMPLEMENT) {
      const g = u16(at++);
      const last = to - from + g - 1;
      if (last > 0xffff) throw new TypeError(`stored ${field}: row ${i}'s uids pass 65535`);
      for (let j = 0; j < g; j++) {
        const uid = u16(at + j);
        if (j > 0 && uid <= u16(at + j - 1)) throw new TypeError(`stored ${field}: row ${i}'s missing uids are not ascending`);
        if (uid > last) throw new TypeError(`stored ${field}: row ${i}'s missing uids are not below its last uid`);
      }
      let k = from;
      let j = 0;
      for (let uid = 0; uid <= last; uid++) {
        if (j < g && u16(at + j) === uid) j++;
        else col[k++] = uid;
      }
      at += g;
    } else {
      for (let k = from; k < to; k++) {
        col[k] = u16(at++);
        if (k > from && col[k]! <= col[k - 1]!) throw new TypeError(`stored ${field}: row ${i}'s uids are not ascending`);
      }
    }
  }
  if (words !== at + nnz) throw new TypeError(`stored ${field}: the rows hold ${nnz} entries, the bytes ${words - at} values for them`);
  const val = new Uint16Array(nnz);
  for (let k = 0; k < nnz; k++) val[k] = view.getUint16(2 * (at + k), true);
  return { rows, ptr, col, val };
}
