/**
 * The subnet list, hyperparameters, registrations, history, metagraph export and home overview
 * reads on real databases (SQLite on both presets, PostgreSQL on the dTAO one, which also runs
 * migration 0008's SQL), against figures this test takes from elsewhere: the engine's state
 * after the last block, the events the chain emitted, the stored snapshots read raw, and the
 * halving arithmetic done here in plain bigints.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import { eraOf } from "@/lib/chain/seed2024/runtime";
import type { ChainState } from "@/lib/chain/runtime/state";
import { type ReadClient, createReadClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import { getHyperparams, getMetagraphExport, getOverview, getSubnetHistory, listRegistrations, listSubnetFigures, metagraphCsv } from "@/lib/db/subnet-pages";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";

const ss58 = (hex: string) => encodeAddress(fromHex(hex));
const TEST = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "5", TAOSCOPE_CHECKPOINT_EVERY: "100" };
const SEED2024 = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "24", TAOSCOPE_CHECKPOINT_EVERY: "500" };

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Run {
  read: ReadClient;
  store: SqlChainStore;
  chain: ChainState;
  events(name: string, block?: bigint): Promise<{ block: bigint; data: Record<string, unknown> }[]>;
}

async function run(settings: Record<string, string>, blocks: number, kind: "sqlite" | "postgres" = "sqlite"): Promise<Run> {
  const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  cleanups.push(db.cleanup);
  const store = await SqlChainStore.open(db.target);
  cleanups.push(() => store.close());
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  await node.advance(blocks);
  const read = createReadClient(db.target);
  cleanups.push(() => read.$disconnect());
  return {
    read,
    store,
    chain: node.chain,
    async events(name, block) {
      const rows = await store.sql.query<{ blockNumber: bigint; data: string }>(
        `SELECT "blockNumber", "data" FROM "Event" WHERE "name" = ?${block === undefined ? "" : ` AND "blockNumber" = ?`} ORDER BY "blockNumber", "index"`,
        block === undefined ? [name] : [name, block],
      );
      return rows.map((r) => ({ block: BigInt(r.blockNumber), data: JSON.parse(r.data) as Record<string, unknown> }));
    },
  };
}

/** Registrations as the chain announced them (NeuronRegistered), newest first. */
async function announcedRegistrations(r: Run, netuid: number) {
  return (await r.events("SubtensorModule.NeuronRegistered"))
    .filter((e) => Number(e.data.netuid) === netuid)
    .map((e) => ({ uid: Number(e.data.uid), block: String(e.block), hotkey: ss58(String(e.data.hotkey)), replaced: e.data.replacedHotkey ? ss58(String(e.data.replacedHotkey)) : null }))
    .reverse();
}

/** The next halving by hand: k-th threshold 21M·(1 − 2^−k) above the issuance, blocks = ⌈left / emission⌉. */
function halvingByHand(issuance: bigint, emission: bigint) {
  const supply = 21_000_000_000_000_000n;
  let k = 1n;
  while (supply - (supply >> k) <= issuance) k++;
  const threshold = supply - (supply >> k);
  return { threshold, left: threshold - issuance, blocks: (threshold - issuance + emission - 1n) / emission };
}

async function checkExport(r: Run, netuid: number, era2024: boolean) {
  const rows = await r.store.sql.query<{ epoch: bigint; block: bigint; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
    `SELECT "epoch", "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" WHERE "netuid" = ? ORDER BY "epoch"`,
    [netuid],
  );
  expect(rows.length).toBeGreaterThan(1);
  const chosen = rows[Math.floor(rows.length / 2)]!;
  const d = storedSnapshotData<Record<string, unknown[]>>(chosen);
  const m = await getMetagraphExport(r.read, netuid, Number(chosen.epoch));
  const dec = (rao: string) => `${BigInt(rao) / 10n ** 9n}.${(BigInt(rao) % 10n ** 9n).toString().padStart(9, "0")}`;
  expect([m.epoch, m.block, m.n]).toEqual([Number(chosen.epoch), String(chosen.block), d.uids!.length]);
  expect(m.hotkeys).toEqual((d.hotkeys as string[]).map(ss58));
  expect(m.stake).toEqual((d.stake as string[]).map(dec));
  expect(m.emission).toEqual((d.emission as string[]).map(dec));
  expect(m.incentive).toEqual((d.incentive as number[]).map((x) => x / 65535));
  expect(m.validator_trust).toEqual((d.validatorTrust as number[]).map((x) => x / 65535));
  expect(m.last_update).toEqual((d.lastUpdate as string[]).map(Number));
  expect(m.weights).toEqual(storedMatrixRows(d.weights));
  expect(m.bonds).toEqual(storedMatrixRows(d.bonds));
  expect(m.ranks === undefined).toBe(!era2024);
  if (era2024) expect(m.trust).toEqual((d.trust as number[]).map((x) => x / 65535));
  // CSV: a header of SDK names and one line per uid.
  const lines = metagraphCsv(m).trimEnd().split("\n");
  expect(lines.length).toBe(m.n + 1);
  expect(lines[0]!.split(",").slice(0, 4)).toEqual(["uids", "hotkeys", "coldkeys", "stake"]);
  // The latest stored epoch by default; unknown ones are 404s.
  expect((await getMetagraphExport(r.read, netuid)).epoch).toBe(Number(rows.at(-1)!.epoch));
  await expect(getMetagraphExport(r.read, netuid, 99_999)).rejects.toThrow(NotFoundError);
}

