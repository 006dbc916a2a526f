/**
 * The mixture-of-experts query (POST /api/subnets/{netuid}/query and /subnets/N/query) against
 * `next build` + `next start` on a fresh SQLite database: a small mainnet network with the PoI
 * traffic (subnet 1 forecasts, subnet 2 classifies), advanced past the validators' first rounds
 * until miners earn incentive (about block 750 at tempo 360). Which miners must be asked comes
 * from an independent replica (the same network run in this process on its own SQLite file),
 * read with plain SQL.
 */
import Ajv2020 from "ajv/dist/2020";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import type { SqlChainStore } from "@/lib/db/store";
import { launchBrowser, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";
import { storedScores } from "../helpers/stored-rows";

const settings = { TAOSCOPE_PRESET: "mainnet", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "16", TAOSCOPE_SEED: "5" };
const BLOCKS = 760;

interface Expert {
  uid: number;
  hotkey: { ss58: string; hex: string };
  incentive: number;
  weight: number;
  answer: unknown;
  score: number;
  computeSpent: number;
}
interface QueryAnswer {
  offChain: true;
  netuid: number;
  task: string;
  k: number;
  round: number;
  tempo: number;
  block: string;
  query: { task: string; history?: number[]; horizon?: number; texts?: string[] };
  truth: unknown;
  combined: { answer: unknown; score: number };
  miners: Expert[];
  random: Expert;
  best: Expert;
  median: number;
}

let server: TestServer;
let browser: Browser;
let replica: SqlChainStore;
let closeReplica: () => Promise<void>;
/** The answer before any block: nobody earns incentive yet. */
let early: { status: number; body: { error: string } };
/** null when `body` matches the OpenAPI document's schema `name`, else why not. */
let validate: (name: string, body: unknown) => string | null;

const post = async (netuid: number | string, body: string) => {
  const r = await fetch(`${server.base}/api/subnets/${netuid}/query`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: r.status, body: (await r.json()) as QueryAnswer & { error: string } };
};

/** The replica's miners of `netuid` earning incentive, by incentive descending then uid (plain SQL). */
async function earners(netuid: number): Promise<{ uid: number; hotkey: string; incentive: number }[]> {
  const rows = await replica.sql.query<{ uid: unknown; hotkey: string; incentive: unknown }>(`SELECT "uid", "hotkey", "incentive" FROM "Neuron" WHERE "netuid" = ? AND "incentive" > 0 ORDER BY "incentive" DESC, "uid" ASC`, [netuid]);
  return rows.map((r) => ({ uid: Number(r.uid), hotkey: r.hotkey, incentive: Number(r.incentive) }));
}

beforeAll(async () => {
  server = await startServer(settings);
  early = await post(1, "{}");
  let head = "";
  for (let done = 0; done < BLOCKS; done += 190) head = await server.advance(Math.min(190, BLOCKS - done));
  expect(head).toBe(String(BLOCKS));
  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));
  const doc = (await server.get<{ components: unknown }>("/api/openapi.json")).body;
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: "taoscope:openapi", components: doc.components });
  validate = (name, body) => {
    const v = ajv.getSchema(`taoscope:openapi#/components/schemas/${name}`)!;
    return v(body) ? null : ajv.errorsText(v.errors, { dataVar: "body" });
  };
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
});

