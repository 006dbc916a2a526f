/**
 * The subnet list, a subnet's page (hyperparameters, history charts, registrations, metagraph
 * search and export) and the home page's overview in a real browser against the production
 * build, on the test preset (dTAO) and, as a smoke test, on seed2024. Expected values come from
 * an in-process replica of the same network (its stored rows and events, read raw here) and
 * from arithmetic done in this file; none from the query code under test.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import type { Param } from "@/lib/db/sql";
import type { SqlChainStore } from "@/lib/db/store";
import { SCREENSHOT_DIR, launchBrowser, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";
import { DESKTOP, HomeOverview, PHONE, SubnetListPage, SubnetPage, sidewaysOverflow } from "../helpers/subnet-pages";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";

const ss58 = (hex: string) => encodeAddress(fromHex(hex));
const TAO = 1_000_000_000n;
/** Rao as the page's full figure: grouped whole τ and nine decimals. */
const tau = (rao: bigint) => `${(rao / TAO).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(rao % TAO).toString().padStart(9, "0")}`;
const priceRao = (p: string) => BigInt(p.replace(".", ""));
const cmp = (x: bigint | number | string, y: bigint | number | string) => (x < y ? -1 : x > y ? 1 : 0);

interface Net {
  server: TestServer;
  replica: SqlChainStore;
  close(): Promise<void>;
  head: bigint;
  q<T>(sql: string, params?: Param[]): Promise<T[]>;
  /** τ each subnet received in the head block, from its events (dTAO: SubnetEmission; seed2024: the last EmissionValuesSet). */
  emission: Map<number, bigint>;
  blockEmission: bigint;
}

async function network(settings: Record<string, string>, blocks: number): Promise<Net> {
  const [server, rep] = await Promise.all([startServer(settings), startReplica(settings, blocks)]);
  expect(await server.advance(blocks)).toBe(String(blocks));
  const q = <T,>(sql: string, params: Param[] = []) => rep.store.sql.query<T>(sql, params);
  const head = BigInt(blocks);
  const events = async (name: string, block?: bigint) =>
    (await q<{ data: string }>(`SELECT "data" FROM "Event" WHERE "name" = ?${block === undefined ? "" : ` AND "blockNumber" = ?`} ORDER BY "blockNumber", "index"`, block === undefined ? [name] : [name, block])).map((e) => JSON.parse(e.data) as Record<string, string>);
  const emission = new Map<number, bigint>();
  let blockEmission: bigint;
  if (settings.TAOSCOPE_PRESET === "seed2024") {
    const set = (await events("SubtensorModule.EmissionValuesSet")).at(-1) ?? {};
    for (const [k, v] of Object.entries(set)) emission.set(Number(k), BigInt(v));
    blockEmission = TAO;
  } else {
    for (const e of await events("SubtensorModule.SubnetEmission", head)) emission.set(Number(e.netuid), BigInt(e.taoIn!) + BigInt(e.excessSpent!) + BigInt(e.recycled!));
    blockEmission = BigInt((await events("SubtensorModule.BlockEmission", head))[0]!.blockEmission!);
  }
  return { server, replica: rep.store, head, q, emission, blockEmission, close: async () => (await server.stop(), await rep.close()) };
}

interface SubnetRow {
  netuid: bigint;
  owner: string;
  registeredAt: bigint;
  tempo: bigint;
  neuronCount: bigint;
  maxAllowedUids: bigint;
  taoReserve: string;
  alphaReserve: string;
  price: string;
  burn: string;
  hyperparams: string;
}

let browser: Browser;
let net: Net;
const TEST = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "3", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "11" };
const BLOCKS = 140;

beforeAll(async () => {
  [net, browser] = await Promise.all([network(TEST, BLOCKS), launchBrowser()]);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await net?.close();
});

const subnetRows = () => net.q<SubnetRow>(`SELECT * FROM "Subnet" ORDER BY "netuid"`);

