/**
 * Signed extrinsics. A call is `Pallet.method` with named arguments. The signer signs, with its
 * sr25519 key, the UTF-8 bytes of
 *
 *     taoscope-extrinsic-v1\n{"args":{...},"call":"Pallet.method","genesis":"0x…","nonce":N}
 *
 * that is, the canonical JSON of the call, its arguments, the account nonce and the genesis
 * hash: keys sorted, no spaces, amounts as decimal strings, accounts as 0x-hex public keys. The
 * nonce stops replays; the genesis hash stops a signature from one network being used on
 * another.
 */
import { blake2b256 } from "../fast-crypto";
import type { Keypair } from "../keys/keypair";
import { verifySignature } from "../keys/keypair";
import { fromHex, toHex } from "../keys/ss58";

/** An argument value as it travels and is signed: amounts and other integers beyond 2^53 are decimal strings. */
export type ArgValue = string | number | boolean | readonly ArgValue[];
export type CallArgs = Readonly<Record<string, ArgValue>>;

export interface Call {
  /** `Pallet.method`, in subtensor's names (e.g. `Balances.transfer_keep_alive`). */
  call: string;
  args: CallArgs;
}

export interface SignedExtrinsic extends Call {
  /** The signer's public key, 0x-hex. */
  signer: string;
  nonce: number;
  /** sr25519 signature, 0x-hex (64 bytes). */
  signature: string;
}

export const PAYLOAD_PREFIX = "taoscope-extrinsic-v1\n";
const textEncoder = new TextEncoder();

/**
 * JSON with object keys sorted at every level: the one spelling a value is signed in. Bigints
 * are refused (they travel as decimal strings) unless `bigint` spells them, as the state root's
 * records do.
 */
export function canonicalJson(value: unknown, bigint?: (v: bigint) => string): string {
  const encode = (v: unknown): string => canonicalJson(v, bigint);
  if (Array.isArray(value)) return value.every(Number.isSafeInteger) ? `[${value.join(",")}]` : `[${value.map(encode).join(",")}]`; // weights rows: thousands of plain integers
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${encode(v)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer: send it as a decimal string`);
  if (typeof value === "bigint") {
    if (!bigint) throw new TypeError("bigints travel as decimal strings");
    return JSON.stringify(bigint(value));
  }
  return JSON.stringify(value);
}

/**
 * The bytes a signer signs. `argsJson` is `canonicalJson(call.args)` when the caller has it
 * already (a block encodes each extrinsic's arguments once for the signature, hash and length).
 */
export function signingPayload(call: Call, nonce: number, genesisHash: string, argsJson = canonicalJson(call.args)): Uint8Array {
  // The canonical JSON of { args, call, genesis, nonce }, keys in sorted order.
  return textEncoder.encode(`${PAYLOAD_PREFIX}{"args":${argsJson},"call":${JSON.stringify(call.call)},"genesis":${JSON.stringify(genesisHash)},"nonce":${canonicalJson(nonce)}}`);
}

/**
 * Sign a call. `random` (32 bytes) makes the signature reproducible, which seeded simulations
 * use; without it the signature is randomised as sr25519 intends.
 */
export function signExtrinsic(key: Keypair, call: Call, nonce: number, genesisHash: string, random?: Uint8Array): SignedExtrinsic {
  const signature = key.sign(signingPayload(call, nonce, genesisHash), random);
  return { call: call.call, args: call.args, signer: key.publicKeyHex, nonce, signature: toHex(signature) };
}

/** What one signature check reads: the signed bytes, the signature and the signer's public key. */
export interface SignatureCheck {
  message: Uint8Array;
  signature: Uint8Array;
  publicKey: Uint8Array;
}

/** The bytes `verifyExtrinsic` checks for `ext`, or null when its signer or signature is not hex. */
export function signatureCheckOf(ext: SignedExtrinsic, genesisHash: string, argsJson = canonicalJson(ext.args)): SignatureCheck | null {
  let publicKey: Uint8Array;
  let signature: Uint8Array;
  try {
    publicKey = fromHex(ext.signer);
    signature = fromHex(ext.signature);
  } catch {
    return null;
  }
  return { publicKey, signature, message: signingPayload(ext, ext.nonce, genesisHash, argsJson) };
}

/**
 * What a verified signature is remembered by: blake2b-256 of the public key's and the
 * signature's lengths (u32 little-endian each), the public key, the signature and the signed
 * message. Any byte of any of the three that differs gives another key, so a key vouches for
 * exactly the bytes that were verified.
 */
export function signatureKey(c: SignatureCheck): string {
  const data = new Uint8Array(8 + c.publicKey.length + c.signature.length + c.message.length);
  const view = new DataView(data.buffer);
  view.setUint32(0, c.publicKey.length, true);
  view.setUint32(4, c.signature.length, true);
  data.set(c.publicKey, 8);
  data.set(c.signature, 8 + c.publicKey.length);
  data.set(c.message, 8 + c.publicKey.length + c.signature.length);
  return toHex(blake2b256(data));
}

/**
 * Signatures already verified (true) elsewhere, by `signatureKey`: a node verifies on a thread
 * pool ahead of the block and hands the block what it found valid. A `Set<string>` is one.
 */
export interface VerifiedSignatures {
  has(key: string): boolean;
}

/**
 * Whether the signature is the signer's over this call, nonce and genesis hash. With `verified`,
 * a signature whose exact bytes (key, signature, message) are in it is not checked again; any
 * other is verified here.
 */
export function verifyExtrinsic(ext: SignedExtrinsic, genesisHash: string, argsJson = canonicalJson(ext.args), verified?: VerifiedSignatures): boolean {
  const c = signatureCheckOf(ext, genesisHash, argsJson);
  if (c === null) return false;
  if (verified !== undefined && verified.has(signatureKey(c))) return true;
  return verifySignature(c.message, c.signature, c.publicKey);
}

/** The extrinsic's canonical JSON, signature included: what its hash and its length are taken over. */
export function extrinsicJson(ext: SignedExtrinsic, argsJson = canonicalJson(ext.args)): string {
  // The canonical JSON of { args, call, nonce, signature, signer }, keys in sorted order.
  return `{"args":${argsJson},"call":${JSON.stringify(ext.call)},"nonce":${canonicalJson(ext.nonce)},"signature":${JSON.stringify(ext.signature)},"signer":${JSON.stringify(ext.signer)}}`;
}

/** The extrinsic's hash: blake2b-256 of its canonical JSON, signature included. */
export function extrinsicHash(ext: SignedExtrinsic, json = extrinsicJson(ext)): string {
  return toHex(blake2b256(textEncoder.encode(json)));
}

/** Encoded length in bytes (of the canonical JSON), for the length part of the fee. */
export function extrinsicLength(ext: SignedExtrinsic, json = extrinsicJson(ext)): number {
  return textEncoder.encode(json).length;
}

/** Extrinsic ids as explorers show them: `{block}-{index:04}`. */
export function extrinsicId(block: number | bigint, index: number): string {
  return `${block}-${String(index).padStart(4, "0")}`;
}
