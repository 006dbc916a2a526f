/**
 * The seeded SQLite chain the server benchmarks measure (bench:explorer, bench:api), and
 * `next start` on it.
 *
 * `next start` can only serve a database the node wrote (it resumes the network the database
 * records), so the seed runs the node itself (`ChainNode.advance`, the path of
 * `npm run node -- advance`): the `mainnet` preset with its synthetic traffic (weights, stakes,
 * registrations, transfers). The file is kept between runs and reseeded only when missing or
 * when its network differs (an interrupted seed resumes). Before a fresh seed, the bench network
 * of bench:chain and bench:node (64 subnets × 256 uids, 64 validators) is timed for a few
 * blocks; when `blocks` of its blocks would take longer than `budgetMinutes`, the smaller node
 * network of `subnets` × `uids` is seeded instead, and the output says so. `seedMinutes` bounds
 * one run's seeding: it stops at the first state checkpoint after that many minutes (the next
 * run resumes).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { produceBlock } from "@/lib/chain/runtime/block";
import { SqlChainStore } from "@/lib/db/store";
import { databaseTarget } from "@/lib/db/url";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { freePort } from "../tests/helpers/server";
import { benchNetwork } from "./bench-network";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** The bench chain both server benchmarks share. */
export const BENCH_DB = path.join(ROOT, "data", "bench-explorer.db");
const SEED = 1;
const CHECKPOINT_EVERY = 1000;
/** The full bench network's size (bench:chain, bench:node). */
const FULL = { subnets: 64, uids: 256, validators: 64 };

export interface BenchChainOptions {
  /** The SQLite file. */
  file: string;
  blocks: number;
  subnets: number;
  uids: number;
  budgetMinutes: number;
  /** 0: seed to `blocks` however long it takes. */
  seedMinutes: number;
}

export interface Spec {
  preset: string;
  seed: number;
  subnets: number;
  uids: number;
}

