/**
 * npm run bench:node [-- --subnets 64 --uids 256 --validators 64 --blocks 20000 --reads 50 --keep FILE --sqlite-only | --postgres-only]
 *
 * Fast-forwards the bench:chain network with persistence, once on a SQLite file and once on a
 * fresh PostgreSQL database (TAOSCOPE_BENCH_PG_URL, default the local server; skipped with
 * --sqlite-only, and SQLite with --postgres-only). Prints engine and persistence time per
 * block, blocks per second, database bytes per block (by table and index on SQLite, by table
 * with its indexes and TOAST on PostgreSQL), and the median time of the home, block and
 * metagraph reads on the result. `--keep FILE` writes the SQLite database to FILE and leaves it
 * there, to look into.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { produceBlock } from "@/lib/chain/runtime/block";
import { createReadClient } from "@/lib/db/prisma";
import { getBlock, getHead, getMetagraph, listBlocks } from "@/lib/db/queries";
import { SqlChainStore } from "@/lib/db/store";
import { type DatabaseTarget, databaseTarget } from "@/lib/db/url";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { arg, benchNetwork } from "./bench-network";

await enableFastCrypto(); // the WASM sr25519 verifier, as the node uses
const SUBNETS = arg("subnets", 64);
const UIDS = arg("uids", 256);
const VALIDATORS = arg("validators", 64);
const BLOCKS = arg("blocks", 20_000);
const READS = arg("reads", 50);
const CHECKPOINT_EVERY = arg("checkpoint-every", 1000);
const PG_URL = process.env.TAOSCOPE_BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function run(label: string, target: DatabaseTarget, size: () => Promise<number>, breakdown?: () => { name: string; bytes: number }[] | Promise<{ name: string; bytes: number }[]>) {
  console.log(`\n[${label}]`);
  const net = benchNetwork(SUBNETS, UIDS, VALIDATORS);
  const store = await SqlChainStore.open(target);
  await store.commitGenesis(JSON.stringify({ bench: true, subnets: SUBNETS, uids: UIDS, validators: VALIDATORS }), net.genesis, net.state);
  let engine = 0;
  let persist = 0;
  const start = performance.now();
  let last = start;
  for (let b = 1; b <= BLOCKS; b++) {
    const exts = net.extrinsicsFor(b);
    const t0 = performance.now();
    const { block } = produceBlock(net.state, { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author: net.author, extrinsics: exts });
    const t1 = performance.now();
    await store.commitBlock(block, net.state, b % CHECKPOINT_EVERY === 0);
    const t2 = performance.now();
    engine += t1 - t0;
    persist += t2 - t1;
    if (t2 - last > 10_000) {
      last = t2;
      console.log(`  block ${b}: ${(b / ((t2 - start) / 1000)).toFixed(1)} blocks/s so far`);
    }
  }
  const wall = (performance.now() - start) / 1000;
  if (target.kind === "sqlite") await store.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)"); // count the database, not the write-ahead log
  const bytes = await size();
  console.log(`blocks/s with persistence (engine + writes, signing excluded): ${(BLOCKS / ((engine + persist) / 1000)).toFixed(1)}; wall ${(BLOCKS / wall).toFixed(1)}`);
  console.log(`engine ${(engine / BLOCKS).toFixed(2)} ms/block, persistence ${(persist / BLOCKS).toFixed(2)} ms/block (${((persist / engine) * 100).toFixed(0)}% of the engine's time; target < 50%)`);
  console.log(`database: ${(bytes / 2 ** 20).toFixed(1)} MiB, ${(bytes / BLOCKS / 1024).toFixed(1)} KiB per block`);
  await store.close();
  if (breakdown) {
    const parts = await breakdown();
    console.log(`by table and index (KiB per block): ${parts.map((p) => `${p.name} ${(p.bytes / BLOCKS / 1024).toFixed(1)}`).join(", ")}`);
  }

  const read = createReadClient(target);
  const mid = BigInt(Math.floor(BLOCKS / 2));
  const home = await timed(READS, () => Promise.all([getHead(read), listBlocks(read, { limit: 12 })]));
  const block = await timed(READS, () => getBlock(read, mid));
  const metagraph = await timed(READS, () => getMetagraph(read, 1));
  console.log(`median read at ${BLOCKS} blocks: home ${home.toFixed(2)} ms, block ${block.toFixed(2)} ms, metagraph (${UIDS} uids) ${metagraph.toFixed(2)} ms (target < 20 ms)`);
  await read.$disconnect();
}

console.log(`bench:node: mainnet preset, ${SUBNETS} subnets × ${UIDS} uids, ${VALIDATORS} validators on each, ${BLOCKS} blocks, checkpoint every ${CHECKPOINT_EVERY}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-bench-"));
const keepAt = process.argv.indexOf("--keep");
try {
  const file = keepAt > 0 && process.argv[keepAt + 1] ? path.resolve(process.argv[keepAt + 1]!) : path.join(dir, "bench.db");
  if (fs.existsSync(file)) throw new Error(`--keep ${file}: the file exists; name a new one`);
  if (!process.argv.includes("--postgres-only")) {
    await run(
      "SQLite",
      databaseTarget(`file:${file}`),
      async () => ["", "-wal"].reduce((a, s) => a + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0),
      // SQLite's dbstat: the pages of each table and index, the largest first (those over 1%).
      () => {
        const db = new Database(file, { readonly: true });
        try {
          const rows = db.prepare(`SELECT "name", SUM("pgsize") AS "bytes" FROM "dbstat" GROUP BY "name" ORDER BY "bytes" DESC`).all() as { name: string; bytes: number }[];
          const total = rows.reduce((a, r) => a + r.bytes, 0);
          return rows.filter((r) => r.bytes >= total / 100);
        } finally {
          db.close();
        }
      },
    );
  }
  if (!process.argv.includes("--sqlite-only")) {
    const name = `taoscope_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    try {
      const db = new pg.Client({ connectionString: url.toString() });
      await run(
        "PostgreSQL",
        databaseTarget(url.toString()),
        async () => Number((await admin.query(`SELECT pg_database_size($1) AS n`, [name])).rows[0].n),
        // Each table with its indexes and TOAST (pg_total_relation_size), the largest first (those over 1%).
        async () => {
          await db.connect();
          try {
            const rows = (await db.query(`SELECT c.relname AS name, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY bytes DESC`)).rows as { name: string; bytes: number }[];
            const total = rows.reduce((a, r) => a + r.bytes, 0);
            return rows.filter((r) => r.bytes >= total / 100);
          } finally {
            await db.end();
          }
        },
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
