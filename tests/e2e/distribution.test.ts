/**
 * The incentive distribution (subnet page) and neuron history (/subnets/N/uids/U) in a real
 * browser against a production build in test mode, on the test preset and on seed2024. Expected
 * values come from an independent in-process replica of the same network (its own SQLite file):
 * the Gini and top-k shares are computed here from the replica's stored metagraph snapshot.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";
import { pairwiseGini, topK } from "../helpers/inequality";
import { type TestServer, launchBrowser, openPage, screenshot, startServer } from "../helpers/server";

const TEST = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const SEED2024 = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "24", TAOSCOPE_CHECKPOINT_EVERY: "500" };
const PHONE = { width: 390, height: 844 };

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

interface Network {
  server: TestServer;
  replica: SqlChainStore;
  cleanup: () => void;
}

async function network(settings: Record<string, string>, blocks: number): Promise<Network> {
  const db = tempSqlite();
  const [server, replica] = await Promise.all([
    startServer(settings).then(async (s) => {
      await s.advance(blocks);
      return s;
    }),
    (async () => {
      const store = await SqlChainStore.open(db.target);
      const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
      await node.advance(blocks);
      return store;
    })(),
  ]);
  return { server, replica, cleanup: db.cleanup };
}

async function latestSnapshot(replica: SqlChainStore, netuid: number) {
  const r = (await replica.sql.query<{ epoch: bigint; block: bigint; data: string }>(`SELECT "epoch", "block", "data" FROM "MetagraphSnapshot" WHERE "netuid" = ? ORDER BY "epoch" DESC LIMIT 1`, [netuid]))[0]!;
  return { epoch: Number(r.epoch), block: BigInt(r.block), d: JSON.parse(r.data) as { incentive: number[]; dividends: number[]; hotkeys: string[] } };
}

/**
 * First-load JS of a route: the gzipped bytes of every script its HTML references (what Next
 * calls first-load JS; chunks fetched later by link prefetching are not counted).
 */
