/**
 * WASM crypto on the hot paths, once `enableFastCrypto()` has resolved (the JavaScript libraries
 * until then):
 * - sr25519 verification by schnorrkel compiled to WASM (@polkadot-labs/schnorrkel-wasm, the
 *   build polkadot-api's key derivation uses): ~0.17 ms a signature here, against ~0.45 ms for
 *   @polkadot/wasm-crypto's older schnorrkel build and ~3 ms for the pure JavaScript
 *   @scure/sr25519 (bench:chain prints the figure);
 * - BLAKE2b from @polkadot/wasm-crypto (the library @polkadot/util-crypto uses), 5–13× faster
 *   than @noble/hashes. Its WASM is compiled asynchronously, hence the explicit enabling.
 * Both sides compute the same functions (schnorrkel verification with the "substrate" context;
 * BLAKE2b-256); tests check that they agree on valid, tampered and malformed input. Signing
 * stays with @scure/sr25519, which takes the nonce randomness from the caller, so seeded traffic
 * signs reproducibly (schnorrkel-wasm draws it from the OS).
 */
import { blake2b as nobleBlake2b } from "@noble/hashes/blake2.js";
import { blake2b as wasmBlake2b, waitReady } from "@polkadot/wasm-crypto";
import { sr25519_verify } from "@polkadot-labs/schnorrkel-wasm";

let ready = false;
const NO_KEY = new Uint8Array(0);

/** Compile the WASM module; later calls use it. Safe to call more than once. */
export async function enableFastCrypto(): Promise<boolean> {
  if (!ready) ready = await waitReady();
  return ready;
}

/** The WASM sr25519 verifier when it is ready, else null. */
export function fastVerifier(): ((message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean) | null {
  return ready ? (message, signature, publicKey) => sr25519_verify(publicKey, message, signature) : null;
}

/** BLAKE2b with a 32-byte digest, in WASM once enabled. */
export function blake2b256(data: Uint8Array): Uint8Array {
  return ready ? wasmBlake2b(data, NO_KEY, 32) : nobleBlake2b(data, { dkLen: 32 });
}
