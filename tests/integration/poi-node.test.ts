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
import { type StoredScore, storedScores } from "../helpers/stored-rows";

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

type ScoreRow = StoredScore;

/** Every stored off-chain score, by (netuid, validator, miner, block). */
async function scoresBySeries(store: SqlChainStore): Promise<ScoreRow[]> {
  return (await storedScores(store)).sort((a, b) => a.netuid - b.netuid || a.validator.localeCompare(b.validator) || a.miner.localeCompare(b.miner) || Number(BigInt(a.block) - BigInt(b.block)));
}

/** The traffic's default EMA weight on a new score (PoiTrafficConfig.emaAlpha). */
const EMA_ALPHA = 0.2;

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
      const expectedScores = await scoresBySeries(straightStore);
      await straightStore.close();

      // The rounds' scores are kept as history, one row per (validator, miner, round): each in
      // [0, 1]; a validator's EMA of a miner follows ema = α·score + (1 − α)·previous from 0;
      // its last EMA is the one the actors' memory holds; and each round's block carries the
      // set_weights the validator derived from it (commit-reveal is off on mainnet).
      expect(expectedScores.length).toBeGreaterThan(0);
      const series = new Map<string, ScoreRow[]>();
      for (const r of expectedScores) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        const k = `${r.netuid}/${r.validator}/${r.miner}`;
        series.set(k, [...(series.get(k) ?? []), r]);
      }
      expect([...series.values()].some((rows) => rows.length >= 2)).toBe(true); // a second round resumed an EMA
      for (const [k, rows] of series) {
        let ema = 0;
        for (const r of rows) {
          ema = EMA_ALPHA * r.score + (1 - EMA_ALPHA) * ema;
          expect(r.ema, `${k} at block ${r.block}`).toBeCloseTo(ema, 12);
        }
        const [netuid, validator, miner] = k.split("/");
        const memory = JSON.parse(expectedMemory.get(`validator/${netuid}/${validator}`)!) as { ema: Record<string, number> };
        expect(memory.ema[miner!], k).toBeCloseTo(rows.at(-1)!.ema, 12);
      }
      const byNumber = new Map(expected.map((b) => [b.number.toString(), b]));
      const rounds = new Map<string, ScoreRow>(); // the round's miner with the highest EMA
      for (const r of expectedScores) {
        const k = `${r.netuid}/${r.validator}/${r.block}`;
        if (!rounds.has(k) || rounds.get(k)!.ema < r.ema) rounds.set(k, r);
      }
      for (const [k, top] of rounds) {
        const weights = byNumber.get(top.block)!.extrinsics.filter((x) => x.call === "SubtensorModule.set_weights" && x.signer === top.validator && (x.args as { netuid: number }).netuid === top.netuid);
        expect(weights.length, `set_weights of round ${k}`).toBe(1);
        expect((weights[0]!.args as { dests: number[] }).dests, `round ${k}'s weights`).toContain(top.uid);
      }

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
      expect(await scoresBySeries(store)).toEqual(expectedScores); // no round lost or written twice across the restart
      expect(stateRoot(node.chain)).toBe(expected.at(-1)!.stateRoot);
      expect(await verifyChain(store)).toEqual({ blocks: BigInt(TOTAL), mismatch: null });
      await store.close();
    });
  });
}
