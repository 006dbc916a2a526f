#!/usr/bin/env node
/**
 * Runs the Prisma CLI for one or both schemas without Prisma's downloaded engines.
 *
 * The clients are generated with `engineType = "client"` (the JS query compiler and a driver
 * adapter), which needs no engine binary; the 6.19 CLI still looks for its own query-engine
 * library before running and tries to download it, which fails offline. Pointing
 * PRISMA_QUERY_ENGINE_LIBRARY at an existing file satisfies that check; the CLI never loads it.
 *
 *   node scripts/prisma.mjs generate            both clients (run by `npm install`)
 *   node scripts/prisma.mjs sqlite <args...>    the Prisma CLI on the SQLite schema
 *   node scripts/prisma.mjs postgres <args...>  the Prisma CLI on the PostgreSQL schema
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, "package.json"), PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const configs = { sqlite: path.join(root, "prisma.config.ts"), postgres: path.join(root, "prisma", "postgres", "prisma.config.ts") };
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");

function run(schema, args) {
  const r = spawnSync(process.execPath, [cli, ...args, "--config", configs[schema]], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const [command, ...rest] = process.argv.slice(2);
if (command === "generate") {
  run("sqlite", ["generate"]);
  run("postgres", ["generate"]);
} else if (command === "sqlite" || command === "postgres") {
  run(command, rest);
} else {
  console.error("usage: node scripts/prisma.mjs generate | sqlite <prisma args...> | postgres <prisma args...>");
  process.exit(2);
}
