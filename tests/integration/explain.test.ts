/**
 * The epoch explainer on a real SQLite file: a node runs the `test` preset (tempo 10) and the
 * `seed2024` preset past several epochs; for every stored epoch the explainer re-runs the real
 * epoch on the stored input, and its outputs must equal the stored metagraph snapshot's columns
 * (written by the store from the engine's state, independently of the stored input). Also the
 * 404s: unknown subnet, unknown epoch, unknown uid, an epoch stored before inputs were captured.
 */
import { afterAll, describe, expect, it } from "vitest";
import { explainEpoch, explainHeatmaps } from "@/lib/db/explain";
import { packHeatmaps, unpackU16 } from "@/lib/packed-u16";
import { createReadClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c(); // connections close before their database goes
});

type Snap = { uids: number[]; blockAtRegistration: string[]; consensus: number[]; incentive: number[]; dividends: number[]; validatorTrust: number[]; emission: string[]; bonds: unknown; weights: unknown; ranks?: number[]; trust?: number[]; pruningScores?: number[] };

async function chain(env: Record<string, string>, blocks: number, kind: "sqlite" | "postgres" = "sqlite") {
  const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  cleanups.push(db.cleanup);
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(env), database: db.target });
  await node.advance(blocks);
  const read = createReadClient(db.target);
  cleanups.push(async () => {
    await read.$disconnect();
    await store.close();
  });
  const snaps = await store.sql.query<{ netuid: number; epoch: number; block: bigint; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
    `SELECT "netuid", "epoch", "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" ORDER BY "netuid", "epoch"`,
  );
  return { store, read, snaps: snaps.map((s) => ({ netuid: Number(s.netuid), epoch: Number(s.epoch), block: String(s.block), data: storedSnapshotData<Snap>(s) })) };
}

async function expectEveryEpochExplained(c: Awaited<ReturnType<typeof chain>>, era2024: boolean) {
  let nonzero = 0;
  let withLater = 0;
  for (const s of c.snaps) {
    // The heatmaps alone first (their own re-run, nothing cached yet), then the whole explanation.
    const heatmaps = await explainHeatmaps(c.read, s.netuid, s.epoch);
    const x = await explainEpoch(c.read, s.netuid, s.epoch);
    expect(heatmaps).toEqual(packHeatmaps(x));
    expect([...unpackU16(heatmaps.bonds)]).toEqual(x.heatmaps.bonds.flat());
    expect(x.check.mismatches, `subnet ${s.netuid} epoch ${s.epoch}`).toEqual([]);
    expect(x.check.equal).toBe(true);
    expect(x.block).toBe(s.block);
    // uids an extrinsic of the epoch's block registered (after the block step ran the epoch): the
    // snapshot is the state after the block, so they are not the epoch's and are left out.
    const later = s.data.uids.filter((u) => s.data.blockAtRegistration[u] === s.block);
    expect(x.check.registeredAfter).toEqual(later);
    const keep = <T>(v: readonly T[]) => v.filter((_, u) => !later.includes(u));
    const out = x.uids.out;
    expect(s.data.uids.length).toBe(x.n + later.filter((u) => u >= x.n).length);
    // The stored columns, compared here directly too (not only through the explainer's own check).
    expect(keep(out.incentive)).toEqual(keep(s.data.incentive.slice(0, x.n)));
    expect(keep(out.dividends)).toEqual(keep(s.data.dividends.slice(0, x.n)));
    expect(keep(out.consensus)).toEqual(keep(s.data.consensus.slice(0, x.n)));
    expect(keep(out.validatorTrust)).toEqual(keep(s.data.validatorTrust.slice(0, x.n)));
    expect(keep(x.uids.emission)).toEqual(keep(s.data.emission.slice(0, x.n)));
    // Bond heatmap rows are the stored bonds of each validator, densified.
    x.heatmaps.validators.forEach((i, r) => {
      if (later.includes(i)) return;
      const dense = new Array<number>(x.n).fill(0);
      for (const [j, v] of storedMatrixRows(s.data.bonds)[i]!) if (j < x.n) dense[j] = v;
      expect(keep(x.heatmaps.bonds[r]!)).toEqual(keep(dense));
    });
    if (era2024) {
      expect(keep(out.rank!)).toEqual(keep(s.data.ranks!.slice(0, x.n)));
      expect(keep(out.trust!)).toEqual(keep(s.data.trust!.slice(0, x.n)));
      expect(keep(out.pruningScores!)).toEqual(keep(s.data.pruningScores!.slice(0, x.n)));
    }
    if (later.length > 0) withLater++;
    if (out.incentive.some((v) => v > 0)) nonzero++;
    // Each uid's focus agrees with the per-uid vectors; a miner's consensus is the real one.
    const uid = x.n - 1 - (later.includes(x.n - 1) ? 1 : 0);
    const f = (await explainEpoch(c.read, s.netuid, s.epoch, uid)).focus!;
    expect([f.uid, f.out.incentive, f.out.consensus, f.emission]).toEqual([uid, s.data.incentive[uid], s.data.consensus[uid], s.data.emission[uid]]);
  }
  return { nonzero, withLater };
}

