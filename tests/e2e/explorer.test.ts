/**
 * The explorer in a real browser (Debian's Chromium through playwright-core) against a
 * production build started on a fresh SQLite database in test mode: no timer produces blocks;
 * the test advances the chain through /api/test/advance. Expected values come from the same
 * network run in this process, independently of the server.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const BLOCKS = 25;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const serverDb = tempSqlite();
const replicaDb = tempSqlite();
let server: ChildProcess;
let base = "";
let browser: Browser;
let replica: SqlChainStore;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForHealth(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok && ((await r.json()) as { producing: boolean }).producing) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`the server at ${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function advance(blocks: number): Promise<string> {
  const r = await fetch(`${base}/api/test/advance?blocks=${blocks}`, { method: "POST" });
  expect(r.status).toBe(200);
  return ((await r.json()) as { head: string }).head;
}

beforeAll(async () => {
  if (!process.env.TAOSCOPE_E2E_SKIP_BUILD) execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...settings, DATABASE_URL: serverDb.target.kind === "sqlite" ? serverDb.target.url : "", TAOSCOPE_TEST_MODE: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  await waitForHealth(base, 60_000);
  expect(await advance(BLOCKS)).toBe(String(BLOCKS));

  replica = await SqlChainStore.open(replicaDb.target);
  const node = await ChainNode.open(replica, { ...loadConfig(settings), database: replicaDb.target });
  await node.advance(BLOCKS);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  await replica?.close();
  serverDb.cleanup();
  replicaDb.cleanup();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

describe("explorer", () => {
  it("shows the head, supply figures and latest blocks, and follows new blocks without a reload", async () => {
    const page = await open("/");
    await expect.poll(() => page.getByTestId("head-number").textContent()).toBe(`#${BLOCKS}`);
    const issuance = (await replica.sql.query<{ issuance: string }>(`SELECT "issuance" FROM "NetworkStat" WHERE "blockNumber" = ?`, [BigInt(BLOCKS)]))[0]!.issuance;
    const shown = (await page.getByTestId("issuance").textContent())!.replace(/,/g, "").replace(".", "");
    expect(BigInt(shown)).toBe(BigInt(issuance));
    const firstRow = page.getByTestId("latest-blocks").locator("tbody tr").first();
    expect(await firstRow.locator("td").first().textContent()).toBe(String(BLOCKS));
    await advance(1);
    await expect.poll(() => page.getByTestId("head-number").textContent(), { timeout: 10_000 }).toBe(`#${BLOCKS + 1}`);
    await page.close();
  });

  it("shows block 10 with the extrinsics it really has", async () => {
    const expected = await replica.sql.query<{ id: string; call: string; success: boolean | bigint; error: string | null }>(
      `SELECT "id", "call", "success", "error" FROM "Extrinsic" WHERE "blockNumber" = 10 ORDER BY "index"`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const page = await open("/blocks/10");
    expect(await page.getByTestId("block-title").textContent()).toBe("Block #10");
    const rows = page.getByTestId("extrinsic-row");
    expect(await rows.count()).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      const cells = rows.nth(i).locator("td");
      expect(await cells.nth(0).textContent()).toBe(expected[i]!.id);
      expect(await cells.nth(1).locator("div").textContent()).toBe(expected[i]!.call);
      expect(await cells.nth(4).textContent()).toBe(Number(expected[i]!.success) ? "success" : expected[i]!.error);
    }
    await page.close();
  });

  it("shows a subnet's metagraph with every uid, sortable by stake", async () => {
    const neurons = await replica.sql.query<{ uid: bigint; stake: string }>(`SELECT "uid", "stake" FROM "Neuron" WHERE "netuid" = 1 ORDER BY "uid"`);
    const page = await open("/subnets/1");
    const rows = page.getByTestId("neuron-row");
    expect(await rows.count()).toBe(neurons.length);
    expect(await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-uid"))))).toEqual(neurons.map((n) => Number(n.uid)));
    await page.getByTestId("sort-stake").click();
    const top = [...neurons].sort((a, b) => (BigInt(b.stake) > BigInt(a.stake) ? 1 : BigInt(b.stake) < BigInt(a.stake) ? -1 : Number(a.uid - b.uid)))[0]!;
    await expect.poll(() => rows.first().getAttribute("data-uid")).toBe(String(top.uid));
    await page.close();
  });
});