describe("POST /api/subnets/{netuid}/query", () => {
  it("answers 409 with a sentence while no miner earns incentive", () => {
    expect(early.status).toBe(409);
    expect(early.body).toEqual({ error: "no miner of subnet 1 earns incentive yet: its validators' weights count from the epoch after their first round; retry after the next epoch" });
  });

  it("asks the top-k of the metagraph by incentive, weighted by incentive share, as the documented schema says", async () => {
    const expected = await earners(1);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const r = await post(1, JSON.stringify({ k: 5, round: 3 }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(validate("SubnetQuery", r.body)).toBeNull();
    const a = r.body;
    expect(a).toMatchObject({ offChain: true, netuid: 1, task: "forecast", k: 5, round: 3, block: String(BLOCKS) });
    const top = expected.slice(0, 5);
    expect(a.miners.map((m) => [m.uid, m.hotkey.hex, m.incentive])).toEqual(top.map((m) => [m.uid, m.hotkey, m.incentive]));
    for (const m of a.miners) expect(m.hotkey.ss58, `uid ${m.uid}`).toBe(encodeAddress(fromHex(m.hotkey.hex)));
    const total = top.reduce((s, m) => s + m.incentive, 0);
    a.miners.forEach((m, i) => expect(m.weight, `uid ${m.uid}`).toBeCloseTo(top[i]!.incentive / total, 12));
    expect(a.best.uid).toBe(top[0]!.uid);
    const scores = a.miners.map((m) => m.score).sort((x, y) => x - y);
    expect(a.median).toBe(scores[2]);
    expect(a.query.history).toHaveLength(240);
    expect(a.query.horizon).toBe(4);
    expect(a.truth).toHaveLength(4);
    expect((a.combined.answer as number[]).length).toBe(4);
    // The same body asks the same challenge of the same miners: the same answer.
    expect((await post(1, JSON.stringify({ k: 5, round: 3 }))).body).toEqual(a);
  });

  it("takes the defaults from an empty body, and a classify subnet asks texts", async () => {
    const r = await post(2, "");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(validate("SubnetQuery", r.body)).toBeNull();
    const expected = (await earners(2)).slice(0, 5);
    expect(r.body).toMatchObject({ task: "classify", k: Math.min(5, r.body.k), round: 0 });
    expect(r.body.miners.slice(0, expected.length).map((m) => m.uid)).toEqual(expected.map((m) => m.uid));
    expect(r.body.query.texts).toHaveLength(8);
    expect(r.body.truth).toHaveLength(8);
  });

  it.each([
    ["null", "null", "the body is null; send a JSON object { k, round } (both optional)"],
    ["a number", "5", "the body is a number; send a JSON object { k, round } (both optional)"],
    ["an array", "[1]", "the body is an array; send a JSON object { k, round } (both optional)"],
    ["k 0", '{"k":0}', "k must be an integer in [1, 32], got 0"],
    ["k 33", '{"k":33}', "k must be an integer in [1, 32], got 33"],
    ["k as text", '{"k":"5"}', 'k must be an integer in [1, 32], got "5"'],
    ["k null", '{"k":null}', "k must be an integer in [1, 32], got null"],
    ["k fractional", '{"k":2.5}', "k must be an integer in [1, 32], got 2.5"],
    ["round negative", '{"round":-1}', "round must be an integer in [0, 9007199254740991], got -1"],
    ["an unknown field", '{"k":3,"depth":2}', 'the body has no field "depth"; a query takes k and round'],
  ])("error: 400 for %s, naming the field", async (_, body, message) => {
    const r = await post(1, body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: message });
  });

  it("error: 400 for a body that is not JSON, 404 for an unknown subnet and for root", async () => {
    const bad = await post(1, "{k:5");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^the body is not valid JSON \(.+\); send a JSON object \{ k, round \}$/);
    expect(await post(99, "{}")).toEqual({ status: 404, body: { error: "no subnet 99" } });
    expect(await post(0, "{}")).toEqual({ status: 404, body: { error: "subnet 0 is the root network: it runs no task and has no miners to query" } });
    expect((await post("x", "{}")).status).toBe(400);
    const big = await post(1, JSON.stringify({ k: 3, pad: "x".repeat(2000) }));
    expect(big).toEqual({ status: 400, body: { error: "the body is more than 1024 bytes; a query is at most 1024 bytes" } });
    const get = await fetch(`${server.base}/api/subnets/1/query`);
    expect(get.status).toBe(405);
  });
});

