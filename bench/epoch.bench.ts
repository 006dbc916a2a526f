/**
 * npm run bench:epoch — median wall time of one full epoch at three sizes, with a digest of
 * the outputs so a faster implementation can be seen to compute the same bits.
 */
import { createHash } from "node:crypto";
import { type EpochOutput, runEpoch } from "@/lib/chain/consensus/epoch";
import { u16MatrixEntries, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { benchFixtures } from "./epoch-fixtures";

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
