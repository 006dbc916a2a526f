/**
 * Incentive distribution and neuron history on real SQLite files, on both presets: the reads'
 * Gini, top-k shares and per-uid history equal figures this test computes itself from the stored
 * metagraph snapshots, and each epoch's emission split reconciles to the rao with the events the
 * chain emitted (EpochDistributed; on seed2024 also OwnerCutPaid and the next block's
 * EmissionDrained, which mints the epoch's tuples).
 */
import { afterAll, describe, expect, it } from "vitest";
import { getDistribution } from "@/lib/db/distribution";
import { getNeuronHistory } from "@/lib/db/neuron-history";
import { type ReadClient, createReadClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { eraOf } from "@/lib/chain/seed2024/runtime";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { createGenesis } from "@/lib/chain/runtime/block";
import { paramsFor } from "@/lib/chain/eras/presets";
import { T0, TAO, driver } from "../helpers/chain-driver";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";
import { pairwiseGini, topK } from "../helpers/inequality";

interface Snapshot {
  netuid: number;
  epoch: number;
  block: bigint;
  d: { hotkeys: string[]; coldkeys: string[]; incentive: number[]; dividends: number[]; stake: string[]; emission: string[]; consensus: number[]; validatorTrust: number[]; weights: unknown };
}

const ss58 = (hex: string) => encodeAddress(fromHex(hex));
const sumValues = (r: Record<string, string> | undefined) => Object.values(r ?? {}).reduce((a, v) => a + BigInt(v), 0n);

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const TEST = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "9", TAOSCOPE_CHECKPOINT_EVERY: "50" };
const SEED2024 = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "24", TAOSCOPE_CHECKPOINT_EVERY: "500" };

/** The genesis state of a network (a fresh node on its own file, no block produced). */
async function genesisOf(settings: Record<string, string>) {
  const db = tempSqlite();
  cleanups.push(db.cleanup);
  const store = await SqlChainStore.open(db.target);
  cleanups.push(() => store.close());
  return ChainNode.open(store, { ...loadConfig(settings), database: db.target });
}

async function run(settings: Record<string, string>, blocks: number, kind: "sqlite" | "postgres" = "sqlite") {
  const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  cleanups.push(db.cleanup);
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  await node.advance(blocks);
  const read = createReadClient(db.target);
  cleanups.push(() => read.$disconnect());
  cleanups.push(() => store.close());
  const rows = await store.sql.query<{ netuid: bigint; epoch: bigint; block: bigint; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
    `SELECT "netuid", "epoch", "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" ORDER BY "netuid", "epoch"`,
  );
  const snapshots: Snapshot[] = rows.map((r) => ({ netuid: Number(r.netuid), epoch: Number(r.epoch), block: BigInt(r.block), d: storedSnapshotData(r) }));
  const eventsAt = async (block: bigint, name: string) =>
    (await store.sql.query<{ data: string }>(`SELECT "data" FROM "Event" WHERE "blockNumber" = ? AND "name" = ? ORDER BY "index"`, [block, name])).map((e) => JSON.parse(e.data) as Record<string, unknown>);
  return { store, read, snapshots, eventsAt, node };
}

async function checkDistributions(read: ReadClient, snapshots: Snapshot[]) {
  for (const s of snapshots) {
    const dto = await getDistribution(read, s.netuid, s.epoch);
    expect([dto.epoch, dto.block]).toEqual([s.epoch, String(s.block)]);
    for (const column of ["incentive", "dividends"] as const) {
      const values = s.d[column];
      const series = dto[column];
      expect(series.gini).toBeCloseTo(pairwiseGini(values), 12);
      expect(series.top1Share).toBeCloseTo(topK(values, 1), 12);
      expect(series.top10Share).toBeCloseTo(topK(values, 10), 12);
      expect(series.earning).toBe(values.filter((v) => v > 0).length);
      expect(series.n).toBe(values.length);
      // Bars: every uid once, largest first, with its own value and SS58 hotkey.
      expect(series.bars.map((b) => b.uid).sort((a, b) => a - b)).toEqual(values.map((_, uid) => uid));
      for (const b of series.bars) expect([b.value, b.hotkey]).toEqual([values[b.uid], ss58(s.d.hotkeys[b.uid]!)]);
      for (let i = 1; i < series.bars.length; i++) expect(series.bars[i - 1]!.value).toBeGreaterThanOrEqual(series.bars[i]!.value);
      expect(series.lorenz.at(-1)).toEqual([1, values.some((v) => v > 0) ? 1 : 0]);
    }
  }
  // The latest stored epoch by default.
  const last = snapshots.filter((s) => s.netuid === snapshots[0]!.netuid).at(-1)!;
  expect((await getDistribution(read, last.netuid)).epoch).toBe(last.epoch);
}

