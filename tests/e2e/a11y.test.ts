/**
 * Every explorer page in both themes and at desktop and phone width: axe-core finds no serious
 * or critical accessibility violation, the page does not scroll sideways, and its screenshot is
 * saved (test-results/screenshots/a11y-<theme>-<width>-<page>.png).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { launchBrowser, screenshot, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const BLOCKS = 30;
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
const THEMES = ["dark", "light"] as const;

let server: TestServer;
let browser: Browser;
let pages: { name: string; path: string }[] = [];

beforeAll(async () => {
  server = await startServer(settings);
  const alice = keypairFromUri("//Alice");
  const genesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  const transfer = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Bob").address, value: "2500000000" } }, 0, genesis);
  expect((await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(transfer) })).status).toBe(202);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  const ext = (await server.get<{ items: { id: string }[] }>("/api/extrinsics?limit=1")).body.items[0]!.id;
  const hotkey = (await server.get<{ neurons: { hotkey: string }[] }>("/api/subnets/1/metagraph")).body.neurons[0]!.hotkey;
  pages = [
    { name: "home", path: "/" },
    { name: "blocks", path: "/blocks" },
    { name: "block", path: "/blocks/1" },
    { name: "extrinsics", path: "/extrinsics" },
    { name: "extrinsic", path: `/extrinsics/${ext}` },
    { name: "events", path: "/events" },
    { name: "accounts", path: "/accounts" },
    { name: "account-coldkey", path: `/accounts/${alice.address}` },
    { name: "account-hotkey", path: `/accounts/${hotkey}` },
    { name: "validators", path: "/validators" },
    { name: "subnets", path: "/subnets" },
    { name: "subnet", path: "/subnets/1" },
    { name: "subnet-epoch", path: "/subnets/1?epoch=1" },
    { name: "epoch-explained", path: "/subnets/1/epochs/1" },
    { name: "neuron", path: "/subnets/1/uids/0" },
    { name: "flows", path: "/flows" },
    { name: "tokenomics", path: "/tokenomics" },
    { name: "demo", path: "/demo" },
    { name: "api-docs", path: "/api-docs" },
    { name: "search-candidates", path: "/search?q=1" },
    { name: "search-none", path: "/search?q=hello" },
    { name: "not-found", path: "/blocks/99999" },
  ];
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("accessibility and layout of every page", () => {
  for (const theme of THEMES)
    for (const viewport of VIEWPORTS)
      it(`${theme} theme at ${viewport.width} px: no serious or critical axe violation, no sideways scroll`, async () => {
        const context = await browser.newContext({ viewport, colorScheme: theme });
        const problems: string[] = [];
        for (const p of pages) {
          const page = await context.newPage();
          await page.goto(`${server.base}${p.path}`);
          await page.waitForLoadState("networkidle");
          expect(await page.evaluate(() => document.documentElement.className), p.path).toBe(theme);
          const { violations } = await new AxeBuilder({ page }).analyze();
          for (const v of violations.filter((x) => x.impact === "serious" || x.impact === "critical"))
            problems.push(`${p.path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width) problems.push(`${p.path}: ${width} px wide at ${viewport.width} px`);
          await screenshot(page, `a11y-${theme}-${viewport.width}-${p.name}`);
          await page.close();
        }
        await context.close();
        expect(problems).toEqual([]);
      }, 300_000);
});
