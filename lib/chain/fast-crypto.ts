/**
 * WASM crypto on the hot paths. The WASM build of schnorrkel and BLAKE2 (@polkadot/wasm-crypto,
 * the library @polkadot/util-crypto uses) verifies an sr25519 signature ~7× faster than the pure
 * JavaScript @scure/sr25519, and hashes with BLAKE2b 5–13× faster than @noble/hashes. Its WASM is
 * compiled at start, asynchronously, so the engine uses it once `enableFastCrypto()` has
 * resolved and the JavaScript libraries until then. Both sides compute the same functions
 * (schnorrkel verification with the "substrate" context; BLAKE2b-256); tests check that they
 * agree on valid, tampered and malformed input.
 */
import { blake2b as nobleBlake2b } from "@noble/hashes/blake2.js";
import { blake2b as wasmBlake2b, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";

let ready = false;
const NO_KEY = new Uint8Array(0);

/** Compile the WASM module; later calls use it. Safe to call more than once. */
export async function enableFastCrypto(): Promise<boolean> {
  if (!ready) ready = await waitReady();
  return ready;
}

/** The WASM sr25519 verifier when it is ready, else null. */
export function fastVerifier(): ((message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean) | null {
  return ready ? (message, signature, publicKey) => sr25519Verify(signature, message, publicKey) : null;
}

/** BLAKE2b with a 32-byte digest, in WASM once enabled. */
export function blake2b256(data: Uint8Array): Uint8Array {
  return ready ? wasmBlake2b(data, NO_KEY, 32) : nobleBlake2b(data, { dkLen: 32 });
}
