/**
 * The explorer in a real browser (Debian's Chromium through playwright-core) against a
 * production build started on a fresh SQLite database in test mode: no timer produces blocks;
 * the test advances the chain through /api/test/advance. Expected values come from the same
 * network run in this process, independently of the server.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { SqlChainStore } from "@/lib/db/store";
import { launchBrowser, startReplica, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const BLOCKS = 25;

let closeReplica: () => Promise<void>;
let server: TestServer;
let base = "";
let browser: Browser;
let replica: SqlChainStore;

const advance = (blocks: number) => server.advance(blocks);

beforeAll(async () => {
  server = await startServer(settings);
  base = server.base;
  expect(await advance(BLOCKS)).toBe(String(BLOCKS));

  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));

  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
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
    expect(Number(await page.getByTestId("supply-chart").getAttribute("data-points"))).toBeGreaterThan(1);
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
      expect(await cells.nth(0).locator("a").getAttribute("href")).toBe(`/extrinsics/${expected[i]!.id}`);
      expect(await cells.nth(1).getByTestId("extrinsic-call").textContent()).toBe(expected[i]!.call);
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

    // A stored epoch, reached from the epoch list.
    const first = (await replica.sql.query<{ block: bigint; n: bigint }>(`SELECT "block", "n" FROM "MetagraphSnapshot" WHERE "netuid" = 1 AND "epoch" = 1`))[0]!;
    await page.getByTestId("epochs").getByRole("link", { name: "1", exact: true }).click();
    await expect.poll(() => page.getByTestId("subnet-title").textContent()).toContain(`epoch 1, block ${first.block}`);
    expect(await page.getByTestId("neuron-row").count()).toBe(Number(first.n));
    await page.close();
  });
});

describe("API", () => {
  const get = async (path: string) => {
    const r = await fetch(`${base}${path}`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it("answers health, head and pages of blocks with rao strings", async () => {
    expect((await get("/api/health")).body).toMatchObject({ status: "ok", database: "sqlite", producing: true });
    const head = (await get("/api/head")).body as { head: { number: string }; figures: { issuance: string } };
    expect(head.head.number).toMatch(/^\d+$/);
    expect(head.figures.issuance).toMatch(/^\d+$/);
    const page1 = (await get("/api/blocks?limit=5")).body as { items: { number: string }[]; next: string };
    const page2 = (await get(`/api/blocks?limit=5&before=${page1.next}`)).body as { items: { number: string }[] };
    const numbers = [...page1.items, ...page2.items].map((b) => Number(b.number));
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numbers[0]! - i)); // keyset pages join without gap
  });

  it("samples network history evenly from genesis to the head", async () => {
    const head = Number(((await get("/api/head")).body as { head: { number: string } }).head.number);
    const h = (await get("/api/network/history?points=5")).body as { points: { block: string; issuance: string }[] };
    expect(h.points.map((p) => Number(p.block))).toEqual([0, 1, 2, 3, 4].map((i) => Math.floor((head * i) / 4)));
    const stat = (await replica.sql.query<{ issuance: string }>(`SELECT "issuance" FROM "NetworkStat" WHERE "blockNumber" = ?`, [BigInt(h.points[2]!.block)]))[0]!;
    expect(h.points[2]!.issuance).toBe(stat.issuance);
    expect(await get("/api/network/history?points=1")).toEqual({ status: 400, body: { error: 'points must be an integer in [2, 1000], got "1"' } });
  });

  it("lists a subnet's epochs newest first and serves a stored epoch's metagraph", async () => {
    const stored = await replica.sql.query<{ epoch: bigint; block: bigint }>(`SELECT "epoch", "block" FROM "SubnetEpoch" WHERE "netuid" = 1 ORDER BY "epoch" DESC`);
    const history = (await get("/api/subnets/1/epochs")).body as { items: { epoch: number; block: string }[]; next: string | null };
    expect(history.items.map((e) => [e.epoch, e.block])).toEqual(stored.map((r) => [Number(r.epoch), String(r.block)]));
    expect(history.next).toBeNull();
    const snap = (await replica.sql.query<{ data: string }>(`SELECT "data" FROM "MetagraphSnapshot" WHERE "netuid" = 1 AND "epoch" = 1`))[0]!;
    const expected = JSON.parse(snap.data) as { hotkeys: string[]; incentive: number[] };
    const m = (await get("/api/subnets/1/metagraph?epoch=1")).body as { epoch: number; neurons: { hotkey: string; incentive: number }[] };
    expect(m.epoch).toBe(1);
    expect(m.neurons.map((n) => n.hotkey)).toEqual(expected.hotkeys);
    expect(m.neurons.map((n) => n.incentive)).toEqual(expected.incentive);
  });

  it("names what was wrong in a bad request", async () => {
    expect(await get("/api/blocks?limit=0")).toEqual({ status: 400, body: { error: 'limit must be an integer in [1, 100], got "0"' } });
    expect(await get("/api/blocks?before=-3")).toEqual({ status: 400, body: { error: 'before must be a non-negative integer, got "-3"' } });
    expect(await get("/api/blocks/99999")).toEqual({ status: 404, body: { error: "no block 99999" } });
    expect(await get("/api/subnets/7/metagraph")).toEqual({ status: 404, body: { error: "no subnet 7" } });
    expect(await get("/api/subnets/1/metagraph?epoch=500")).toEqual({ status: 404, body: { error: "subnet 1 has no stored epoch 500" } });
    const post = await fetch(`${base}/api/extrinsics`, { method: "POST", body: JSON.stringify({ call: "Balances.transfer_keep_alive", args: {}, signer: "0x00", nonce: 0 }) });
    expect({ status: post.status, body: await post.json() }).toEqual({ status: 400, body: { error: 'the extrinsic has no "signature"' } });
  });
});

describe("mempool", () => {
  it("queues a signed extrinsic and includes it in the next block", async () => {
    const alice = keypairFromUri("//Alice");
    const bob = keypairFromUri("//Bob");
    const genesis = ((await (await fetch(`${base}/api/blocks/0`)).json()) as { hash: string }).hash;
    const ext = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: bob.address, value: "2500000000" } }, 0, genesis);
    const post = await fetch(`${base}/api/extrinsics`, { method: "POST", body: JSON.stringify(ext) });
    expect(post.status).toBe(202);
    const { hash, queuedFor } = (await post.json()) as { hash: string; queuedFor: string };
    expect(await advance(1)).toBe(queuedFor);
    const block = (await (await fetch(`${base}/api/blocks/${queuedFor}`)).json()) as { extrinsics: { hash: string; call: string; success: boolean; signer: string }[]; events: { name: string; data: Record<string, string> }[] };
    const included = block.extrinsics.find((x) => x.hash === hash)!;
    expect(included).toMatchObject({ call: "Balances.transfer_keep_alive", success: true, signer: alice.publicKeyHex });
    expect(block.events.find((e) => e.name === "Balances.Transfer")!.data).toMatchObject({ from: alice.publicKeyHex, to: bob.publicKeyHex, amount: "2500000000" });

    const replay = await fetch(`${base}/api/extrinsics`, { method: "POST", body: JSON.stringify(ext) });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toMatch(/Stale/);
  });
});
