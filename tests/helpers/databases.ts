/**
 * Real databases for tests: a SQLite file in a fresh temporary folder, and a fresh database on
 * the local PostgreSQL server (created here, dropped by the returned cleanup).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type DatabaseTarget, databaseTarget } from "@/lib/db/url";

export const PG_ADMIN_URL = process.env.TAOSCOPE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function tempSqlite(): { target: DatabaseTarget; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-test-"));
  return { target: databaseTarget(`file:${path.join(dir, "chain.db")}`), dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;

export async function tempPostgres(): Promise<{ target: DatabaseTarget; url: string; cleanup: () => Promise<void> }> {
  const name = `taoscope_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: databaseTarget(url.toString()),
    url: url.toString(),
    async cleanup() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