async function checkRegistrations(r: Run, netuid: number, neurons: readonly { hotkey: string; registeredAt: bigint }[]) {
  const all = await listRegistrations(r.read, netuid, { limit: 500 });
  // Every uid's current holder has its row at its registration block.
  neurons.forEach((n, uid) => expect(all.items.some((x) => x.uid === uid && x.block === String(n.registeredAt) && x.hotkey === ss58(n.hotkey)), `uid ${uid}`).toBe(true));
  // After genesis, the rows are the NeuronRegistered events, newest first (with the pruned hotkey).
  const announced = await announcedRegistrations(r, netuid);
  const later = all.items.filter((x) => x.block !== "0").map(({ uid, block, hotkey, replaced }) => ({ uid, block, hotkey, replaced }));
  expect(later.sort((a, b) => Number(b.block) - Number(a.block) || b.uid - a.uid)).toEqual(announced.sort((a, b) => Number(b.block) - Number(a.block) || b.uid - a.uid));
  // Keyset pages join without gap or repeat.
  const pages: typeof all.items = [];
  let before: { block: bigint; uid: number } | undefined;
  for (;;) {
    const p = await listRegistrations(r.read, netuid, { limit: 3, ...(before ? { before } : {}) });
    pages.push(...p.items);
    if (!p.next) break;
    const [b, u] = p.next.split("-");
    before = { block: BigInt(b!), uid: Number(u) };
  }
  expect(pages).toEqual(all.items);
}

async function checkHalving(r: Run) {
  const o = await getOverview(r.read);
  const head = r.chain.block;
  const issuance = r.chain.totalIssuance;
  const emission = 1_000_000_000n; // issuance is below 10.5M τ on both presets: 1 τ a block
  const hand = halvingByHand(issuance, emission);
  expect(o.nextHalving).toMatchObject({ k: 1, threshold: hand.threshold.toString(), issuance: issuance.toString(), left: hand.left.toString(), blockEmission: emission.toString(), blocksLeft: hand.blocks.toString(), block: (head + hand.blocks).toString() });
  const ts = (await r.store.sql.query<{ timestamp: bigint }>(`SELECT "timestamp" FROM "Block" WHERE "number" = ?`, [head]))[0]!.timestamp;
  expect(o.nextHalving!.timestamp).toBe((BigInt(ts) + hand.blocks * 12_000n).toString());
  // Latest extrinsics: the newest stored, by block then index.
  const xs = await r.store.sql.query<{ id: string }>(`SELECT "id" FROM "Extrinsic" ORDER BY "blockNumber" DESC, "index" DESC LIMIT 8`);
  expect(o.latestExtrinsics.map((x) => x.id)).toEqual(xs.map((x) => x.id));
  return o;
}

