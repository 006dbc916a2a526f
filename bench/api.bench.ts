/**
 * npm run bench:api [-- --blocks 100000 --db data/bench-explorer.db --seconds 15 --connections 10]
 *
 * Throughput and latency of the API under load, with autocannon, while the node produces a
 * block every second: `/api/head`, `/api/blocks`, a metagraph (`/api/subnets/1/metagraph`) and
 * an account (`/api/accounts/<the richest coldkey>`), each for `--seconds` with `--connections`
 * concurrent keep-alive connections after a 2-s warm-up that is not counted. Prints req/s and
 * autocannon's p50/p99 latency per path beside the target (≥ 1,000 req/s with p99 < 100 ms on
 * /api/head), and whether block production kept up: blocks produced during each path's run (the
 * head from /api/health before and after) against the seconds it took.
 *
 * The chain: `--blocks` blocks of the `mainnet` preset in `--db` (by default
 * data/bench-explorer.db, the chain bench:explorer seeds; seeded here the same way when it is
 * missing, bench/bench-chain.ts). It is copied to a scratch directory first, since the live node
 * appends blocks, and served by `next start` of the production build with BLOCK_TIME_MS=1000
 * (not test mode). autocannon runs in this process, so it shares the machine's cores with the
 * server, as a client on the same host does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { BENCH_DB, copyChain, ensureBenchChain, startBenchServer } from "./bench-chain";
import { arg } from "./bench-network";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

const BLOCKS = arg("blocks", 100_000);
const DB = path.resolve(flag("db", BENCH_DB));
const SECONDS = arg("seconds", 15);
const CONNECTIONS = arg("connections", 10);
const BLOCK_TIME_MS = 1000;
/** The target, on /api/head. */
const TARGET = { path: "/api/head", rps: 1000, p99Ms: 100 };

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

const headOf = async (base: string) => BigInt((await getJson<{ head: string }>(`${base}/api/health`)).head);

function run(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds });
}

async function main(): Promise<void> {
  await enableFastCrypto();
  await ensureBenchChain({ file: DB, blocks: BLOCKS, subnets: arg("subnets", 4), uids: arg("uids", 32), budgetMinutes: 30, seedMinutes: 0 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-bench-api-"));
  const copy = copyChain(DB, scratch);
  console.log(`copied ${DB} to ${copy} (${(fs.statSync(copy).size / 2 ** 30).toFixed(2)} GiB): the live node appends to the copy`);
  const server = await startBenchServer(copy, { BLOCK_TIME_MS: String(BLOCK_TIME_MS) });
  try {
    const health = await getJson<{ head: string; producing: boolean; sync: { phase: string } }>(`${server.base}/api/health`);
    if (!health.producing || health.sync.phase !== "live") throw new Error(`the node is not producing live blocks: ${JSON.stringify(health)}`);
    const rich = (await getJson<{ items: { key: { ss58: string } }[] }>(`${server.base}/api/accounts?limit=1`)).items[0];
    if (!rich) throw new Error("the bench chain has no accounts");
    const paths = ["/api/head", "/api/blocks", "/api/subnets/1/metagraph", `/api/accounts/${rich.key.ss58}`];
    console.log(`\nserver: next start (production build), ${server.base}; head ${health.head}, a block every ${BLOCK_TIME_MS} ms (live, synthetic traffic on)`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per path after a 2-s warm-up (not counted)\n`);
    console.log(`${"path".padEnd(66)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)} ${"blocks".padStart(7)} ${"secs".padStart(5)}  target`);
    let behind = false;
    let missed = false;
    const t0 = performance.now();
    const head0 = await headOf(server.base);
    for (const p of paths) {
      await run(`${server.base}${p}`, 2);
      const before = await headOf(server.base);
      const start = performance.now();
      const r = await run(`${server.base}${p}`, SECONDS);
      const secs = (performance.now() - start) / 1000;
      const produced = Number((await headOf(server.base)) - before);
      // At one block a second, a run of S seconds sees S blocks, give or take the one in flight.
      if (produced < Math.floor((secs * 1000) / BLOCK_TIME_MS) - 1) behind = true;
      const bad = r.non2xx + r.errors;
      let target = "";
      if (p === TARGET.path) {
        const ok = r.requests.average >= TARGET.rps && r.latency.p99 < TARGET.p99Ms;
        if (!ok) missed = true;
        target = `≥ ${TARGET.rps} req/s, p99 < ${TARGET.p99Ms} ms: ${ok ? "met" : "MISSED"}`;
      }
      console.log(`${p.padEnd(66)} ${r.requests.average.toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(bad).padStart(8)} ${String(produced).padStart(7)} ${secs.toFixed(1).padStart(5)}  ${target}`);
      if (bad > 0) throw new Error(`${p}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
    }
    const total = (performance.now() - t0) / 1000;
    const producedAll = Number((await headOf(server.base)) - head0);
    console.log(`\nblock production: ${producedAll} blocks in ${total.toFixed(1)} s (${(producedAll / total).toFixed(2)} blocks/s at a target of ${(1000 / BLOCK_TIME_MS).toFixed(2)}): ${behind || producedAll < Math.floor(total) - 1 ? "FELL BEHIND" : "kept up"}`);
    console.log(missed ? `/api/head target missed` : `/api/head target met`);
  } finally {
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
