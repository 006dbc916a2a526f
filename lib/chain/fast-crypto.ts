/**
 * WASM crypto on the hot paths, once `enableFastCrypto()` has resolved (the JavaScript libraries
 * until then):
 * - sr25519 verification by schnorrkel compiled to WASM (@polkadot-labs/schnorrkel-wasm, the
 *   build polkadot-api's key derivation uses): ~0.17 ms a signature here, against ~0.45 ms for
 *   @polkadot/wasm-crypto's older schnorrkel build and ~3 ms for the pure JavaScript
 *   @scure/sr25519 (bench:chain prints the figure);
 * - BLAKE2b from @polkadot/wasm-crypto (the library @polkadot/util-crypto uses), 5–13× faster
 *   than @noble/hashes. Its WASM is compiled asynchronously, hence the explicit enabling.
 * - sr25519 signing with the caller's randomness (`fastSigner`), byte for byte @scure/sr25519's
 *   `sign`, about 15× faster: see below.
 * Both sides compute the same functions (schnorrkel verification with the "substrate" context;
 * BLAKE2b-256; schnorrkel signing); tests check that they agree on valid, tampered and malformed
 * input, and that every signature is @scure/sr25519's own.
 */
import { mod } from "@noble/curves/abstract/modular.js";
import { bytesToNumberLE, numberToBytesLE } from "@noble/curves/utils.js";
import { blake2b as nobleBlake2b } from "@noble/hashes/blake2.js";
import { blake2b as wasmBlake2b, waitReady } from "@polkadot/wasm-crypto";
import { sr25519_pubkey, sr25519_verify } from "@polkadot-labs/schnorrkel-wasm";
import { __tests as scureParts } from "@scure/sr25519";

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

/** The order of the ristretto255 group (and of its scalars). */
export const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;
const SUBSTRATE_CONTEXT = new TextEncoder().encode("substrate");
const ZERO_NONCE = new Uint8Array(32);

/**
 * An sr25519 signer equal to @scure/sr25519's `sign(secretKey, message, random)` byte for byte,
 * when the WASM is ready, else null. @scure spends ~95% of a signature on two ristretto255 base
 * multiplications in JavaScript (~1 ms each here): one re-deriving the public key the caller
 * already holds, one for the commitment R = r·G. This signer runs @scure's own signing
 * transcript (its exported `SigningContext`, the Merlin transcript over Strobe its `sign` uses),
 * commits the public key the key pair keeps, and takes r·G from schnorrkel's WASM
 * (`sr25519_pubkey` of a secret whose key is r: it computes key·G from a precomputed table, and
 * reads the key in the Ed25519 form, r·8, as @scure writes secret keys). Nothing here is new
 * cryptography: the steps are @scure's `sign` with those two products computed elsewhere, and a
 * property test checks the output against @scure's over random keys, messages and randomness.
 */
export function fastSigner(): ((secretKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array, random: Uint8Array) => Uint8Array) | null {
  return ready ? signWithWasmBase : null;
}

function signWithWasmBase(secretKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array, random: Uint8Array): Uint8Array {
  if (secretKey.length !== 64 || publicKey.length !== 32 || random.length !== 32) throw new RangeError(`sr25519 signing takes a 64-byte secret key, a 32-byte public key and 32 random bytes, got ${secretKey.length}, ${publicKey.length} and ${random.length}`);
  const t = new scureParts.SigningContext("SigningContext");
  t.label(SUBSTRATE_CONTEXT);
  t.bytes(message);
  // The secret key's scalar half is in the Ed25519 form (the key times the cofactor 8).
  const key = bytesToNumberLE(secretKey.subarray(0, 32)) >> 3n;
  t.protoName("Schnorr-sig");
  t.appendMessage("sign:pk", publicKey);
  const r = t.witnessScalar("signing", random, [secretKey.subarray(32, 64)]);
  const secretOfR = new Uint8Array(64);
  secretOfR.set(numberToBytesLE(r << 3n, 32)); // r < 2^253, so r·8 fits in 32 bytes
  secretOfR.set(ZERO_NONCE, 32);
  const R = sr25519_pubkey(secretOfR);
  t.appendMessage("sign:R", R);
  const k = t.challengeScalar("sign:c");
  const signature = new Uint8Array(64);
  signature.set(R);
  signature.set(numberToBytesLE(mod(k * key + r, GROUP_ORDER), 32), 32);
  signature[63]! |= 0x80; // schnorrkel's marker
  t.clean();
  secretOfR.fill(0);
  return signature;
}
