/**
 * Prisma CLI configuration for the SQLite schema: the JS engine through the better-sqlite3
 * adapter, so no Prisma engine binary is downloaded. The PostgreSQL schema has its own config
 * (prisma/postgres/prisma.config.ts).
 */
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/taoscope.db" });
  },
});
