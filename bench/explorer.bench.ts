/**
 * npm run bench:explorer [-- --blocks 100000 --subnets 4 --uids 32 --requests 100 --warmup 10 --budget-minutes 30 --seed-minutes 0 --only a,b]
 *
 * Server time of every explorer page and API endpoint below, measured against `next start` of
 * the production build on a seeded SQLite chain. Prints p50/p95 per path beside the targets
 * (endpoints p95 < 20 ms, pages p95 < 100 ms), then the first-load JS per route when
 * scripts/bundle-size.mjs exists.
 *
 * The chain: `--blocks` blocks (default 100,000) of the `mainnet` preset with its synthetic
 * traffic in data/bench-explorer.db, seeded by the node itself and kept between runs
 * (bench/bench-chain.ts says how, and when the smaller `--subnets` × `--uids` network is seeded
 * instead of the bench network). `--seed-minutes M` bounds this run's seeding: it stops at the
 * first state checkpoint after M minutes and measures the chain as far as it got (the output
 * says so); the next run resumes the seed.
 *
 * Server time is the wall time of one request on the loopback interface, from sending it to the
 * last byte of the answer, one request at a time; `--warmup` requests per path come first and
 * are not counted. `--only a,b` measures just the paths containing one of those strings (to
 * re-measure a few alone), and skips the first-load JS report.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { BENCH_DB, ROOT, ensureBenchChain, startBenchServer } from "./bench-chain";
import { arg } from "./bench-network";

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
  // The subnet page's heatmaps, which its browser fetches: a past epoch (re-run), the latest (kept).
  { path: "/api/subnets/1/epochs/{epoch}/heatmaps", kind: "endpoint" },
  { path: "/api/subnets/1/epochs/{latest}/heatmaps", kind: "endpoint" },
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
const onlyAt = process.argv.indexOf("--only");
const ONLY = onlyAt < 0 ? null : (process.argv[onlyAt + 1] ?? "").split(",").filter((x) => x !== "");
if (ONLY !== null && ONLY.length === 0) throw new Error("--only needs a comma-separated list of path parts, e.g. --only /subnets/1,validators");
const measured = ONLY === null ? TARGETS : TARGETS.filter((t) => ONLY.some((part) => t.path.includes(part)));
if (measured.length === 0) throw new Error(`--only ${ONLY!.join(",")} matches none of the paths measured`);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  await enableFastCrypto();
  const spec = await ensureBenchChain({ file: BENCH_DB, blocks: BLOCKS, subnets: SUBNETS, uids: UIDS, budgetMinutes: BUDGET_MINUTES, seedMinutes: SEED_MINUTES });
  // Test mode: no block timer, so the chain measured stays the one seeded.
  const server = await startBenchServer(BENCH_DB, { TAOSCOPE_TEST_MODE: "1" });
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
    for (const t of measured) {
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
    await server.stop();
  }

  const bundle = path.join(ROOT, "scripts", "bundle-size.mjs");
  if (ONLY !== null) return;
  if (fs.existsSync(bundle)) {
    console.log("\nfirst-load JS per route (scripts/bundle-size.mjs, target ≤ 250 kB gzipped):");
    const r = spawnSync(process.execPath, [bundle, "250"], { cwd: ROOT, encoding: "utf8" });
    process.stdout.write(r.stdout + r.stderr);
  } else {
    console.log("\nfirst-load JS per route: scripts/bundle-size.mjs is not in this tree; not printed");
  }
}

await main();
