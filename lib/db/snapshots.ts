/**
 * Stored metagraph snapshots (`MetagraphSnapshot`: every SDK column of a subnet at one epoch,
 * weights and bonds included), read and parsed once. A snapshot never changes once written, and
 * parsing one is most of what reading it costs (a 123-uid snapshot written before its weights and
 * bonds were packed was 228 kB of JSON: 0.3 ms to read, 3.7 ms to parse, as much again to
 * freeze; packed, 141 kB and 0.4 ms in all), while the subnet page, the distribution, the export
 * and a neuron's history ask for the same few epochs again and again. Parsed snapshots are kept per read client,
 * keyed by the block the epoch ran at (a re-registered netuid numbers its epochs afresh, at later
 * blocks), frozen so no reader can change what the next one sees.
 */
import { deepFreeze } from "../chain/freeze";
import type { U16Matrix } from "../chain/consensus/u16-matrix";
import { decodeU16Rows, unpackRows } from "./packed-rows";
import type { ReadClient } from "./prisma";
import { big, num } from "./sql";
import { NotFoundError } from "./not-found";
import { prunedBelow } from "./prune";

export interface StoredSnapshot<T> {
  epoch: number;
  block: bigint;
  /** Uids in the snapshot. */
  n: number;
  data: T;
}

/**
 * Parsed snapshots kept per client: the most recently used, up to this many characters of their
 * JSON in all (a 256-uid snapshot with full weights is about 0.8 MB of it packed, 1.5 MB as the
 * pairs written before), and at most SNAPSHOTS_KEPT of them. Few: what repeats is the latest
 * epoch and the one a page reads three times over; a snapshot of pairs parsed is some 15,000
 * small arrays, and keeping 32 made every collection walk them (a past epoch's subnet page, 250
 * requests over the chain's epochs: p50 90 → 72 ms, p95 109 → 100, with 8).
 */
const SNAPSHOT_CHARS_KEPT = 4_000_000;
const SNAPSHOTS_KEPT = 8;
const parsed = new WeakMap<ReadClient, { chars: number; entries: Map<string, StoredSnapshot<unknown> & { chars: number }> }>();

/** Subnet `netuid`'s snapshot at `epoch`, or its newest when `epoch` is absent; null when there is none. */
export async function readSnapshot<T>(db: ReadClient, netuid: number, epoch?: number): Promise<StoredSnapshot<T> | null> {
  const [head] = await db.sql.query<{ epoch: unknown; block: unknown; n: unknown }>(
    epoch === undefined ? `SELECT "epoch", "block", "n" FROM "MetagraphSnapshot" WHERE "netuid" = ? ORDER BY "epoch" DESC LIMIT 1` : `SELECT "epoch", "block", "n" FROM "MetagraphSnapshot" WHERE "netuid" = ? AND "epoch" = ?`,
    epoch === undefined ? [netuid] : [netuid, epoch],
  );
  if (!head) return null;
  const at = { epoch: num(head.epoch), block: big(head.block), n: num(head.n) };
  let cache = parsed.get(db);
  if (!cache) parsed.set(db, (cache = { chars: 0, entries: new Map() }));
  const key = `${netuid}/${at.epoch}/${at.block}`;
  const hit = cache.entries.get(key);
  if (hit) {
    cache.entries.delete(key); // most recently used last
    cache.entries.set(key, hit);
    return hit as StoredSnapshot<T>;
  }
  const [row] = await db.sql.query<{ block: unknown; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
    `SELECT "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" WHERE "netuid" = ? AND "epoch" = ?`,
    [netuid, at.epoch],
  );
  // Gone, or replaced by a re-registered netuid's epoch, between the two reads: read it as it is now.
  if (!row || big(row.block) !== at.block) return readSnapshot<T>(db, netuid, epoch);
  const data = deepFreeze(JSON.parse(row.data) as T);
  // The binary columns (rows written before them keep the matrices in the JSON, which snapshotMatrix reads).
  const kept = new Map<string, U16Matrix>();
  if (row.weights) kept.set("weights", decodeU16Rows(row.weights, "metagraph snapshot: weights"));
  if (row.bonds) kept.set("bonds", decodeU16Rows(row.bonds, "metagraph snapshot: bonds"));
  if (kept.size > 0) matrices.set(data as object, kept);
  const chars = row.data.length + (row.weights?.length ?? 0) + (row.bonds?.length ?? 0);
  const snap = { ...at, data };
  cache.entries.set(key, { ...snap, chars });
  cache.chars += chars;
  for (const [k, old] of cache.entries) {
    if (cache.chars <= SNAPSHOT_CHARS_KEPT && cache.entries.size <= SNAPSHOTS_KEPT) break;
    if (k === key) break; // the one just read stays, however large
    cache.entries.delete(k);
    cache.chars -= old.chars;
  }
  return snap;
}

const matrices = new WeakMap<object, Map<string, U16Matrix>>();

/**
 * A snapshot's `weights` or `bonds` as a matrix: from its binary columns (decoded by readSnapshot),
 * or, in a snapshot written before them, from its JSON (base64-packed, or pairs before packing),
 * unpacked once per parsed snapshot. Shared between readers like the snapshot itself:
 * read it, never write to it.
 */
export function snapshotMatrix(data: object, key: "weights" | "bonds"): U16Matrix {
  let kept = matrices.get(data);
  if (!kept) matrices.set(data, (kept = new Map()));
  let m = kept.get(key);
  if (!m) kept.set(key, (m = unpackRows((data as Record<string, unknown>)[key], `metagraph snapshot: ${key}`)));
  return m;
}

/**
 * Subnet `netuid`'s snapshot at `epoch` (its newest when absent), or NotFoundError saying why
 * there is none: no epoch yet, none of that number, or one this node pruned (`TAOSCOPE_PRUNING`
 * keeps the full snapshots of its recent blocks only).
 */
export async function requireSnapshot<T>(db: ReadClient, netuid: number, epoch?: number): Promise<StoredSnapshot<T>> {
  const snap = await readSnapshot<T>(db, netuid, epoch);
  if (snap) return snap;
  if (epoch === undefined) throw new NotFoundError(`subnet ${netuid} has no stored epoch yet`);
  const [[newest], pruned] = await Promise.all([db.sql.query<{ epoch: unknown }>(`SELECT MAX("epoch") AS "epoch" FROM "MetagraphSnapshot" WHERE "netuid" = ?`, [netuid]), prunedBelow(db)]);
  if (pruned > 0n && newest?.epoch != null && epoch < num(newest.epoch)) {
    throw new NotFoundError(`subnet ${netuid}'s epoch ${epoch} was pruned: this node keeps the full metagraph of the epochs in its recent blocks only (TAOSCOPE_PRUNING; history below block ${pruned} is pruned), and the per-epoch records`);
  }
  throw new NotFoundError(`subnet ${netuid} has no stored epoch ${epoch}`);
}
