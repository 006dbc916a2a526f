/**
 * Signature checks on the hot path: the WASM build of schnorrkel (@polkadot/wasm-crypto, the
 * library @polkadot/util-crypto uses) verifies an sr25519 signature ~7× faster than the pure
 * JavaScript @scure/sr25519. Its WASM is compiled in at start, asynchronously, so the engine uses
 * it once `enableFastVerify()` has resolved and @scure/sr25519 until then. Both implement
 * schnorrkel's verification with the "substrate" signing context; a test checks they agree on
 * valid, tampered and malformed signatures.
 */
import { sr25519Verify, waitReady } from "@polkadot/wasm-crypto";

let ready = false;

/** Compile the WASM verifier; later signature checks use it. Safe to call more than once. */
export async function enableFastVerify(): Promise<boolean> {
  if (!ready) ready = await waitReady();
  return ready;
}

/** The WASM verifier when it is ready, else null. */
export function fastVerifier(): ((message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean) | null {
  return ready ? (message, signature, publicKey) => sr25519Verify(signature, message, publicKey) : null;
}
