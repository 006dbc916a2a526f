/**
 * A chain's extrinsic and event rows read straight from its database with plain SQL (not through
 * the explorer's queries), for the expected values of the list tests, and their newest-first order.
 */
import { expect } from "vitest";
import type { SqlChainStore } from "@/lib/db/store";

export interface StoredExtrinsic {
  id: string;
  blockNumber: bigint;
  index: number;
  call: string;
  signer: string;
  nonce: number;
  fee: string;
  success: boolean;
  error: string | null;
  errorDetail: string | null;
}

export interface StoredEvent {
  blockNumber: bigint;
  index: number;
  extrinsicIndex: number | null;
  name: string;
  /** The event's data as stored (JSON text). */
  data: string;
}

export async function storedExtrinsics(store: SqlChainStore): Promise<StoredExtrinsic[]> {
  const rows = await store.sql.query<StoredExtrinsic>(`SELECT "id", "blockNumber", "index", "call", "signer", "nonce", "fee", "success", "error", "errorDetail" FROM "Extrinsic"`);
  return rows.map((r) => ({ ...r, blockNumber: BigInt(r.blockNumber), index: Number(r.index), nonce: Number(r.nonce), success: Boolean(Number(r.success)) }));
}

export async function storedEvents(store: SqlChainStore): Promise<StoredEvent[]> {
  const rows = await store.sql.query<StoredEvent>(`SELECT "blockNumber", "index", "extrinsicIndex", "name", "data" FROM "Event"`);
  return rows.map((r) => ({ ...r, blockNumber: BigInt(r.blockNumber), index: Number(r.index), extrinsicIndex: r.extrinsicIndex === null ? null : Number(r.extrinsicIndex) }));
}

/** Rows by (blockNumber, index), newest first. */
export const newestFirst = <T extends { blockNumber: bigint; index: number }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.blockNumber === b.blockNumber ? b.index - a.index : a.blockNumber > b.blockNumber ? -1 : 1));

/** `{block}-{index:04}`. */
export const idAt = (r: { blockNumber: bigint; index: number }): string => `${r.blockNumber}-${String(r.index).padStart(4, "0")}`;

/**
 * A stored weights or bonds matrix as rows of `[uid, u16]` pairs, decoded here from the format
 * lib/db/packed-rows.ts documents (base64 u16 LE row lengths and col, value cells) with Buffer's
 * own readers, not the store's decoder; a value written before packing is already pairs.
 */
export function storedMatrixRows(v: unknown): [number, number][][] {
  if (Array.isArray(v)) return v as [number, number][][];
  if (v instanceof Uint8Array) {
    // The binary columns: u16 LE row count, row heads (entry count; bit 15: the row is stored by
    // the uids it lacks, as a count and those uids), each row's uids or missing uids, then every value.
    const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    const rows = b.readUInt16LE(0);
    let at = 2 + 2 * rows;
    const uids = Array.from({ length: rows }, (_, i) => {
      const head = b.readUInt16LE(2 + 2 * i);
      const len = head & 0x7fff;
      const read = (n: number) => Array.from({ length: n }, () => ((at += 2), b.readUInt16LE(at - 2)));
      if (!(head & 0x8000)) return read(len);
      const lacks = new Set(read(b.readUInt16LE((at += 2) - 2)));
      return Array.from({ length: len + lacks.size }, (_, j) => j).filter((j) => !lacks.has(j));
    });
    const nnz = uids.reduce((a, u) => a + u.length, 0);
    expect(b.length).toBe(at + 2 * nnz);
    return uids.map((row) => row.map((uid): [number, number] => [uid, ((at += 2), b.readUInt16LE(at - 2))]));
  }
  const p = v as { rows: number; lengths: string; cells: string };
  const lengths = Buffer.from(p.lengths, "base64");
  const cells = Buffer.from(p.cells, "base64");
  let at = 0;
  return Array.from({ length: p.rows }, (_, i) =>
    Array.from({ length: lengths.readUInt16LE(2 * i) }, () => {
      const pair: [number, number] = [cells.readUInt16LE(at), cells.readUInt16LE(at + 2)];
      at += 4;
      return pair;
    }),
  );
}

/** A stored off-chain score (table OffchainScore) with the hotkeys that held its uids when the round ran. */
export interface StoredScore {
  netuid: number;
  uid: number;
  validatorUid: number;
  validator: string;
  miner: string;
  block: string;
  tempo: number;
  score: number;
  ema: number;
  computeSpent: number;
}

/** The hotkey that held a score row's uid when its round ran: the last registration before the row's block (plain SQL over UidRegistration). */
const holderAt = (column: string) => `(SELECT r."hotkey" FROM "UidRegistration" r WHERE r."netuid" = s."netuid" AND r."uid" = s."${column}" AND r."block" < s."block" ORDER BY r."block" DESC LIMIT 1)`;

/** Every stored off-chain score (of subnet `netuid` if given) with its hotkeys, by block then validator hotkey; numbers as numbers (PostgreSQL's BIGINT comes back as text). */
export async function storedScores(store: SqlChainStore, netuid?: number): Promise<StoredScore[]> {
  const rows = await store.sql.query<Record<keyof StoredScore, unknown>>(
    `SELECT s.*, ${holderAt("validatorUid")} AS "validator", ${holderAt("uid")} AS "miner" FROM "OffchainScore" s${netuid === undefined ? "" : ` WHERE s."netuid" = ?`}`,
    netuid === undefined ? [] : [netuid],
  );
  return rows
    .map((r) => ({ netuid: Number(r.netuid), uid: Number(r.uid), validatorUid: Number(r.validatorUid), validator: String(r.validator), miner: String(r.miner), block: String(r.block), tempo: Number(r.tempo), score: Number(r.score), ema: Number(r.ema), computeSpent: Number(r.computeSpent) }))
    .sort((a, b) => Number(BigInt(a.block) - BigInt(b.block)) || a.validator.localeCompare(b.validator));
}

/**
 * A stored `MetagraphSnapshot` (or `EpochInput`) row's data: its JSON, with `weights` and `bonds`
 * from the binary columns where the row has them (rows written before them keep both in the JSON).
 */
export function storedSnapshotData<T = Record<string, unknown>>(r: { data: string; weights?: Uint8Array | null; bonds?: Uint8Array | null }): T {
  const d = JSON.parse(r.data) as Record<string, unknown>;
  if (r.weights) d.weights = r.weights;
  if (r.bonds) d.bonds = r.bonds;
  return d as T;
}
