/**
 * npx tsx bench/distribution.bench.ts [-- --subnets 4 --uids 256 --validators 32 --blocks 1500 --reads 50]
 *
 * The bench:chain network written to a SQLite file, then p50/p95 server time of the
 * distribution and neuron-history reads (issue 9 §1, §5) at a 256-uid subnet's latest epoch, and
 * the persistence time of epoch blocks (where NeuronEpoch and EpochSplit rows are written)
 * against the other blocks.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { produceBlock } from "@/lib/chain/runtime/block";
import { getDistribution } from "@/lib/db/distribution";
import { getNeuronHistory } from "@/lib/db/neuron-history";
import { createReadClient } from "@/lib/db/prisma";
import { SqlChainStore } from "@/lib/db/store";
import { databaseTarget } from "@/lib/db/url";
import { arg, benchNetwork } from "./bench-network";

await enableFastCrypto();
const SUBNETS = arg("subnets", 4);
const UIDS = arg("uids", 256);
const VALIDATORS = arg("validators", 32);
const BLOCKS = arg("blocks", 1500);
const READS = arg("reads", 50);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
async function timed(fn: () => Promise<unknown>): Promise<string> {
  const t: number[] = [];
  for (let i = 0; i < READS; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return `p50 ${pct(t, 0.5).toFixed(2)} ms, p95 ${pct(t, 0.95).toFixed(2)} ms`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-bench-"));
try {
  const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);
  const net = benchNetwork(SUBNETS, UIDS, VALIDATORS);
  const store = await SqlChainStore.open(target);
  await store.commitGenesis(JSON.stringify({ bench: true }), net.genesis, net.state);
  const epochBlocks: number[] = [];
  const otherBlocks: number[] = [];
  for (let b = 1; b <= BLOCKS; b++) {
    const { block } = produceBlock(net.state, { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author: net.author, extrinsics: net.extrinsicsFor(b) });
    const t = performance.now();
    await store.commitBlock(block, net.state, b % 1000 === 0);
    (block.events.some((e) => e.name === "SubtensorModule.EpochDistributed") ? epochBlocks : otherBlocks).push(performance.now() - t);
  }
  await store.close();
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(xs.length, 1);
  console.log(`${SUBNETS} subnets × ${UIDS} uids, ${BLOCKS} blocks: persistence ${mean(otherBlocks).toFixed(2)} ms/block, ${mean(epochBlocks).toFixed(2)} ms per epoch block (${epochBlocks.length})`);
  const read = createReadClient(target);
  const d = await getDistribution(read, 1);
  console.log(`subnet 1 latest epoch ${d.epoch}: ${d.incentive.n} uids, incentive Gini ${d.incentive.gini.toFixed(4)}`);
  console.log(`distribution (latest epoch): ${await timed(() => getDistribution(read, 1))}`);
  console.log(`neuron history (uid 1, weights at the latest epoch): ${await timed(() => getNeuronHistory(read, 1, 1, { limit: 500 }))}`);
  await read.$disconnect();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
