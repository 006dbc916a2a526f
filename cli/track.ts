/**
 * What became of a submitted extrinsic: the one place the CLI asks. It polls the node's
 * `GET /api/extrinsics/by-hash/{hash}` (pending, included with block, index, outcome, fee and
 * events, or dropped with the cause and reason) until the extrinsic leaves the pending state.
 */
import type { ExtrinsicTrackDto } from "../lib/dto-extrinsics";
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
    const t = await api.get<ExtrinsicTrackDto>(`/api/extrinsics/by-hash/${hash}`);
    if (t?.status === "included") {
      return { status: "included", hash, block: t.block, index: t.index, id: t.id, success: t.success, ...(t.error ? { error: t.error } : {}), fee: t.fee, events: t.events.map((e) => ({ name: e.name, data: e.data })) };
    }
    if (t?.status === "dropped") return { status: "dropped", hash, cause: t.dropped.cause, reason: t.dropped.reason };
    if (t?.status === "pending") last = "pending";
    if (Date.now() > end) return { status: "timeout", hash, last };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