describe("dTAO (test preset) on SQLite", () => {
  let r: Run;
  beforeAll(async () => {
    r = await run(TEST, 90);
  }, 120_000);

  it("lists each subnet's share of the head block's emission from its SubnetEmission event, with burn, age and reserves from the engine", async () => {
    const head = r.chain.block;
    const [block] = await r.events("SubtensorModule.BlockEmission", head);
    const emission = BigInt(block!.data.blockEmission as string);
    const perSubnet = new Map((await r.events("SubtensorModule.SubnetEmission", head)).map((e) => [Number(e.data.netuid), BigInt(e.data.taoIn as string) + BigInt(e.data.excessSpent as string) + BigInt(e.data.recycled as string)]));
    const list = await listSubnetFigures(r.read);
    expect(list.map((s) => s.netuid)).toEqual([...r.chain.subnets.keys()].sort((a, b) => a - b));
    for (const s of list) {
      const e = r.chain.subnets.get(s.netuid)!;
      expect(s.emission.perBlock).toBe(String(perSubnet.get(s.netuid) ?? 0n));
      expect(s.emission.share).toBeCloseTo(Number(perSubnet.get(s.netuid) ?? 0n) / Number(emission), 9);
      expect([s.burn, s.taoReserve, s.alphaReserve, s.age.blocks, s.ownerSs58]).toEqual([String(e.burn), String(e.pool.taoReserve), String(e.pool.alphaReserve), String(head - e.registeredAt), ss58(e.owner)]);
      expect(Number(s.age.ms)).toBe(Number(head - e.registeredAt) * 12_000);
      // The sparkline: the week's stored epochs (all of them on this short chain), oldest first.
      const epochs = await r.store.sql.query<{ block: bigint; price: string }>(`SELECT "block", "price" FROM "SubnetEpoch" WHERE "netuid" = ? ORDER BY "epoch"`, [s.netuid]);
      const stride = Math.ceil((epochs.length - 1) / 47);
      const expected = epochs.length <= 48 ? epochs : epochs.filter((_, i) => (epochs.length - 1 - i) % stride === 0);
      expect(s.sparkline).toEqual(expected.map((x) => ({ block: String(x.block), price: x.price })));
    }
    const byEmission = await listSubnetFigures(r.read, "emission", "desc");
    expect(byEmission.map((s) => s.netuid)).toEqual([...list].sort((a, b) => Number(BigInt(b.emission.perBlock) - BigInt(a.emission.perBlock)) || a.netuid - b.netuid).map((s) => s.netuid));
  });

  it("names the hyperparameters as btcli does, with the engine's values", async () => {
    const s = r.chain.subnets.get(1)!;
    const h = await getHyperparams(r.read, 1);
    const v = Object.fromEntries(h.params.map((p) => [p.name, p.value]));
    expect(v).toMatchObject({
      tempo: String(s.tempo),
      kappa: String(s.hyper.kappa),
      immunity_period: String(s.immunityPeriod),
      min_allowed_weights: String(s.hyper.minAllowedWeights),
      max_weights_limit: String(s.hyper.maxWeightsLimit),
      weights_version: String(s.hyper.weightsVersionKey),
      weights_rate_limit: String(s.hyper.weightsSetRateLimit),
      activity_cutoff: String(Math.max(1, Math.floor((s.hyper.activityCutoffFactorMilli * s.tempo) / 1000))),
      registration_allowed: String(s.registrationAllowed),
      max_allowed_uids: String(s.maxAllowedUids),
      max_validators: String(s.hyper.maxAllowedValidators),
      min_burn: String(s.burnParams.minBurn),
      max_burn: String(s.burnParams.maxBurn),
      burn_half_life: String(s.burnParams.halfLife),
      bonds_moving_avg: String(s.hyper.bondsMovingAverage),
      bonds_penalty: String(s.hyper.bondsPenalty),
      commit_reveal_weights_enabled: String(s.hyper.commitReveal),
      commit_reveal_period: String(s.hyper.revealPeriodEpochs),
      liquid_alpha_enabled: String(s.hyper.liquidAlpha),
      alpha_low: String(s.hyper.alphaLow),
      alpha_high: String(s.hyper.alphaHigh),
      yuma_version: s.hyper.yuma3 ? "3" : "2",
      subnet_is_active: String(s.firstEmissionBlock !== null),
    });
    await expect(getHyperparams(r.read, 77)).rejects.toThrow(NotFoundError);
  });

  it("lists registrations as the chain announced them, and pages them by {block}-{uid}", async () => {
    for (const netuid of r.chain.subnets.keys()) await checkRegistrations(r, netuid, r.chain.subnets.get(netuid)!.neurons);
    expect((await announcedRegistrations(r, 1)).length).toBeGreaterThan(0);
  });

  it("samples the price and registration price history from the stored epochs", async () => {
    const rows = await r.store.sql.query<{ epoch: bigint; price: string; data: string }>(`SELECT e."epoch", e."price", m."data" FROM "SubnetEpoch" e JOIN "MetagraphSnapshot" m ON m."netuid" = e."netuid" AND m."epoch" = e."epoch" WHERE e."netuid" = 1 ORDER BY e."epoch"`);
    const h = await getSubnetHistory(r.read, 1, "all", 500);
    expect(h.points.map((p) => [p.epoch, p.price, p.burn])).toEqual(rows.map((x) => [Number(x.epoch), x.price, (JSON.parse(x.data) as { burn: string }).burn]));
    const few = await getSubnetHistory(r.read, 1, "all", 3);
    expect(few.points.length).toBeLessThanOrEqual(3);
    expect(few.points.at(-1)!.epoch).toBe(Number(rows.at(-1)!.epoch));
  });

  it("exports a stored epoch under the SDK's names", () => checkExport(r, 1, false));

  it("gives the next halving, the latest extrinsics and the validators by τ value of their stake", async () => {
    const o = await checkHalving(r);
    const positions = await r.store.sql.query<{ hotkey: string; netuid: bigint; alpha: string }>(`SELECT "hotkey", "netuid", "alpha" FROM "StakePosition"`);
    const prices = new Map((await r.store.sql.query<{ netuid: bigint; price: string }>(`SELECT "netuid", "price" FROM "Subnet"`)).map((p) => [Number(p.netuid), BigInt(p.price.replace(".", ""))]));
    const permitted = new Set([...r.chain.subnets.values()].flatMap((s) => s.neurons.filter((n) => n.validatorPermit).map((n) => n.hotkey)));
    const value = new Map<string, bigint>();
    for (const p of positions) if (permitted.has(p.hotkey)) value.set(p.hotkey, (value.get(p.hotkey) ?? 0n) + (Number(p.netuid) === 0 ? BigInt(p.alpha) : (BigInt(p.alpha) * prices.get(Number(p.netuid))!) / 10n ** 9n));
    const expected = [...permitted].map((h) => [ss58(h), String(value.get(h) ?? 0n)]).sort((a, b) => Number(BigInt(b[1]!) - BigInt(a[1]!)));
    expect(o.topValidators.map((v) => [v.hotkey, v.stake])).toEqual(expected.slice(0, 8));
  });
});