describe("epoch explainer on real databases", () => {
  it("re-runs every stored epoch of a test-preset chain to the stored metagraph exactly", async () => {
    const c = await chain({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "12", TAOSCOPE_CHECKPOINT_EVERY: "50", TAOSCOPE_SEED: "9" }, 65);
    expect(c.snaps.length).toBeGreaterThanOrEqual(10); // 2 subnets × ~6 epochs
    const { nonzero } = await expectEveryEpochExplained(c, false);
    expect(nonzero).toBeGreaterThan(4); // epochs that paid incentive, not only empty ones
  }, 120_000);

  it("re-runs every stored epoch of a seed2024 chain (rank, trust, pruning scores too)", async () => {
    const c = await chain({ TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "200", TAOSCOPE_SEED: "24" }, 725); // tempo 360: two epochs per subnet
    expect(c.snaps.length).toBe(4);
    const { nonzero } = await expectEveryEpochExplained(c, true);
    expect(nonzero).toBeGreaterThan(0);
  }, 240_000);

  it("stores and explains the same on PostgreSQL", async () => {
    const c = await chain({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "10", TAOSCOPE_SEED: "4" }, 32, "postgres");
    expect(c.snaps.length).toBe(3);
    await expectEveryEpochExplained(c, false);
  }, 120_000);

  it("answers unknown subnets, epochs and uids, and epochs without a stored input, with a sentence", async () => {
    const c = await chain({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" }, 25);
    const s = c.snaps[0]!;
    await expect(explainEpoch(c.read, 77, 1)).rejects.toThrow(new NotFoundError("no subnet 77"));
    await expect(explainEpoch(c.read, s.netuid, 999)).rejects.toThrow(`subnet ${s.netuid} has no stored epoch 999`);
    await expect(explainEpoch(c.read, s.netuid, s.epoch, 500)).rejects.toThrow(`subnet ${s.netuid} had no uid 500 at epoch ${s.epoch} (${s.data.uids.length} uids)`);
    await c.store.sql.run(`DELETE FROM "EpochInput" WHERE "netuid" = ? AND "epoch" = ?`, [s.netuid, s.epoch]);
    await expect(explainEpoch(c.read, s.netuid, s.epoch)).rejects.toThrow(/was stored before epoch inputs were captured/);
    await expect(explainHeatmaps(c.read, 77, 1)).rejects.toThrow(new NotFoundError("no subnet 77"));
    await expect(explainHeatmaps(c.read, s.netuid, 999)).rejects.toThrow(`subnet ${s.netuid} has no stored epoch 999`);
    await expect(explainHeatmaps(c.read, s.netuid, s.epoch)).rejects.toThrow(/was stored before epoch inputs were captured/);
  });
});