async function checkHistory(read: ReadClient, snapshots: Snapshot[]) {
  for (const netuid of [...new Set(snapshots.map((s) => s.netuid))]) {
    const mine = snapshots.filter((s) => s.netuid === netuid);
    const n = mine.at(-1)!.d.hotkeys.length;
    for (let uid = 0; uid < n; uid++) {
      const h = await getNeuronHistory(read, netuid, uid, { limit: 500 });
      const expected = mine
        .filter((s) => uid < s.d.hotkeys.length)
        .map((s) => ({
          epoch: s.epoch,
          block: String(s.block),
          hotkey: ss58(s.d.hotkeys[uid]!),
          stake: s.d.stake[uid],
          incentive: s.d.incentive[uid],
          dividends: s.d.dividends[uid],
          emission: s.d.emission[uid],
          consensus: s.d.consensus[uid],
          validatorTrust: s.d.validatorTrust[uid],
        }));
      expect(h.points).toEqual(expected);
      // Weights at the latest epoch: its row, and every other row's entry on this uid.
      const w = storedMatrixRows(mine.at(-1)!.d.weights);
      expect(h.epoch).toBe(mine.at(-1)!.epoch);
      expect(h.weightsSet.map((x) => [x.uid, x.value])).toEqual(w[uid] ?? []);
      const received = w.flatMap((row, from) => row.filter(([to, v]) => to === uid && v > 0).map(([, v]) => [from, v]));
      expect(h.weightsReceived.map((x) => [x.uid, x.value]).sort((a, b) => a[0]! - b[0]!)).toEqual(received);
    }
  }
}