async function firstLoadJs(base: string, path: string): Promise<number> {
  const html = await (await fetch(`${base}${path}`)).text();
  let total = 0;
  for (const src of new Set(html.match(/\/_next\/static\/[^"']+\.js/g) ?? [])) total += gzipSync(Buffer.from(await (await fetch(`${base}${src}`)).arrayBuffer())).length;
  return total;
}

let browser: Browser;
const nets: Network[] = [];
let test: Network;
let seed: Network;

beforeAll(async () => {
  [test, seed] = await Promise.all([network(TEST, 45), network(SEED2024, 725)]);
  nets.push(test, seed);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const n of nets) {
    await n.server.stop();
    await n.replica.close();
    n.cleanup();
  }
});

async function checkSubnetPage(n: Network, netuid: number, name: string) {
  const snap = await latestSnapshot(n.replica, netuid);
  const page = await openPage(browser, `${n.server.base}/subnets/${netuid}`);
  const section = page.getByTestId("distribution");
  expect(await section.getAttribute("data-epoch")).toBe(String(snap.epoch));
  for (const column of ["incentive", "dividends"] as const) {
    const v = snap.d[column];
    expect(await page.getByTestId(`${column}-gini`).textContent()).toBe(pairwiseGini(v).toFixed(4));
    expect(await page.getByTestId(`${column}-top1`).textContent()).toBe(pct(topK(v, 1)));
    expect(await page.getByTestId(`${column}-top10`).textContent()).toBe(pct(topK(v, 10)));
    expect(await page.getByTestId(`${column}-earning`).textContent()).toBe(`${v.filter((x) => x > 0).length} / ${v.length}`);
    // One bar per uid; hovering the largest shows its uid and its u16 value.
    const bars = page.getByTestId(`dist-${column}`).getByTestId("dist-bar");
    expect(await bars.count()).toBe(v.length);
    const top = v.reduce((best, x, uid) => (x > v[best]! ? uid : best), 0);
    await bars.first().hover();
    const tip = page.getByTestId(`dist-${column}`).getByTestId("dist-tooltip");
    expect(await tip.getByTestId("tooltip-uid").textContent()).toBe(String(top));
    expect(await tip.getByTestId("tooltip-u16").textContent()).toBe(String(v[top]));
    // And another bar: the last (smallest).
    const lastUid = Number(await bars.last().getAttribute("data-uid"));
    await bars.last().hover();
    expect(await tip.getByTestId("tooltip-u16").textContent()).toBe(String(v[lastUid]));
  }
  await page.mouse.move(0, 0);
  await screenshot(page, `${name}-subnet-${netuid}-desktop`);
  const phone = await openPage(browser, `${n.server.base}/subnets/${netuid}`, PHONE);
  expect(await phone.getByTestId("incentive-gini").textContent()).toBe(pairwiseGini(snap.d.incentive).toFixed(4));
  await screenshot(phone, `${name}-subnet-${netuid}-phone`);
  await page.close();
  await phone.close();
  return snap;
}

async function checkNeuronPage(n: Network, netuid: number, uid: number, name: string) {
  const epochs = await n.replica.sql.query<{ epoch: bigint; data: string }>(`SELECT "epoch", "data" FROM "MetagraphSnapshot" WHERE "netuid" = ? ORDER BY "epoch"`, [netuid]);
  const held = epochs.filter((e) => (JSON.parse(e.data) as { hotkeys: string[] }).hotkeys.length > uid);
  expect(held.length).toBeGreaterThan(1);
  const page = await openPage(browser, `${n.server.base}/subnets/${netuid}/uids/${uid}`);
  for (const id of ["stake", "emission", "incentive", "dividends", "consensus", "validatorTrust"]) {
    const chart = page.getByTestId(`history-${id}`);
    expect(await chart.getAttribute("data-points")).toBe(String(held.length));
    expect(await chart.getByTestId("history-point").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-epoch"))))).toEqual(held.map((e) => Number(e.epoch)));
  }
  // The incentive at the last epoch, from the hover label of its dot.
  const last = JSON.parse(held.at(-1)!.data) as { incentive: number[] };
  // The pointer over the last epoch's dot (the plot's one hover target lies over the dots).
  await page.getByTestId("history-incentive").getByTestId("history-point").last().hover({ force: true });
  expect(await page.getByTestId("history-incentive-hover").textContent()).toContain(`epoch ${Number(held.at(-1)!.epoch)}`);
  expect(await page.getByTestId("history-incentive-hover").textContent()).toContain(`${last.incentive[uid]} u16`);
  // And over the first: the nearest epoch is read from the pointer's position across the plot.
  const first = JSON.parse(held[0]!.data) as { incentive: number[] };
  await page.getByTestId("history-incentive").getByTestId("history-point").first().hover({ force: true });
  expect(await page.getByTestId("history-incentive-hover").textContent()).toContain(`epoch ${Number(held[0]!.epoch)} `);
  expect(await page.getByTestId("history-incentive-hover").textContent()).toContain(`${first.incentive[uid]} u16`);
  expect(await page.getByTestId("registration-row").count()).toBeGreaterThan(0);
  await page.mouse.move(0, 0);
  await screenshot(page, `${name}-neuron-${netuid}-${uid}-desktop`);
  const phone = await openPage(browser, `${n.server.base}/subnets/${netuid}/uids/${uid}`, PHONE);
  expect(await phone.getByTestId("history-stake").getAttribute("data-points")).toBe(String(held.length));
  await screenshot(phone, `${name}-neuron-${netuid}-${uid}-phone`);
  await page.close();
  await phone.close();
}

describe("incentive distribution and neuron history, test preset", () => {
  it("shows the Gini, top-k shares and earners the replica's snapshot gives, with hover values", async () => {
    await checkSubnetPage(test, 1, "test");
  });

  it("draws one point per stored epoch on the neuron page", async () => {
    await checkNeuronPage(test, 1, 0, "test");
  });

  it("keeps each route's first-load JS under 250 KB gzipped", async () => {
    for (const path of ["/subnets/1", "/subnets/1/uids/0"]) {
      const bytes = await firstLoadJs(test.server.base, path);
      console.log(`first-load JS of ${path}: ${(bytes / 1024).toFixed(1)} KB gzipped`);
      expect(bytes).toBeGreaterThan(50 * 1024); // React and Next at least: the scripts were found
      expect(bytes).toBeLessThan(250 * 1024);
    }
  });

  it("opens a uid's page from its bar", async () => {
    const page = await openPage(browser, `${test.server.base}/subnets/1`);
    const bar = page.getByTestId("dist-incentive").getByTestId("dist-bar").first();
    const uid = await bar.getAttribute("data-uid");
    await bar.click();
    await expect.poll(() => page.getByTestId("neuron-title").textContent()).toContain(`uid ${uid}`);
    await page.close();
  });

  it("serves the JSON with rao strings; 400 names the bad field, 404 the unknown entity", async () => {
    const s = test.server;
    const snap = await latestSnapshot(test.replica, 1);
    const d = (await s.get<{ epoch: number; incentive: { gini: number }; split: { emission: string; parts: { amount: string; tao: string }[] } }>("/api/subnets/1/distribution")).body;
    expect(d.epoch).toBe(snap.epoch);
    expect(d.incentive.gini).toBeCloseTo(pairwiseGini(snap.d.incentive), 12);
    for (const p of d.split.parts) expect([p.amount, p.tao]).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    expect((await s.get("/api/subnets/1/distribution?epoch=1")).body).toMatchObject({ epoch: 1 });
    expect(await s.get("/api/subnets/abc/distribution")).toMatchObject({ status: 400, body: { error: 'netuid must be an integer in [0, 65535], got "abc"' } });
    expect(await s.get("/api/subnets/1/distribution?epoch=-1")).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^epoch must be an integer/) } });
    expect(await s.get("/api/subnets/9/distribution")).toMatchObject({ status: 404, body: { error: "no subnet 9" } });
    expect(await s.get("/api/subnets/1/distribution?epoch=999")).toMatchObject({ status: 404, body: { error: "subnet 1 has no stored epoch 999" } });
    const h = (await s.get<{ points: { epoch: number; stake: string }[] }>("/api/subnets/1/uids/0/history")).body;
    expect(h.points.length).toBe(snap.epoch);
    expect(await s.get("/api/subnets/1/uids/x/history")).toMatchObject({ status: 400, body: { error: 'uid must be an integer in [0, 65535], got "x"' } });
    expect(await s.get("/api/subnets/1/uids/0/history?limit=0")).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^limit must be an integer in \[1, 2000\]/) } });
    expect(await s.get("/api/subnets/1/uids/300/history")).toMatchObject({ status: 404, body: { error: "subnet 1 has no uid 300" } });
    expect(await s.get("/api/subnets/1/uids/0/history?epoch=999")).toMatchObject({ status: 404, body: { error: "subnet 1 has no stored epoch 999" } });
    expect((await fetch(`${s.base}/subnets/1/uids/300`)).status).toBe(404);
  });
});

describe("incentive distribution and neuron history, seed2024", () => {
  it("shows the Gini the replica gives and the split in τ", async () => {
    const snap = await checkSubnetPage(seed, 1, "seed2024");
    const split = await seed.replica.sql.query<{ emission: string }>(`SELECT "emission" FROM "EpochSplit" WHERE "netuid" = 1 AND "epoch" = ?`, [snap.epoch]);
    const ev = (await seed.replica.sql.query<{ data: string }>(`SELECT "data" FROM "Event" WHERE "blockNumber" = ? AND "name" = 'SubtensorModule.EpochDistributed'`, [snap.block])).map((e) => JSON.parse(e.data) as { netuid: number; emission: string }).find((e) => e.netuid === 1)!;
    expect(split[0]!.emission).toBe(ev.emission);
    const page = await openPage(browser, `${seed.server.base}/subnets/1`);
    const shown = (await page.getByTestId("split-emission").textContent())!.replace(/[,.]/g, "");
    expect(BigInt(shown)).toBe(BigInt(ev.emission));
    await page.close();
  });

  it("draws one point per stored epoch on the neuron page", async () => {
    await checkNeuronPage(seed, 1, 0, "seed2024");
  });
});