/** Time a few blocks of the full bench network with persistence; the projection for `total` of them. */
async function probeFullNetwork(total: number, blocks = 20): Promise<{ blocksPerSecond: number; bytesPerBlock: number; minutes: number }> {
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
    return { blocksPerSecond, bytesPerBlock: bytes / blocks, minutes: total / blocksPerSecond / 60 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The network stored in `file` and its head, or null when there is none. */
export async function storedChain(file: string): Promise<{ spec: Spec; head: bigint } | null> {
  if (!fs.existsSync(file)) return null;
  const store = await SqlChainStore.open(databaseTarget(`file:${file}`));
  try {
    const spec = await store.genesisSpec();
    const head = await store.head();
    return spec && head ? { spec: JSON.parse(spec) as Spec, head: head.number } : null;
  } finally {
    await store.close();
  }
}

const SQLITE_SUFFIXES = ["", "-wal", "-shm", "-journal"];

function removeDb(file: string): void {
  for (const suffix of SQLITE_SUFFIXES) fs.rmSync(file + suffix, { force: true });
}

/** Copy the SQLite file and its -wal/-shm into `dir` (a chain a live node may append to without touching the original). */
export function copyChain(file: string, dir: string): string {
  const to = path.join(dir, path.basename(file));
  for (const suffix of SQLITE_SUFFIXES) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, to + suffix);
  return to;
}

/** Seed (or finish seeding) `o.file` to `o.blocks` blocks of the node network `subnets × uids`. */
async function seed(o: BenchChainOptions, subnets: number, uids: number): Promise<void> {
  // The seed is the chain's history: a live server on it goes straight to producing.
  const settings = { TAOSCOPE_PRESET: "mainnet", TAOSCOPE_SUBNETS: String(subnets), TAOSCOPE_UIDS: String(uids), TAOSCOPE_SEED: String(SEED), TAOSCOPE_CHECKPOINT_EVERY: String(CHECKPOINT_EVERY), TAOSCOPE_HISTORY_BLOCKS: String(o.blocks), DATABASE_URL: `file:${o.file}` };
  fs.mkdirSync(path.dirname(o.file), { recursive: true });
  const store = await SqlChainStore.open(databaseTarget(settings.DATABASE_URL));
  const node = await ChainNode.open(store, loadConfig(settings));
  const from = node.head;
  const todo = o.blocks - Number(from);
  console.log(`seeding ${o.file}: blocks ${from + 1n}..${o.blocks} of mainnet ${subnets} subnets × ${uids} uids (synthetic traffic on)${o.seedMinutes ? `, for at most ${o.seedMinutes} min` : ""}`);
  const start = performance.now();
  let last = start;
  // In steps ending at state checkpoints, so a bounded seed stops where a server resumes at once.
  while (node.head < BigInt(o.blocks) && (!o.seedMinutes || performance.now() - start < o.seedMinutes * 60_000)) {
    const step = Math.min(CHECKPOINT_EVERY - Number(node.head % BigInt(CHECKPOINT_EVERY)), o.blocks - Number(node.head));
    await node.advance(step, (p) => {
      const now = performance.now();
      if (now - last < 15_000) return;
      last = now;
      const done = Number(p.head - from);
      const rate = done / ((now - start) / 1000);
      console.log(`  block ${p.head}: ${rate.toFixed(0)} blocks/s, ETA ${((o.blocks - Number(p.head)) / rate / 60).toFixed(1)} min`);
    });
  }
  const done = Number(node.head - from);
  await node.stop();
  await store.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  await store.close();
  const seconds = (performance.now() - start) / 1000;
  console.log(`seeded ${done} blocks in ${(seconds / 60).toFixed(1)} min (${(done / seconds).toFixed(1)} blocks/s); database ${(fs.statSync(o.file).size / 2 ** 20).toFixed(0)} MiB`);
  if (done < todo) console.log(`  --seed-minutes ${o.seedMinutes} ran out at block ${from + BigInt(done)} of ${o.blocks}: measuring this shorter chain (run again to continue the seed)`);
}

/** Make sure `o.file` holds `o.blocks` blocks of the network chosen; returns its spec. */
export async function ensureBenchChain(o: BenchChainOptions): Promise<Spec> {
  const have = await storedChain(o.file);
  const wanted = (s: Spec) => s.preset === "mainnet" && s.seed === SEED && s.uids === o.uids && s.subnets === o.subnets;
  if (have && wanted(have.spec) && have.head === BigInt(o.blocks)) {
    console.log(`chain: ${o.file} holds ${o.blocks} blocks of mainnet ${o.subnets} subnets × ${o.uids} uids (kept from an earlier run)`);
    return have.spec;
  }
  if (have && wanted(have.spec) && have.head < BigInt(o.blocks)) {
    console.log(`chain: ${o.file} holds ${have.head} of ${o.blocks} blocks: resuming the seed`);
  } else {
    if (have) console.log(`chain: ${o.file} holds ${wanted(have.spec) ? "more blocks than asked" : "another network"} (${JSON.stringify(have.spec)}, head ${have.head}): reseeding`);
    removeDb(o.file);
    console.log(`probing the full bench network (${FULL.subnets} subnets × ${FULL.uids} uids, ${FULL.validators} validators) ...`);
    const p = await probeFullNetwork(o.blocks);
    const gib = (p.bytesPerBlock * o.blocks) / 2 ** 30;
    console.log(`  ${p.blocksPerSecond.toFixed(1)} blocks/s with persistence, ${(p.bytesPerBlock / 1024).toFixed(0)} KiB a block: ${o.blocks} blocks would take ${p.minutes.toFixed(0)} min and ${gib.toFixed(1)} GiB`);
    if (p.minutes <= o.budgetMinutes) console.log(`  within --budget-minutes ${o.budgetMinutes}, but the server can only open a network the node wrote; seeding the node network instead`);
    else console.log(`  over --budget-minutes ${o.budgetMinutes}: seeding the smaller node network mainnet ${o.subnets} subnets × ${o.uids} uids instead`);
  }
  await seed(o, o.subnets, o.uids);
  return { preset: "mainnet", seed: SEED, subnets: o.subnets, uids: o.uids };
}

export interface BenchServer {
  base: string;
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * `next start` of the production build (built first when stale) on the SQLite `file` with
 * `env` (TAOSCOPE_TEST_MODE=1 for a chain that stays as seeded), once /api/health says ok.
 */
export async function startBenchServer(file: string, env: Record<string, string>): Promise<BenchServer> {
  // @ts-expect-error: a plain ES module script without type declarations
  const { buildIfStale } = (await import("../scripts/build.mjs")) as { buildIfStale: (o: { quiet: boolean; log: (m: string) => void }) => string };
  buildIfStale({ quiet: true, log: (m: string) => console.log(m) });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}`, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
  };
  const end = Date.now() + 300_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok && ((await r.json()) as { status: string }).status === "ok") return { base, proc, output: () => out, stop };
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
