/**
 * What became of a submitted extrinsic: the one place the CLI asks, so that the node's
 * tracking endpoint can replace the polling below in one change.
 *
 * Until `GET /api/extrinsics/by-hash/{hash}` exists, it polls `GET /api/extrinsics/{hash}`
 * (included: block, index, fee, outcome, events) and `GET /api/mempool/{hash}` (pending, or
 * dropped with the reason).
 */
import type { NodeApi } from "./api";

export interface IncludedOutcome {
  status: "included";
  hash: string;
  block: string;
  index: number;
  /** `{block}-{index:04}`. */
  id: string;
  success: boolean;
  /** subtensor's error name (`Pallet.Error`) and the chain's sentence, when it failed. */
  error?: { name: string; message: string };
  fee: string;
  events: { name: string; data: unknown }[];
}
export interface DroppedOutcome {
  status: "dropped";
  hash: string;
  cause: string;
  reason: string;
}
export interface TimeoutOutcome {
  status: "timeout";
  hash: string;
  /** What the node last said: still pending, or not found at all. */
  last: "pending" | "unknown";
}
export type Outcome = IncludedOutcome | DroppedOutcome | TimeoutOutcome;

const POLL_MS = 250;

/** Poll until the extrinsic is included or dropped, or `timeoutMs` passes. */
export async function waitForOutcome(api: NodeApi, hash: string, timeoutMs: number): Promise<Outcome> {
  const end = Date.now() + timeoutMs;
  let last: TimeoutOutcome["last"] = "unknown";
  for (;;) {
    const ext = await api.extrinsic(hash);
    if (ext) {
      return {
        status: "included",
        hash,
        block: ext.blockNumber,
        index: ext.index,
        id: ext.id,
        success: ext.success,
        ...(ext.error ? { error: { name: ext.error, message: ext.errorDetail ?? "" } } : {}),
        fee: ext.fee,
        events: ext.events.map((e) => ({ name: e.name, data: e.data })),
      };
    }
    const entry = await api.mempoolEntry(hash);
    if (entry?.state === "dropped") return { status: "dropped", hash, cause: entry.cause, reason: entry.reason };
    // Not in a block and not in the pool: it may be between the two (the block being committed).
    last = entry ? "pending" : last;
    if (Date.now() > end) return { status: "timeout", hash, last };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
