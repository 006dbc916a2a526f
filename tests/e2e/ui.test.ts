/**
 * The explorer's look and feel in a real browser (issue 13, items 8, 14-20, 22): the phone and
 * desktop layouts, the 404 and error pages, titles, the favicon, block pages' fields and event
 * pages, the supply chart's panels and the first-load JS budget. A production build runs on a
 * fresh SQLite database in test mode; expected values come from an in-process replica of the
 * same network (its own SQLite file), computed with the chain's SS58 code and plain bigint
 * arithmetic, never with the UI's formatters.
 */
import { decodeExtrinsicArgs } from "@/lib/db/extrinsic-args";
import { spawnSync } from "node:child_process";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import type { SqlChainStore } from "@/lib/db/store";
import { launchBrowser, openPage, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "3", TAOSCOPE_UIDS: "16", TAOSCOPE_SEED: "3" };
const BLOCKS = 40;
const PER_PAGE = 25;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let closeReplica: () => Promise<void>;
let server: TestServer;
let browser: Browser;
let replica: SqlChainStore;
/** The block with the most events (more than one page of them). */
let busy = { block: 0, events: 0 };

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  ({ store: replica, close: closeReplica } = await startReplica(settings, BLOCKS));
  const top = (await replica.sql.query<{ b: bigint; n: bigint }>(`SELECT "blockNumber" AS b, COUNT(*) AS n FROM "Event" GROUP BY "blockNumber" ORDER BY n DESC, b ASC LIMIT 1`))[0]!;
  busy = { block: Number(top.b), events: Number(top.n) };
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closeReplica?.();
});

const url = (path: string) => `${server.base}${path}`;

/** Rao as TAO with nine decimals and grouped thousands, by plain bigint arithmetic. */
function tau(rao: string): string {
  const v = BigInt(rao);
  return `${(v / 1_000_000_000n).toLocaleString("en-US")}.${(v % 1_000_000_000n).toString().padStart(9, "0")}`;
}

const ss58Of = (hex: string) => encodeAddress(fromHex(hex));

/** The body's background as [r, g, b] (drawn on a canvas: the CSS may be in lab() or oklch()). */
async function bodyRgb(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = c.height = 1;
    const ctx = c.getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });
}

