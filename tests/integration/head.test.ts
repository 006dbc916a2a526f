/**
 * GET /api/head's read (`getHead`) answers from a cache keyed by the newest block's hash: the
 * answer must be the newest block's row, its NetworkStat and the running totals, and a new block
 * must replace it at once, on SQLite and on PostgreSQL. The rows are written here directly, so
 * every expected value is a literal of this file.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type ReadClient, createReadClient } from "@/lib/db/prisma";
import { getHead } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

/** Block `n` with its figures (issuance 1000 + n, ...) and the totals as of it (n extrinsics, 2n events). */
async function writeBlock(store: SqlChainStore, n: number): Promise<void> {
  await store.sql.run(`INSERT INTO "Block" ("number", "hash", "parentHash", "stateRoot", "extrinsicsRoot", "timestamp", "author", "extrinsicCount", "eventCount") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [BigInt(n), hash(n), hash(n - 1), hash(100 + n), hash(200 + n), BigInt(n) * 12_000n, hash(7), 1, 2]);
  await store.sql.run(`INSERT INTO "NetworkStat" ("blockNumber", "issuance", "free", "staked", "pooled", "rootStaked", "recycled", "blockEmission") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [BigInt(n), String(1000 + n), String(500 + n), "400", "100", "0", "0", "1000000000"]);
  const totals: [string, string][] = [["extrinsicCount", String(n)], ["eventCount", String(2 * n)], ["accountCount", "3"], ["subnetCount", "1"]];
  for (const [key, value] of totals) {
    await store.sql.run(`DELETE FROM "Meta" WHERE "key" = ?`, [key]);
    await store.sql.run(`INSERT INTO "Meta" ("key", "value") VALUES (?, ?)`, [key, value]);
  }
}

async function check(target: DatabaseTarget) {
  const store = await SqlChainStore.open(target);
  cleanups.push(() => store.close());
  const read: ReadClient = createReadClient(target);
  cleanups.push(() => read.$disconnect());
  expect(await getHead(read)).toBeNull();
  for (const n of [0, 1, 2]) await writeBlock(store, n);
  const expectAt = async (n: number) => {
    const h = await getHead(read);
    expect(h?.head).toMatchObject({ number: String(n), hash: hash(n), stateRoot: hash(100 + n), parentHash: hash(n - 1) });
    expect(h?.figures).toMatchObject({ block: String(n), issuance: String(1000 + n), free: String(500 + n) });
    expect(h?.totals).toEqual({ extrinsics: String(n), events: String(2 * n), accounts: 3, subnets: 1 });
    return h!;
  };
  const first = await expectAt(2);
  // The second answer is the cached one, and nothing a caller does to it can change the next.
  const again = await expectAt(2);
  expect(again).toBe(first);
  expect(Object.isFrozen(again.head)).toBe(true);
  // A new block replaces it at once.
  await writeBlock(store, 3);
  await expectAt(3);
}

describe("getHead (cached per head block)", () => {
  it("on SQLite", async () => {
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    await check(db.target);
  });

  it("on PostgreSQL", async () => {
    const db = await tempPostgres();
    cleanups.push(db.cleanup);
    await check(db.target);
  });
});