describe("subnet list (issue 10 §2 item 6)", () => {
  it("shows each subnet's emission share, price, reserves, registration price, uids, tempo, owner and age as the replica holds them", async () => {
    const expected = await subnetRows();
    const list = await SubnetListPage.open(browser, net.server.base);
    const rows = await list.rows();
    expect(rows.map((r) => r.netuid)).toEqual(expected.map((s) => Number(s.netuid)));
    for (const [i, s] of expected.entries()) {
      const got = rows[i]!;
      const perBlock = net.emission.get(Number(s.netuid)) ?? 0n;
      expect(got.emissionRao, `subnet ${s.netuid} τ in the head block`).toBe(String(perBlock));
      expect(got.share).toBeCloseTo(Number(perBlock) / Number(net.blockEmission), 9);
      expect([got.price, got.tao, got.alpha, got.burn, got.uids, got.tempo, got.ageBlocks]).toEqual([s.price, s.taoReserve, s.alphaReserve, s.burn, `${s.neuronCount}/${s.maxAllowedUids}`, String(s.tempo), String(net.head - BigInt(s.registeredAt))]);
      expect(got.ownerHref).toBe(`/accounts/${ss58(s.owner)}`);
      // The sparkline: the subnet's stored epochs of the last 7 days (every one on this short chain).
      const epochs = await net.q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "SubnetEpoch" WHERE "netuid" = ?`, [s.netuid]);
      expect(got.sparklinePoints).toBe(Math.min(48, Number(epochs[0]!.n)));
    }
    expect(rows.some((r) => r.share > 0)).toBe(true);
    await list.page.close();
  });

  it("sorts by every column on the server, both ways, with the sort in the URL", async () => {
    const subnets = await subnetRows();
    const keys: Record<string, (s: SubnetRow) => bigint | number | string> = {
      netuid: (s) => Number(s.netuid),
      emission: (s) => net.emission.get(Number(s.netuid)) ?? 0n,
      price: (s) => priceRao(s.price),
      tao: (s) => BigInt(s.taoReserve),
      alpha: (s) => BigInt(s.alphaReserve),
      burn: (s) => BigInt(s.burn),
      uids: (s) => Number(s.neuronCount),
      tempo: (s) => Number(s.tempo),
      owner: (s) => ss58(s.owner),
      age: (s) => net.head - BigInt(s.registeredAt),
    };
    const list = await SubnetListPage.open(browser, net.server.base);
    for (const [key, of] of Object.entries(keys)) {
      for (let click = 0; click < 2; click++) {
        const href = await list.sortBy(key);
        const order = new URL(href, net.server.base).searchParams.get("order");
        const dir = order === "asc" ? 1 : -1;
        const expected = [...subnets].sort((a, b) => dir * cmp(of(a), of(b)) || Number(a.netuid - b.netuid)).map((s) => Number(s.netuid));
        expect((await list.rows()).map((r) => r.netuid), `${href}`).toEqual(expected);
        expect(await list.page.getByTestId(`sort-${key}`).evaluate((a) => a.closest("th")!.getAttribute("aria-sort"))).toBe(order === "asc" ? "ascending" : "descending");
        // The JSON endpoint sorts the same way.
        const api = await net.server.get<{ netuid: number }[]>(`/api/subnets?sort=${key}&order=${order}`);
        expect(api.body.map((s) => s.netuid)).toEqual(expected);
      }
    }
    await list.page.close();
    const bad = await SubnetListPage.open(browser, net.server.base, "?sort=colour");
    expect(await bad.page.getByTestId("bad-sort").textContent()).toContain('got sort "colour"');
    await bad.page.close();
  });
});

describe("subnet page (issue 10 §2 item 7)", () => {
  it("shows the hyperparameters as the replica stores them, under btcli's names", async () => {
    const s = (await subnetRows()).find((x) => x.netuid === 1n)!;
    const h = JSON.parse(s.hyperparams) as Record<string, number | boolean | string> & { burn: Record<string, string | number> };
    const page = await SubnetPage.open(browser, net.server.base, 1);
    const shown = await page.hyperparams();
    expect(shown).toEqual({
      tempo: String(s.tempo),
      kappa: String(h.kappa),
      immunity_period: String(h.immunityPeriod),
      min_allowed_weights: String(h.minAllowedWeights),
      max_weights_limit: String(h.maxWeightsLimit),
      weights_version: String(h.weightsVersionKey),
      weights_rate_limit: String(h.weightsSetRateLimit),
      activity_cutoff: String(Math.max(1, Math.floor((Number(h.activityCutoffFactorMilli) * Number(s.tempo)) / 1000))),
      registration_allowed: String(h.registrationAllowed),
      max_allowed_uids: String(h.maxAllowedUids),
      max_validators: String(h.maxAllowedValidators),
      min_burn: String(h.burn.minBurn),
      max_burn: String(h.burn.maxBurn),
      burn_half_life: String(h.burn.halfLife),
      burn_increase_mult: String(h.burn.increaseMult),
      bonds_moving_avg: String(h.bondsMovingAverage),
      bonds_penalty: String(h.bondsPenalty),
      serving_rate_limit: String(h.servingRateLimit),
      commit_reveal_weights_enabled: String(h.commitReveal),
      commit_reveal_period: String(h.revealPeriodEpochs),
      liquid_alpha_enabled: String(h.liquidAlpha),
      alpha_low: String(h.alphaLow),
      alpha_high: String(h.alphaHigh),
      alpha_sigmoid_steepness: String(h.alphaSigmoidSteepness),
      yuma_version: h.yuma3 ? "3" : "2",
      subnet_is_active: String((await net.q<{ f: bigint | null }>(`SELECT "firstEmissionBlock" AS "f" FROM "Subnet" WHERE "netuid" = 1`))[0]!.f !== null),
      subnet_emission_enabled: String(Boolean(Number((await net.q<{ e: bigint | boolean }>(`SELECT "emissionEnabled" AS "e" FROM "Subnet" WHERE "netuid" = 1`))[0]!.e))),
    });
    // The charts: one point per stored epoch (all of them: fewer than 120), the burn and price lines drawn.
    const epochs = Number((await net.q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "SubnetEpoch" WHERE "netuid" = 1`))[0]!.n);
    for (const id of ["chart-burn", "chart-price"]) {
      await page.page.locator(`[data-testid=${id}] svg.recharts-surface`).first().waitFor();
      expect(Number(await page.page.getByTestId(id).getAttribute("data-points")), id).toBe(epochs);
    }
    await page.page.close();
  });

  it("lists registrations newest first as the replica's UidRegistration rows, with the pruned hotkey, 25 a page", async () => {
    const rows = await net.q<{ uid: bigint; block: bigint; hotkey: string; replaced: string | null }>(`SELECT "uid", "block", "hotkey", "replaced" FROM "UidRegistration" WHERE "netuid" = 1 ORDER BY "block" DESC, "uid" DESC`);
    const expected = rows.map((r) => ({ block: String(r.block), uid: Number(r.uid), hotkey: ss58(r.hotkey), replaced: r.replaced ? ss58(r.replaced) : null, hotkeyHref: `/accounts/${ss58(r.hotkey)}` }));
    expect(expected.some((r) => r.replaced !== null) || expected.some((r) => r.block !== "0")).toBe(true);
    const page = await SubnetPage.open(browser, net.server.base, 1);
    expect(await page.registrations()).toEqual(expected.slice(0, 25));
    if (expected.length > 25) {
      await page.olderRegistrations();
      expect(await page.registrations()).toEqual(expected.slice(25, 50));
    }
    await page.page.close();
    // A past epoch's page lists only what happened up to that epoch's block, newest first.
    const [past] = await net.q<{ epoch: bigint; block: bigint }>(`SELECT "epoch", "block" FROM "MetagraphSnapshot" WHERE "netuid" = 1 ORDER BY "epoch" LIMIT 1`);
    const atPast = await SubnetPage.open(browser, net.server.base, 1, `?epoch=${past!.epoch}`);
    expect(await atPast.registrations()).toEqual(expected.filter((r) => BigInt(r.block) <= past!.block).slice(0, 25));
    await atPast.page.close();
  });

  it("filters the metagraph by uid, hotkey or coldkey and by role, finding exactly the matching rows", async () => {
    const neurons = await net.q<{ uid: bigint; hotkey: string; coldkey: string; validatorPermit: bigint | boolean }>(`SELECT "uid", "hotkey", "coldkey", "validatorPermit" FROM "Neuron" WHERE "netuid" = 1 ORDER BY "uid"`);
    const page = await SubnetPage.open(browser, net.server.base, 1);
    expect(await page.visibleUids()).toEqual(neurons.map((n) => Number(n.uid)));
    const matches = (frag: string) =>
      neurons.filter((n) => [ss58(n.hotkey), ss58(n.coldkey)].some((k) => k.includes(frag)) || [n.hotkey, n.coldkey].some((k) => k.toLowerCase().includes(frag.toLowerCase()))).map((n) => Number(n.uid));
    const hotFrag = ss58(neurons[5]!.hotkey).slice(12, 18);
    const coldFrag = ss58(neurons[2]!.coldkey).slice(20, 26);
    const hexFrag = neurons[3]!.hotkey.slice(10, 18).toUpperCase();
    for (const frag of [hotFrag, coldFrag, hexFrag]) {
      await page.search(frag);
      await expect.poll(() => page.visibleUids(), { message: frag }).toEqual(matches(frag));
      expect(matches(frag).length).toBeGreaterThan(0);
    }
    await page.search("3");
    await expect.poll(() => page.visibleUids()).toEqual([3]);
    await page.search("");
    await page.role("validators");
    await expect.poll(() => page.visibleUids()).toEqual(neurons.filter((n) => Number(n.validatorPermit)).map((n) => Number(n.uid)));
    await page.role("miners");
    await expect.poll(() => page.visibleUids()).toEqual(neurons.filter((n) => !Number(n.validatorPermit)).map((n) => Number(n.uid)));
    await page.search("zzzz");
    await expect.poll(() => page.page.getByTestId("metagraph-empty").isVisible()).toBe(true);
    await page.page.close();
  });

  it("exports a stored epoch as CSV and JSON under the SDK's names, equal to the replica's snapshot", async () => {
    const snaps = await net.q<{ epoch: bigint; block: bigint; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(`SELECT "epoch", "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" WHERE "netuid" = 1 ORDER BY "epoch"`);
    const chosen = snaps[Math.floor(snaps.length / 2)]!;
    const d = storedSnapshotData(chosen) as { hotkeys: string[]; coldkeys: string[]; stake: string[]; emission: string[]; consensus: number[]; incentive: number[]; dividends: number[]; validatorTrust: number[]; validatorPermit: boolean[]; active: boolean[]; lastUpdate: string[]; blockAtRegistration: string[]; weights: unknown; bonds: unknown };
    const dec = (rao: string) => `${BigInt(rao) / TAO}.${(BigInt(rao) % TAO).toString().padStart(9, "0")}`;
    const page = await SubnetPage.open(browser, net.server.base, 1, `?epoch=${chosen.epoch}`);
    const csv = await net.server.get<string>(await page.exportHref("csv"));
    const json = await net.server.get<Record<string, unknown[]> & { epoch: number; block: string }>(await page.exportHref("json"));
    await page.page.close();
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="metagraph-sn1-epoch${chosen.epoch}.csv"`);
    const [header, ...lines] = csv.body.trimEnd().split("\n").map((l) => l.split(","));
    expect(header).toEqual(["uids", "hotkeys", "coldkeys", "stake", "consensus", "incentive", "dividends", "emission", "validator_trust", "validator_permit", "active", "last_update", "block_at_registration", "axons"]);
    const col = (name: string) => lines.map((l) => l[header!.indexOf(name)]!);
    expect(col("uids").map(Number)).toEqual(d.hotkeys.map((_, i) => i));
    expect(col("hotkeys")).toEqual(d.hotkeys.map(ss58));
    expect(col("coldkeys")).toEqual(d.coldkeys.map(ss58));
    expect(col("stake")).toEqual(d.stake.map(dec));
    expect(col("emission")).toEqual(d.emission.map(dec));
    for (const [name, key] of [["consensus", "consensus"], ["incentive", "incentive"], ["dividends", "dividends"], ["validator_trust", "validatorTrust"]] as const) expect(col(name).map(Number), name).toEqual(d[key].map((x) => x / 65535));
    expect(col("validator_permit")).toEqual(d.validatorPermit.map(String));
    expect(col("active")).toEqual(d.active.map(String));
    expect(col("last_update")).toEqual(d.lastUpdate);
    expect(col("block_at_registration")).toEqual(d.blockAtRegistration);
    // JSON: the same columns plus weights and bonds, for that epoch.
    expect([json.body.epoch, json.body.block]).toEqual([Number(chosen.epoch), String(chosen.block)]);
    expect(json.body.hotkeys).toEqual(d.hotkeys.map(ss58));
    expect(json.body.stake).toEqual(d.stake.map(dec));
    expect(json.body.incentive).toEqual(d.incentive.map((x) => x / 65535));
    expect(json.body.weights).toEqual(storedMatrixRows(d.weights));
    expect(json.body.bonds).toEqual(storedMatrixRows(d.bonds));
  });
});

describe("home overview (issue 10 §2 item 8)", () => {
  it("shows the next halving as (10.5M τ − issuance) ÷ the block emission, and the latest extrinsics, top subnets and validators", async () => {
    const stat = (await net.q<{ issuance: string }>(`SELECT "issuance" FROM "NetworkStat" WHERE "blockNumber" = ?`, [net.head]))[0]!;
    // The server stamps blocks with its own clock: the head's time is the server's header.
    const ts = BigInt((await net.server.get<{ timestamp: string }>(`/api/blocks/${net.head}`)).body.timestamp);
    const left = 10_500_000n * TAO - BigInt(stat.issuance);
    const blocks = (left + TAO - 1n) / TAO; // 1 τ a block below the first halving
    const date = new Date(Number(ts + blocks * 12_000n)).toISOString();
    const home = await HomeOverview.open(browser, net.server.base);
    expect(await home.halving()).toEqual({ left: tau(left), block: `#${net.head + blocks}`, date: date.slice(0, 10), dateFull: date.replace("T", " ").replace(/\.\d+Z$/, " UTC"), blocks: String(blocks) });

    const xs = await net.q<{ id: string; call: string }>(`SELECT "id", "call" FROM "Extrinsic" ORDER BY "blockNumber" DESC, "index" DESC LIMIT 8`);
    expect(xs.length).toBe(8);
    expect(await home.latestExtrinsics()).toEqual(xs.map((x) => ({ id: x.id, href: `/extrinsics/${x.id}`, call: x.call })));

    const top = [...net.emission].sort((a, b) => cmp(b[1], a[1]) || a[0] - b[0]);
    expect((await home.topSubnets()).map((s) => [s.netuid, s.rao])).toEqual(top.map(([n, v]) => [n, String(v)]));

    const permitted = new Set((await net.q<{ hotkey: string }>(`SELECT DISTINCT "hotkey" FROM "Neuron" WHERE "validatorPermit" = 1`)).map((r) => r.hotkey));
    const prices = new Map((await subnetRows()).map((s) => [Number(s.netuid), priceRao(s.price)]));
    const value = new Map<string, bigint>();
    for (const p of await net.q<{ hotkey: string; netuid: bigint; alpha: string }>(`SELECT "hotkey", "netuid", "alpha" FROM "StakePosition"`)) {
      if (!permitted.has(p.hotkey)) continue;
      const v = Number(p.netuid) === 0 ? BigInt(p.alpha) : (BigInt(p.alpha) * prices.get(Number(p.netuid))!) / TAO;
      value.set(p.hotkey, (value.get(p.hotkey) ?? 0n) + v);
    }
    const validators = [...permitted].map((h) => ({ hotkey: ss58(h), rao: String(value.get(h) ?? 0n), href: `/accounts/${ss58(h)}` })).sort((a, b) => cmp(BigInt(b.rao), BigInt(a.rao)));
    expect(await home.topValidators()).toEqual(validators.slice(0, 8));
    await home.page.close();
  });
});