/** The app's background in either theme: slate-950 (rgb 2, 6, 23) or slate-50 (248, 250, 252), within rounding of the colour space conversion. */
function expectAppBackground(rgb: number[]): void {
  const near = (want: number[]) => rgb.every((v, i) => Math.abs(v - want[i]!) <= 3);
  expect(near([2, 6, 23]) || near([248, 250, 252]), `background ${rgb}`).toBe(true);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Every page this branch touched, for the fit and screenshot checks. */
const PAGES = () => [
  { name: "home", path: "/" },
  { name: "block-busy", path: `/blocks/${busy.block}` },
  { name: "block-0", path: "/blocks/0" },
  { name: "block-head", path: `/blocks/${BLOCKS}` },
  { name: "subnets", path: "/subnets" },
  { name: "subnet-1", path: "/subnets/1" },
  { name: "subnet-1-epoch-1", path: "/subnets/1?epoch=1" },
  { name: "demo", path: "/demo" },
  { name: "404-block", path: "/blocks/99999" },
  { name: "404-path", path: "/no/such/page" },
];

describe("layout at phone and desktop widths (items 14, 15)", () => {
  it("fits every page into 390 px and 1440 px without a horizontal page scroll; saves screenshots", async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      for (const p of PAGES()) {
        const page = await openPage(browser, url(p.path), viewport);
        await page.waitForLoadState("networkidle");
        if (p.name === "home") await page.getByTestId("supply-panel-pooled").waitFor();
        if (p.name === "demo") await page.locator("[data-testid=epoch-chart] svg.recharts-surface").first().waitFor();
        expect(await pageWidth(page), `${p.path} at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
        // Every table sits in a box that scrolls sideways, no wider than the screen.
        const tables = await page.locator("main table").evaluateAll((ts) =>
          ts.filter((t) => !t.closest("[data-testid=field-record]") && t.getAttribute("data-testid") !== "field-record").map((t) => {
            const box = t.closest(".scroll-table") as HTMLElement | null;
            return { id: t.getAttribute("data-testid"), boxed: box !== null && getComputedStyle(box).overflowX === "auto", boxRight: box?.getBoundingClientRect().right ?? Infinity };
          }),
        );
        for (const t of tables) {
          expect(t.boxed, `${p.path}: table ${t.id} in an overflow-x box`).toBe(true);
          expect(t.boxRight).toBeLessThanOrEqual(viewport.width);
        }
        await screenshot(page, `ui-${p.name}-${viewport.width}`);
        await page.close();
      }
    }
  }, 240_000);

  it("keeps the header to two short rows on a phone (name and buttons, then search) and collapses the nav behind a menu button", async () => {
    const page = await openPage(browser, url("/"), PHONE);
    const header = page.getByTestId("site-header");
    // Two lines: the name with the theme and menu buttons, then the search box across the screen.
    expect((await header.boundingBox())!.height).toBeLessThan(120);
    const search = page.getByRole("searchbox", { name: /Search by block/ });
    expect(await search.isVisible()).toBe(true);
    expect((await search.boundingBox())!.width).toBeGreaterThan(PHONE.width - 48);
    const tagline = page.getByTestId("tagline");
    // The tagline is hidden on a phone (or else on one line).
    if (await tagline.isVisible()) expect((await tagline.boundingBox())!.height).toBeLessThanOrEqual(24);
    const toggle = page.getByRole("button", { name: "Open menu" });
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.isVisible()).toBe(false);
    await toggle.click();
    await expect.poll(() => nav.isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Close menu" }).getAttribute("aria-expanded")).toBe("true");
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Network", "Blocks", "Extrinsics", "Events", "Accounts", "Subnets", "Validators", "Tokenomics", "Reward flows", "Consensus demo", "API"]);
    await screenshot(page, "ui-home-390-menu-open");
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await nav.getByRole("link", { name: "Subnets" }).click();
    await page.waitForURL(url("/subnets"));
    await expect.poll(() => nav.isVisible()).toBe(false); // closes after navigating
    await page.close();

    const desk = await openPage(browser, url("/"), DESKTOP);
    expect(await desk.getByTestId("nav-toggle").isVisible()).toBe(false);
    expect(await desk.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
    expect(await desk.getByTestId("tagline").isVisible()).toBe(true);
    expect((await desk.getByTestId("tagline").boundingBox())!.height).toBeLessThanOrEqual(24);
    await desk.close();
  });

  it("shows every metagraph column at 1440 px, and scrolls the metagraph inside its box at 390 px", async () => {
    const desk = await openPage(browser, url("/subnets/1"), DESKTOP);
    const box = desk.getByTestId("metagraph-box");
    const fit = await box.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const ths = [...el.querySelectorAll("thead th")].map((th) => ({ label: th.textContent!.trim(), right: th.getBoundingClientRect().right }));
      return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, ths };
    });
    expect(fit.ths.map((t) => t.label)).toEqual(expect.arrayContaining(["registered", "axon"]));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    for (const th of fit.ths) expect(th.right, th.label).toBeLessThanOrEqual(fit.right + 0.5);
    expect(fit.right).toBeLessThanOrEqual(DESKTOP.width);
    await desk.close();

    const phone = await openPage(browser, url("/subnets/1"), PHONE);
    const m = await phone.getByTestId("metagraph-box").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
    expect(m.overflow).toBe("auto");
    expect(m.scroll).toBeGreaterThan(m.client); // the table scrolls in its box ...
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width); // ... not the page
    await phone.close();
  });
});

describe("block navigation (item 8)", () => {
  it("shows the head block's next link disabled, and a link on older blocks", async () => {
    const page = await openPage(browser, url(`/blocks/${BLOCKS}`), DESKTOP);
    const next = page.getByTestId("next-block");
    expect(await next.getAttribute("aria-disabled")).toBe("true");
    expect(await next.textContent()).toContain("not yet produced");
    expect(await page.locator(`a[href="/blocks/${BLOCKS + 1}"]`).count()).toBe(0);
    await page.close();
    const older = await openPage(browser, url(`/blocks/${BLOCKS - 1}`), DESKTOP);
    expect(await older.getByTestId("next-block").getAttribute("href")).toBe(`/blocks/${BLOCKS}`);
    await older.close();
  });
});

describe("not-found pages (item 16)", () => {
  const cases = () => [
    { path: "/blocks/99999", title: "No block 99999", text: `Block numbers are whole numbers from 0 to the head, #${BLOCKS}.` },
    { path: "/blocks/abc", title: "“abc” is not a block number", text: `Block numbers are whole numbers from 0 to the head, #${BLOCKS}.` },
    { path: "/subnets/99", title: "No subnet 99", text: "No subnet has this netuid" },
    { path: "/subnets/1?epoch=500", title: "Subnet 1 has no stored epoch 500", text: "Epoch numbers count" },
    { path: "/no/such/page", title: "Page not found", text: "Nothing lives at /no/such/page." },
  ];
  it("answers 404 inside the app's layout and says what was not found", async () => {
    for (const c of cases()) {
      expect((await fetch(url(c.path))).status, c.path).toBe(404);
      const page = await openPage(browser, url(c.path), DESKTOP);
      expect(await page.getByTestId("site-header").isVisible(), c.path).toBe(true);
      // The detail is rendered on the client (it reads the path): wait for it, not the fallback.
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe(c.title);
      await expect.poll(() => page.getByTestId("not-found").textContent(), { timeout: 10_000 }).toContain(c.text);
      expectAppBackground(await bodyRgb(page));
      expect(await page.title()).toBe("Not found · Taoscope");
      await page.close();
    }
  });
});

describe("titles and favicon (items 18, 19)", () => {
  it("names the page in every title", async () => {
    const expected: [string, string][] = [
      ["/", "Network · Taoscope"],
      ["/subnets", "Subnets · Taoscope"],
      ["/subnets/1", "Subnet 1 · Taoscope"],
      ["/subnets/1?epoch=1", "Subnet 1 · epoch 1 · Taoscope"],
      [`/blocks/${busy.block}`, `Block #${busy.block} · Taoscope`],
      ["/blocks/0", "Block #0 · Taoscope"],
      ["/demo", "Consensus demo · Taoscope"],
    ];
    for (const [path, title] of expected) {
      const page = await openPage(browser, url(path), DESKTOP);
      expect(await page.title(), path).toBe(title);
      await page.close();
    }
  });

  it("serves /favicon.ico and links an icon that answers 200 on every page", async () => {
    const ico = await fetch(url("/favicon.ico"));
    expect(ico.status).toBe(200);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
    for (const p of PAGES()) {
      const page = await openPage(browser, url(p.path), DESKTOP);
      const hrefs = await page.locator('head link[rel~="icon"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
      expect(hrefs.length, p.path).toBeGreaterThan(0);
      for (const h of hrefs) expect((await fetch(h)).status, h).toBe(200);
      await page.close();
    }
  });
});

describe("block page fields and event pages (item 20)", () => {
  it("pages a block's events, 25 a page, state in the URL, the total equal to the database's", async () => {
    expect(busy.events).toBeGreaterThan(PER_PAGE);
    const indexes = (await replica.sql.query<{ index: bigint }>(`SELECT "index" FROM "Event" WHERE "blockNumber" = ? ORDER BY "index"`, [BigInt(busy.block)])).map((r) => Number(r.index));
    expect(indexes.length).toBe(busy.events);
    const page = await openPage(browser, url(`/blocks/${busy.block}`), DESKTOP);
    expect(await page.getByTestId("events-heading").textContent()).toBe(`Events (${busy.events})`);
    const seen: number[] = [];
    const pages = Math.ceil(busy.events / PER_PAGE);
    expect(Number(await page.getByTestId("events").getAttribute("data-pages"))).toBe(pages);
    for (let p = 1; p <= pages; p++) {
      const rows = page.getByTestId("event-row");
      expect(await rows.count()).toBe(Math.min(PER_PAGE, busy.events - (p - 1) * PER_PAGE));
      seen.push(...(await rows.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-index"))))));
      if (p < pages) {
        await page.getByTestId("events-next").click();
        await page.waitForURL(url(`/blocks/${busy.block}?events=${p + 1}#events`));
      }
    }
    expect(seen).toEqual(indexes);
    await page.close();

    // The filter by event name shows only that event, with the database's count.
    const byName = await replica.sql.query<{ name: string; n: bigint }>(`SELECT "name", COUNT(*) AS n FROM "Event" WHERE "blockNumber" = ? GROUP BY "name" ORDER BY n DESC, "name" LIMIT 1`, [BigInt(busy.block)]);
    const { name, n } = byName[0]!;
    const filtered = await openPage(browser, url(`/blocks/${busy.block}?event=${encodeURIComponent(name)}`), DESKTOP);
    expect(Number(await filtered.getByTestId("events").getAttribute("data-total"))).toBe(Number(n));
    const names = await filtered.getByTestId("event-row").evaluateAll((rs) => rs.map((r) => r.querySelectorAll("td")[2]!.textContent));
    expect(names.length).toBe(Math.min(PER_PAGE, Number(n)));
    expect(new Set(names)).toEqual(new Set([name]));
    await filtered.close();
  });

  it("renders accounts as SS58 addresses and amounts in τ from the stored hex and rao", async () => {
    const fee = (await replica.sql.query<{ blockNumber: bigint; index: bigint; data: string }>(
      `SELECT "blockNumber", "index", "data" FROM "Event" WHERE "name" = 'TransactionPayment.TransactionFeePaid' ORDER BY "blockNumber", "index" LIMIT 1`,
    ))[0]!;
    const data = JSON.parse(fee.data) as { who: string; actualFee: string };
    expect(data.who).toMatch(/^0x[0-9a-f]{64}$/);
    const page = Number(fee.index) < PER_PAGE ? 1 : Math.floor(Number(fee.index) / PER_PAGE) + 1;
    const p = await openPage(browser, url(`/blocks/${fee.blockNumber}?events=${page}`), DESKTOP);
    const row = p.locator(`[data-testid=event-row][data-index="${fee.index}"]`);
    const ss58 = ss58Of(data.who);
    const who = row.locator('[data-field="who"] [data-address]');
    expect(await who.getAttribute("data-address")).toBe(ss58);
    const shown = (await who.textContent())!;
    expect(shown.startsWith(ss58.slice(0, 6)) && shown.endsWith(ss58.slice(-6)) && shown.includes("…")).toBe(true);
    expect(await who.getAttribute("title")).toContain(ss58);
    const amount = row.locator('[data-field="actualFee"] [data-rao]');
    expect(await amount.getAttribute("data-unit")).toBe("τ");
    expect(await amount.getAttribute("title")).toContain(`${tau(data.actualFee)} τ`);
    const visible = Number((await amount.textContent())!.replace(/[,\sτ]/g, ""));
    const exact = Number(BigInt(data.actualFee)) / 1e9;
    expect(visible).toBeLessThanOrEqual(exact);
    expect(exact - visible).toBeLessThan(1e-4);
    // No raw JSON on the page.
    expect(await p.locator("main pre").count()).toBe(0);
    await p.close();
  });

  it("shows a transfer's accounts and τ value, and an epoch's per-hotkey alpha as a sub-table", async () => {
    const transfer = (await replica.sql.query<{ blockNumber: bigint; index: bigint; data: string }>(
      `SELECT "blockNumber", "index", "data" FROM "Event" WHERE "name" = 'Balances.Transfer' ORDER BY "blockNumber", "index" LIMIT 1`,
    ))[0];
    if (transfer) {
      const d = JSON.parse(transfer.data) as { from: string; to: string; amount: string };
      const pg = Math.floor(Number(transfer.index) / PER_PAGE) + 1;
      const p = await openPage(browser, url(`/blocks/${transfer.blockNumber}?events=${pg}`), DESKTOP);
      const row = p.locator(`[data-testid=event-row][data-index="${transfer.index}"]`);
      expect(await row.locator('[data-field="from"] [data-address]').getAttribute("data-address")).toBe(ss58Of(d.from));
      expect(await row.locator('[data-field="to"] [data-address]').getAttribute("data-address")).toBe(ss58Of(d.to));
      expect(await row.locator('[data-field="amount"] [data-rao]').getAttribute("data-exact")).toBe(tau(d.amount));
      await p.close();
    }
    const epochs = await replica.sql.query<{ blockNumber: bigint; index: bigint; data: string }>(
      `SELECT "blockNumber", "index", "data" FROM "Event" WHERE "name" = 'SubtensorModule.EpochDistributed' ORDER BY "blockNumber", "index"`,
    );
    const epoch = epochs.find((e) => Object.keys((JSON.parse(e.data) as { incentive: Record<string, string> }).incentive).length > 0)!;
    expect(epoch).toBeDefined();
    const incentive = (JSON.parse(epoch.data) as { incentive: Record<string, string> }).incentive;
    const pg = Math.floor(Number(epoch.index) / PER_PAGE) + 1;
    const p = await openPage(browser, url(`/blocks/${epoch.blockNumber}?events=${pg}`), DESKTOP);
    const table = p.locator(`[data-testid=event-row][data-index="${epoch.index}"] [data-testid=field-record][data-field="incentive"]`);
    const rows = await table.locator("tr").evaluateAll((trs) => trs.map((tr) => ({ address: tr.querySelector("[data-address]")!.getAttribute("data-address"), exact: tr.querySelector("[data-rao]")!.getAttribute("data-exact"), unit: tr.querySelector("[data-rao]")!.getAttribute("data-unit") })));
    expect(rows).toEqual(Object.entries(incentive).map(([hotkey, rao]) => ({ address: ss58Of(hotkey), exact: tau(rao), unit: "α" })));
    await screenshot(p, "ui-block-epoch-1440");
    await p.close();
  });

  it("renders an extrinsic's arguments as fields (a set_weights call's uid → weight pairs, a stake's amount)", async () => {
    const xs = await replica.sql.query<{ blockNumber: bigint; index: bigint; call: string; args: string; argsU16: Uint8Array | null; signer: string }>(`SELECT "blockNumber", "index", "call", "args", "argsU16", "signer" FROM "Extrinsic" ORDER BY "blockNumber", "index"`);
    const weights = xs.find((x) => x.call === "SubtensorModule.set_weights");
    expect(weights).toBeDefined();
    const p = await openPage(browser, url(`/blocks/${weights!.blockNumber}`), DESKTOP);
    const row = p.getByTestId("extrinsic-row").nth(Number(weights!.index));
    // The arguments as signed: the stored JSON with its u16 lists put back (lib/db/extrinsic-args.ts, unit-tested on literal bytes).
    const args = decodeExtrinsicArgs(weights!.args, weights!.argsU16) as { dests: number[]; weights: number[] };
    const pairs = await row.locator("[data-testid=field-weights] > span[title]").allTextContents();
    expect(pairs).toEqual(args.dests.slice(0, 12).map((u, i) => `${u}→${args.weights[i]}`));
    expect(await row.locator("td").nth(2).locator("[data-address]").getAttribute("data-address")).toBe(ss58Of(weights!.signer));
    await p.close();
  });
});

describe("home supply chart (item 17)", () => {
  it("draws issuance, free, staked and pooled each in its own readable panel, labelled in τ", async () => {
    const page = await openPage(browser, url("/"), DESKTOP);
    const head = (await server.get<{ head: { number: string } }>("/api/head")).body.head.number;
    const stat = (await replica.sql.query<Record<string, string>>(`SELECT "issuance", "free", "staked", "pooled" FROM "NetworkStat" WHERE "blockNumber" = ?`, [BigInt(head)]))[0]!;
    const history = (await server.get<{ points: Record<string, string>[] }>("/api/network/history?points=120")).body.points;
    for (const key of ["issuance", "free", "staked", "pooled"]) {
      const panel = page.getByTestId(`supply-panel-${key}`);
      await panel.locator("svg.recharts-surface").waitFor();
      // recharts 3 draws tick labels in its own z-index layers: x labels are block numbers, y labels amounts in τ.
      const labels = await panel.locator("text.recharts-cartesian-axis-tick-value").allTextContents();
      for (const t of labels) expect(t, key).toMatch(/^\d+$|^\d{1,3}(,\d{3})*(\.\d+)?[kM]?[ \u00a0]τ$/);
      const ticks = labels.filter((t) => t.endsWith("τ"));
      expect(ticks.length, key).toBeGreaterThanOrEqual(2);
      expect(new Set(ticks).size).toBe(ticks.length);
      // The series is drawn across a readable height unless it is really flat.
      const flat = new Set(history.map((h) => h[key])).size === 1;
      const box = await panel.locator(".recharts-line path.recharts-curve").boundingBox();
      if (!flat) expect(box!.height, key).toBeGreaterThan(40);
      // The latest figure's hover carries the exact value of the stored rao.
      expect(await page.getByTestId(`supply-latest-${key}`).getAttribute("title")).toBe(`${tau(stat[key]!)} τ`);
    }
    await page.close();
  });
});

describe("first-load JS (item 22)", () => {
  it("keeps every route within 250 kB gzipped, measured from the build's manifests", async () => {
    const r = spawnSync(process.execPath, ["scripts/bundle-size.mjs", "--budget", "250", "--json"], { encoding: "utf8" });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as { routes: { route: string; gzip: number; files: { file: string }[] }[]; over: string[] };
    expect(report.routes.map((x) => x.route)).toEqual(expect.arrayContaining(["/", "/blocks/[number]", "/subnets", "/subnets/[netuid]", "/demo"]));
    for (const route of report.routes) expect(route.gzip, route.route).toBeLessThanOrEqual(250_000);
    expect(report.over).toEqual([]);

    // The script's file set for "/" is what the served HTML loads (its non-noModule scripts).
    const html = await (await fetch(url("/"))).text();
    const srcs = [...html.matchAll(/<script([^>]*)>/g)].filter((m) => !/noModule/i.test(m[1]!)).map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1]).filter((s): s is string => !!s);
    const served = [...new Set(srcs.map((s) => s.replace(/^\/_next\//, "").replace(/\?.*$/, "")))].sort();
    const home = report.routes.find((x) => x.route === "/")!;
    expect(served).toEqual(home.files.map((f) => f.file).sort());
    let total = 0;
    for (const s of served) total += zlib.gzipSync(Buffer.from(await (await fetch(url(`/_next/${s}`))).arrayBuffer())).length;
    expect(total).toBe(home.gzip);
    // A budget it cannot meet fails.
    expect(spawnSync(process.execPath, ["scripts/bundle-size.mjs", "1"], { encoding: "utf8" }).status).toBe(1);
  });
});

describe("error page (item 16)", () => {
  it("shows a thrown server error inside the app's layout without the internal message", async () => {
    // Break the server's database under it: its next read of the Event table throws.
    const file = server.databaseUrl.replace(/^file:/, "");
    const db = new Database(file);
    db.exec(`ALTER TABLE "Event" RENAME TO "Event_hidden"`);
    try {
      const res = await fetch(url(`/blocks/${busy.block}`));
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toMatch(/Event_hidden|no such table|prisma/i);
      const page = await openPage(browser, url(`/blocks/${busy.block}`), DESKTOP);
      await page.getByTestId("error-page").waitFor();
      expect(await page.getByTestId("site-header").isVisible()).toBe(true);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This page could not be shown");
      expect(await page.locator("body").textContent()).not.toMatch(/no such table|Event_hidden|prisma/i);
      expectAppBackground(await bodyRgb(page));
      await screenshot(page, "ui-error-1440");
      await page.setViewportSize(PHONE);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "ui-error-390");
      await page.close();
    } finally {
      db.exec(`ALTER TABLE "Event_hidden" RENAME TO "Event"`);
      db.close();
    }
  });
});

describe("the head moves on (item 8)", () => {
  it("turns the head block's disabled next link into a link once the next block lands", async () => {
    const page = await openPage(browser, url(`/blocks/${BLOCKS}`), DESKTOP);
    expect(await page.getByTestId("next-block").getAttribute("aria-disabled")).toBe("true");
    await server.advance(1);
    await expect.poll(() => page.getByTestId("next-block").getAttribute("href"), { timeout: 10_000 }).toBe(`/blocks/${BLOCKS + 1}`);
    await page.close();
  });
});
