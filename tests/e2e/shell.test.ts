/**
 * The explorer's shell in a real browser against a production build: the global search (every
 * kind of input, one match opening its page, several listed, none and malformed said plainly) and
 * the light and dark themes (following the system, toggled, remembered). Expected values come
 * from an independent replica of the same network run in this process.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import type { SqlChainStore } from "@/lib/db/store";
import { launchBrowser, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const BLOCKS = 25;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let server: TestServer;
let replica: SqlChainStore;
let closeReplica: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
});

interface SearchBody {
  query: string;
  matches: { kind: string; label: string; href: string }[];
  invalid: string | null;
}
const searchApi = (q: string) => server.get<SearchBody>(`/api/search?q=${encodeURIComponent(q)}`);
/** Where /search?q= sends a browser that does not follow redirects: the one match's page, or null (a page of its own). */
async function searchRedirect(q: string): Promise<string | null> {
  const r = await fetch(`${server.base}/search?q=${encodeURIComponent(q)}`, { redirect: "manual" });
  if (r.status === 200) return null;
  expect([303, 307, 308]).toContain(r.status);
  return new URL(r.headers.get("location")!, server.base).pathname;
}

describe("global search", () => {
  it("finds a block by number and by hash", async () => {
    // The hash from the server's own block API (block hashes cover the block's wall-clock time, so a replica's differ).
    const block = (await server.get<{ hash: string }>("/api/blocks/20")).body;
    expect((await searchApi("20")).body.matches).toEqual([{ kind: "block", label: "Block 20", href: "/blocks/20" }]);
    expect(await searchRedirect("20")).toBe("/blocks/20");
    expect(await searchRedirect(block.hash)).toBe("/blocks/20");
    expect(await searchRedirect(block.hash.toUpperCase().replace("0X", "0x"))).toBe("/blocks/20");
  });

  it("lists both a block and a subnet for a number that is both, and opens a netuid that is no block", async () => {
    const r = await searchApi("1");
    expect(r.body.matches.map((m) => m.href).sort()).toEqual(["/blocks/1", "/subnets/1"]);
    expect(await searchRedirect("1")).toBeNull();
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${server.base}/search?q=1`);
    const list = page.getByRole("list", { name: "Search matches" });
    expect(await list.getByRole("link").count()).toBe(2);
    await list.getByRole("link", { name: /Subnet 1/ }).click();
    await page.waitForURL(`${server.base}/subnets/1`);
    await page.close();
  });

  it("finds an extrinsic by its id (padded or not) and by its hash", async () => {
    const x = (await replica.sql.query<{ blockNumber: bigint; index: bigint }>(`SELECT "blockNumber", "index" FROM "Extrinsic" ORDER BY "blockNumber" DESC, "index" DESC LIMIT 1`))[0]!;
    const id = `${x.blockNumber}-${String(x.index).padStart(4, "0")}`;
    // Its hash from the server (a signature covers the genesis hash, which covers the genesis time).
    const served = (await server.get<{ extrinsics: { id: string; hash: string }[] }>(`/api/blocks/${x.blockNumber}`)).body.extrinsics.find((e) => e.id === id)!;
    expect(await searchRedirect(id)).toBe(`/extrinsics/${id}`);
    expect(await searchRedirect(`${x.blockNumber}-${x.index}`)).toBe(`/extrinsics/${id}`);
    const byHash = (await searchApi(served.hash)).body.matches;
    expect(byHash.filter((m) => m.kind === "extrinsic").map((m) => m.href)).toContain(`/extrinsics/${id}`);
  });

  it("finds an account by SS58 address and by 0x public key, and says when the chain has never seen one", async () => {
    const hotkey = (await replica.sql.query<{ hotkey: string }>(`SELECT "hotkey" FROM "Neuron" WHERE "netuid" = 1 AND "uid" = 0`))[0]!.hotkey;
    const ss58 = encodeAddress(fromHex(hotkey));
    expect(await searchRedirect(ss58)).toBe(`/accounts/${ss58}`);
    expect(await searchRedirect(hotkey)).toBe(`/accounts/${ss58}`);
    const stranger = keypairFromUri("//NeverSeenOnThisChain").address;
    const none = await searchApi(stranger);
    expect(none.body).toEqual({ query: stranger, matches: [], invalid: null });
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${server.base}/search?q=${stranger}`);
    expect(await page.getByTestId("search-none").innerText()).toContain(`Nothing on this chain matches ${stranger}`);
    await page.close();
  });

  it("explains a malformed input and rejects a missing or oversized query with a 400 naming q", async () => {
    expect((await searchApi("0x12")).body.invalid).toBe("0x12 has 2 hex digits; hashes and public keys have 64.");
    expect((await searchApi("hello")).body.invalid).toMatch(/^“hello” is not a block number, a block or extrinsic hash/);
    // Alice's address (…KutQY) with its last character changed.
    expect((await searchApi("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX")).body.invalid).toBe('invalid SS58 address "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX": checksum mismatch.');
    expect((await searchApi("99999999999999999999")).body.invalid).toBe("99999999999999999999 is past the largest block number (9223372036854775807).");
    const missing = await server.get<{ error: string }>("/api/search");
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("q is required");
    const long = await server.get<{ error: string }>(`/api/search?q=${"1".repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/^q must be at most 200 characters/);
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${server.base}/search?q=hello`);
    expect(await page.getByTestId("search-invalid").innerText()).toContain("is not a block number");
    expect(await page.getByRole("searchbox", { name: /Search by block/ }).inputValue()).toBe("hello"); // kept, to correct
    await page.close();
  });

  it("searches from the header box on desktop and on a phone", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${server.base}/subnets`);
      const box = page.getByRole("searchbox", { name: /Search by block/ });
      await box.fill("12");
      await box.press("Enter");
      await page.waitForURL(`${server.base}/blocks/12`);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("12");
      await page.close();
    }
  });
});

describe("copy buttons", () => {
  it("copy a block's hash and author, and an account's address, to the clipboard", async () => {
    const block = (await server.get<{ hash: string; author: string }>("/api/blocks/12")).body;
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
    const page = await context.newPage();
    await page.goto(`${server.base}/blocks/12`);
    const copyHash = page.getByRole("button", { name: "Copy block hash" });
    await copyHash.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(block.hash);
    expect(await page.getByRole("button", { name: "Copied block hash" }).isVisible()).toBe(true);
    const author = encodeAddress(fromHex(block.author));
    await page.getByRole("button", { name: `Copy address ${author}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(author);
    await page.goto(`${server.base}/accounts/${author}`);
    await page.getByRole("button", { name: "Copy public key" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(block.author);
    await context.close();
  });
});

