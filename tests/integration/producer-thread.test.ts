/**
 * The block producer runs in a worker thread of the server process (lib/server/producer.ts): it
 * produces and commits blocks on its own, reports its head to the main thread, stops cleanly on
 * SIGTERM (the last block committed, the database closed), and a restart resumes from the stored
 * head. Without its bundle the instance says which file is missing instead of serving a chain
 * that never grows.
 */
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { tempSqlite } from "../helpers/databases";
import { startInstanceProcess, stopAll, until } from "../helpers/instances";

const db = tempSqlite();
afterAll(() => {
  stopAll();
  db.cleanup();
});
const file = db.target.kind === "sqlite" ? db.target.file : "";
const settings = { DATABASE_URL: `file:${file}`, BLOCK_TIME_MS: "100", TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "5", TAOSCOPE_HISTORY_BLOCKS: "0" };

function storedHead(): number {
  const sql = new Database(file, { readonly: true });
  try {
    return Number((sql.prepare(`SELECT MAX("number") AS n FROM "Block"`).get() as { n: number | bigint }).n);
  } finally {
    sql.close();
  }
}

it("reports an error naming the missing producer bundle", async () => {
  const missing = tempSqlite();
  try {
    const p = await startInstanceProcess({ ...settings, DATABASE_URL: `file:${missing.dir}/chain.db`, TAOSCOPE_PRODUCER_BUNDLE: "/nonexistent/taoscope-producer.mjs" });
    await until("a status line", () => p.last() !== null);
    expect(p.last()).toMatchObject({ producing: false, head: null, status: "error" });
    expect(p.last()!.error).toBe("the block producer's bundle /nonexistent/taoscope-producer.mjs is missing: build with `npm run build` (or start with `npm start`, which builds)");
    p.proc.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  } finally {
    missing.cleanup();
  }
}, 60_000);

it("produces on its thread, stops on SIGTERM with every reported block stored, and resumes from the stored head", async () => {
  const first = await startInstanceProcess(settings);
  await until("five blocks", () => Number(first.last()?.head ?? 0) >= 5);
  expect(first.last()).toMatchObject({ producing: true, status: "ok", error: null });
  first.proc.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  const lastReported = Number(first.last()!.head);
  const stored = storedHead();
  // The main thread's head is the producer's last report; a block in flight is committed before the thread ends.
  expect(stored).toBeGreaterThanOrEqual(lastReported);
  expect(stored).toBeLessThanOrEqual(lastReported + 1);

  const second = await startInstanceProcess(settings);
  await until("the restarted producer", () => second.last()?.producing === true);
  expect(Number(second.last()!.head)).toBeGreaterThanOrEqual(stored);
  await until("new blocks after the restart", () => Number(second.last()!.head) >= stored + 3);
  second.proc.kill("SIGTERM");
  expect(await second.exited).toBe(0);
  const sql = new Database(file, { readonly: true });
  const rows = (sql.prepare(`SELECT "number" FROM "Block" ORDER BY "number"`).all() as { number: number | bigint }[]).map((r) => Number(r.number));
  sql.close();
  expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i)); // no gap, no duplicate
}, 90_000);