describe("the query page", () => {
  it("is linked from the subnet page with its task, and shows the API's numbers after a query", async () => {
    const api = (await post(1, JSON.stringify({ k: 4, round: 7 }))).body;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.base}/subnets/1`);
    expect(await page.getByTestId("subnet-task-name").textContent()).toBe("forecast");
    await screenshot(page, "moe-subnet-page-1440");
    await Promise.all([page.waitForURL(/\/subnets\/1\/query$/), page.getByRole("link", { name: "query the subnet (mixture of experts) →" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Query the subnet (mixture of experts)");
    expect(await page.getByTestId("query-task").textContent()).toBe("forecast");
    await page.getByRole("textbox", { name: "k (miners, 1–32)" }).fill("4");
    await page.getByRole("textbox", { name: "round (challenge seed)" }).fill("7");
    await page.getByRole("button", { name: "Ask the miners" }).click();
    await page.getByTestId("query-result").waitFor();
    expect(await page.getByTestId("score-combined").textContent()).toBe(api.combined.score.toFixed(3));
    expect(await page.getByTestId("score-best").textContent()).toBe(api.best.score.toFixed(3));
    expect(await page.getByTestId("score-random").textContent()).toBe(api.random.score.toFixed(3));
    expect(await page.getByTestId("score-median").textContent()).toBe(api.median.toFixed(3));
    const rows = page.getByTestId("expert-row");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-uid"))))).toEqual(api.miners.map((m) => m.uid));
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("a")!.getAttribute("href")))).toEqual(api.miners.map((m) => `/subnets/1/uids/${m.uid}`));
    expect(await page.getByTestId("off-chain-note").textContent()).toContain("Off-chain simulation data");
    await screenshot(page, "moe-query-1440");
    // A bad k is the server's to name.
    await page.getByRole("textbox", { name: "k (miners, 1–32)" }).fill("40");
    await page.getByRole("button", { name: "Ask the miners" }).click();
    expect(await page.getByTestId("query-error").textContent()).toBe("k must be an integer in [1, 32], got 40");
    expect(await page.getByTestId("query-error").getAttribute("role")).toBe("alert");
    await page.close();

    for (const colorScheme of ["dark", "light"] as const) {
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme });
      await phone.goto(`${server.base}/subnets/2/query`);
      expect(await phone.getByTestId("query-task").textContent()).toBe("classify");
      await phone.getByRole("button", { name: "Ask the miners" }).click();
      await phone.getByTestId("query-result").waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), colorScheme).toBeLessThanOrEqual(390);
      // Every asked miner's score is on screen, not scrolled off to the right.
      const scores = await phone.getByTestId("expert-row").evaluateAll((trs) => trs.map((tr) => tr.children[2]!.getBoundingClientRect().right));
      for (const right of scores) expect(right, colorScheme).toBeLessThanOrEqual(390);
      await screenshot(phone, `moe-query-390-${colorScheme}`);
      await phone.close();
    }
  }, 120_000);
});

describe("the neuron page's off-chain section (GET /api/subnets/{netuid}/uids/{uid}/offchain)", () => {
  interface Offchain {
    offChain: true;
    role: string;
    task: string | null;
    miner: { strategy: string; behaviour: string; capacity: number } | null;
    validator: { kind: string; behaviour: string } | null;
    scorers: { validator: { hex: string }; uid: number | null; kind: string; points: { block: string; tempo: number; score: number; ema: number; computeSpent: number }[] }[];
    rounds: number;
    truncated: boolean;
    given: { block: string; tempo: number; scores: { uid: number; miner: { hex: string }; score: number; ema: number }[] } | null;
  }
  const getOffchain = (netuid: number, uid: number, query = "") => server.get<Offchain & { error: string }>(`/api/subnets/${netuid}/uids/${uid}/offchain${query}`);
  /** The replica's scores of subnet 1 with the hotkeys that held the uids when each round ran, plain SQL. */
  const replicaScores = () => storedScores(replica, 1);
  const uidOfHotkey = async (hotkey: string) => Number((await replica.sql.query<{ uid: unknown }>(`SELECT "uid" FROM "Neuron" WHERE "netuid" = 1 AND "hotkey" = ?`, [hotkey]))[0]!.uid);

  it("a miner: its strategy, and every validator's scores of it as the replica stored them", async () => {
    const rows = await replicaScores();
    expect(rows.length).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.miner, (counts.get(r.miner) ?? 0) + 1);
    const miner = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const uid = await uidOfHotkey(miner);
    const r = await getOffchain(1, uid);
    expect(r.status).toBe(200);
    expect(validate("OffchainScores", r.body)).toBeNull();
    expect(r.body).toMatchObject({ offChain: true, role: "miner", task: "forecast", validator: null, given: null, truncated: false });
    expect(r.body.miner!.strategy).toMatch(/^(last value|moving average of [24]|AR\((1|2|4|8|12|24)\), least squares)$/);
    const mine = rows.filter((x) => x.miner === miner);
    expect(r.body.rounds).toBe(mine.length);
    const validators = [...new Set(mine.map((x) => x.validator))];
    expect(r.body.scorers.map((s) => s.validator.hex).sort()).toEqual(validators.sort());
    for (const s of r.body.scorers) {
      expect(s.uid).toBe(await uidOfHotkey(s.validator.hex));
      expect(s.points).toEqual(mine.filter((x) => x.validator === s.validator.hex).map(({ block, tempo, score, ema, computeSpent }) => ({ block, tempo, score, ema, computeSpent })));
    }
    // The newest `limit` scores over all validators, oldest first.
    const one = await getOffchain(1, uid, "?limit=1");
    expect(one.body).toMatchObject({ rounds: 1, truncated: mine.length > 1 });
    expect(one.body.scorers.flatMap((s) => s.points.map((p) => p.block))).toEqual([mine.at(-1)!.block]);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.base}/subnets/1/uids/${uid}`);
    const section = page.getByTestId("offchain");
    expect(await section.getAttribute("data-role")).toBe("miner");
    expect(await page.getByTestId("offchain-badge").textContent()).toBe("off-chain simulation data");
    expect(await page.getByTestId("offchain-strategy").textContent()).toBe(r.body.miner!.strategy);
    expect(await page.getByTestId("offchain-chart").getAttribute("data-lines")).toBe(String(validators.length));
    expect(await page.getByTestId("offchain-chart").getAttribute("data-points")).toBe(String(mine.length));
    expect(await page.getByTestId("offchain-scorer").count()).toBe(validators.length);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "offchain-miner-1440");
    await page.close();
  }, 120_000);

  it("a validator: its behaviour and its latest round; the owner: neither", async () => {
    const rows = await replicaScores();
    const validator = rows.at(-1)!.validator;
    const latest = rows.filter((x) => x.validator === validator && x.block === rows.at(-1)!.block).sort((a, b) => a.uid - b.uid);
    const uid = await uidOfHotkey(validator);
    const r = await getOffchain(1, uid);
    expect(validate("OffchainScores", r.body)).toBeNull();
    expect(r.body).toMatchObject({ role: "validator", miner: null, scorers: [], rounds: 0 });
    expect(["honest", "lazy", "copier"]).toContain(r.body.validator!.kind);
    expect(r.body.given).toEqual({ block: latest[0]!.block, tempo: latest[0]!.tempo, scores: latest.map((x) => ({ uid: x.uid, miner: { ss58: encodeAddress(fromHex(x.miner)), hex: x.miner }, score: x.score, ema: x.ema })) });
    const owner = String((await replica.sql.query<{ ownerHotkey: string }>(`SELECT "ownerHotkey" FROM "Subnet" WHERE "netuid" = 1`))[0]!.ownerHotkey);
    const ownerUid = await uidOfHotkey(owner);
    expect((await getOffchain(1, ownerUid)).body).toMatchObject({ role: "owner", miner: null, validator: null, scorers: [], given: null });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.base}/subnets/1/uids/${uid}`);
    expect(await phone.getByTestId("offchain").getAttribute("data-role")).toBe("validator");
    expect(await phone.getByTestId("offchain-given-row").count()).toBe(latest.length);
    await phone.getByTestId("offchain").scrollIntoViewIfNeeded();
    await screenshot(phone, "offchain-validator-390");
    await phone.goto(`${server.base}/subnets/1/uids/${ownerUid}`);
    expect(await phone.getByTestId("offchain").textContent()).toContain("This is the subnet owner's hotkey: it neither mines nor validates.");
    await phone.goto(`${server.base}/subnets/0/uids/0`);
    expect(await phone.getByTestId("offchain").count()).toBe(0); // root runs no task
    await phone.close();
  }, 120_000);

  it("error: 404 for root, an unknown subnet and an unregistered uid; 400 for a bad uid or limit", async () => {
    expect((await getOffchain(0, 0)).status).toBe(404);
    expect(await getOffchain(9, 0)).toMatchObject({ status: 404, body: { error: "no subnet 9" } });
    expect(await getOffchain(1, 999)).toMatchObject({ status: 404, body: { error: "no uid 999 on subnet 1" } });
    const bad = await server.get<{ error: string }>("/api/subnets/1/uids/x/offchain");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^uid/);
    const limit = await getOffchain(1, 1, "?limit=0");
    expect(limit.status).toBe(400);
    expect(limit.body.error).toMatch(/^limit/);
  });
});

describe("on a network with the synthetic traffic", () => {
  it("the API answers 409 and the pages say the subnet runs no task", async () => {
    const old = await startServer({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "4", TAOSCOPE_SEED: "5" });
    try {
      await old.advance(12);
      const r = await fetch(`${old.base}/api/subnets/1/query`, { method: "POST", body: "{}" });
      expect(r.status).toBe(409);
      expect(await r.json()).toEqual({ error: "subnet 1 runs the synthetic traffic: its miners do no task, so there is nothing to query (start a network with TAOSCOPE_TRAFFIC=poi)" });
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${old.base}/subnets/1`);
      expect(await page.getByTestId("subnet-task").textContent()).toBe("Task:none (this network runs the synthetic traffic)");
      expect(await page.getByTestId("query-link").count()).toBe(0);
      await page.goto(`${old.base}/subnets/1/query`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Subnet 1 runs no task");
      expect(await page.getByTestId("query-synthetic").textContent()).toContain("This network runs the old synthetic traffic");
      await screenshot(page, "moe-query-synthetic-390");
      const off = await old.get<{ traffic: string; task: string | null; miner: unknown; scorers: unknown[] }>("/api/subnets/1/uids/1/offchain");
      expect(off.body).toMatchObject({ traffic: "synthetic", task: null, miner: null, scorers: [] });
      await page.goto(`${old.base}/subnets/1/uids/1`);
      expect(await page.getByTestId("offchain").textContent()).toContain("This network runs the synthetic traffic: its miners do no task and its validators keep no scores.");
      await page.goto(`${old.base}/subnets/7/query`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toContain("Query");
      await page.close();
    } finally {
      await old.stop();
    }
  }, 180_000);
});
