/**
 * The epoch explainer in a real browser against `next build` + `next start` on a fresh SQLite
 * database (test preset, tempo 10). Expected values come from an independent replica: the same
 * network run in this process on its own SQLite file, read from its stored metagraph snapshots.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlChainStore } from "@/lib/db/store";
import type { EpochHeatmapsDto } from "@/lib/dto";
import { launchBrowser, openPage, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "12", TAOSCOPE_SEED: "3" };
const BLOCKS = 46;

type Snap = { uids: number[]; hotkeys: string[]; incentive: number[]; consensus: number[]; validatorPermit: boolean[]; lastUpdate: string[]; blockAtRegistration: string[]; weights: [number, number][][]; owner: string | null; ownerHotkey: string };

let closeReplica: () => Promise<void>;
let server: TestServer;
let browser: Browser;
let replica: SqlChainStore;
/** The epoch shown: a stored epoch of subnet 1 that paid incentive, with the one before it. */
let epoch = 0;
let block = "";
let snap: Snap;
let prev: Snap;
let uid = 0;

async function snapshot(e: number): Promise<{ block: string; data: Snap }> {
  const r = (await replica.sql.query<{ block: bigint; data: string; weights: Uint8Array | null }>(`SELECT "block", "data", "weights" FROM "MetagraphSnapshot" WHERE "netuid" = 1 AND "epoch" = ?`, [e]))[0]!;
  const data = storedSnapshotData<Snap & { weights: unknown }>(r);
  return { block: String(r.block), data: { ...data, weights: storedMatrixRows(data.weights) } };
}

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));
  // The newest epoch that paid incentive and registered nobody in its block (so the previous
  // snapshot's permits and this one's describe the same uids).
  const epochs = (await replica.sql.query<{ epoch: bigint }>(`SELECT "epoch" FROM "MetagraphSnapshot" WHERE "netuid" = 1 ORDER BY "epoch" DESC`)).map((r) => Number(r.epoch));
  for (const e of epochs.filter((e) => e >= 2)) {
    const s = await snapshot(e);
    const p = await snapshot(e - 1);
    if (s.data.incentive.some((v) => v > 0) && s.data.uids.length === p.data.uids.length && !s.data.blockAtRegistration.includes(s.block)) {
      [epoch, block, snap, prev] = [e, s.block, s.data, p.data];
      break;
    }
  }
  expect(epoch).toBeGreaterThan(0);
  uid = snap.incentive.indexOf(Math.max(...snap.incentive));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
});

