/**
 * Reward flows and tokenomics on a real SQLite file: a node runs past several epochs on the
 * `test` preset (dTAO, tempo 10) and on `seed2024`; the test sums the stored emission events of
 * ranges itself (Event rows, its own arithmetic) and checks the flow query's totals equal them
 * to the rao, that every Sankey node balances, and that the first halving marker is the block a
 * direct computation of the 2024 rule gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadClient } from "@/lib/db/prisma";
import { getFlows, resolveFlowRange } from "@/lib/db/flows";
import { getTokenomics } from "@/lib/db/tokenomics";
import { SqlChainStore } from "@/lib/db/store";
import type { FlowsDto } from "@/lib/dto";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { eventsOf, expectBalanced, link, sumEvents } from "../helpers/flow-sums";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function chain(settings: Record<string, string>, blocks: number, kind: "sqlite" | "postgres" = "sqlite") {
  const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  await node.advance(blocks);
  const read = createReadClient(db.target);
  cleanups.push(async () => {
    await read.$disconnect();
    await store.close();
    await db.cleanup();
  });
  return { store, node, read };
}

describe("reward flows on the test preset (dTAO)", () => {
  let c: Awaited<ReturnType<typeof chain>>;
  beforeAll(async () => {
    c = await chain({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "4", TAOSCOPE_ACTIVITY: "on" }, 65);
  }, 120_000);

  for (const [from, to] of [
    [1n, 65n],
    [17n, 43n],
    [30n, 30n],
  ] as const) {
    it(`blocks ${from}..${to}: every total equals the stored events' sums, to the rao, and the flows balance`, async () => {
      const flows = await getFlows(c.read, await resolveFlowRange(c.read, { from, to }));
      const ev = sumEvents(await eventsOf(c.store, from, to));
      expect(flows.era).toBe("dtao");
      expect(BigInt(flows.network.blockEmission)).toBe(ev.blockEmission);
      expect(BigInt(flows.network.minted)).toBe(ev.minted);
      if (to - from > 30n) expect(ev.epochs).toBeGreaterThanOrEqual(4); // several epochs of both subnets
      let allocated = 0n;
      let mintedBySubnets = 0n;
      for (const [netuid, o] of ev.per) {
        const s = flows.subnets.find((x) => x.netuid === netuid)!;
        expect(s, `subnet ${netuid}`).toBeDefined();
        expect(BigInt(s.tau.injected)).toBe(o.taoIn ?? 0n);
        expect(BigInt(s.tau.bought)).toBe(o.excessSpent ?? 0n);
        expect(BigInt(s.tau.recycled)).toBe(o.recycled ?? 0n);
        expect(BigInt(s.alpha.emitted)).toBe(o.alphaOut ?? 0n);
        expect(BigInt(s.alpha.distributed)).toBe((o.emission ?? 0n) + (o.ownerCut ?? 0n));
        expect(BigInt(s.alpha.ownerCut)).toBe(o.ownerCut ?? 0n);
        expect(BigInt(s.alpha.incentive)).toBe(o.incentive ?? 0n);
        expect(BigInt(s.alpha.burnedIncentive)).toBe(o.burned ?? 0n);
        expect(BigInt(s.alpha.take)).toBe(o.take ?? 0n);
        expect(BigInt(s.alpha.nominators)).toBe(o.nominators ?? 0n);
        expect(BigInt(s.alpha.rootDividends)).toBe(o.root ?? 0n);
        expect(BigInt(s.alpha.rootSold)).toBe(o.rootSold ?? 0n);
        // The α graph of this subnet: its links are the same sums.
        const g = flows.alpha.find((x) => x.netuid === netuid)!.sankey;
        expectBalanced(g);
        expect(link(g, "distributed", "incentive")).toBe(o.incentive ?? 0n);
        expect(link(g, "validators", "take")).toBe(o.take ?? 0n);
        expect(link(g, "validators", "nominators")).toBe(o.nominators ?? 0n);
        expect(BigInt(s.alpha.rounding)).toBeGreaterThanOrEqual(0n);
        allocated += (o.taoIn ?? 0n) + (o.excessSpent ?? 0n) + (o.recycled ?? 0n);
        mintedBySubnets += (o.taoIn ?? 0n) + (o.excessSpent ?? 0n);
        expect(link(flows.tau, "emission", `sn${netuid}`)).toBe((o.taoIn ?? 0n) + (o.excessSpent ?? 0n) + (o.recycled ?? 0n));
      }
      // τ: the block emission is the subnets' τ plus the unallocated rounding; what was minted went into pools or bought α.
      expect(BigInt(flows.network.unallocated)).toBe(ev.blockEmission - allocated);
      expect(BigInt(flows.network.unallocated)).toBeGreaterThanOrEqual(0n);
      expect(mintedBySubnets).toBe(ev.minted);
      expectBalanced(flows.tau);
      const rootOut = flows.tau.links.filter((l) => flows.tau.nodes[l.source]!.id === "emission").reduce((a, l) => a + BigInt(l.value), 0n);
      expect(rootOut).toBe(ev.blockEmission);
    });
  }

  it("resolves preset ranges and refuses bad ones", async () => {
    const head = 65n;
    expect(await resolveFlowRange(c.read, {})).toMatchObject({ from: 1n, to: head, range: null }); // last 360, clamped at block 1
    expect(await resolveFlowRange(c.read, { range: "tempo" })).toMatchObject({ from: head - 10n + 1n, to: head, range: "tempo" });
    expect(await resolveFlowRange(c.read, { range: "all" })).toMatchObject({ from: 0n, to: head });
    await expect(resolveFlowRange(c.read, { from: 10n, to: 9n })).rejects.toThrow(/from must be at most to/);
    await expect(resolveFlowRange(c.read, { to: 66n })).rejects.toThrow(/to must be at most the head block 65/);
    await expect(resolveFlowRange(c.read, { range: "day", from: 3n })).rejects.toThrow(/range cannot be combined/);
  });

  it("tokenomics: points at evenly spaced blocks ending at the head, the stored figures, and the first halving where 1 τ a block reaches 10.5M", async () => {
    const t = await getTokenomics(c.read, "all", 9);
    expect(t.points.at(-1)!.block).toBe("65");
    expect(t.points.length).toBeLessThanOrEqual(9);
    expect(t.points.length).toBeGreaterThanOrEqual(8);
    const step = BigInt(t.step);
    for (let i = 1; i < t.points.length; i++) expect(BigInt(t.points[i]!.block) - BigInt(t.points[i - 1]!.block)).toBe(step);
    const stat = (await c.store.sql.query<{ issuance: string; staked: string }>(`SELECT "issuance", "staked" FROM "NetworkStat" WHERE "blockNumber" = ?`, [BigInt(t.points[3]!.block)]))[0]!;
    expect(t.points[3]!.issuance).toBe(stat.issuance);
    expect(t.points[3]!.staked).toBe(stat.staked);
    // Independently: below 10.5M each block mints 1 τ (1e9 rao); the first halving is the first block after which issuance ≥ 10.5M.
    const issuance = BigInt(t.points.at(-1)!.issuance);
    expect(issuance).toBe(c.node.chain.totalIssuance);
    const half = 10_500_000n * 1_000_000_000n;
    const blocks = (half - issuance + 999_999_999n) / 1_000_000_000n;
    const first = t.projection.markers[0]!;
    expect(first.block).toBe((65n + blocks).toString());
    expect(first.emissionAfter).toBe("500000000");
    expect(first.threshold).toBe(half.toString());
    const headTs = (await c.store.head())!.timestamp;
    expect(first.timestamp).toBe((headTs + blocks * 12_000n).toString());
    // Second: 15.75M at 0.5 τ a block from the first's issuance (I + blocks·1e9).
    const second = t.projection.markers[1]!;
    const at1 = issuance + blocks * 1_000_000_000n;
    expect(second.block).toBe((65n + blocks + (15_750_000n * 1_000_000_000n - at1 + 499_999_999n) / 500_000_000n).toString());
    expect(t.projection.markers.at(-1)!.emissionAfter).toBe("0");
    // Emission shares per interval sum to 1 (both subnets earn).
    for (const r of t.shares.rows.slice(1)) expect(r.values.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
  });
});

describe("reward flows on seed2024", () => {
  let c: Awaited<ReturnType<typeof chain>>;
  const BLOCKS = 800;
  beforeAll(async () => {
    c = await chain({ TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "4" }, BLOCKS);
  }, 300_000);

  for (const [from, to] of [
    [1n, BigInt(BLOCKS)],
    [300n, 500n],
  ] as const) {
    it(`blocks ${from}..${to}: paid totals equal the stored events' sums and the flows balance`, async () => {
      const flows: FlowsDto = await getFlows(c.read, await resolveFlowRange(c.read, { from, to }));
      const ev = sumEvents(await eventsOf(c.store, from, to));
      expect(flows.era).toBe("seed2024");
      expect(BigInt(flows.network.minted)).toBe(ev.minted);
      if (from === 1n) expect(ev.minted).toBeGreaterThan(0n);
      let take = 0n;
      let nominators = 0n;
      for (const [netuid, o] of ev.per) {
        const s = flows.subnets.find((x) => x.netuid === netuid)!;
        expect(BigInt(s.paid.ownerCut)).toBe(o.ownerCut ?? 0n);
        expect(BigInt(s.paid.incentive)).toBe(o.incentive ?? 0n);
        expect(BigInt(s.paid.take)).toBe(o.take ?? 0n);
        expect(BigInt(s.paid.nominators)).toBe(o.nominators ?? 0n);
        expect(BigInt(s.paid.dropped)).toBe(o.dropped ?? 0n);
        // What an epoch's payout minted is its miners' incentive, validators' take and nominators' share.
        expect((o.incentive ?? 0n) + (o.take ?? 0n) + (o.nominators ?? 0n)).toBe(o.drained ?? 0n);
        expect(link(flows.tau, "emission", `sn${netuid}`)).toBe((o.ownerCut ?? 0n) + (o.drained ?? 0n) + (o.dropped ?? 0n));
        take += o.take ?? 0n;
        nominators += o.nominators ?? 0n;
      }
      expect(link(flows.tau, "validators", "take")).toBe(take);
      expect(link(flows.tau, "validators", "nominators")).toBe(nominators);
      expectBalanced(flows.tau);
      expect(flows.alpha).toEqual([]);
    });
  }

  it("tokenomics works on seed2024: the first halving from the current issuance at 1 τ a block", async () => {
    const t = await getTokenomics(c.read, "all", 50);
    const issuance = c.node.chain.totalIssuance;
    expect(t.projection.issuance).toBe(issuance.toString());
    const blocks = (10_500_000n * 1_000_000_000n - issuance + 999_999_999n) / 1_000_000_000n;
    expect(t.projection.markers[0]!.block).toBe((BigInt(BLOCKS) + blocks).toString());
  });
});

describe("reward flows and tokenomics on PostgreSQL", () => {
  let c: Awaited<ReturnType<typeof chain>>;
  beforeAll(async () => {
    c = await chain({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "4" }, 30, "postgres");
  }, 120_000);

  it("the same range reads and step query answer there, equal to the stored events' sums", async () => {
    const flows = await getFlows(c.read, await resolveFlowRange(c.read, { from: 5n, to: 28n }));
    const ev = sumEvents(await eventsOf(c.store, 5n, 28n));
    expect(BigInt(flows.network.blockEmission)).toBe(ev.blockEmission);
    expect(BigInt(flows.network.minted)).toBe(ev.minted);
    for (const [netuid, o] of ev.per) expect(BigInt(flows.subnets.find((x) => x.netuid === netuid)!.alpha.incentive)).toBe(o.incentive ?? 0n);
    expectBalanced(flows.tau);
    const t = await getTokenomics(c.read, "all", 4);
    expect(t.points.map((p) => p.block)).toEqual(["0", "10", "20", "30"]);
    expect(t.shares.rows.length).toBe(3);
  });
});

describe("flow totals across a restart", () => {
  it("resume from the stored totals: after a stop at block 17 and 18 more blocks, 1..35 still equals the events' sums", async () => {
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "7", TAOSCOPE_CHECKPOINT_EVERY: "5" };
    let store = await SqlChainStore.open(db.target);
    let node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
    await node.advance(17);
    await node.stop();
    await store.close();
    store = await SqlChainStore.open(db.target);
    node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
    await node.advance(18);
    const read = createReadClient(db.target);
    const flows = await getFlows(read, await resolveFlowRange(read, { from: 1n, to: 35n }));
    const ev = sumEvents(await eventsOf(store, 1n, 35n));
    expect(BigInt(flows.network.blockEmission)).toBe(ev.blockEmission);
    expect(BigInt(flows.network.minted)).toBe(ev.minted);
    for (const [netuid, o] of ev.per) {
      const s = flows.subnets.find((x) => x.netuid === netuid)!;
      expect(BigInt(s.alpha.emitted)).toBe(o.alphaOut ?? 0n);
      expect(BigInt(s.alpha.incentive)).toBe(o.incentive ?? 0n);
      expect(BigInt(s.tau.bought)).toBe(o.excessSpent ?? 0n);
    }
    await read.$disconnect();
    await store.close();
  }, 120_000);
});
