/**
 * A small SQL connection over better-sqlite3 or pg, for the write path (batched multi-row
 * statements in one transaction), migrations, and the read queries that return many rows
 * (`openReadSql`; every other read goes through Prisma, lib/db/queries.ts).
 *
 * Statements are written once with `?` placeholders; PostgreSQL gets `$1, $2, ...`. Parameters
 * are normalised per driver: booleans become 0/1 for SQLite, bigints become decimal text for pg.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./url";

/** Buffers are BLOB on SQLite, bytea on PostgreSQL (both drivers read them back as Buffers). */
export type Param = string | number | bigint | boolean | null | Buffer;

export interface Sql {
  readonly dialect: "sqlite" | "postgres";
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  run(sql: string, params?: readonly Param[]): Promise<void>;
  query<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Run `fn` in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Column values as the read connection gives them, normalised: SQLite returns every integer as a
 * bigint (booleans as 0n/1n), pg returns INTEGER as a number and BIGINT as a bigint.
 */
export const num = (v: unknown): number => Number(v);
export const big = (v: unknown): bigint => BigInt(v as bigint | number | string);
export const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n;

function toPg(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/**
 * Statements sent as named prepared statements, so PostgreSQL parses and plans each shape once
 * per connection (multi-row upserts repeat a few shapes with thousands of parameters).
 */
const pgStatements = new Map<string, { name: string; text: string }>();
function pgStatement(sql: string): { name: string; text: string } {
  let st = pgStatements.get(sql);
  if (!st) {
    st = { name: `taoscope_${pgStatements.size}`, text: toPg(sql) };
    pgStatements.set(sql, st);
  }
  return st;
}

/** Prepared statements kept per SQL text (multi-row inserts repeat the same few shapes). */
const STATEMENT_CACHE = 256;

class SqliteSql implements Sql {
  readonly dialect = "sqlite";
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}
  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, st);
    }
    return st;
  }
  private params(p: readonly Param[]) {
    return p.map((x) => (typeof x === "boolean" ? (x ? 1 : 0) : x));
  }
  async exec(sql: string) {
    this.db.exec(sql);
  }
  async run(sql: string, params: readonly Param[] = []) {
    this.prepare(sql).run(...this.params(params));
  }
  async query<T>(sql: string, params: readonly Param[] = []) {
    return this.prepare(sql).safeIntegers(true).all(...this.params(params)) as T[];
  }
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    // better-sqlite3 is synchronous, so nothing else runs on this connection meanwhile.
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn(this);
      this.db.exec("COMMIT");
      return result;
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }
  async close() {
    this.db.close();
  }
}

type PgQueryable = pg.Pool | pg.PoolClient;

class PgSql implements Sql {
  readonly dialect = "postgres";
  constructor(
    private readonly conn: PgQueryable,
    private readonly pool: pg.Pool | null,
  ) {}
  private params(p: readonly Param[]) {
    return p.map((x) => (typeof x === "bigint" ? x.toString() : x));
  }
  async exec(sql: string) {
    await this.conn.query(sql);
  }
  async run(sql: string, params: readonly Param[] = []) {
    await this.conn.query({ ...pgStatement(sql), values: this.params(params) });
  }
  async query<T>(sql: string, params: readonly Param[] = []) {
    return (await this.conn.query({ ...pgStatement(sql), values: this.params(params) })).rows as T[];
  }
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (!this.pool) return fn(this); // already inside one
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(new PgSql(client, null));
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
  async close() {
    await this.pool?.end();
  }
}

/** int8 columns come back as JS bigints, as from SQLite; set per pool, not globally (Prisma's pg adapter shares the module). */
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 20 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/**
 * A read connection, opened on its first query (the database may not exist yet when the server
 * starts). Prisma maps each row it returns field by field in JavaScript, which costs 5 to 20 times
 * what the driver does (measured on the validators list: 364 neuron rows in 25 ms through Prisma,
 * 1.1 ms through better-sqlite3), so reads of hundreds or thousands of rows come here. It never
 * writes: SQLite's connection only reads the WAL-mode file the producer writes.
 */
export function openReadSql(target: DatabaseTarget): Sql {
  let conn: Sql | null = null;
  const open = (): Sql => {
    if (conn) return conn;
    if (target.kind === "sqlite") {
      const db = new Database(target.file, { fileMustExist: true });
      db.pragma("busy_timeout = 5000");
      return (conn = new SqliteSql(db));
    }
    const pool = pgPool(target.url);
    return (conn = new PgSql(pool, pool));
  };
  const refuse = () => Promise.reject(new Error("the read connection does not write"));
  return {
    dialect: target.kind,
    exec: refuse,
    run: refuse,
    query: (sql, params) => open().query(sql, params),
    transaction: refuse,
    close: async () => {
      await conn?.close();
      conn = null;
    },
  };
}

/** Open a connection; a SQLite file (and its folder) is created on first use, in WAL mode. */
export function openSql(target: DatabaseTarget): Sql {
  if (target.kind === "sqlite") {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const db = new Database(target.file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("cache_size = -65536"); // 64 MiB of pages: index updates stay in memory
    // Checkpoint the WAL every ~80 MiB rather than every 4: pages rewritten each block (subnets,
    // counters) are copied into the database once per checkpoint instead of every few blocks.
    db.pragma("wal_autocheckpoint = 20000");
    return new SqliteSql(db);
  }
  const pool = pgPool(target.url);
  return new PgSql(pool, pool);
}

/**
 * A pool of up to four connections. A connection can be lost while no query runs on it (the
 * server restarted, or dropped the database while the pool was closing): pg then emits an
 * `error` event, on the pool for an idle connection and on the connection itself while it
 * closes, and an `error` event nobody listens to ends the process. The pool has already
 * discarded that connection and a query's own failure reaches its caller, so these events are
 * only reported, a line each, unless the pool is closing anyway.
 */
class PgPool extends pg.Pool {
  private closing = false;
  constructor(url: string) {
    super({ connectionString: url, max: 4, types: pgTypes });
    const lost = (e: Error) => {
      if (!this.closing) console.warn(`taoscope: a PostgreSQL connection was lost while idle (${e.message}); the next query opens another`);
    };
    this.on("error", lost);
    this.on("connect", (client) => client.on("error", lost));
  }
  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    this.closing = true;
    return callback ? super.end(callback) : super.end();
  }
}

const pgPool = (url: string): pg.Pool => new PgPool(url);
