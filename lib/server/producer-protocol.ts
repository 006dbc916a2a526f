/**
 * The messages between the server's main thread and its block-producer worker
 * (lib/server/producer-worker.ts). Everything crosses `postMessage` by structured clone, which
 * keeps bigints; errors cross as their name and message, which is what `handle()` maps to a
 * status (lib/server/http.ts tells errors apart by name).
 */
import type { MempoolFate, MempoolSnapshot, Submitted } from "../node/node";
import type { SyncStatus } from "../node/history";
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";

/** What the main thread may ask the producer; each answers with the return type shown. */
export interface ProducerMethods {
  accept(ext: SignedExtrinsic): Submitted;
  mempool(limit: number): MempoolSnapshot;
  mempoolLookup(hash: string): MempoolFate;
  advance(blocks: number): bigint;
  stop(): null;
}

export type ProducerMethod = keyof ProducerMethods;
export type ProducerResult<M extends ProducerMethod> = ReturnType<ProducerMethods[M]>;

export type ProducerRequest = { [M in ProducerMethod]: { id: number; method: M; args: Parameters<ProducerMethods[M]> } }[ProducerMethod];

/** The producer's head and history progress, pushed a few times a second and after every answer. */
export interface ProducerStatus {
  head: bigint;
  sync: SyncStatus;
}

export type ProducerEvent =
  | { type: "ready"; status: ProducerStatus }
  | { type: "status"; status: ProducerStatus }
  | { type: "reply"; id: number; ok: true; value: unknown; status: ProducerStatus }
  | { type: "reply"; id: number; ok: false; error: { name: string; message: string }; status: ProducerStatus }
  /** The producer cannot go on (opening the database, or the history, failed). */
  | { type: "failed"; message: string };
