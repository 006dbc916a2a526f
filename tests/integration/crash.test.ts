/**
 * Crash safety: `npm run node -- advance` is killed with SIGKILL at seeded random moments (ten
 * times) while it fast-forwards into a SQLite file, restarted each time, then run to the target.
 * The stored chain must have every block exactly once and end with the state root of an
 * uninterrupted run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { createRng } from "@/lib/chain/rng";
import { stateRoot } from "@/lib/chain/runtime/state";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const TARGET = 90;
const KILLS = 10;
const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "4", TAOSCOPE_SEED: "9" };

const temps = [tempSqlite(), tempSqlite()];
afterAll(() => temps.forEach((t) => t.cleanup()));

function advance(dbFile: string, n: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/node.ts", "advance", String(n)], { env: { ...process.env, ...settings, DATABASE_URL: `file:${dbFile}` }, stdio: "ignore" });
}

function storedHead(dbFile: string): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT MAX("number") AS n FROM "Block"`).get() as { n: number | null } | undefined;
      return row?.n ?? -1;
    } finally {
      db.close();
    }
  } catch {
    return -1; // not created yet
  }
}

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve(p.exitCode) : p.once("exit", (code) => resolve(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(
  "continues after SIGKILL at random moments with no gap, no duplicate and the uninterrupted state root",
  async () => {
    const file = temps[0]!.target.kind === "sqlite" ? temps[0]!.target.file : "";
    const rng = createRng(4242);
    let kills = 0;
    while (kills < KILLS) {
      const before = storedHead(file);
      const child = advance(file, TARGET);
      // Wait until it commits at least one block, then kill it a random moment later.
      const deadline = Date.now() + 60_000;
      while (storedHead(file) <= before && child.exitCode === null && Date.now() < deadline) await sleep(20);
      await sleep(rng.int(400));
      child.kill("SIGKILL");
      await exited(child);
      kills++;
    }
    const reached = storedHead(file);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(TARGET * KILLS); // it really was interrupted along the way
    if (reached < TARGET) {
      const last = advance(file, TARGET - reached);
      expect(await exited(last)).toBe(0);
    }

    const db = new Database(file, { readonly: true });
    const numbers = (db.prepare(`SELECT "number" AS n FROM "Block" ORDER BY "number"`).all() as { n: number }[]).map((r) => r.n);
    const head = db.prepare(`SELECT "stateRoot" AS root FROM "Block" WHERE "number" = ?`).get(TARGET) as { root: string } | undefined;
    const extrinsicIds = db.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT "id") AS d FROM "Extrinsic"`).get() as { n: number; d: number };
    db.close();
    expect(numbers.length).toBeGreaterThanOrEqual(TARGET + 1);
    expect(numbers.slice(0, TARGET + 1)).toEqual(Array.from({ length: TARGET + 1 }, (_, i) => i)); // no gap, no duplicate
    expect(extrinsicIds.n).toBe(extrinsicIds.d);

    // The same network run without interruption, in process.
    const target = temps[1]!.target;
    const store = await SqlChainStore.open(target);
    const node = await ChainNode.open(store, { ...loadConfig(settings), database: target });
    await node.advance(TARGET);
    expect(head?.root).toBe(stateRoot(node.chain));
    await store.close();
  },
  240_000,
);
