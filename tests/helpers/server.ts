/**
 * Browser and API tests against the real production build: `next build` once per tree (only
 * when stale, shared by every test file through a lock), then one `next start` per test file on
 * its own fresh SQLite database and port. Test mode: no timer produces blocks; tests advance the
 * chain through /api/test/advance. Debian's Chromium is driven by playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "./databases";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Where browser tests save their screenshots (gitignored). */
export const SCREENSHOT_DIR = path.resolve("test-results", "screenshots");

/** Build the app unless `.next` is current (skipped entirely with TAOSCOPE_E2E_SKIP_BUILD=1). */
export async function ensureBuild(): Promise<void> {
  if (process.env.TAOSCOPE_E2E_SKIP_BUILD) return;
  // @ts-expect-error: a plain ES module script without type declarations
  const { buildIfStale } = (await import("../../scripts/build.mjs")) as { buildIfStale: (o: { quiet: boolean; log: (m: string) => void }) => string };
  buildIfStale({ quiet: true, log: () => undefined });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface TestServer {
  base: string;
  /** The server's SQLite file (read it with SqlChainStore for expected values). */
  databaseUrl: string;
  proc: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** POST /api/test/advance?blocks=N; returns the new head. */
  advance(blocks: number): Promise<string>;
  get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * Start `next start` on a fresh SQLite database with `settings` (TAOSCOPE_* variables) in test
 * mode, and wait until it produces. `testMode: false` starts it with the live block timer.
 */
export async function startServer(settings: Record<string, string>, opts: { testMode?: boolean; healthTimeoutMs?: number } = {}): Promise<TestServer> {
  await ensureBuild();
  const db = tempSqlite();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const databaseUrl = db.target.kind === "sqlite" ? db.target.url : "";
  const proc = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...settings, DATABASE_URL: databaseUrl, ...(opts.testMode === false ? {} : { TAOSCOPE_TEST_MODE: "1" }), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const server: TestServer = {
    base,
    databaseUrl,
    proc,
    output: () => out,
    async advance(blocks) {
      const r = await fetch(`${base}/api/test/advance?blocks=${blocks}`, { method: "POST" });
      if (r.status !== 200) throw new Error(`advance ${blocks} answered ${r.status}: ${await r.text()}`);
      return ((await r.json()) as { head: string }).head;
    },
    async get<T>(p: string) {
      const r = await fetch(`${base}${p}`);
      const text = await r.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the text itself
      }
      return { status: r.status, body: body as T, headers: r.headers };
    },
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill("SIGKILL");
      }
      db.cleanup();
    },
  };
  const end = Date.now() + (opts.healthTimeoutMs ?? 120_000);
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok && ((await r.json()) as { producing: boolean }).producing) return server;
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null || Date.now() > end) {
      await server.stop();
      throw new Error(`the server at ${base} did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A new page at `width` × `height` (desktop by default; 390 for a phone) opened on `url`. */
export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number } = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  return page;
}

/** Save a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * An independent replica for expected values: the same network (`settings`) run in this process
 * on its own SQLite file and advanced `blocks`, so what a test expects never comes from the
 * server it checks. `close` closes the store and removes its file.
 */
export async function startReplica(settings: Record<string, string>, blocks: number): Promise<{ store: SqlChainStore; node: ChainNode; close(): Promise<void> }> {
  const db = tempSqlite();
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  await node.advance(blocks);
  return {
    store,
    node,
    async close() {
      await store.close();
      db.cleanup();
    },
  };
}
