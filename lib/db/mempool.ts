/**
 * The persisted mempool read through Prisma: what a process that does not produce blocks (a
 * PostgreSQL follower) answers for `GET /api/extrinsics/by-hash/{hash}`. The producer writes the
 * rows (lib/db/store.ts): one per pending extrinsic on accept, and with each block the ones it
 * included removed and the ones it dropped kept in the ring of the newest 256.
 */
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";
import type { DropCause } from "../node/mempool";
import type { MempoolFate } from "../node/node";
import type { ReadClient } from "./prisma";

/**
 * The stored fate of `hash`, as the producer's `mempoolLookup` gives it: a pending one is ready
 * when every nonce from the signer's stored account nonce up to its own is pending too.
 */
export async function storedMempoolFate(db: ReadClient, hash: string): Promise<MempoolFate> {
  const r = await db.mempoolEntry.findUnique({ where: { hash: hash.toLowerCase() } });
  if (!r) return null;
  const ext: SignedExtrinsic = { call: r.call, args: JSON.parse(r.args), signer: r.signer, nonce: r.nonce, signature: r.signature };
  const head = (await db.block.findFirst({ orderBy: { number: "desc" }, select: { number: true } }))?.number ?? 0n;
  if (r.state === "dropped") {
    return { state: "dropped", head, entry: { ext, hash: r.hash, submittedAt: r.submittedAt, droppedAt: r.droppedAt ?? 0n, cause: (r.cause ?? "Expired") as DropCause, reason: r.reason ?? "", dropSeq: r.dropSeq ?? 0 } };
  }
  const accountNonce = (await db.account.findUnique({ where: { id: r.signer }, select: { nonce: true } }))?.nonce ?? 0;
  const gap = r.nonce - accountNonce;
  const filled = gap > 0 ? await db.mempoolEntry.count({ where: { state: "pending", signer: r.signer, nonce: { gte: accountNonce, lt: r.nonce } } }) : 0;
  const status = filled === Math.max(gap, 0) ? "ready" : "future";
  return { state: "pending", head, entry: { ext, hash: r.hash, submittedAt: r.submittedAt, expiresAt: r.expiresAt, seq: r.seq, status } };
}