describe("epoch explainer", () => {
  it("shows the chosen uid's incentive as stored, and the heatmap with a hover readout of the stored weight", async () => {
    const page: Page = await openPage(browser, `${server.base}/subnets/1/epochs/${epoch}?uid=${uid}`);
    expect(await page.getByTestId("explain-title").textContent()).toBe(`Subnet 1 · epoch ${epoch}block ${block}`);
    expect(await page.getByTestId("check").textContent()).toMatch(/gives exactly the stored metagraph/);
    expect(await page.getByTestId("focus-incentive").textContent()).toBe(String(snap.incentive[uid]));
    expect(await page.locator(`[data-testid=explain-uids] tr[data-uid="${uid}"] td[data-col=incentive]`).textContent()).toBe(String(snap.incentive[uid]));
    expect(snap.incentive[uid]).toBeGreaterThan(0);

    // Rows: validators with a permit before the epoch (the previous snapshot's, the owner always) or after it.
    const ownerUid = snap.hotkeys.indexOf(snap.ownerHotkey);
    const validators = snap.uids.filter((i) => prev.validatorPermit[i] || snap.validatorPermit[i] || i === ownerUid);
    const canvas = page.getByTestId("weights-heatmap");
    expect(await canvas.getAttribute("data-rows")).toBe(String(validators.length));
    expect(await canvas.getAttribute("data-cols")).toBe(String(snap.uids.length));
    expect(await page.getByTestId("bonds-heatmap").getAttribute("data-rows")).toBe(String(validators.length));

    // A stored weight of a validator that did not set weights again in the epoch's block.
    let cell: { r: number; v: number; j: number; w: number } | null = null;
    for (const [r, v] of validators.entries()) {
      if (snap.lastUpdate[v] === block) continue;
      const entry = snap.weights[v]!.find(([j, w]) => j !== v && w > 0 && BigInt(snap.blockAtRegistration[j]!) < BigInt(snap.lastUpdate[v]!));
      if (entry) {
        cell = { r, v, j: entry[0], w: entry[1] };
        break;
      }
    }
    expect(cell).not.toBeNull();
    const { r, v, j, w } = cell!;
    const box = (await canvas.boundingBox())!;
    const top = Number(await canvas.getAttribute("data-plot-top"));
    const cellH = Number(await canvas.getAttribute("data-cell-height"));
    await page.mouse.move(box.x + ((j + 0.5) * box.width) / snap.uids.length, box.y + top + (r + 0.5) * cellH);
    await expect.poll(() => page.getByTestId("weights-heatmap-from").textContent()).toBe(String(v));
    expect(await page.getByTestId("weights-heatmap-to").textContent()).toBe(String(j));
    expect(await page.getByTestId("weights-heatmap-extra").textContent()).toBe(String(w));
    // W after the masks: the stored weight over its row's sum without self-weight and outdated entries.
    const kept = snap.weights[v]!.filter(([k]) => k !== v && BigInt(snap.blockAtRegistration[k]!) < BigInt(snap.lastUpdate[v]!));
    const share = w / kept.reduce((a, [, x]) => a + x, 0);
    const shown = Number(await page.getByTestId("weights-heatmap-value").textContent());
    expect(Math.abs(shown - Math.floor(share * 65535))).toBeLessThanOrEqual(1); // two I32F32 truncations
    await screenshot(page, "explain-desktop-1440");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.getByTestId("focus-incentive").textContent()).toBe(String(snap.incentive[uid]));
    const phoneBox = (await page.getByTestId("weights-heatmap").boundingBox())!;
    expect(phoneBox.width).toBeLessThanOrEqual(390);
    await screenshot(page, "explain-phone-390");
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")].filter((e) => e.getBoundingClientRect().right > 391 && !e.closest(".overflow-x-auto, .overflow-auto")).map((e) => `${e.tagName}.${e.className.toString().slice(0, 40)}#${e.getAttribute("data-testid") ?? ""} right ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8),
    );
    expect(wide).toEqual([]); // nothing in the page is wider than the phone (wide tables scroll in their box)
    await page.close();
  });

  it("draws the same heatmaps on the subnet page, which fetches them from the heatmaps endpoint", async () => {
    const ownerUid = snap.hotkeys.indexOf(snap.ownerHotkey);
    const validators = snap.uids.filter((i) => prev.validatorPermit[i] || snap.validatorPermit[i] || i === ownerUid);
    const h = await server.get<EpochHeatmapsDto>(`/api/subnets/1/epochs/${epoch}/heatmaps`);
    expect(h.status).toBe(200);
    expect(h.body.validators).toEqual(validators);
    expect(h.body.consensus).toEqual(snap.consensus);
    for (const m of [h.body.weights, h.body.weightsSet, h.body.bonds]) expect([m.rows, m.cols, Buffer.from(m.data, "base64").length]).toEqual([validators.length, snap.uids.length, 2 * validators.length * snap.uids.length]);
    const page = await openPage(browser, `${server.base}/subnets/1?epoch=${epoch}`);
    await page.locator("[data-testid=subnet-heatmaps][data-state=ready]").waitFor();
    for (const id of ["weights-heatmap", "bonds-heatmap"]) {
      expect(await page.getByTestId(id).getAttribute("data-rows")).toBe(String(validators.length));
      expect(await page.getByTestId(id).getAttribute("data-cols")).toBe(String(snap.uids.length));
    }
    await screenshot(page, "subnet-heatmaps-past-epoch");
    await page.close();
  });

  it("answers the JSON endpoint, bad parameters with 400, unknown ones and epochs stored without inputs with 404", async () => {
    const x = await server.get<{ focus: { uid: number; out: { incentive: number } }; check: { equal: boolean }; raoEmission: string }>(`/api/subnets/1/epochs/${epoch}/explain?uid=${uid}`);
    expect(x.status).toBe(200);
    expect([x.body.focus.uid, x.body.focus.out.incentive, x.body.check.equal]).toEqual([uid, snap.incentive[uid], true]);
    expect(x.body.raoEmission).toMatch(/^\d+$/);
    const latest = (await replica.sql.query<{ epochIndex: bigint }>(`SELECT "epochIndex" FROM "Subnet" WHERE "netuid" = 1`))[0]!;
    expect((x.body as unknown as { latestEpoch: number }).latestEpoch).toBe(Number(latest.epochIndex));
    expect(await server.get(`/api/subnets/abc/epochs/1/explain`)).toMatchObject({ status: 400, body: { error: 'netuid must be an integer in [0, 65535], got "abc"' } });
    expect(await server.get(`/api/subnets/1/epochs/-1/explain`)).toMatchObject({ status: 400, body: { error: `epoch must be an integer in [0, ${2 ** 31 - 1}], got "-1"` } });
    expect(await server.get(`/api/subnets/1/epochs/1/explain?uid=x`)).toMatchObject({ status: 400, body: { error: 'uid must be an integer in [0, 65535], got "x"' } });
    expect(await server.get(`/api/subnets/9/epochs/1/explain`)).toMatchObject({ status: 404, body: { error: "no subnet 9" } });
    expect(await server.get(`/api/subnets/1/epochs/9999/explain`)).toMatchObject({ status: 404, body: { error: "subnet 1 has no stored epoch 9999" } });
    const noUid = await server.get<{ error: string }>(`/api/subnets/1/epochs/1/explain?uid=300`);
    expect([noUid.status, noUid.body.error]).toEqual([404, expect.stringMatching(/^subnet 1 had no uid 300 at epoch 1 \(\d+ uids\)$/)]);
    // An epoch stored before inputs were captured: its EpochInput row is gone.
    const db = new Database(server.databaseUrl.replace(/^file:/, ""));
    db.prepare(`DELETE FROM "EpochInput" WHERE "netuid" = 1 AND "epoch" = 1`).run();
    db.close();
    const missing = await server.get<{ error: string }>(`/api/subnets/1/epochs/1/explain`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/^subnet 1's epoch 1 \(block \d+\) was stored before epoch inputs were captured, so it cannot be re-run and explained$/);
    const page = await openPage(browser, `${server.base}/subnets/1/epochs/1`);
    expect(await page.getByTestId("explain-missing").textContent()).toBe(`${missing.body.error}.`);
    await page.close();
    // The heatmaps endpoint and the subnet page that fetches it say the same.
    expect(await server.get(`/api/subnets/1/epochs/1/heatmaps`)).toMatchObject({ status: 404, body: { error: missing.body.error } });
    expect(await server.get(`/api/subnets/1/epochs/x/heatmaps`)).toMatchObject({ status: 400, body: { error: 'epoch must be an integer in [0, 2147483647], got "x"' } });
    expect(await server.get(`/api/subnets/9/epochs/1/heatmaps`)).toMatchObject({ status: 404, body: { error: "no subnet 9" } });
    const subnetPage = await openPage(browser, `${server.base}/subnets/1?epoch=1`);
    expect(await subnetPage.getByTestId("heatmaps-error").textContent()).toBe(missing.body.error);
    await subnetPage.close();
  });
});