describe("seed2024 on SQLite", () => {
  let r: Run;
  beforeAll(async () => {
    r = await run(SEED2024, 760);
  }, 180_000);

  it("takes each subnet's share from the root epoch's EmissionValues", async () => {
    const set = (await r.events("SubtensorModule.EmissionValuesSet")).at(-1)!;
    const list = await listSubnetFigures(r.read);
    for (const s of list) {
      const v = BigInt((set.data[String(s.netuid)] as string | undefined) ?? "0");
      expect(s.emission.perBlock).toBe(String(v));
      expect(s.emission.share).toBeCloseTo(Number(v) / 1e9, 9);
    }
    expect(list.some((s) => s.emission.share > 0)).toBe(true);
  });

  it("names the v1.1.3 hyperparameters with the engine's values", async () => {
    const s = eraOf(r.chain).subnets.find((x) => x.netuid === 1)!;
    const v = Object.fromEntries((await getHyperparams(r.read, 1)).params.map((p) => [p.name, p.value]));
    expect(v).toMatchObject({
      tempo: String(s.tempo),
      kappa: String(s.kappa),
      immunity_period: String(s.immunityPeriod),
      activity_cutoff: String(s.activityCutoff),
      adjustment_interval: String(s.adjustmentInterval),
      target_regs_per_interval: String(s.targetRegistrationsPerInterval),
      max_regs_per_block: String(s.maxRegistrationsPerBlock),
      difficulty: String(s.difficulty),
      min_burn: String(s.minBurn),
      max_burn: String(s.maxBurn),
      max_validators: String(s.maxAllowedValidators),
      bonds_moving_avg: String(s.bondsMovingAverage),
    });
    expect(v.bonds_penalty).toBeUndefined();
  });

  it("lists registrations, exports with ranks and trust, and gives the next halving", async () => {
    await checkRegistrations(r, 1, eraOf(r.chain).subnets.find((x) => x.netuid === 1)!.neurons);
    await checkExport(r, 1, true);
    await checkHalving(r);
  });
});

describe("dTAO on PostgreSQL", () => {
  it("answers the same reads", async () => {
    const r = await run(TEST, 40, "postgres");
    expect((await listSubnetFigures(r.read, "burn", "desc")).length).toBe(r.chain.subnets.size);
    await checkRegistrations(r, 1, r.chain.subnets.get(1)!.neurons);
    await checkExport(r, 1, false);
    expect((await getSubnetHistory(r.read, 1, "week", 5)).points.length).toBeGreaterThan(0);
    await checkHalving(r);
  }, 120_000);
});
