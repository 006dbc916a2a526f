/**
 * SS58 addresses (Substrate's account encoding): base58 of `prefix ‖ public key ‖ checksum`,
 * the checksum being the first two bytes of blake2b-512("SS58PRE" ‖ prefix ‖ public key).
 * Bittensor uses the generic Substrate prefix 42.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { base58 } from "@scure/base";

export const SS58_PREFIX = 42;
const SS58PRE = new TextEncoder().encode("SS58PRE");

export class AddressError extends Error {
  constructor(address: string, reason: string) {
    super(`invalid SS58 address ${JSON.stringify(address)}: ${reason}`);
    this.name = "AddressError";
  }
}

function prefixBytes(prefix: number): Uint8Array {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383 || prefix === 46 || prefix === 47) {
    throw new RangeError(`SS58 prefix ${prefix} is not allowed`);
  }
  if (prefix < 64) return Uint8Array.of(prefix);
  // Two-byte form (prefixes 64..16383), as Substrate's Ss58Codec writes it.
  return Uint8Array.of(((prefix & 0b1111_1100) >> 2) | 0b0100_0000, (prefix >> 8) | ((prefix & 0b11) << 6));
}

function checksum(payload: Uint8Array): Uint8Array {
  const input = new Uint8Array(SS58PRE.length + payload.length);
  input.set(SS58PRE);
  input.set(payload, SS58PRE.length);
  return blake2b(input, { dkLen: 64 }).subarray(0, 2);
}

/** A 32-byte public key as an SS58 address. */
export function encodeAddress(publicKey: Uint8Array, prefix = SS58_PREFIX): string {
  if (publicKey.length !== 32) throw new RangeError(`a public key has 32 bytes, got ${publicKey.length}`);
  const pre = prefixBytes(prefix);
  const payload = new Uint8Array(pre.length + 32);
  payload.set(pre);
  payload.set(publicKey, pre.length);
  const out = new Uint8Array(payload.length + 2);
  out.set(payload);
  out.set(checksum(payload), payload.length);
  return base58.encode(out);
}

/** Parse an SS58 address of a 32-byte key, checking its checksum and (if given) its prefix. */
export function decodeAddress(address: string, expectedPrefix: number | null = SS58_PREFIX): { publicKey: Uint8Array; prefix: number } {
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(address);
  } catch {
    throw new AddressError(address, "not base58");
  }
  if (bytes.length < 3) throw new AddressError(address, "too short");
  const twoByte = (bytes[0]! & 0b0100_0000) !== 0;
  const preLen = twoByte ? 2 : 1;
  const prefix = twoByte ? ((bytes[0]! & 0b0011_1111) << 2) | (bytes[1]! >> 6) | ((bytes[1]! & 0b0011_1111) << 8) : bytes[0]!;
  if (bytes.length !== preLen + 32 + 2) throw new AddressError(address, `expected a 32-byte account, got ${bytes.length - preLen - 2} bytes`);
  const payload = bytes.subarray(0, preLen + 32);
  const sum = checksum(payload);
  if (sum[0] !== bytes[preLen + 32] || sum[1] !== bytes[preLen + 33]) throw new AddressError(address, "checksum mismatch");
  if (expectedPrefix !== null && prefix !== expectedPrefix) throw new AddressError(address, `network prefix ${prefix}, expected ${expectedPrefix}`);
  return { publicKey: bytes.slice(preLen, preLen + 32), prefix };
}

export function isValidAddress(address: string, expectedPrefix: number | null = SS58_PREFIX): boolean {
  try {
    decodeAddress(address, expectedPrefix);
    return true;
  } catch {
    return false;
  }
}

/** Bytes as 0x-prefixed lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = "0x";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** 0x-prefixed hex as bytes; throws on odd length or non-hex characters. */
export function fromHex(hex: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new RangeError(`not 0x-prefixed hex bytes: ${JSON.stringify(hex)}`);
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

/**
 * An account key in both forms, from an SS58 address (prefix 42) or a 0x-hex 32-byte public key;
 * or, for anything else, the reason it is not one (said to a user: "must be ...").
 */
export function parseAccountKey(value: string): { ss58: string; hex: string } | { error: string } {
  if (/^0x/i.test(value)) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(value)) return { error: "must be a 0x-prefixed hex public key of 32 bytes (64 hex digits), or an SS58 address" };
    return { ss58: encodeAddress(fromHex(value)), hex: value.toLowerCase() };
  }
  try {
    const { publicKey } = decodeAddress(value);
    return { ss58: encodeAddress(publicKey), hex: toHex(publicKey) };
  } catch (e) {
    const reason = e instanceof AddressError ? e.message.replace(/^invalid SS58 address "[^"]*": /, "") : "not an address";
    return { error: `must be an SS58 address with network prefix 42 or a 0x-prefixed 32-byte hex public key (${reason})` };
  }
}
