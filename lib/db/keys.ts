/**
 * Public keys as the explorer shows them: SS58 beside the 0x-hex the database stores. Memoised:
 * the checksum is a BLAKE2b hash, and the same hotkeys, coldkeys and nominators come back in
 * request after request (an account page of 600 stake positions encoded 1,200 keys each time).
 */
import { encodeAddress, fromHex } from "../chain/keys/ss58";
import type { KeyDto } from "../dto-extrinsics";

const ss58Cache = new Map<string, string>();
const SS58_CACHE_MAX = 100_000;

/** A 0x-hex public key as SS58, or the text itself when it is not a 32-byte key. */
export function ss58Of(hex: string): string {
  let out = ss58Cache.get(hex);
  if (out !== undefined) return out;
  try {
    out = encodeAddress(fromHex(hex));
  } catch {
    out = hex;
  }
  if (ss58Cache.size >= SS58_CACHE_MAX) ss58Cache.clear();
  ss58Cache.set(hex, out);
  return out;
}

/** A stored 0x-hex key as `{ ss58, hex }`. */
export const keyOf = (hex: string): KeyDto => ({ ss58: ss58Of(hex), hex });
