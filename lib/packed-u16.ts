/**
 * A matrix of u16 cells sent from the server to the heatmap as one base64 string (little-endian,
 * row after row) instead of an array of arrays of numbers. React's payload handles a string once
 * and an array element by element: at 67 validators × 123 uids the three matrices of an epoch
 * were 25,000 numbers and 105 kB of the subnet page's payload, serialised, parsed for the
 * server render and escaped into the HTML on every request.
 */
import type { EpochExplainDto, EpochHeatmapsDto } from "./dto";

export interface PackedU16 {
  rows: number;
  cols: number;
  /** rows × cols u16 values, little-endian, base64. */
  data: string;
}

/** `bytes` as base64: Node's encoder on the server (where packing happens), `btoa` elsewhere. */
function base64Of(bytes: Uint8Array): string {
  if (typeof Buffer !== "undefined") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `values` (u16s) as little-endian bytes in base64: the packed form here and in lib/db/packed-rows.ts. */
export function u16Base64(values: Uint16Array): string {
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    bytes[2 * i] = values[i]! & 255;
    bytes[2 * i + 1] = values[i]! >>> 8;
  }
  return base64Of(bytes);
}

/**
 * The little-endian u16s a base64 text holds, and how many bytes it held (an odd count leaves
 * its last byte out of the values; callers that need a length check it): Node's decoder where
 * there is one (the server), else atob's binary string.
 */
export function base64U16(text: string): { values: Uint16Array; bytes: number } {
  const bytes: ArrayLike<number> = typeof Buffer !== "undefined" ? Buffer.from(text, "base64") : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const values = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < values.length; i++) values[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return { values, bytes: bytes.length };
}

/** `rows` (each of the same length, each value an integer in [0, 65535]) packed. */
export function packU16(rows: readonly (readonly number[])[]): PackedU16 {
  const cols = rows[0]?.length ?? 0;
  const cells = new Uint16Array(rows.length * cols);
  for (const [r, row] of rows.entries()) {
    if (row.length !== cols) throw new RangeError(`u16 matrix row ${r} has ${row.length} cells, row 0 has ${cols}`);
    row.forEach((v, c) => {
      if (!Number.isInteger(v) || v < 0 || v > 65535) throw new RangeError(`u16 matrix cell (${r}, ${c}) is ${v}, not a u16`);
      cells[r * cols + c] = v;
    });
  }
  return { rows: rows.length, cols, data: u16Base64(cells) };
}

/** The cells of `m`, row after row (cell (r, c) at r × cols + c). */
export function unpackU16(m: PackedU16): Uint16Array {
  const { values, bytes } = base64U16(m.data);
  if (bytes !== m.rows * m.cols * 2) throw new RangeError(`u16 matrix of ${m.rows} × ${m.cols} holds ${bytes} bytes, not ${m.rows * m.cols * 2}`);
  return values;
}

const packed = new WeakMap<EpochExplainDto["heatmaps"], EpochHeatmapsDto>();

/**
 * An explanation's heatmaps packed for the page, once per heatmaps object: a cached
 * explanation (the latest epoch's, asked again and again) is packed on its first request only.
 */
export function packHeatmaps(x: Pick<EpochExplainDto, "hotkeys" | "heatmaps">): EpochHeatmapsDto {
  const h = x.heatmaps;
  const hit = packed.get(h);
  if (hit && hit.hotkeys === x.hotkeys) return hit;
  const out = { hotkeys: x.hotkeys, validators: h.validators, consensus: h.consensus, weights: packU16(h.weights), weightsSet: packU16(h.weightsSet), bonds: packU16(h.bonds) };
  packed.set(h, out);
  return out;
}
