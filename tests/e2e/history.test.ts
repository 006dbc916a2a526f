/**
 * The history fast-forward on the real production server (`next start`, live mode, no test
 * hooks): /api/health's progress goes up while history runs, then the node goes live and the
 * head passes the history size; a browser sees the progress banner on every page while it runs
 * (screenshots desktop and 390 px) and not after; a server killed mid-history resumes and
 * finishes the stored target; the server logs what the node does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { HealthDto } from "@/lib/dto";
import { tempSqlite } from "../helpers/databases";
import { ensureBuild, freePort, launchBrowser, openPage, screenshot, startServer } from "../helpers/server";

const TINY = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3", BLOCK_TIME_MS: "1000" };

const health = async (base: string): Promise<HealthDto> => (await (await fetch(`${base}/api/health`)).json()) as HealthDto;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** `next start` on a given database (live mode), for the restart test. */
async function serve(databaseUrl: string, settings: Record<string, string>): Promise<{ base: string; proc: ChildProcess; output: () => string }> {
  await ensureBuild();
  const port = await freePort();
  const proc = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...settings, DATABASE_URL: databaseUrl, TAOSCOPE_TEST_MODE: "0", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  cleanups.push(() => proc.exitCode === null && proc.kill("SIGKILL"));
  const base = `http://127.0.0.1:${port}`;
  let last = "no answer yet";
  for (const end = Date.now() + 120_000; ; ) {
    try {
      // Each attempt bounded: a server that accepts but does not answer shows as timeouts, not one five-minute wait.
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as HealthDto;
      if (body.producing) return { base, proc, output: () => out };
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (e) {
      const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
      last = `no answer: ${(e as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}`; // not listening yet
    }
    if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > end) {
      const how = proc.exitCode !== null || proc.signalCode !== null ? `it exited (code ${proc.exitCode}, signal ${proc.signalCode})` : "still running after 120 s";
      throw new Error(`the server did not start: ${how}; last /api/health: ${last}:\n${out}`);
    }
    await sleep(200);
  }
}

