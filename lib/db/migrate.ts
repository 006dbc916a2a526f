/**
 * Applies the committed migrations (prisma/migrations for SQLite, prisma/postgres/migrations
 * for PostgreSQL; each written by `prisma migrate diff`) in name order, in one transaction,
 * recording what ran in `_taoscope_migrations`. Run on every start; a migration
 * already applied is skipped, one whose file changed since is refused.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "./sql";

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function migrationsDir(dialect: Sql["dialect"], root = process.cwd()): string {
  return dialect === "sqlite" ? path.join(root, "prisma", "migrations") : path.join(root, "prisma", "postgres", "migrations");
}

/** Advisory-lock key that serialises migrations across processes on PostgreSQL ("taomigr"). */
const MIGRATION_LOCK_KEY = "0x74616f6d696772";

export async function migrate(sql: Sql, dir = migrationsDir(sql.dialect)): Promise<string[]> {
  if (!fs.existsSync(dir)) throw new MigrationError(`no migrations folder at ${dir}`);
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  // One transaction for all of it (both databases run DDL transactionally); on PostgreSQL an
  // advisory lock makes concurrent starters wait for each other instead of racing.
  return sql.transaction(async (tx) => {
    if (tx.dialect === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(${BigInt(MIGRATION_LOCK_KEY)})`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS "_taoscope_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
    const applied = new Map((await tx.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_taoscope_migrations"`)).map((r) => [r.name, r.checksum]));
    const ran: string[] = [];
    for (const name of names) {
      const file = path.join(dir, name, "migration.sql");
      const text = fs.readFileSync(file, "utf8");
      const checksum = createHash("sha256").update(text).digest("hex");
      const previous = applied.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new MigrationError(`migration ${name} was applied with different contents; restore ${file} as it was`);
        continue;
      }
      await tx.exec(text);
      await tx.run(`INSERT INTO "_taoscope_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`, [name, checksum, new Date().toISOString()]);
      ran.push(name);
    }
    return ran;
  });
}
