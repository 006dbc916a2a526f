/**
 * One thread of the signature pool (lib/node/verify-pool.ts). It answers batches of sr25519
 * checks with the engine's own `verifySignature` (the WASM verifier once enabled, malformed
 * input false), so its answers are exactly what serial verification on the main thread gives.
 *
 * A batch arrives as one byte buffer and the lengths of each item's three parts (public key,
 * signature, message, in that order, back to back); the answer is one byte per item, 1 for valid.
 * A streamed batch also names a shared Int32Array and where its items start in it: each answer is
 * stored there (1 valid, 2 not) and waiters woken as soon as it is known, before the batch ends.
 */
import { parentPort } from "node:worker_threads";
import { enableFastCrypto } from "../chain/fast-crypto";
import { verifySignature } from "../chain/keys/keypair";

export interface VerifyBatch {
  id: number;
  data: Uint8Array;
  /** Three lengths per item: public key, signature, message. */
  lengths: Uint32Array;
  /** Streamed: the shared answers (0 until known, 1 valid, 2 not) and this batch's first index in them. */
  shared?: Int32Array;
  base?: number;
}

export interface VerifyAnswer {
  id: number;
  valid: Uint8Array;
}

if (!parentPort) throw new Error("verify-worker.ts runs as a worker thread (lib/node/verify-pool.ts starts it)");
const port = parentPort;
await enableFastCrypto();
port.on("message", (batch: VerifyBatch) => {
  const { data, lengths } = batch;
  const n = lengths.length / 3;
  const valid = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const publicKey = data.subarray(at, (at += lengths[3 * i]!));
    const signature = data.subarray(at, (at += lengths[3 * i + 1]!));
    const message = data.subarray(at, (at += lengths[3 * i + 2]!));
    valid[i] = verifySignature(message, signature, publicKey) ? 1 : 0;
    if (batch.shared) {
      Atomics.store(batch.shared, batch.base! + i, valid[i] ? 1 : 2);
      Atomics.notify(batch.shared, batch.base! + i);
    }
  }
  const answer: VerifyAnswer = { id: batch.id, valid };
  port.postMessage(answer, [valid.buffer]);
});
port.postMessage({ ready: true });
