/**
 * npm run node -- advance N     fast-forward N blocks into the database (the server may be stopped)
 * npm run node -- verify        replay the stored chain from genesis and check every state root
 *
 * Settings are the server's environment variables (DATABASE_URL, TAOSCOPE_*). Exit codes: 0 done,
 * 1 verify found a mismatch, 2 bad usage or settings.
 */
import { SqlChainStore } from "@/lib/db/store";
import { ConfigError, loadConfig } from "@/lib/node/config";
import { ChainNode, type Progress, verifyChain } from "@/lib/node/node";

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  console.error("usage: npm run node -- advance N | verify");
  process.exit(2);
}

function bar(label: string, started: number) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (p: Progress) => {
    const now = performance.now();
    if (p.done !== p.total && now - last < (tty ? 200 : 5000)) return;
    last = now;
    const rate = p.done / ((now - started) / 1000);
    const eta = rate > 0 ? (p.total - p.done) / rate : 0;
    const width = 30;
    const filled = Math.round((p.done / p.total) * width);
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total} · head ${p.head} · ${rate.toFixed(1)} blocks/s · ETA ${formatSeconds(eta)}`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    if (tty && p.done === p.total) process.stderr.write("\n");
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${s.toFixed(0)}s`;
}

async function main() {
  const [command, count, ...extra] = process.argv.slice(2);
  if (command !== "advance" && command !== "verify") usage(command ? `unknown command ${JSON.stringify(command)}` : undefined);
  if (extra.length) usage(`unexpected arguments: ${extra.join(" ")}`);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) usage(e.message);
    throw e;
  }
  const n = Number(count);
  if (command === "advance" && (!Number.isInteger(n) || n < 1)) usage(`advance needs a positive whole number of blocks, got ${JSON.stringify(count ?? "")}`);
  if (command === "verify" && count !== undefined) usage("verify takes no arguments");
  const store = await SqlChainStore.open(config.database);
  try {
    if (command === "advance") {
      const node = await ChainNode.open(store, config);
      const from = node.head;
      const started = performance.now();
      const head = await node.advance(n, bar("advance", started));
      const seconds = (performance.now() - started) / 1000;
      console.log(`advanced ${n} blocks: ${from} → ${head} in ${seconds.toFixed(1)} s (${(n / seconds).toFixed(1)} blocks/s)`);
    } else {
      const started = performance.now();
      const report = await verifyChain(store, bar("verify", started));
      if (report.mismatch) {
        console.error(`MISMATCH at block ${report.mismatch.block}: ${report.mismatch.message}`);
        console.error(`blocks 0..${report.blocks} verified before it`);
        process.exitCode = 1;
      } else {
        console.log(`verified blocks 0..${report.blocks}: every state root and hash matches a replay from genesis`);
      }
    }
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `error: ${e.message}` : e);
  process.exit(2);
});
