/**
 * Which database a `DATABASE_URL` names: a SQLite file (`file:path`, the default
 * `file:./data/taoscope.db`) or a PostgreSQL server (`postgresql://` or `postgres://`).
 */
import path from "node:path";

export type DatabaseTarget = { kind: "sqlite"; file: string; url: string } | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/taoscope.db";

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/** Parse `url` (relative SQLite paths resolve against `cwd`). */
export function databaseTarget(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const value = url === undefined || url.trim() === "" ? DEFAULT_DATABASE_URL : url.trim();
  if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
    let host = "";
    try {
      host = new URL(value).hostname;
    } catch {
      // reported below
    }
    if (host === "") throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL (postgresql://user@host:port/database): ${JSON.stringify(value)}`);
    return { kind: "postgres", url: value };
  }
  if (value.startsWith("file:")) {
    const file = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (file === "") throw new DatabaseUrlError("DATABASE_URL names no SQLite file: write file:./data/taoscope.db or file:/abs/path.db");
    const abs = path.resolve(cwd, file);
    return { kind: "sqlite", file: abs, url: `file:${abs}` };
  }
  throw new DatabaseUrlError(`DATABASE_URL must be file:<path> (SQLite) or postgresql://... (PostgreSQL), got ${JSON.stringify(value)}`);
}
