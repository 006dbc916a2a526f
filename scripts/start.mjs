#!/usr/bin/env node
/**
 * `npm start`: build only when the build is missing or stale (scripts/build.mjs, under its
 * lock), then `next start`. Arguments after `--` go to next start (`npm start -- -p 4000`);
 * PORT works as well. The embedded node prints what it does (instrumentation.ts and
 * lib/server/instance.ts): the database, a new genesis or the block it resumed from, history
 * progress, the block time and the URL.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfStale } from "./build.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

try {
  buildIfStale();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

const args = process.argv.slice(2);
const portArg = args.findIndex((a) => a === "-p" || a === "--port");
const port = portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? "3000");
console.log(`taoscope: starting the explorer and its node on http://localhost:${port}`);
const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", ...(portArg >= 0 ? [] : ["-p", port]), ...args], {
  cwd: ROOT,
  // The node logs the URL from PORT.
  env: { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
