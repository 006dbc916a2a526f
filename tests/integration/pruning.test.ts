/**
 * History pruning (TAOSCOPE_PRUNING, lib/db/prune.ts) on a SQLite file and a fresh PostgreSQL
 * database: a pruning node and an archive node run the same chain; the pruning one keeps every
 * block, extrinsic and per-epoch record, and the events, epoch inputs and snapshots of its last
 * blocks only (each subnet's newest snapshot whatever its age); it resumes and verifies from
 * genesis as the archive one does, and its readers say "pruned" where the rows went.
 */
import { afterAll, describe, expect, it } from "vitest";
import { stateRoot } from "@/lib/chain/runtime/state";
import { createReadClient } from "@/lib/db/prisma";
import { getBlock, getMetagraph } from "@/lib/db/queries";
import { getExtrinsic } from "@/lib/db/extrinsics";
import { explainEpoch } from "@/lib/db/explain";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { ConfigError, loadConfig } from "@/lib/node/config";
import { ChainNode, PRUNE_EVERY, verifyChain } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const KEEP = 256;
const BLOCKS = 620;
const env = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "50", TAOSCOPE_SEED: "9" };

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("TAOSCOPE_PRUNING", () => {
  it("is archive by default, or a number of blocks of at least 256", () => {
    expect(loadConfig({}).pruning).toBeNull();
    expect(loadConfig({ TAOSCOPE_PRUNING: "archive" }).pruning).toBeNull();
    expect(loadConfig({ TAOSCOPE_PRUNING: "50400" }).pruning).toBe(50_400);
    for (const bad of ["255", "-1", "1e4", "week", "300.5"]) {
      expect(() => loadConfig({ TAOSCOPE_PRUNING: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ TAOSCOPE_PRUNING: bad })).toThrow(`TAOSCOPE_PRUNING must be archive or a whole number of blocks to keep, at least 256, got ${JSON.stringify(bad)}`);
    }
  });
});

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`pruning on ${kind}`, () => {
    const fresh = async (): Promise<DatabaseTarget> => {
      const t = kind === "sqlite" ? tempSqlite() : await tempPostgres();
      cleanups.push(t.cleanup);
      return t.target;
    };
    const run = async (pruning: string, blocks: number) => {
      const target = await fresh();
      const store = await SqlChainStore.open(target);
      const node = await ChainNode.open(store, { ...loadConfig({ ...env, TAOSCOPE_PRUNING: pruning }), database: target });
      await node.advance(blocks);
      const read = createReadClient(target);
      let open = true;
      const close = async () => {
        if (open) await store.close();
        open = false;
      };
      cleanups.push(async () => {
        await read.$disconnect();
        await close();
      });
      const count = async (sql: string, params: (bigint | number)[] = []) => Number((await store.sql.query<{ n: unknown }>(sql, params))[0]!.n);
      return { target, store, node, read, count, close };
    };

    it("keeps the chain and the per-epoch records, drops old events, inputs and snapshots, resumes and verifies", async () => {
      const archive = await run("archive", BLOCKS);
      const pruned = await run(String(KEEP), BLOCKS);
      expect(stateRoot(pruned.node.chain)).toBe(stateRoot(archive.node.chain));
      // The last prune ran at the last multiple of PRUNE_EVERY: blocks below it − KEEP + 1 went.
      const lastPrune = (BigInt(BLOCKS) / PRUNE_EVERY) * PRUNE_EVERY;
      const below = lastPrune - BigInt(KEEP) + 1n;
      expect(below).toBe(345n);

      for (const table of ["Block", "Extrinsic", "SubnetEpoch", "NeuronEpoch", "EpochSplit", "NetworkStat", "FlowCum", "AccountBalance"]) {
        const all = `SELECT COUNT(*) AS "n" FROM "${table}"`;
        expect(await pruned.count(all), table).toBe(await archive.count(all));
        expect(await pruned.count(all), table).toBeGreaterThan(0);
      }
      expect(await pruned.count(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "blockNumber" < ?`, [below])).toBe(0);
      expect(await pruned.count(`SELECT COUNT(*) AS "n" FROM "EventAccount" WHERE "blockNumber" < ?`, [below])).toBe(0);
      const eventsKept = `SELECT COUNT(*) AS "n" FROM "Event" WHERE "blockNumber" >= ?`;
      expect(await pruned.count(eventsKept, [below])).toBe(await archive.count(eventsKept, [below]));
      expect(await archive.count(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "blockNumber" < ?`, [below])).toBeGreaterThan(0);
      // The blocks still say how many events they had.
      expect(await pruned.count(`SELECT SUM("eventCount") AS "n" FROM "Block"`)).toBe(await archive.count(`SELECT SUM("eventCount") AS "n" FROM "Block"`));

      for (const table of ["EpochInput", "MetagraphSnapshot"]) {
        const rows = await pruned.store.sql.query<{ netuid: unknown; epoch: unknown; block: unknown }>(`SELECT "netuid", "epoch", "block" FROM "${table}"`);
        const archived = await archive.store.sql.query<{ netuid: unknown; epoch: unknown; block: unknown }>(`SELECT "netuid", "epoch", "block" FROM "${table}"`);
        const newest = new Map<number, number>();
        for (const r of archived) newest.set(Number(r.netuid), Math.max(newest.get(Number(r.netuid)) ?? -1, Number(r.epoch)));
        const want = archived.filter((r) => BigInt(r.block as bigint) >= below || Number(r.epoch) === newest.get(Number(r.netuid))).map((r) => `${r.netuid}/${r.epoch}`);
        expect(rows.map((r) => `${r.netuid}/${r.epoch}`).sort(), table).toEqual(want.sort());
        expect(want.length, table).toBeLessThan(archived.length);
      }
      const checkpoints = await pruned.store.sql.query<{ blockNumber: unknown }>(`SELECT "blockNumber" FROM "Checkpoint" ORDER BY "blockNumber"`);
      expect(checkpoints.map((c) => Number(c.blockNumber)).filter((b) => b < Number(below))).toEqual([]);
      expect(checkpoints.length).toBeGreaterThanOrEqual(2);

      // Readers: a pruned block and extrinsic say so; a kept one shows its events.
      const old = await getBlock(pruned.read, 10n);
      expect(old.eventsPruned).toBe(true);
      expect(old.events).toEqual([]);
      expect(old.eventCount).toBe((await getBlock(archive.read, 10n)).eventCount);
      const recent = await getBlock(pruned.read, BigInt(BLOCKS));
      expect(recent.eventsPruned).toBe(false);
      expect(recent.events).toEqual((await getBlock(archive.read, BigInt(BLOCKS))).events);
      const [x] = await pruned.store.sql.query<{ blockNumber: unknown; index: unknown }>(`SELECT "blockNumber", "index" FROM "Extrinsic" WHERE "blockNumber" < ? ORDER BY "blockNumber" LIMIT 1`, [below]);
      const ext = await getExtrinsic(pruned.read, { block: BigInt(x!.blockNumber as bigint), index: Number(x!.index) });
      expect(ext.eventsPruned).toBe(true);
      expect((await getExtrinsic(archive.read, { block: BigInt(x!.blockNumber as bigint), index: Number(x!.index) })).eventsPruned).toBe(false);
      const first = await archive.count(`SELECT MIN("epoch") AS "n" FROM "MetagraphSnapshot" WHERE "netuid" = 1`);
      await expect(getMetagraph(pruned.read, 1, first)).rejects.toThrow(`subnet 1's epoch ${first} was pruned: this node keeps the full metagraph of the epochs in its recent blocks only (TAOSCOPE_PRUNING; history below block ${below} is pruned), and the per-epoch records`);
      await expect(explainEpoch(pruned.read, 1, first)).rejects.toThrow(`subnet 1's epoch ${first} was pruned`);
      await expect(getMetagraph(archive.read, 1, first)).resolves.toMatchObject({ subnet: { netuid: 1 } });
      await expect(getMetagraph(pruned.read, 1, 10_000)).rejects.toThrow("subnet 1 has no stored epoch 10000");

      // Restart from the newest checkpoint, go on pruning, and verify from genesis.
      await pruned.node.stop();
      await pruned.close();
      const store = await SqlChainStore.open(pruned.target);
      cleanups.push(() => store.close());
      const node = await ChainNode.open(store, { ...loadConfig({ ...env, TAOSCOPE_PRUNING: String(KEEP) }), database: pruned.target });
      expect(node.head).toBe(BigInt(BLOCKS));
      await node.advance(100);
      await archive.node.advance(100);
      expect(stateRoot(node.chain)).toBe(stateRoot(archive.node.chain));
      const [left] = await store.sql.query<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "blockNumber" < ?`, [below + PRUNE_EVERY]);
      expect(Number(left!.n)).toBe(0);
      const report = await verifyChain(store);
      expect(report.mismatch).toBeNull();
      expect(report.blocks).toBe(BigInt(BLOCKS + 100));
    }, 240_000);
  });
}