describe("themes", () => {
  const bodyBackground = (page: import("playwright-core").Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  /** Perceived lightness in [0, 100]: Chromium reports lab() for these colours (L is lightness), rgb() for others. */
  const lightness = (color: string) => {
    const [a, b, c] = (color.match(/-?[\d.]+/g) ?? []).map(Number);
    return color.startsWith("lab(") || color.startsWith("oklch(") ? a! : (0.2126 * a! + 0.7152 * b! + 0.0722 * c!) / 2.55;
  };

  it("follows the system, toggles, and remembers the choice across reloads", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    expect(await page.evaluate(() => document.documentElement.className)).toBe("light");
    expect(lightness(await bodyBackground(page))).toBeGreaterThan(90);
    await screenshot(page, "shell-home-light-1440");
    const toggle = page.getByRole("button", { name: "Switch to the dark theme" });
    await toggle.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toBe("dark");
    expect(lightness(await bodyBackground(page))).toBeLessThan(10);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.className)).toBe("dark"); // remembered, against the system's light
    expect(await page.getByRole("button", { name: "Switch to the light theme" }).isVisible()).toBe(true);
    await context.close();

    const dark = await browser.newContext({ viewport: PHONE, colorScheme: "dark" });
    const phone = await dark.newPage();
    await phone.goto(`${server.base}/subnets/1`);
    expect(await phone.evaluate(() => document.documentElement.className)).toBe("dark");
    await screenshot(phone, "shell-subnet-dark-390");
    await phone.getByRole("button", { name: "Switch to the light theme" }).click();
    await expect.poll(() => phone.evaluate(() => document.documentElement.className)).toBe("light");
    await screenshot(phone, "shell-subnet-light-390");
    await dark.close();
  });
});
