/**
 * The loading state of page navigations in a real browser against the production build: while
 * the next page is on its way (its server answer held back by the test), a progress bar shows;
 * once the page is shown, it is gone. An unknown entity followed by a link is still a real 404
 * (the pages do not stream a 200 before they know).
 */
import type { Browser, Route } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, screenshot, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "1" });
  await server.advance(25); // past the first epochs (tempo 10), so subnet 1 has a stored metagraph to export
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("shows a progress bar from a link's click until the next page is shown", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.base}/blocks`);
  await page.waitForSelector("main table");
  expect(await page.getByTestId("navigation-progress").count()).toBe(0);
  // Hold the block page's answer until the bar has been seen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked = false;
  await page.route(/\/blocks\/3(\?|$)/, async (route: Route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.locator('main a[href="/blocks/3"]').first().click();
  await expect.poll(() => asked).toBe(true);
  await expect.poll(() => page.getByTestId("navigation-progress").isVisible()).toBe(true);
  expect(await page.getByRole("progressbar", { name: "Loading the page" }).count()).toBe(1);
  await screenshot(page, "navigation-progress");
  release();
  await page.waitForURL(`${server.base}/blocks/3`);
  await expect.poll(() => page.getByTestId("navigation-progress").count()).toBe(0);
  expect(await page.locator("h1").first().textContent()).toContain("3");
  await page.close();
});

it("shows no bar for a link into the API, such as a metagraph download, after which no page follows", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.goto(`${server.base}/subnets/1`);
  await page.waitForSelector("main table");
  const csv = page.locator('a[href*="/metagraph/export"]').first();
  expect(await csv.count()).toBe(1);
  const [download] = await Promise.all([page.waitForEvent("download"), csv.click()]);
  expect(download.suggestedFilename()).toMatch(/^metagraph-sn1-.*\.csv$/);
  expect(page.url()).toBe(`${server.base}/subnets/1`);
  expect(await page.getByTestId("navigation-progress").count()).toBe(0);
  await page.close();
});

it("leaves the 404 of an unknown block a 404", async () => {
  const r = await fetch(`${server.base}/blocks/999999`);
  expect(r.status).toBe(404);
  await r.body?.cancel();
});
