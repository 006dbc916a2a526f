/**
 * The per-head cache (lib/db/head-cache.ts) on a real SQLite chain: an answer is computed once
 * while the head stays, again once a block is stored, never kept when it failed, and frozen;
 * and the validators list it serves equals the list computed afresh after the cache is bypassed
 * by a new read client (the same rows read again).
 */
import { afterAll, expect, it } from "vitest";
import { listValidators } from "@/lib/db/accounts";
import { perHead } from "@/lib/db/head-cache";
import { createReadClient } from "@/lib/db/prisma";
import { SqlChainStore } from "@/lib/db/store";
import { getOverview } from "@/lib/db/subnet-pages";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it("computes once per head block, afresh after a new block, and keeps no failure", async () => {
  const db = tempSqlite();
  cleanups.push(() => db.cleanup());
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" }), database: db.target });
  cleanups.push(async () => {
    await node.stop();
    await store.close();
  });
  await node.advance(12);
  const read = createReadClient(db.target);
  cleanups.push(() => read.$disconnect());

  let runs = 0;
  const compute = async () => ({ run: ++runs });
  expect(await perHead(read, "k", compute)).toEqual({ run: 1 });
  expect(await perHead(read, "k", compute)).toEqual({ run: 1 });
  expect(await perHead(read, "other", compute)).toEqual({ run: 2 });
  const kept = await perHead(read, "k", compute);
  expect(Object.isFrozen(kept)).toBe(true);

  await node.advance(1);
  expect(await perHead(read, "k", compute)).toEqual({ run: 3 });
  expect(await perHead(read, "k", compute)).toEqual({ run: 3 });

  let attempts = 0;
  const failing = async () => {
    attempts++;
    throw new Error("the database went away");
  };
  await expect(perHead(read, "f", failing)).rejects.toThrow("the database went away");
  await expect(perHead(read, "f", failing)).rejects.toThrow("the database went away");
  expect(attempts).toBe(2);

  // The cached lists equal lists computed by a fresh client, at this head and after the next block.
  for (let round = 0; round < 2; round++) {
    const fresh = createReadClient(db.target);
    try {
      for (const sort of ["stake", "nominators", "take", "return"] as const) expect(await listValidators(read, { sort, limit: 3 }), sort).toEqual(await listValidators(fresh, { sort, limit: 3 }));
      expect(await getOverview(read)).toEqual(await getOverview(fresh));
    } finally {
      await fresh.$disconnect();
    }
    const before = (await getOverview(read)).head;
    await node.advance(1);
    expect((await getOverview(read)).head).toBe(String(BigInt(before) + 1n));
  }
}, 120_000);
