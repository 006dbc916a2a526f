/**
 * An extrinsic's hash and encoded length computed here, independently of the engine, from the
 * README's definition: blake2b-256 of its canonical JSON `{args, call, nonce, signature, signer}`
 * (keys sorted; the args as signed, already in key order for the calls tests sign).
 */
import { blake2b } from "@noble/hashes/blake2.js";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";

export const canonicalExtrinsic = (x: SignedExtrinsic) => JSON.stringify({ args: x.args, call: x.call, nonce: x.nonce, signature: x.signature, signer: x.signer });
export const expectedHash = (x: SignedExtrinsic) => `0x${Buffer.from(blake2b(new TextEncoder().encode(canonicalExtrinsic(x)), { dkLen: 32 })).toString("hex")}`;
/** floor(0.0005 · (125e6 base + 60e6 transfer weight)) + length in bytes: a Balances transfer's fee. */
export const transferFee = (x: SignedExtrinsic) => String(92_500 + Buffer.byteLength(canonicalExtrinsic(x)));