describe("JSON endpoints: 404 for an unknown subnet, 400 naming the field", () => {
  it("answers each new endpoint", async () => {
    for (const path of ["/api/subnets/99/hyperparams", "/api/subnets/99/registrations", "/api/subnets/99/history", "/api/subnets/99/metagraph/export"]) {
      expect(await net.server.get(path), path).toEqual({ status: 404, body: { error: "no subnet 99" }, headers: expect.anything() });
    }
    const bad: [string, string][] = [
      ["/api/subnets?sort=colour", 'sort must be one of netuid, emission, price, tao, alpha, burn, uids, tempo, owner, age, got "colour"'],
      ["/api/subnets?order=up", 'order must be one of asc, desc, got "up"'],
      ["/api/subnets/1/registrations?before=12", 'before must be a cursor {block}-{uid} as `next` gives it, got "12"'],
      ["/api/subnets/1/registrations?limit=0", 'limit must be an integer in [1, 200], got "0"'],
      ["/api/subnets/1/history?points=1", 'points must be an integer in [2, 500], got "1"'],
      ["/api/subnets/1/history?range=year", 'range must be one of week, all, got "year"'],
      ["/api/subnets/1/metagraph/export?format=xml", 'format must be one of json, csv, got "xml"'],
      ["/api/subnets/abc/hyperparams", 'netuid must be an integer in [0, 65535], got "abc"'],
      ["/api/overview?limit=0", 'limit must be an integer in [1, 50], got "0"'],
    ];
    for (const [path, error] of bad) expect((await net.server.get(path)).body, path).toEqual({ error });
    expect((await net.server.get("/api/subnets/1/metagraph/export?epoch=99999")).body).toEqual({ error: "subnet 1 has no stored epoch 99999" });
    // The metagraph route keeps its shape.
    const m = await net.server.get<{ subnet: { netuid: number }; epoch: number | null; neurons: unknown[] }>("/api/subnets/1/metagraph");
    expect(Object.keys(m.body).sort()).toEqual(["block", "epoch", "neurons", "subnet"]);
  });
});

