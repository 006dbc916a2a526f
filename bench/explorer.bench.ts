/**
 * npm run bench:explorer [-- --blocks 100000 --subnets 4 --uids 32 --requests 100 --warmup 10 --budget-minutes 30 --seed-minutes 0]
 *
 * Server time of every explorer page and API endpoint below, measured against `next start` of
 * the production build on a seeded SQLite chain. Prints p50/p95 per path beside the targets
 * (endpoints p95 < 20 ms, pages p95 < 100 ms), then the first-load JS per route when
 * scripts/bundle-size.mjs exists.
 *
 * The chain: `--blocks` blocks (default 100,000) in data/bench-explorer.db, kept between runs
 * and reseeded only when missing or when its network differs (an interrupted seed resumes).
 * `next start` can only serve a database the node wrote (it resumes the network the database
 * records), so the seed runs the node itself (`ChainNode.advance`, the path of
 * `npm run node -- advance`): the `mainnet` preset with its synthetic traffic (weights, stakes,
 * registrations, transfers). Before seeding, the bench network of bench:chain and bench:node
 * (64 subnets × 256 uids, 64 validators) is timed for a few blocks; when 100,000 of its blocks
 * would take longer than `--budget-minutes`, the smaller node network of `--subnets` × `--uids`
 * is seeded instead, and the output says so. `--seed-minutes M` bounds this run's seeding: it
 * stops at the first state checkpoint after M minutes and measures the chain as far as it got
 * (the output says so); the next run resumes the seed.
 *
 * Server time is the wall time of one request on the loopback interface, from sending it to the
 * last byte of the answer, one request at a time; `--warmup` requests per path come first and
 * are not counted.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { produceBlock } from "@/lib/chain/runtime/block";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { SqlChainStore } from "@/lib/db/store";
import { databaseTarget } from "@/lib/db/url";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { freePort } from "../tests/helpers/server";
import { arg, benchNetwork } from "./bench-network";

/**
 * What is measured: `{block}` becomes a block spread over the chain, `{epoch}` a stored epoch of
 * subnet 1, both varying from request to request. Add a path here to measure it.
 */
export const TARGETS: { path: string; kind: "page" | "endpoint" }[] = [
  { path: "/", kind: "page" },
  { path: "/blocks/{block}", kind: "page" },
  { path: "/subnets", kind: "page" },
  { path: "/subnets/1", kind: "page" },
  { path: "/subnets/1?epoch={epoch}", kind: "page" },
  { path: "/api/head", kind: "endpoint" },
  { path: "/api/blocks", kind: "endpoint" },
  { path: "/api/blocks/{block}", kind: "endpoint" },
  { path: "/api/subnets", kind: "endpoint" },
  { path: "/api/subnets/1/metagraph", kind: "endpoint" },
  { path: "/api/subnets/1/epochs", kind: "endpoint" },
  { path: "/api/network/history", kind: "endpoint" },
  // Analytics (issue 9): {latest} is subnet 1's newest stored epoch, which has its epoch input.
  { path: "/subnets/1/epochs/{latest}", kind: "page" },
  { path: "/subnets/1/uids/0", kind: "page" },
  { path: "/flows", kind: "page" },
  { path: "/tokenomics", kind: "page" },
  { path: "/api/subnets/1/distribution", kind: "endpoint" },
  { path: "/api/subnets/1/epochs/{latest}/explain", kind: "endpoint" },
  { path: "/api/subnets/1/uids/0/history", kind: "endpoint" },
  { path: "/api/flows", kind: "endpoint" },
  { path: "/api/flows?range=day", kind: "endpoint" },
  { path: "/api/tokenomics?range=all", kind: "endpoint" },
  // The explorer issue's pages and endpoints.
  { path: "/blocks", kind: "page" },
  { path: "/extrinsics", kind: "page" },
  { path: "/extrinsics?result=failure", kind: "page" },
  { path: "/extrinsics/{ext}", kind: "page" },
  { path: "/events", kind: "page" },
  { path: "/events?account={account}", kind: "page" },
  { path: "/accounts", kind: "page" },
  { path: "/accounts/{account}", kind: "page" },
  { path: "/accounts/{hotkey}", kind: "page" },
  { path: "/validators", kind: "page" },
  { path: "/search?q={block}", kind: "page" },
  { path: "/api-docs", kind: "page" },
  { path: "/api/extrinsics", kind: "endpoint" },
  { path: "/api/extrinsics?signer={account}", kind: "endpoint" },
  { path: "/api/extrinsics/{ext}", kind: "endpoint" },
  { path: "/api/events", kind: "endpoint" },
  { path: "/api/events?account={account}", kind: "endpoint" },
  { path: "/api/accounts", kind: "endpoint" },
  { path: "/api/accounts?sort=staked", kind: "endpoint" },
  { path: "/api/accounts/{account}", kind: "endpoint" },
  { path: "/api/accounts/{hotkey}", kind: "endpoint" },
  { path: "/api/validators", kind: "endpoint" },
  { path: "/api/search?q={block}", kind: "endpoint" },
  { path: "/api/overview", kind: "endpoint" },
  { path: "/api/subnets/1/hyperparams", kind: "endpoint" },
  { path: "/api/subnets/1/registrations", kind: "endpoint" },
  { path: "/api/subnets/1/history", kind: "endpoint" },
  { path: "/api/subnets/1/metagraph/export?format=csv", kind: "endpoint" },
  { path: "/api/openapi.json", kind: "endpoint" },
];

