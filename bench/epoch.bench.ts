/**
 * npm run bench:epoch — median wall time of one full epoch at three sizes, with a digest of
 * the outputs so a faster implementation can be seen to compute the same bits; then
 * `runSubnetEpoch` around (a) on a mainnet-preset subnet, and the wrapper's share of it (its
 * time less the kernel's on the same input as typed matrices).
 */
import { createHash } from "node:crypto";
import { type EpochInput, type EpochOutput, runEpoch } from "@/lib/chain/consensus/epoch";
import { u16MatrixEntries, u16MatrixFromRows, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { runSubnetEpoch } from "@/lib/chain/runtime/block-step";
import { setSubnet } from "@/lib/chain/runtime/state";
import { benchFixtures, subnetEpochFixture } from "./epoch-fixtures";

/** A digest of every output, bonds as `[uid, u16]` rows, stable across representations. */
function digest(out: EpochOutput): string {
  const plain = { ...out, bonds: u16MatrixToRows(out.bonds) };
  const text = JSON.stringify(plain, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const runs = Number(process.env.BENCH_RUNS ?? 15);
console.log(`epoch benchmark: median of ${runs} runs after warm-up (node ${process.version})`);
for (const { name, input } of benchFixtures()) {
  const nnz = u16MatrixEntries(input.weights);
  for (let i = 0; i < 3; i++) runEpoch(input); // JIT warm-up
  const times: number[] = [];
  let out: EpochOutput | undefined;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    out = runEpoch(input);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const bondEntries = u16MatrixEntries(input.bonds);
  console.log(
    `${name}: median ${median(times).toFixed(3)} ms (min ${Math.min(...times).toFixed(3)}), ` +
      `${nnz} weights, ${bondEntries} bonds, digest ${digest(out!)}`,
  );
}

{
  const { state, subnet, block } = subnetEpochFixture();
  let seen: EpochInput | undefined;
  const emit = () => {};
  runSubnetEpoch(state, subnet, block, emit, (_netuid, _epoch, input) => (seen = input));
  const input = seen!;
  const typed: EpochInput = { ...input, weights: u16MatrixFromRows(input.weights as never), bonds: u16MatrixFromRows(input.bonds as never) };
  for (let i = 0; i < 20; i++) {
    setSubnet(state, subnet);
    runSubnetEpoch(state, subnet, block, emit);
    runEpoch(typed);
  }
  const total: number[] = [];
  const kernel: number[] = [];
  // Apart, not interleaved: the wrapper's garbage would otherwise be collected in the kernel's time.
  for (let i = 0; i < 2 * runs; i++) {
    setSubnet(state, subnet); // every run starts from the same subnet
    const t = process.hrtime.bigint();
    runSubnetEpoch(state, subnet, block, emit);
    total.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  for (let i = 0; i < 2 * runs; i++) {
    const t = process.hrtime.bigint();
    runEpoch(typed);
    kernel.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(
    `(w) runSubnetEpoch around (a), mainnet preset, ${2 * runs} runs: median ${median(total).toFixed(3)} ms (min ${Math.min(...total).toFixed(3)}), ` +
      `kernel ${median(kernel).toFixed(3)} ms, wrapper ${(median(total) - median(kernel)).toFixed(3)} ms`,
  );
}
