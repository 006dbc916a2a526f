/**
 * The node with its default mainnet traffic, the PoI actors (lib/actors/traffic.ts), on a real
 * SQLite file and on PostgreSQL: the actors' memory is stored with the blocks that change it, and
 * a node restarted between two validator rounds produces exactly the blocks (extrinsics,
 * signatures, state roots) an uninterrupted node produces, its validators resuming their EMAs.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { stateRoot } from "@/lib/chain/runtime/state";
import { type NodeConfig, loadConfig } from "@/lib/node/config";
import { subnetTask, specFromJson } from "@/lib/node/network";
import { ChainNode, type Clock, verifyChain } from "@/lib/node/node";
import type { StoredBlock } from "@/lib/node/store";
import { tempPostgres, tempSqlite } from "../helpers/databases";

// Mainnet (tempo 360): the first epoch gives the validators their permits (about block 358), the
// first rounds follow at once and the second ones 361 blocks later. The restart falls between.
const FIRST = 400;
const TOTAL = 745;

const config = (target: DatabaseTarget): NodeConfig => ({
  ...loadConfig({ TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "16", TAOSCOPE_SEED: "9", TAOSCOPE_HISTORY_BLOCKS: "0", TAOSCOPE_CHECKPOINT_EVERY: "50" }),
  database: target,
});

/** The only mock: a fixed clock, so both databases get the same genesis timestamp. */
const clock: Clock = {
  now: () => 1_750_000_000_000,
  setInterval: () => {
    throw new Error("no timer in this test");
  },
  clearInterval: () => undefined,
};

async function storedBlocks(store: SqlChainStore): Promise<StoredBlock[]> {
  const out: StoredBlock[] = [];
  for (let after = 0n; ; ) {
    const batch = await store.blocksAfter(after, 200);
    if (batch.length === 0) return out;
    out.push(...batch);
    after = batch.at(-1)!.number;
  }
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`PoI node on ${kind}`, () => {
    const fresh = async () => {
      const t = kind === "sqlite" ? tempSqlite() : await tempPostgres();
      cleanups.push(t.cleanup);
      return t.target;
    };

    it("is the default mainnet traffic, records its tasks, and resumes the actors after a restart exactly", { timeout: 300_000 }, async () => {
      const straightTarget = await fresh();
      const straightStore = await SqlChainStore.open(straightTarget);
      const straight = await ChainNode.open(straightStore, config(straightTarget), clock);
      expect(straight.poi).not.toBeNull();
      const spec = specFromJson((await straightStore.genesisSpec())!);
      expect(spec).toMatchObject({ traffic: "poi", tasks: ["forecast", "classify", "compute"] });
      expect([1, 2].map((netuid) => subnetTask(spec, netuid))).toEqual(["forecast", "classify"]);
      await straight.advance(TOTAL);
      const expected = await storedBlocks(straightStore);
      const expectedMemory = await straightStore.actorMemory();
      await straightStore.close();

      const target = await fresh();
      let store = await SqlChainStore.open(target);
      let node = await ChainNode.open(store, config(target), clock);
      await node.advance(FIRST);
      const memoryAtRestart = await store.actorMemory();
      expect(memoryAtRestart).toEqual(new Map(node.actorMemory));
      // The validators have scored their miners once: EMAs stored, keyed by miner hotkey.
      const validatorRows = [...memoryAtRestart].filter(([k]) => k.startsWith("validator/"));
      expect(validatorRows.length).toBeGreaterThan(0);
      const withScores = validatorRows.filter(([, v]) => Object.keys((JSON.parse(v) as { ema: object }).ema).length > 0);
      expect(withScores.length).toBeGreaterThan(0);
      await node.stop();
      await store.close();

      store = await SqlChainStore.open(target);
      node = await ChainNode.open(store, config(target), clock); // checkpoint at 400, actors' memory read back
      expect(new Map(node.actorMemory)).toEqual(memoryAtRestart);
      await node.advance(TOTAL - FIRST);
      const blocks = await storedBlocks(store);
      expect(blocks.length).toBe(expected.length);
      blocks.forEach((b, i) => {
        expect(b.extrinsics.map((x) => x.signature), `block ${b.number}'s extrinsics`).toEqual(expected[i]!.extrinsics.map((x) => x.signature));
        expect(b.stateRoot, `block ${b.number}'s state root`).toBe(expected[i]!.stateRoot);
      });
      // The second rounds ran after the restart, from the restored EMAs.
      const weightsAfter = blocks.filter((b) => b.number > BigInt(FIRST)).flatMap((b) => b.extrinsics.filter((x) => x.call === "SubtensorModule.set_weights"));
      expect(weightsAfter.length).toBeGreaterThan(0);
      expect(await store.actorMemory()).toEqual(expectedMemory);
      expect(stateRoot(node.chain)).toBe(expected.at(-1)!.stateRoot);
      expect(await verifyChain(store)).toEqual({ blocks: BigInt(TOTAL), mismatch: null });
      await store.close();
    });
  });
}