describe("screenshots at 1440 and 390 px", () => {
  it("fits every new view into a phone's width (tables scroll in their own box) and saves screenshots", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      for (const [name, path] of [["subnets", "/subnets?sort=emission&order=desc"], ["subnet-1", "/subnets/1"], ["home", "/"]] as const) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${net.server.base}${path}`);
        // Each view's own last part (the home page refetches every 2 s, so "idle" says little).
        await page.getByTestId(name === "home" ? "next-halving" : name === "subnets" ? "subnets" : "metagraph").waitFor();
        if (name === "home") await page.getByTestId("supply-panel-pooled").waitFor();
        if (name === "subnet-1") await page.locator("[data-testid=chart-burn] svg.recharts-surface").first().waitFor();
        expect(await sidewaysOverflow(page), `${path} at ${viewport.width}`).toBeLessThanOrEqual(0);
        const boxes = await page.locator("main table").evaluateAll((ts) =>
          ts.map((t) => {
            const box = t.closest(".scroll-table") as HTMLElement | null;
            return { id: t.getAttribute("data-testid"), scrolls: box !== null && getComputedStyle(box).overflowX === "auto", right: box?.getBoundingClientRect().right ?? Infinity };
          }),
        );
        for (const b of boxes) expect(b.scrolls && b.right <= viewport.width, `${path}: table ${b.id} in its own scroll box`).toBe(true);
        await screenshot(page, `subnet-pages-${name}-${viewport.width}`);
        if (name === "subnet-1" && viewport === PHONE) {
          // The new sections alone, legible at phone width.
          for (const id of ["hyperparams", "registrations", "metagraph-box"]) await page.getByTestId(id).locator("xpath=ancestor::section[1]").screenshot({ path: `${SCREENSHOT_DIR}/subnet-pages-subnet-1-390-${id}.png` });
        }
        await page.close();
      }
    }
  }, 120_000);
});

describe("seed2024 (root-network era) smoke test", () => {
  let old: Net;
  beforeAll(async () => {
    old = await network({ TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "24", TAOSCOPE_CHECKPOINT_EVERY: "500" }, 760);
  }, 400_000);
  afterAll(async () => old?.close());

  it("takes the emission share from the root weights, shows v1.1.3's hyperparameters, registrations, no pool price, and the halving", async () => {
    const list = await SubnetListPage.open(browser, old.server.base);
    const rows = await list.rows();
    for (const r of rows) {
      expect(r.emissionRao).toBe(String(old.emission.get(r.netuid) ?? 0n));
      expect(r.share).toBeCloseTo(Number(old.emission.get(r.netuid) ?? 0n) / 1e9, 9);
    }
    expect(rows.some((r) => r.share > 0)).toBe(true);
    expect(rows.map((r) => [r.tao, r.alpha, r.sparklinePoints])).toEqual(rows.map(() => [null, null, 0])); // no pools in v1.1.3
    await screenshot(list.page, "subnet-pages-seed2024-subnets-1440");
    await list.page.close();

    const s = (await old.q<{ hyperparams: string; tempo: bigint }>(`SELECT "hyperparams", "tempo" FROM "Subnet" WHERE "netuid" = 1`))[0]!;
    const h = JSON.parse(s.hyperparams) as Record<string, string | number | boolean>;
    const page = await SubnetPage.open(browser, old.server.base, 1);
    expect(await page.hyperparams()).toMatchObject({ tempo: String(s.tempo), kappa: String(h.kappa), activity_cutoff: String(h.activityCutoff), difficulty: String(h.difficulty), adjustment_interval: String(h.adjustmentInterval), target_regs_per_interval: String(h.targetRegistrationsPerInterval), min_burn: String(h.minBurn), max_burn: String(h.maxBurn) });
    const regs = await old.q<{ uid: bigint; block: bigint; hotkey: string }>(`SELECT "uid", "block", "hotkey" FROM "UidRegistration" WHERE "netuid" = 1 ORDER BY "block" DESC, "uid" DESC LIMIT 25`);
    expect((await page.registrations()).map((r) => [r.block, r.uid, r.hotkey])).toEqual(regs.map((r) => [String(r.block), Number(r.uid), ss58(r.hotkey)]));
    expect(await page.page.getByTestId("chart-price").textContent()).toContain("No pool price");
    await page.page.locator("[data-testid=chart-burn] svg.recharts-surface").first().waitFor();
    expect(await sidewaysOverflow(page.page)).toBeLessThanOrEqual(0);
    await screenshot(page.page, "subnet-pages-seed2024-subnet-1-1440");
    await page.page.close();

    const stat = (await old.q<{ issuance: string }>(`SELECT "issuance" FROM "NetworkStat" WHERE "blockNumber" = ?`, [old.head]))[0]!;
    const left = 10_500_000n * TAO - BigInt(stat.issuance);
    const home = await HomeOverview.open(browser, old.server.base, PHONE);
    const shown = await home.halving();
    expect([shown.left, shown.blocks]).toEqual([tau(left), String((left + TAO - 1n) / TAO)]);
    expect(await sidewaysOverflow(home.page)).toBeLessThanOrEqual(0);
    await screenshot(home.page, "subnet-pages-seed2024-home-390");
    await home.page.close();
  }, 120_000);
});
