/**
 * The Prisma client for reads, on SQLite (better-sqlite3 adapter) or PostgreSQL (pg adapter).
 * The two generated clients share one model API; reads are typed against the SQLite one.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import type { DatabaseTarget } from "./url";

export type ReadClient = InstanceType<typeof SqliteClient>;

export function createReadClient(target: DatabaseTarget): ReadClient {
  if (target.kind === "sqlite") return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as ReadClient;
}