describe("history fast-forward on the real server", () => {
  it("reports progress in /api/health while history runs, then goes live and keeps producing past the history", async () => {
    const server = await startServer({ ...TINY, TAOSCOPE_HISTORY_BLOCKS: "400" }, { testMode: false });
    cleanups.push(() => server.stop());
    const seen: HealthDto["sync"][] = [];
    let live: HealthDto | null = null;
    for (const end = Date.now() + 600_000; Date.now() < end; ) {
      const h = await health(server.base);
      expect(h.status).toBe("ok");
      if (h.sync.phase === "live") {
        live = h;
        break;
      }
      seen.push(h.sync);
      await sleep(100);
    }
    expect(live, server.output()).not.toBeNull();
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) {
      expect(s.total).toBe(400);
      expect(s.done).toBeLessThan(400);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.at(-1)!.done).toBeGreaterThan(seen[0]!.done);
    const measured = seen.filter((s) => s.blocksPerSecond !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const s of measured) {
      expect(s.blocksPerSecond!).toBeGreaterThan(0);
      expect(s.etaSeconds!).toBeGreaterThanOrEqual(0);
    }
    expect(live!.sync).toMatchObject({ phase: "live", done: 400, total: 400, etaSeconds: 0 });
    expect(BigInt(live!.head!)).toBeGreaterThanOrEqual(400n);
    // Live: one block a second at the wall clock.
    await expect.poll(async () => BigInt((await health(server.base)).head!), { timeout: 30_000 }).toBeGreaterThan(402n);
    const last = (await (await fetch(`${server.base}/api/blocks/400`)).json()) as { timestamp: string };
    const genesis = (await (await fetch(`${server.base}/api/blocks/0`)).json()) as { timestamp: string };
    expect(BigInt(last.timestamp) - BigInt(genesis.timestamp)).toBe(400n * 12_000n);
    const after = (await (await fetch(`${server.base}/api/blocks/402`)).json()) as { timestamp: string };
    expect(BigInt(after.timestamp)).toBeGreaterThan(BigInt(last.timestamp));
    expect(Math.abs(Number(after.timestamp) - Date.now())).toBeLessThan(60_000); // wall clock, not 12 s steps
    const out = server.output();
    expect(out).toMatch(/taoscope: database SQLite \/\S+chain\.db/);
    expect(out).toMatch(/taoscope: new genesis: test preset, 2 subnets × 8 uids, seed 3/);
    expect(out).toMatch(/taoscope: history \d+\/400 blocks/);
    expect(out).toMatch(/taoscope: history done: 400 blocks in/);
    expect(out).toMatch(/taoscope: live: producing a block every 1 s at http:\/\/localhost:\d+/);
    // Live: no banner (the page has fetched /api/health and found the node live).
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const healthSeen = page.waitForResponse((r) => r.url().endsWith("/api/health"), { timeout: 30_000 });
    await page.goto(`${server.base}/`);
    await healthSeen;
    await page.waitForTimeout(500);
    expect(await page.getByTestId("sync-progress").count()).toBe(0);
    await screenshot(page, "history-live-home-1440");
  }, 900_000);

  it("shows the progress banner on every page while history runs (screenshots desktop + 390 px)", async () => {
    const server = await startServer({ ...TINY, TAOSCOPE_HISTORY_BLOCKS: "20000" }, { testMode: false });
    cleanups.push(() => server.stop());
    const browser: Browser = await launchBrowser();
    cleanups.push(() => browser.close());
    for (const [path, name] of [
      ["/", "home"],
      ["/subnets", "subnets"],
      ["/blocks/0", "block-0"],
    ] as const) {
      for (const width of [1440, 390]) {
        const page = await openPage(browser, `${server.base}${path}`, { width, height: width === 390 ? 844 : 900 });
        const banner = page.getByTestId("sync-progress");
        await banner.waitFor({ timeout: 30_000 });
        await expect.poll(async () => (await page.getByTestId("sync-blocks").textContent()) ?? "", { timeout: 30_000 }).toMatch(/^[\d,]+ \/ 20,000 blocks \(\d+\.\d%\)$/);
        await expect.poll(async () => (await page.getByTestId("sync-rate").textContent()) ?? "", { timeout: 30_000 }).toMatch(/^\d+\.\d blocks\/s$/);
        expect(await page.getByTestId("sync-eta").textContent()).toMatch(/^ETA (\d+ s|\d+ min \d\d s|\d+ h \d\d min)$/);
        // The banner fits a phone: nothing wider than the viewport comes from it.
        const box = await banner.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(width);
        await screenshot(page, `history-banner-${name}-${width}`);
        await page.close();
      }
    }
    const h = await health(server.base);
    expect(h.sync.phase).toBe("history");
    await server.stop();
  }, 600_000);

  it("npm start (scripts/start.mjs) does not rebuild a current build, and prints what the node does", async () => {
    await ensureBuild();
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    const port = await freePort();
    const proc = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, ...TINY, TAOSCOPE_HISTORY_BLOCKS: "30", DATABASE_URL: db.target.kind === "sqlite" ? db.target.url : "", PORT: String(port), TAOSCOPE_TEST_MODE: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    cleanups.push(() => proc.exitCode === null && proc.kill("SIGKILL"));
    await expect.poll(() => out, { timeout: 300_000, interval: 500 }).toMatch(/taoscope: live: producing a block every 1 s at http:\/\/localhost:\d+/);
    expect(out).toMatch(/^taoscope: the build is current; not rebuilding\n/);
    expect(out).not.toMatch(/Creating an optimized production build/);
    expect(out).toContain(`taoscope: starting the explorer and its node on http://localhost:${port}`);
    expect(out).toContain(`taoscope: database SQLite ${db.target.kind === "sqlite" ? db.target.file : ""}`);
    expect(out).toMatch(/taoscope: new genesis: test preset, 2 subnets × 8 uids/);
    expect(out).toMatch(/taoscope: history done: 30 blocks in/);
    expect(out).toContain(`live: producing a block every 1 s at http://localhost:${port}`);
    expect((await health(`http://127.0.0.1:${port}`)).sync).toMatchObject({ phase: "live", done: 30, total: 30 });
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
  }, 600_000);

  it("a server killed mid-history resumes on restart and finishes the stored target", async () => {
    const db = tempSqlite();
    cleanups.push(db.cleanup);
    const url = db.target.kind === "sqlite" ? db.target.url : "";
    const first = await serve(url, { ...TINY, TAOSCOPE_HISTORY_BLOCKS: "1500" });
    await expect.poll(async () => (await health(first.base)).sync.done, { timeout: 120_000 }).toBeGreaterThan(200);
    first.proc.kill("SIGKILL");
    await new Promise((r) => first.proc.once("exit", r));

    const second = await serve(url, { ...TINY, TAOSCOPE_HISTORY_BLOCKS: "50" }); // the stored target wins
    const resumed = await health(second.base);
    expect(resumed.sync.total).toBe(1500);
    expect(resumed.sync.done).toBeGreaterThan(200);
    await expect.poll(async () => (await health(second.base)).sync.phase, { timeout: 600_000, interval: 500 }).toBe("live");
    const h = await health(second.base);
    expect(h.sync).toMatchObject({ done: 1500, total: 1500 });
    expect(BigInt(h.head!)).toBeGreaterThanOrEqual(1500n);
    expect(second.output()).toMatch(/taoscope: resumed from block \d+ \(test preset, 2 subnets × 8 uids\)/);
    const b1500 = (await (await fetch(`${second.base}/api/blocks/1500`)).json()) as { timestamp: string };
    const b0 = (await (await fetch(`${second.base}/api/blocks/0`)).json()) as { timestamp: string };
    expect(BigInt(b1500.timestamp) - BigInt(b0.timestamp)).toBe(1500n * 12_000n);
    second.proc.kill("SIGTERM");
  }, 900_000);
});
