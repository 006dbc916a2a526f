/**
 * Answers that depend on nothing but the stored chain, kept until another block is stored: the
 * validators list and the home overview sum thousands of stake positions and a day of epoch
 * rows, and between two blocks (12 s on the live node) every request would sum the same rows.
 * Kept per read client under the head block's hash, so a new block (from this process's producer
 * or, on PostgreSQL, another process's), or another chain at the same height, starts afresh; the
 * check is one primary-key read. A failed computation is not kept. Values are frozen: requests
 * share them.
 */
import type { ReadClient } from "./prisma";
import { deepFreeze } from "../chain/freeze";

const kept = new WeakMap<ReadClient, { hash: string | null; values: Map<string, Promise<unknown>> }>();

/** The head block's hash, or null before genesis is stored. */
async function headHash(db: ReadClient): Promise<string | null> {
  const [row] = await db.sql.query<{ hash: string }>(`SELECT "hash" FROM "Block" WHERE "number" = (SELECT MAX("number") FROM "Block")`);
  return row?.hash ?? null;
}

/** `compute()`'s answer for `key` at the current head: computed once per head block. */
export async function perHead<T>(db: ReadClient, key: string, compute: () => Promise<T>): Promise<T> {
  const hash = await headHash(db);
  let cache = kept.get(db);
  if (!cache || cache.hash !== hash) kept.set(db, (cache = { hash, values: new Map() }));
  let value = cache.values.get(key) as Promise<T> | undefined;
  if (!value) {
    const values = cache.values;
    value = compute().then(deepFreeze);
    values.set(key, value);
    value.catch(() => values.delete(key));
  }
  return value;
}
