/**
 * npm run bench:reads [-- --subnets 8 --uids 256 --blocks 400 --paths /api/head,/api/subnets/1/metagraph]
 *
 * How long reads wait while the node produces blocks. Starts `next start` of the production build
 * (test mode, a fresh SQLite file, the `mainnet` preset with its synthetic traffic), fast-forwards
 * `--blocks` blocks with POST /api/test/advance, and meanwhile requests each path in turn, one at a
 * time, timing each answer (sending to last byte, loopback). Prints p50/p95/p99/max per path and
 * the production rate over the same interval, so a read that queued behind a block (or a whole
 * fast-forward) shows as a tail near the block time.
 */
import { startServer } from "../tests/helpers/server";
import { arg } from "./bench-network";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const subnets = arg("subnets", 8);
const uids = arg("uids", 256);
const blocks = arg("blocks", 400);
const paths = flag("paths", "/api/head,/api/subnets/1/metagraph").split(",");

const server = await startServer({ TAOSCOPE_PRESET: "mainnet", TAOSCOPE_SUBNETS: String(subnets), TAOSCOPE_UIDS: String(uids), TAOSCOPE_SEED: "7" });
try {
  for (const p of paths) await server.get(p); // warm the routes
  const times = new Map(paths.map((p) => [p, [] as number[]]));
  let done = false;
  const t0 = performance.now();
  const advance = server.advance(blocks).finally(() => (done = true));
  while (!done) {
    for (const p of paths) {
      const s = performance.now();
      const r = await fetch(`${server.base}${p}`);
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}`);
      times.get(p)!.push(performance.now() - s);
    }
  }
  await advance;
  const secs = (performance.now() - t0) / 1000;
  console.log(`network: mainnet preset, ${subnets} subnets × ${uids} uids; ${blocks} blocks in ${secs.toFixed(1)} s (${(blocks / secs).toFixed(1)} blocks/s, ${((1000 * secs) / blocks).toFixed(1)} ms a block)`);
  console.log(`${"path".padEnd(32)} ${"n".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)}`);
  for (const [p, t] of times) {
    t.sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(1).padStart(8);
    console.log(`${p.padEnd(32)} ${String(t.length).padStart(6)} ${f(quantile(t, 0.5))} ${f(quantile(t, 0.95))} ${f(quantile(t, 0.99))} ${f(t.at(-1)!)}`);
  }
} finally {
  await server.stop();
}
