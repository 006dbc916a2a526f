/**
 * The persisted mempool (`MempoolEntry`): how its rows are laid out, for the store that writes
 * them (lib/db/store.ts: one per pending extrinsic on accept; with each block, the ones it
 * included removed and the ones it dropped kept in the ring of the newest 256), and the read a
 * process that does not produce blocks (a PostgreSQL follower) answers
 * `GET /api/extrinsics/by-hash/{hash}` with.
 */
import { type SignedExtrinsic, canonicalJson } from "../chain/runtime/extrinsic";
import type { DropCause, DroppedExtrinsic, PendingExtrinsic } from "../node/mempool";
import type { MempoolFate } from "../node/node";
import type { ReadClient } from "./prisma";

export const MEMPOOL_COLUMNS = ["hash", "state", "signer", "nonce", "call", "args", "signature", "submittedAt", "expiresAt", "seq", "dropSeq", "droppedAt", "cause", "reason"] as const;

/** A row as either driver or Prisma returns it (integers as numbers or bigints). */
export interface MempoolRowValues {
  hash: string;
  state: string;
  signer: string;
  nonce: number | bigint;
  call: string;
  args: string;
  signature: string;
  submittedAt: number | bigint;
  expiresAt: number | bigint;
  seq: number | bigint;
  dropSeq: number | bigint | null;
  droppedAt: number | bigint | null;
  cause: string | null;
  reason: string | null;
}

/**
 * The row of a pending extrinsic, or of a dropped one when `dropped` is given. A dropped row's
 * `expiresAt` and `seq` are not read (the store writes 0): the ring is ordered by `dropSeq`.
 */
export function mempoolRow(e: PendingExtrinsic, dropped: DroppedExtrinsic | null): (string | number | bigint | null)[] {
  const x = e.ext;
  const common = [e.hash, dropped ? "dropped" : "pending", x.signer, x.nonce, x.call, canonicalJson(x.args), x.signature, e.submittedAt, e.expiresAt, e.seq];
  return dropped ? [...common, dropped.dropSeq, dropped.droppedAt, dropped.cause, dropped.reason] : [...common, null, null, null, null];
}

/** A stored row as the pool's entry. */
export function fromMempoolRow(r: MempoolRowValues): { state: "pending"; entry: PendingExtrinsic } | { state: "dropped"; entry: DroppedExtrinsic } {
  const ext: SignedExtrinsic = { call: r.call, args: JSON.parse(r.args), signer: r.signer, nonce: Number(r.nonce), signature: r.signature };
  const base = { ext, hash: r.hash, submittedAt: BigInt(r.submittedAt) };
  if (r.state === "pending") return { state: "pending", entry: { ...base, expiresAt: BigInt(r.expiresAt), seq: Number(r.seq) } };
  if (r.droppedAt === null || r.dropSeq === null || r.cause === null || r.reason === null) throw new Error(`mempool row ${r.hash} is dropped but lacks when, why or its order`);
  return { state: "dropped", entry: { ...base, droppedAt: BigInt(r.droppedAt), cause: r.cause as DropCause, reason: r.reason, dropSeq: Number(r.dropSeq) } };
}

/**
 * The stored fate of `hash`, as the producer's `mempoolLookup` gives it: a pending one is ready
 * when every nonce from the signer's stored account nonce up to its own is pending too.
 */
export async function storedMempoolFate(db: ReadClient, hash: string): Promise<MempoolFate> {
  const row = await db.mempoolEntry.findUnique({ where: { hash: hash.toLowerCase() } });
  if (!row) return null;
  const head = (await db.block.findFirst({ orderBy: { number: "desc" }, select: { number: true } }))?.number ?? 0n;
  const r = fromMempoolRow(row);
  if (r.state === "dropped") return { ...r, head };
  const { signer, nonce } = r.entry.ext;
  const accountNonce = (await db.account.findUnique({ where: { id: signer }, select: { nonce: true } }))?.nonce ?? 0;
  const gap = nonce - accountNonce;
  const filled = gap > 0 ? await db.mempoolEntry.count({ where: { state: "pending", signer, nonce: { gte: accountNonce, lt: nonce } } }) : 0;
  return { state: "pending", head, entry: { ...r.entry, status: filled === Math.max(gap, 0) ? "ready" : "future" } };
}
