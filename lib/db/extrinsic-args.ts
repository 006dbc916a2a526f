/**
 * An extrinsic's arguments as the `Extrinsic` table stores them: `args`, canonical JSON, and
 * `argsU16`, the arguments that are lists of u16 integers (`set_weights`' dests and weights,
 * `reveal_weights`' uids, values and salt), moved out of the JSON into binary. A 256-uid
 * `set_weights` is 2.4 kB of JSON; its lists are 1 kB as u16s and 5 bytes when the dests are a
 * run of consecutive uids.
 *
 * `argsU16` is a sequence of entries, every integer little-endian:
 *
 *   u8 key length, the key (UTF-8), u8 kind, u32 count, then
 *     kind 0 (list): count × u16, the values;
 *     kind 1 (run):  u16 first, the values being first, first + 1, ..., first + count − 1.
 *
 * Reading puts the lists back under their keys, in canonical key order, so the arguments are
 * the object that was signed: `canonicalJson` of it is byte for byte the JSON the signature,
 * hash and length were taken over (a list of safe integers encodes as its decimal values joined
 * by commas either way), and the API's JSON of it is what it was when `args` held it all.
 */
import { canonicalJson } from "../chain/runtime/extrinsic";

/** Lists shorter than this stay in the JSON (their entry would save nothing). */
const MIN_LIST = 4;
const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

const isU16List = (v: unknown): v is number[] => Array.isArray(v) && v.length >= MIN_LIST && v.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 0xffff);

/** `args` as the `args` and `argsU16` columns (null when no argument is a u16 list). */
export function encodeExtrinsicArgs(args: Readonly<Record<string, unknown>>): [string, Buffer | null] {
  const rest: Record<string, unknown> = {};
  const parts: Buffer[] = [];
  for (const [key, v] of Object.entries(args)) {
    if (!KEY.test(key) || key === "__proto__" || !isU16List(v)) {
      rest[key] = v;
      continue;
    }
    const run = v.every((x, i) => x === v[0]! + i);
    const head = Buffer.allocUnsafe(1 + key.length + 1 + 4);
    head.writeUInt8(key.length, 0);
    head.write(key, 1, "latin1"); // KEY is ASCII
    head.writeUInt8(run ? 1 : 0, 1 + key.length);
    head.writeUInt32LE(v.length, 2 + key.length);
    parts.push(head);
    const body = Buffer.allocUnsafe(run ? 2 : 2 * v.length);
    if (run) body.writeUInt16LE(v[0]!, 0);
    else for (let i = 0; i < v.length; i++) body.writeUInt16LE(v[i]!, 2 * i);
    parts.push(body);
  }
  return [canonicalJson(rest), parts.length === 0 ? null : Buffer.concat(parts)];
}

function fail(what: string): never {
  throw new TypeError(`stored extrinsic arguments: ${what}`);
}

/** The arguments back from the two columns, keys in canonical order. Damaged bytes are a TypeError, never other arguments. */
export function decodeExtrinsicArgs(json: string, u16: Uint8Array | null | undefined): Record<string, unknown> {
  const args = JSON.parse(json) as Record<string, unknown>;
  if (typeof args !== "object" || args === null || Array.isArray(args)) fail("the JSON is not an object");
  if (!u16 || u16.length === 0) return args;
  const view = new DataView(u16.buffer, u16.byteOffset, u16.byteLength);
  const lists = new Map<string, number[]>();
  let at = 0;
  const need = (n: number) => {
    if (at + n > u16.length) fail(`the u16 lists end ${at + n - u16.length} bytes early`);
  };
  while (at < u16.length) {
    need(1);
    const keyLength = view.getUint8(at);
    need(1 + keyLength + 5);
    const key = Buffer.from(u16.buffer, u16.byteOffset + at + 1, keyLength).toString("latin1");
    if (!KEY.test(key) || key === "__proto__") fail(`a list's key is not an argument name`);
    if (key in args || lists.has(key)) fail(`${key} is stored twice`);
    const kind = view.getUint8(at + 1 + keyLength);
    const count = view.getUint32(at + 2 + keyLength, true);
    at += 6 + keyLength;
    if (kind === 1) {
      need(2);
      const first = view.getUint16(at, true);
      if (first + count - 1 > 0xffff) fail(`${key}'s run passes 65535`);
      lists.set(key, Array.from({ length: count }, (_, i) => first + i));
      at += 2;
    } else if (kind === 0) {
      need(2 * count);
      lists.set(key, Array.from({ length: count }, (_, i) => view.getUint16(at + 2 * i, true)));
      at += 2 * count;
    } else fail(`${key} has an unknown kind ${kind}`);
  }
  const keys = [...Object.keys(args), ...lists.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = lists.get(k) ?? args[k];
  return out;
}
