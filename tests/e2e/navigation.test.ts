/**
 * The loading state of page navigations in a real browser against the production build: while
 * the next page is on its way (its server answer held back by the test), a progress bar shows;
 * once the page is shown, it is gone. An unknown entity followed by a link is still a real 404
 * (the pages do not stream a 200 before they know). The explorer's plain links navigate on the
 * client (SoftLinks), in the same document, except a click that opens a new tab.
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

it("follows the explorer's plain links on the client, as next/link would, and leaves a new-tab click to the browser", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.base}/subnets/1`);
  await page.waitForSelector("main table");
  // A marker on the window survives a client-side navigation and is gone after a document load.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));
  const marker = () => page.evaluate(() => (window as unknown as { marker?: string }).marker);
  // An account link (the Address component) in the metagraph; back returns in the same document.
  const hotkey = page.locator('[data-testid="neuron-row"] a[href^="/accounts/"]').first();
  const account = (await hotkey.getAttribute("href"))!;
  await hotkey.click();
  await page.waitForURL(`${server.base}${account}`);
  await page.waitForSelector("h1");
  expect(await marker()).toBe("same document");
  await page.goBack();
  await page.waitForURL(`${server.base}/subnets/1`);
  await page.waitForSelector('[data-testid="neuron-row"]');
  // A uid link of the metagraph.
  await page.locator('[data-testid="neuron-row"] a[href="/subnets/1/uids/1"]').click();
  await page.waitForURL(`${server.base}/subnets/1/uids/1`);
  await page.waitForSelector('[data-testid="neuron-title"]');
  expect(await marker()).toBe("same document");
  // An SVG anchor: a bar of the incentive distribution (its href is an attribute, not a string property).
  await page.goBack();
  await page.waitForSelector('[data-testid="neuron-row"]');
  const bar = page.getByTestId("dist-incentive").getByTestId("dist-bar").first();
  const barUid = await bar.getAttribute("data-uid");
  await bar.click();
  await page.waitForURL(`${server.base}/subnets/1/uids/${barUid}`);
  expect(await marker()).toBe("same document");
  // A ctrl-click opens a new tab, as the browser does it: the page itself stays.
  await page.goBack();
  await page.waitForSelector('[data-testid="neuron-row"]');
  const [popup] = await Promise.all([page.context().waitForEvent("page"), page.locator('[data-testid="neuron-row"] a[href="/subnets/1/uids/2"]').click({ modifiers: ["Control"] })]);
  expect(page.url()).toBe(`${server.base}/subnets/1`);
  expect(await marker()).toBe("same document");
  await popup.close();
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
