/**
 * The epoch explainer on the seed2024 preset (subtensor v1.1.3: rank, trust and pruning scores,
 * no owner uid, TAO stake) in a real browser, against an independent in-process replica.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SqlChainStore } from "@/lib/db/store";
import { launchBrowser, openPage, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "24", TAOSCOPE_CHECKPOINT_EVERY: "200" };
const BLOCKS = 725; // tempo 360: subnet 1's epochs at blocks 359 and 720

let closeReplica: () => Promise<void>;
let server: TestServer;
let browser: Browser;
let replica: SqlChainStore;

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
});

it("explains a 2024 epoch: the chosen uid's incentive, rank, trust and pruning score as stored", async () => {
  const rows = await replica.sql.query<{ epoch: bigint; data: string }>(`SELECT "epoch", "data" FROM "MetagraphSnapshot" WHERE "netuid" = 1 ORDER BY "epoch" DESC`);
  expect(rows.length).toBe(2);
  const row = rows.find((r) => (JSON.parse(r.data) as { incentive: number[] }).incentive.some((v) => v > 0))!;
  expect(row).toBeDefined();
  const snap = JSON.parse(row.data) as { incentive: number[]; ranks: number[]; trust: number[]; pruningScores: number[] };
  const epoch = Number(row.epoch);
  const uid = snap.incentive.indexOf(Math.max(...snap.incentive));
  const page = await openPage(browser, `${server.base}/subnets/1/epochs/${epoch}?uid=${uid}`);
  expect(await page.getByTestId("check").textContent()).toMatch(/gives exactly the stored metagraph \(.*rank, trust, pruningScores\)/);
  expect(await page.getByTestId("focus-incentive").textContent()).toBe(String(snap.incentive[uid]));
  const emission = page.getByTestId("step-emission");
  expect(await emission.locator("[data-u16]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-u16"))))).toEqual([snap.ranks[uid], snap.trust[uid], snap.pruningScores[uid]]);
  await screenshot(page, "explain-2024-desktop-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await screenshot(page, "explain-2024-phone-390");
  await page.close();
});
