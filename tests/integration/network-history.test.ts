/**
 * Network history at many points on both databases (issue 13, item 3): 1000 evenly spaced
 * blocks are looked up without hitting a bound-parameter limit, on SQLite and on PostgreSQL.
 * The chain's rows are written here directly (2,000 blocks with figures derived from the block
 * number), so the expected figures are known without running the engine.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type ReadClient, createReadClient } from "@/lib/db/prisma";
import { getNetworkHistory } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const HEAD = 1999;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function seeded(target: DatabaseTarget): Promise<ReadClient> {
  const store = await SqlChainStore.open(target);
  for (let from = 0; from <= HEAD; from += 200) {
    const ns = Array.from({ length: Math.min(200, HEAD + 1 - from) }, (_, i) => from + i);
    await store.sql.run(
      `INSERT INTO "Block" ("number", "hash", "parentHash", "stateRoot", "extrinsicsRoot", "timestamp", "author", "extrinsicCount", "eventCount") VALUES ${ns.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      ns.flatMap((n) => [BigInt(n), `0x${n}`, `0x${n - 1}`, "0x", "0x", BigInt(n) * 12_000n, "0x", 0, 0]),
    );
    await store.sql.run(
      `INSERT INTO "NetworkStat" ("blockNumber", "issuance", "free", "staked", "pooled", "rootStaked", "recycled", "blockEmission") VALUES ${ns.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      ns.flatMap((n) => [BigInt(n), String(n * 7 + 1), String(n * 3), String(n * 2), String(n), "0", String(n % 5), "1000000000"]),
    );
  }
  await store.close();
  const read = createReadClient(target);
  cleanups.push(() => read.$disconnect());
  return read;
}

async function check(read: ReadClient) {
  for (const points of [2, 998, 999, 1000]) {
    const h = await getNetworkHistory(read, points);
    const expected = [...new Set(Array.from({ length: points }, (_, i) => Math.floor((HEAD * i) / (points - 1))))];
    expect(h.points.map((p) => Number(p.block))).toEqual(expected);
    for (const p of h.points) expect([p.issuance, p.free, p.recycled]).toEqual([String(Number(p.block) * 7 + 1), String(Number(p.block) * 3), String(Number(p.block) % 5)]);
  }
}

describe("network history at 1000 points", () => {
  it("on SQLite", async () => {
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    await check(await seeded(db.target));
  });

  it("on PostgreSQL", async () => {
    const db = await tempPostgres();
    cleanups.push(db.cleanup);
    await check(await seeded(db.target));
  });
});
