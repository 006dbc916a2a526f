/**
 * What explaining an epoch costs at n = 256 (bench fixture (a): 64 validators × 256 uids, Yuma3
 * with liquid alpha): the epoch alone, the epoch with its trace, and the whole explanation
 * (re-run, check against a snapshot, heatmaps, focus on one uid). `npx tsx bench/explain.bench.ts`
 */
import { performance } from "node:perf_hooks";
import { runEpoch } from "@/lib/chain/consensus/epoch";
import { u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { buildExplain } from "@/lib/db/explain";
import { benchFixtures } from "./epoch-fixtures";

const { name, input } = benchFixtures()[0]!;
const n = input.alphaStake.length;
const out = runEpoch(input);
const snap = {
  uids: [...Array(n).keys()],
  hotkeys: Array.from({ length: n }, (_, i) => `0x${i.toString(16).padStart(64, "0")}`),
  blockAtRegistration: input.blockAtRegistration.map(String),
  consensus: out.consensus,
  incentive: out.incentive,
  dividends: out.dividends,
  validatorTrust: out.validatorTrust,
  emission: out.emission.map(String),
  bonds: u16MatrixToRows(out.bonds),
};

function time(label: string, fn: () => unknown, runs = 40): void {
  for (let i = 0; i < 10; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${t[runs >> 1]!.toFixed(1)} ms   p95 ${t[Math.floor(runs * 0.95)]!.toFixed(1)} ms`);
}

console.log(name);
time("runEpoch", () => runEpoch(input));
time("runEpoch with trace", () => runEpoch(input, {}));
time("buildExplain (re-run, check, heatmaps)", () => buildExplain(1, 1, input, snap));
time("buildExplain focused on uid 0 (a validator)", () => buildExplain(1, 1, input, snap, 0));
time("buildExplain focused on uid 100 (a miner)", () => buildExplain(1, 1, input, snap, 100));
const dto = buildExplain(1, 1, input, snap, 0);
console.log(`explain JSON: ${(JSON.stringify(dto).length / 1024).toFixed(0)} KB`);
