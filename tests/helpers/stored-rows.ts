/**
 * A chain's extrinsic and event rows read straight from its database with plain SQL (not through
 * the explorer's queries), for the expected values of the list tests, and their newest-first order.
 */
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
