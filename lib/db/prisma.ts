/**
 * The Prisma client for reads, on SQLite (better-sqlite3 adapter) or PostgreSQL (pg adapter).
 * The two generated clients share one model API; reads are typed against the SQLite one. It
 * carries a plain read connection, `sql`, for the queries that return many rows (lib/db/sql.ts
 * says why); `$disconnect` closes both.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { type Sql, openReadSql } from "./sql";
import type { DatabaseTarget } from "./url";

export type ReadClient = InstanceType<typeof SqliteClient> & { readonly sql: Sql };

export function createReadClient(target: DatabaseTarget): ReadClient {
  const client =
    target.kind === "sqlite"
      ? new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as InstanceType<typeof SqliteClient>);
  return withReadSql(client, target);
}

/** `client` with a read connection to the same database beside it (for a client built with other options). */
export function withReadSql(client: InstanceType<typeof SqliteClient>, target: DatabaseTarget): ReadClient {
  const sql = openReadSql(target);
  const disconnect = client.$disconnect.bind(client);
  return Object.assign(client, {
    sql,
    $disconnect: async () => {
      await Promise.all([disconnect(), sql.close()]);
    },
  });
}
