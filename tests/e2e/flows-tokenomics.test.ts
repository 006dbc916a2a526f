/**
 * The reward-flows and tokenomics pages in a real browser against a production build, on the
 * `test` preset (dTAO) and on `seed2024`. Expected values come from an in-process replica of the
 * same network (its own SQLite file): the test sums the replica's stored emission events itself
 * and computes the first halving from the 2024 rule, then compares with what the pages show.
 * Screenshots at 1440 and 390 px go to test-results/screenshots/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";
import { eventsOf, sumEvents } from "../helpers/flow-sums";
import { type TestServer, launchBrowser, screenshot, startServer } from "../helpers/server";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const TAO = 1_000_000_000n;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A shown amount ("1,234.567890123 τ") as rao. */
const rao = (text: string | null) => BigInt(text!.replace(/[τα,\s]/g, "").replace(".", ""));

async function open(url: string, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  return page;
}

/** The replica's first halving: 1 τ a block until issuance ≥ 10.5M τ. */
const firstHalving = (head: bigint, issuance: bigint) => head + (10_500_000n * TAO - issuance + TAO - 1n) / TAO;

for (const preset of [
  { name: "test", settings: { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "6" }, blocks: 45 },
  { name: "seed2024", settings: { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "6" }, blocks: 760 },
] as const) {
  describe(`flows and tokenomics pages on ${preset.name}`, () => {
    let server: TestServer;
    let replica: SqlChainStore;
    let node: ChainNode;
    const db = tempSqlite();
    const head = BigInt(preset.blocks);

    beforeAll(async () => {
      server = await startServer(preset.settings);
      expect(await server.advance(preset.blocks)).toBe(String(preset.blocks));
      replica = await SqlChainStore.open(db.target);
      node = await ChainNode.open(replica, { ...loadConfig(preset.settings), database: db.target });
      await node.advance(preset.blocks);
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      await replica?.close();
      db.cleanup();
    });

    it("the flows page shows the whole chain's totals equal to the replica's event sums", async () => {
      const ev = sumEvents(await eventsOf(replica, 0n, head));
      const page = await open(`${server.base}/flows?range=all`);
      expect(await page.getByTestId("flows-range").getAttribute("data-from")).toBe("0");
      expect(await page.getByTestId("flows-range").getAttribute("data-to")).toBe(String(head));
      await page.getByTestId("tau-sankey").locator("svg path").first().waitFor();
      expect(rao(await page.getByTestId("flow-minted").textContent())).toBe(ev.minted);
      if (preset.name === "test") {
        expect(ev.blockEmission).toBe(head * TAO); // 1 τ a block, every block since genesis
        expect(rao(await page.getByTestId("flow-block-emission").textContent())).toBe(ev.blockEmission);
        for (const [netuid, o] of ev.per) {
          expect(rao(await page.getByTestId(`flow-sn${netuid}-tau`).textContent())).toBe((o.taoIn ?? 0n) + (o.excessSpent ?? 0n) + (o.recycled ?? 0n));
          expect(rao(await page.getByTestId(`flow-sn${netuid}-bought`).textContent())).toBe(o.excessSpent ?? 0n);
        }
        // The α stage of the subnet shown first, then of the other one picked in the selector.
        for (const netuid of [...ev.per.keys()]) {
          await page.getByTestId("alpha-subnet").selectOption(String(netuid));
          const o = ev.per.get(netuid)!;
          expect(rao(await page.getByTestId(`flow-sn${netuid}-alpha-incentive`).textContent())).toBe(o.incentive ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-alpha-take`).textContent())).toBe(o.take ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-alpha-nominators`).textContent())).toBe(o.nominators ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-alpha-distributed`).textContent())).toBe((o.emission ?? 0n) + (o.ownerCut ?? 0n));
        }
        await page.getByTestId("alpha-sankey").locator("svg path").first().waitFor();
      } else {
        expect(ev.epochs).toBeGreaterThanOrEqual(2);
        for (const [netuid, o] of ev.per) {
          expect(rao(await page.getByTestId(`flow-sn${netuid}-owner`).textContent())).toBe(o.ownerCut ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-incentive`).textContent())).toBe(o.incentive ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-take`).textContent())).toBe(o.take ?? 0n);
          expect(rao(await page.getByTestId(`flow-sn${netuid}-nominators`).textContent())).toBe(o.nominators ?? 0n);
        }
      }
      await screenshot(page, `flows-${preset.name}-1440`);
      await page.close();
      const phone = await open(`${server.base}/flows?range=all`, PHONE);
      await phone.getByTestId("tau-sankey").locator("svg path").first().waitFor();
      await screenshot(phone, `flows-${preset.name}-390`);
      await phone.close();
    });

    it("the flows range selector puts the range in the URL and shows that range's totals", async () => {
      const page = await open(`${server.base}/flows`);
      // Default: the last 360 blocks, clamped at block 1.
      const from = head > 360n ? head - 359n : 1n;
      expect(await page.getByTestId("flows-range").getAttribute("data-from")).toBe(String(from));
      await page.getByTestId("range-tempo").click();
      await page.waitForURL(/\/flows\?range=tempo$/);
      const tempo = preset.name === "test" ? 10n : 360n;
      await expect.poll(() => page.getByTestId("flows-range").getAttribute("data-from")).toBe(String(head - tempo + 1n));
      const ev = sumEvents(await eventsOf(replica, head - tempo + 1n, head));
      expect(rao(await page.getByTestId("flow-minted").textContent())).toBe(ev.minted);
      // An explicit range through the form.
      await page.getByLabel("from block").fill("5");
      await page.getByLabel("to block").fill("30");
      await page.getByRole("button", { name: "show" }).click();
      await page.waitForURL(/from=5&to=30/);
      const ev2 = sumEvents(await eventsOf(replica, 5n, 30n));
      await expect.poll(async () => rao(await page.getByTestId("flow-minted").textContent())).toBe(ev2.minted);
      await page.close();
    });

    it("the tokenomics page shows the head's issuance, the first halving of the 2024 rule, and its range selector sets the URL", async () => {
      const issuance = node.chain.totalIssuance;
      const page = await open(`${server.base}/tokenomics`);
      expect(rao(await page.getByTestId("fact-issuance").textContent())).toBe(issuance);
      expect(await page.getByTestId("halving-1-block").textContent()).toBe(String(firstHalving(head, issuance)));
      for (const id of ["chart-issuance", "chart-projection", "chart-emission", "chart-ratio", "chart-supply", "chart-shares"]) {
        const points = Number(await page.getByTestId(id).getAttribute("data-points"));
        expect(points, id).toBeGreaterThan(1);
        expect(points, id).toBeLessThanOrEqual(120);
      }
      await page.getByTestId("chart-shares").locator("svg path").first().waitFor();
      await screenshot(page, `tokenomics-${preset.name}-1440`);
      await page.getByTestId("range-day").click();
      await page.waitForURL(/\/tokenomics\?range=day$/);
      await page.close();
      const phone = await open(`${server.base}/tokenomics?range=week`, PHONE);
      await phone.getByTestId("chart-shares").locator("svg path").first().waitFor();
      await screenshot(phone, `tokenomics-${preset.name}-390`);
      await phone.close();
    });

    it("the endpoints validate their parameters (400 naming the field) and answer exact rao", async () => {
      const bad = [
        ["/api/flows?from=9&to=3", /from must be at most to/],
        [`/api/flows?to=${head + 1n}`, new RegExp(`to must be at most the head block ${head}`)],
        ["/api/flows?range=year", /^range must be one of tempo, day, week, all/],
        ["/api/flows?from=abc", /^from must be a non-negative integer/],
        ["/api/flows?range=day&from=3", /range cannot be combined/],
        ["/api/tokenomics?points=1", /^points must be an integer in \[2, 500\]/],
        ["/api/tokenomics?range=month", /^range must be one of day, week, all/],
      ] as const;
      for (const [path, message] of bad) {
        const r = await server.get<{ error: string }>(path);
        expect(r.status, path).toBe(400);
        expect(r.body.error, path).toMatch(message);
      }
      const ev = sumEvents(await eventsOf(replica, 3n, 20n));
      const r = await server.get<{ network: { minted: string } }>("/api/flows?from=3&to=20");
      expect(r.status).toBe(200);
      expect(r.body.network.minted).toBe(ev.minted.toString());
      const t = await server.get<{ points: unknown[]; projection: { markers: { block: string }[] } }>("/api/tokenomics?range=all&points=7");
      expect(t.body.points.length).toBeLessThanOrEqual(7);
      expect(t.body.projection.markers[0]!.block).toBe(String(firstHalving(head, node.chain.totalIssuance)));
    });
  });
}