const TARGET_MS = { page: 100, endpoint: 20 } as const;

const BLOCKS = arg("blocks", 100_000);
const SUBNETS = arg("subnets", 4);
const UIDS = arg("uids", 32);
const REQUESTS = arg("requests", 100);
const WARMUP = arg("warmup", 10);
const BUDGET_MINUTES = arg("budget-minutes", 30);
/** 0: seed to `BLOCKS` however long it takes. */
const SEED_MINUTES = process.argv.includes("--seed-minutes") ? arg("seed-minutes", 1) : 0;
const SEED = 1;
const CHECKPOINT_EVERY = 1000;
const ROOT = path.resolve(import.meta.dirname, "..");
const DB_FILE = path.join(ROOT, "data", "bench-explorer.db");

/** The full bench network's size (bench:chain, bench:node). */
const FULL = { subnets: 64, uids: 256, validators: 64 };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Time a few blocks of the full bench network with persistence; the projection for `BLOCKS` of them. */
async function probeFullNetwork(blocks = 20): Promise<{ blocksPerSecond: number; bytesPerBlock: number; minutes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-bench-probe-"));
  try {
    const target = databaseTarget(`file:${path.join(dir, "probe.db")}`);
    const net = benchNetwork(FULL.subnets, FULL.uids, FULL.validators);
    const store = await SqlChainStore.open(target);
    await store.commitGenesis(JSON.stringify({ bench: true, ...FULL }), net.genesis, net.state);
    const start = performance.now();
    for (let b = 1; b <= blocks; b++) {
      const { block } = produceBlock(net.state, { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author: net.author, extrinsics: net.extrinsicsFor(b) });
      await store.commitBlock(block, net.state, false);
    }
    const seconds = (performance.now() - start) / 1000;
    await store.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    await store.close();
    const bytes = fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
    const blocksPerSecond = blocks / seconds;
    return { blocksPerSecond, bytesPerBlock: bytes / blocks, minutes: BLOCKS / blocksPerSecond / 60 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Spec {
  preset: string;
  seed: number;
  subnets: number;
  uids: number;
}

/** The network stored in the bench database and its head, or null when there is none. */
async function stored(): Promise<{ spec: Spec; head: bigint } | null> {
  if (!fs.existsSync(DB_FILE)) return null;
  const store = await SqlChainStore.open(databaseTarget(`file:${DB_FILE}`));
  try {
    const spec = await store.genesisSpec();
    const head = await store.head();
    return spec && head ? { spec: JSON.parse(spec) as Spec, head: head.number } : null;
  } finally {
    await store.close();
  }
}

function removeDb(): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(DB_FILE + suffix, { force: true });
}

/** Seed (or finish seeding) the bench database to `BLOCKS` blocks of the node network `subnets × uids`. */
async function seed(subnets: number, uids: number): Promise<void> {
  const settings = { TAOSCOPE_PRESET: "mainnet", TAOSCOPE_SUBNETS: String(subnets), TAOSCOPE_UIDS: String(uids), TAOSCOPE_SEED: String(SEED), TAOSCOPE_CHECKPOINT_EVERY: String(CHECKPOINT_EVERY), DATABASE_URL: `file:${DB_FILE}` };
  fs.mkdirSync(path.dirname(DB_FILE), { recursive: true });
  const store = await SqlChainStore.open(databaseTarget(settings.DATABASE_URL));
  const node = await ChainNode.open(store, loadConfig(settings));
  const from = node.head;
  const todo = BLOCKS - Number(from);
  console.log(`seeding ${DB_FILE}: blocks ${from + 1n}..${BLOCKS} of mainnet ${subnets} subnets × ${uids} uids (synthetic traffic on)${SEED_MINUTES ? `, for at most ${SEED_MINUTES} min` : ""}`);
  const start = performance.now();
  let last = start;
  // In steps ending at state checkpoints, so a bounded seed stops where a server resumes at once.
  while (node.head < BigInt(BLOCKS) && (!SEED_MINUTES || performance.now() - start < SEED_MINUTES * 60_000)) {
    const step = Math.min(CHECKPOINT_EVERY - Number(node.head % BigInt(CHECKPOINT_EVERY)), BLOCKS - Number(node.head));
    await node.advance(step, (p) => {
      const now = performance.now();
      if (now - last < 15_000) return;
      last = now;
      const done = Number(p.head - from);
      const rate = done / ((now - start) / 1000);
      console.log(`  block ${p.head}: ${rate.toFixed(0)} blocks/s, ETA ${((BLOCKS - Number(p.head)) / rate / 60).toFixed(1)} min`);
    });
  }
  const done = Number(node.head - from);
  await node.stop();
  await store.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  await store.close();
  const seconds = (performance.now() - start) / 1000;
  console.log(`seeded ${done} blocks in ${(seconds / 60).toFixed(1)} min (${(done / seconds).toFixed(1)} blocks/s); database ${(fs.statSync(DB_FILE).size / 2 ** 20).toFixed(0)} MiB`);
  if (done < todo) console.log(`  --seed-minutes ${SEED_MINUTES} ran out at block ${from + BigInt(done)} of ${BLOCKS}: measuring this shorter chain (run again to continue the seed)`);
}

/** Make sure the bench database holds `BLOCKS` blocks of the network chosen; returns its spec. */
async function ensureDatabase(): Promise<Spec> {
  const have = await stored();
  const wanted = (s: Spec) => s.preset === "mainnet" && s.seed === SEED && s.uids === UIDS && s.subnets === SUBNETS;
  if (have && wanted(have.spec) && have.head === BigInt(BLOCKS)) {
    console.log(`chain: ${DB_FILE} holds ${BLOCKS} blocks of mainnet ${SUBNETS} subnets × ${UIDS} uids (kept from an earlier run)`);
    return have.spec;
  }
  if (have && wanted(have.spec) && have.head < BigInt(BLOCKS)) {
    console.log(`chain: ${DB_FILE} holds ${have.head} of ${BLOCKS} blocks: resuming the seed`);
  } else {
    if (have) console.log(`chain: ${DB_FILE} holds ${wanted(have.spec) ? "more blocks than asked" : "another network"} (${JSON.stringify(have.spec)}, head ${have.head}): reseeding`);
    removeDb();
    console.log(`probing the full bench network (${FULL.subnets} subnets × ${FULL.uids} uids, ${FULL.validators} validators) ...`);
    const p = await probeFullNetwork();
    const gib = (p.bytesPerBlock * BLOCKS) / 2 ** 30;
    console.log(`  ${p.blocksPerSecond.toFixed(1)} blocks/s with persistence, ${(p.bytesPerBlock / 1024).toFixed(0)} KiB a block: ${BLOCKS} blocks would take ${p.minutes.toFixed(0)} min and ${gib.toFixed(1)} GiB`);
    if (p.minutes <= BUDGET_MINUTES) console.log(`  within --budget-minutes ${BUDGET_MINUTES}, but the server can only open a network the node wrote; seeding the node network instead`);
    else console.log(`  over --budget-minutes ${BUDGET_MINUTES}: seeding the smaller node network mainnet ${SUBNETS} subnets × ${UIDS} uids instead`);
  }
  await seed(SUBNETS, UIDS);
  return { preset: "mainnet", seed: SEED, subnets: SUBNETS, uids: UIDS };
}

async function startNext(): Promise<{ base: string; proc: ChildProcess; output: () => string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Test mode: no block timer, so the chain measured stays the one seeded.
  const proc = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${DB_FILE}`, TAOSCOPE_TEST_MODE: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const end = Date.now() + 300_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok && ((await r.json()) as { status: string }).status === "ok") return { base, proc, output: () => out };
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null || Date.now() > end) {
      proc.kill("SIGKILL");
      throw new Error(`next start did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  await enableFastCrypto();
  const spec = await ensureDatabase();

  // @ts-expect-error: a plain ES module script without type declarations
  const { buildIfStale } = (await import("../scripts/build.mjs")) as { buildIfStale: (o: { quiet: boolean; log: (m: string) => void }) => string };
  buildIfStale({ quiet: true, log: (m: string) => console.log(m) });

  const server = await startNext();
  try {
    const head = BigInt(((await (await fetch(`${server.base}/api/head`)).json()) as { head: { number: string } }).head.number);
    const epochs = ((await (await fetch(`${server.base}/api/subnets/1/epochs?limit=1`)).json()) as { items: { epoch: number }[] }).items;
    const lastEpoch = epochs[0]?.epoch ?? 0;
    // Extrinsics spread over the chain, and the richest accounts and subnet 1's hotkeys, to vary requests over.
    const extrinsics: string[] = [];
    for (let k = 0; k < 20; k++) {
      const at = (head * BigInt(k * 50 + 1)) / 1000n;
      const page = (await (await fetch(`${server.base}/api/extrinsics?to=${at}&limit=1`)).json()) as { items: { id: string }[] };
      extrinsics.push(...page.items.map((x) => x.id));
    }
    const accounts = ((await (await fetch(`${server.base}/api/accounts?limit=50`)).json()) as { items: { key: { ss58: string } }[] }).items.map((a) => a.key.ss58);
    const hotkeys = ((await (await fetch(`${server.base}/api/subnets/1/metagraph`)).json()) as { neurons: { hotkey: string }[] }).neurons.map((n) => n.hotkey);
    if (extrinsics.length === 0 || accounts.length === 0 || hotkeys.length === 0) throw new Error("the bench chain has no extrinsics, accounts or neurons to ask for");
    const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
    // Spread over the chain: request i asks for a different block and epoch (a multiplicative hash).
    const fill = (p: string, i: number) =>
      p
        .replace("{block}", String((head * BigInt((i * 7919) % 1000)) / 1000n))
        .replace("{epoch}", String(1 + ((i * 7919) % Math.max(1, lastEpoch))))
        .replace("{latest}", String(lastEpoch))
        .replace("{ext}", pick(extrinsics, i))
        .replace("{account}", pick(accounts, i))
        .replace("{hotkey}", pick(hotkeys, i));
    console.log(`\nserver: next start (production build), ${server.base}; chain head ${head}, mainnet ${spec.subnets} subnets × ${spec.uids} uids, subnet 1 at epoch ${lastEpoch}`);
    console.log(`${REQUESTS} requests per path one at a time after ${WARMUP} warm-up requests (not counted)\n`);
    console.log(`${"path".padEnd(44)} ${"kind".padEnd(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  target p95`);
    const misses: string[] = [];
    for (const t of TARGETS) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const url = `${server.base}${fill(t.path, i)}`;
        const t0 = performance.now();
        const r = await fetch(url);
        await r.arrayBuffer();
        const ms = performance.now() - t0;
        if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
        if (i >= WARMUP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const p50 = quantile(times, 0.5);
      const p95 = quantile(times, 0.95);
      const target = TARGET_MS[t.kind];
      const ok = p95 < target;
      if (!ok) misses.push(t.path);
      console.log(`${t.path.padEnd(44)} ${t.kind.padEnd(9)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}  < ${target} ${ok ? "met" : "MISSED"}`);
    }
    console.log(misses.length ? `\np95 target missed by: ${misses.join(", ")}` : "\nevery p95 target met");
  } finally {
    server.proc.kill("SIGTERM");
  }

  const bundle = path.join(ROOT, "scripts", "bundle-size.mjs");
  if (fs.existsSync(bundle)) {
    console.log("\nfirst-load JS per route (scripts/bundle-size.mjs, target ≤ 250 kB gzipped):");
    const r = spawnSync(process.execPath, [bundle, "250"], { cwd: ROOT, encoding: "utf8" });
    process.stdout.write(r.stdout + r.stderr);
  } else {
    console.log("\nfirst-load JS per route: scripts/bundle-size.mjs is not in this tree; not printed");
  }
}

await main();
