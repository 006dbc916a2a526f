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
let validate: (body: unknown) => string | null;

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
  validate = (body) => {
    const v = ajv.getSchema("taoscope:openapi#/components/schemas/SubnetQuery")!;
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
    expect(validate(r.body)).toBeNull();
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
    expect(validate(r.body)).toBeNull();
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
      await page.goto(`${old.base}/subnets/7/query`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toContain("Query");
      await page.close();
    } finally {
      await old.stop();
    }
  }, 180_000);
});
