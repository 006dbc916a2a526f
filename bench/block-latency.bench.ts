/**
 * npx tsx bench/block-latency.bench.ts [-- --blocks 1000]
 *
 * How long one block holds the server's event loop: the node at the default network (mainnet
 * preset, 4 subnets of 32 uids, synthetic activity, checkpoint every 100) fast-forwarded on a
 * SQLite file, each block timed from the end of the previous one (engine + commit: one block is
 * synchronous end to end, so this is the longest a request can wait behind production). Prints
 * the median, the 99th percentile and the maximum, and which blocks were slowest.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqlChainStore } from "@/lib/db/store";
import { databaseTarget } from "@/lib/db/url";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { arg } from "./bench-network";

const BLOCKS = arg("blocks", 1000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-latency-"));
const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);
const store = await SqlChainStore.open(target);
const node = await ChainNode.open(store, { ...loadConfig({}), database: target });
const times: { block: bigint; ms: number }[] = [];
let last = performance.now();
await node.advance(BLOCKS, (p) => {
  const now = performance.now();
  times.push({ block: p.head, ms: now - last });
  last = now;
});
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
const sorted = [...times].sort((a, b) => a.ms - b.ms);
const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!.ms.toFixed(1);
console.log(`${BLOCKS} blocks at the default network: median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${sorted.at(-1)!.ms.toFixed(1)} ms per block`);
console.log(`slowest: ${sorted.slice(-5).reverse().map((t) => `#${t.block} ${t.ms.toFixed(1)} ms`).join(", ")}`);
