/**
 * Where a submitted extrinsic is (`GET /api/extrinsics/by-hash/{hash}`): included in a block (the
 * database, so any process answers), or still in the mempool (pending or dropped): from the
 * producer when this process is it, else from the mempool the producer persists.
 *
 * The block is asked first: the producer commits a block before its mempool forgets what the
 * block included, so a hash is never seen in neither place by asking in this order, except when
 * a block commits between the two questions; then the mempool no longer has it and the block is
 * asked again.
 */
import { getExtrinsic, newestExtrinsicByHash } from "../db/extrinsics";
import { storedMempoolFate } from "../db/mempool";
import type { ExtrinsicTrackDto } from "../dto-extrinsics";
import type { MempoolFate } from "../node/node";
import type { Instance } from "./instance";

/** The path that answers where extrinsic `hash` is: POST /api/extrinsics hands it out as `track`. */
export const trackPath = (hash: string) => `/api/extrinsics/by-hash/${hash.toLowerCase()}`;

async function included(inst: Pick<Instance, "read">, hash: string): Promise<ExtrinsicTrackDto | null> {
  const at = await newestExtrinsicByHash(inst.read, hash);
  if (!at) return null;
  const x = await getExtrinsic(inst.read, at);
  return {
    hash,
    status: "included",
    block: x.blockNumber,
    index: x.index,
    id: x.id,
    success: x.success,
    ...(x.error !== null ? { error: { name: x.error, message: x.errorDetail ?? x.error } } : {}),
    fee: x.fee,
    events: x.events,
    eventsPruned: x.eventsPruned,
  };
}

/** The mempool's answer as the API sends it. */
function fateDto(hash: string, fate: NonNullable<MempoolFate>): ExtrinsicTrackDto {
  if (fate.state === "dropped") {
    const d = fate.entry;
    return { hash, status: "dropped", dropped: { cause: d.cause, reason: d.reason, droppedAt: d.droppedAt.toString(), submittedAt: d.submittedAt.toString() } };
  }
  const p = fate.entry;
  return {
    hash,
    status: "pending",
    pending: { status: p.status, submittedAt: p.submittedAt.toString(), expiresAt: p.expiresAt.toString(), ...(p.status === "ready" ? { queuedFor: (fate.head + 1n).toString() } : {}) },
  };
}

/** Where `hash` (0x and 64 hex digits, any case) is, or null when neither the chain nor the mempool knows it. */
export async function trackExtrinsic(inst: Pick<Instance, "read" | "node">, rawHash: string): Promise<ExtrinsicTrackDto | null> {
  const hash = rawHash.toLowerCase();
  const inBlock = await included(inst, hash);
  if (inBlock) return inBlock;
  const fate = inst.node ? await inst.node.mempoolLookup(hash) : await storedMempoolFate(inst.read, hash);
  if (fate) return fateDto(hash, fate);
  return included(inst, hash);
}