/** Every NeuronRegistered event on a subnet and every genesis neuron is a holder row; no other row exists. */
async function checkRegistrations(store: SqlChainStore, read: ReadClient, snapshots: Snapshot[], genesis: { netuid: number; hotkeys: string[] }[]) {
  const events = await store.sql.query<{ blockNumber: bigint; data: string }>(`SELECT "blockNumber", "data" FROM "Event" WHERE "name" = 'SubtensorModule.NeuronRegistered' ORDER BY "blockNumber", "index"`);
  const expected = new Map<string, { block: string; hotkey: string; replaced: string | null }[]>();
  const push = (netuid: number, uid: number, r: { block: string; hotkey: string; replaced: string | null }) => {
    const key = `${netuid}/${uid}`;
    expected.set(key, [r, ...(expected.get(key) ?? [])]); // newest first
  };
  for (const g of genesis) g.hotkeys.forEach((hk, uid) => push(g.netuid, uid, { block: "0", hotkey: ss58(hk), replaced: null }));
  for (const e of events) {
    const d = JSON.parse(e.data) as { netuid: number; uid: number; hotkey: string; replacedHotkey?: string };
    if (d.netuid === 0) continue;
    push(d.netuid, d.uid, { block: String(e.blockNumber), hotkey: ss58(d.hotkey), replaced: d.replacedHotkey ? ss58(d.replacedHotkey) : null });
  }
  const stored = await store.sql.query<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "UidRegistration"`);
  expect(Number(stored[0]!.n)).toBe([...expected.values()].reduce((a, l) => a + l.length, 0));
  for (const [key, list] of expected) {
    const [netuid, uid] = key.split("/").map(Number) as [number, number];
    const h = await getNeuronHistory(read, netuid, uid, { limit: 1 });
    expect(h.registrations.map((r) => ({ block: r.block, hotkey: r.hotkey, replaced: r.replaced }))).toEqual(list);
  }
  expect(snapshots.length).toBeGreaterThan(0);
}

describe.each(["sqlite", "postgres"] as const)("distribution and neuron history, test preset (tempo 10), %s", (kind) => {
  it("match the snapshots and reconcile with EpochDistributed to the rao", async () => {
    const { store, read, snapshots, eventsAt } = await run(TEST, 75, kind);
    expect(new Set(snapshots.map((s) => s.netuid))).toEqual(new Set([1, 2]));
    expect(snapshots.filter((s) => s.netuid === 1).length).toBeGreaterThanOrEqual(6);
    expect(snapshots.some((s) => s.d.incentive.some((v) => v > 0))).toBe(true);
    await checkDistributions(read, snapshots);
    for (const s of snapshots) {
      const ev = (await eventsAt(s.block, "SubtensorModule.EpochDistributed")).find((e) => e.netuid === s.netuid)!;
      const split = (await getDistribution(read, s.netuid, s.epoch)).split!;
      expect(split.unit).toBe("α");
      const part = (k: string) => BigInt(split.parts.find((p) => p.key === k)!.amount);
      expect(split.emission).toBe(ev.emission);
      expect(part("owner")).toBe(BigInt(ev.ownerCut as string));
      expect(part("miners")).toBe(sumValues(ev.incentive as Record<string, string>));
      expect(part("burned")).toBe(BigInt(ev.burnedIncentive as string));
      expect(part("validatorTake")).toBe(sumValues(ev.take as Record<string, string>));
      expect(part("nominators")).toBe(sumValues(ev.nominators as Record<string, string>));
      expect(part("root")).toBe(sumValues(ev.rootDividends as Record<string, string>));
      const distributed = split.parts.filter((p) => p.key !== "owner").reduce((a, p) => a + BigInt(p.amount), 0n);
      expect(distributed).toBe(BigInt(ev.emission as string)); // the parts sum to the event's emission
      expect(part("unallocated") >= 0n).toBe(true); // what the event credits to no one (rounding; root alpha with no root stake)
      // τ at the epoch's pool price (the snapshot's spot price after the epoch).
      const price = (s.d as unknown as { price: string }).price;
      expect(split.price).toBe(price);
      const [w, f] = price.split(".");
      const p = BigInt(w!) * 1_000_000_000n + BigInt(f!);
      for (const x of split.parts) expect(x.tao).toBe(((BigInt(x.amount) * p) / 1_000_000_000n).toString());
    }
    await checkHistory(read, snapshots);
    const replaced = await store.sql.query<{ data: string }>(`SELECT "data" FROM "Event" WHERE "name" = 'SubtensorModule.NeuronRegistered'`);
    expect(replaced.filter((e) => "replacedHotkey" in JSON.parse(e.data)).length).toBeGreaterThan(0); // replacements happened and are checked below
    const g0 = (await genesisOf(TEST)).chain;
    await checkRegistrations(store, read, snapshots, [...g0.subnets.values()].map((x) => ({ netuid: x.netuid, hotkeys: x.neurons.map((n) => n.hotkey) })));

    // Unknown entities are 404s (NotFoundError), named.
    await expect(getDistribution(read, 9)).rejects.toThrow(new NotFoundError("no subnet 9"));
    await expect(getDistribution(read, 1, 999)).rejects.toThrow("subnet 1 has no stored epoch 999");
    await expect(getNeuronHistory(read, 1, 200, { limit: 10 })).rejects.toThrow("subnet 1 has no uid 200");
    await expect(getNeuronHistory(read, 1, 0, { limit: 10, epoch: 999 })).rejects.toThrow("subnet 1 has no stored epoch 999");
    // Keyset pages of history join without gap.
    const all = (await getNeuronHistory(read, 1, 0, { limit: 500 })).points.map((p) => p.epoch);
    const p1 = await getNeuronHistory(read, 1, 0, { limit: 3 });
    const p2 = await getNeuronHistory(read, 1, 0, { limit: 3, before: Number(p1.next) });
    expect([...p2.points, ...p1.points].map((p) => p.epoch)).toEqual(all.slice(-6));
  }, 240_000);
});

describe("distribution and neuron history, seed2024 (tempo 360)", () => {
  it("match the snapshots; the split reconciles with EpochDistributed, OwnerCutPaid and EmissionDrained", async () => {
    const { store, read, snapshots, eventsAt } = await run(SEED2024, 1090);
    expect(snapshots.filter((s) => s.netuid === 1).length).toBe(3);
    await checkDistributions(read, snapshots);
    const allCuts = await store.sql.query<{ blockNumber: bigint; data: string }>(`SELECT "blockNumber", "data" FROM "Event" WHERE "name" = 'SubtensorModule.OwnerCutPaid' ORDER BY "blockNumber"`);
    for (const s of snapshots) {
      const ev = (await eventsAt(s.block, "SubtensorModule.EpochDistributed")).find((e) => e.netuid === s.netuid)!;
      const drained = (await eventsAt(s.block + 1n, "SubtensorModule.EmissionDrained")).find((e) => e.netuid === s.netuid)!;
      const split = (await getDistribution(read, s.netuid, s.epoch)).split!;
      expect([split.unit, split.price]).toEqual(["τ", "1"]);
      const part = (k: string) => BigInt(split.parts.find((p) => p.key === k)!.amount);
      expect(split.emission).toBe(ev.emission);
      expect(split.parts.filter((p) => p.key !== "owner").reduce((a, p) => a + BigInt(p.amount), 0n)).toBe(BigInt(ev.emission as string));
      expect(part("miners") + part("validatorTake") + part("nominators")).toBe(BigInt(drained.minted as string)); // what the next block minted
      const prev = snapshots.find((x) => x.netuid === s.netuid && x.epoch === s.epoch - 1);
      const from = prev ? prev.block : -1n;
      const cuts = allCuts.filter((c) => c.blockNumber > from && c.blockNumber <= s.block).map((c) => JSON.parse(c.data) as { netuid: number; amount: string });
      expect(part("owner")).toBe(cuts.filter((c) => c.netuid === s.netuid).reduce((a, c) => a + BigInt(c.amount), 0n));
      for (const x of split.parts) expect(x.tao).toBe(x.amount);
    }
    await checkHistory(read, snapshots);
    const g0 = eraOf((await genesisOf(SEED2024)).chain);
    await checkRegistrations(store, read, snapshots, g0.subnets.map((x) => ({ netuid: x.netuid, hotkeys: x.neurons.map((n) => n.hotkey) })));
  }, 240_000);
});

describe("a dissolved subnet", () => {
  it("takes its epoch splits, uid history and holders with it; the new subnet starts afresh", async () => {
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    const [alice, bob] = ["//Alice", "//Bob"].map(keypairFromUri);
    const hot = Array.from({ length: 4 }, (_, i) => keypairFromUri(`//dist-hot-${i}`).publicKeyHex);
    const { state, block: genesis } = createGenesis({ preset: "test", timestamp: T0, endowments: [[alice!.publicKeyHex, 10_000n * TAO], [bob!.publicKeyHex, 10_000n * TAO]] });
    const store = await SqlChainStore.open(db.target);
    cleanups.push(() => store.close());
    await store.commitGenesis(JSON.stringify({ test: "distribution" }), genesis, state);
    const d = driver(state, keypairFromUri("//Eve").publicKeyHex);
    const step = async () => {
      const b = d.block();
      await store.commitBlock(b, d.s, false);
      return b;
    };
    d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[0] });
    for (let i = 0; i < 5; i++) await step();
    d.submit(alice!, "SubtensorModule.start_call", { netuid: 1 });
    d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[1] });
    await step();
    for (let i = 0; i < 5; i++) await step();
    d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[2] });
    await step();
    while (d.s.block + 1n < 1n + paramsFor("test").networkImmunityPeriod) await step();
    const count = async (table: string) => Number((await store.sql.query<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "${table}" WHERE "netuid" = 1`))[0]!.n);
    const epochs = d.s.subnets.get(1)!.epochIndex;
    expect(epochs).toBeGreaterThan(0);
    expect(await count("EpochSplit")).toBe(epochs);
    expect(await count("NeuronEpoch")).toBeGreaterThanOrEqual(epochs);
    expect(await count("UidRegistration")).toBe(1); // the owner's uid 0, from registration
    d.submit(bob!, "SubtensorModule.register_network", { hotkey: hot[3] });
    const b = await step();
    expect(b.events.find((e) => e.name === "SubtensorModule.NetworkRemoved")!.data).toMatchObject({ netuid: 1 });
    expect([await count("EpochSplit"), await count("NeuronEpoch")]).toEqual([0, 0]);
    const holders = await store.sql.query<{ uid: bigint; hotkey: string; block: bigint; replaced: string | null }>(`SELECT "uid", "hotkey", "block", "replaced" FROM "UidRegistration" WHERE "netuid" = 1`);
    expect(holders).toEqual([{ uid: 0n, hotkey: hot[3], block: b.header.number, replaced: null }]);
  });
});
