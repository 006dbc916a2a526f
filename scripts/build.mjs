#!/usr/bin/env node
/**
 * Builds the explorer with `next build` only when the build is missing or older than the code
 * it was built from, so `npm start` and the browser tests do not spend a minute rebuilding an
 * unchanged tree. Concurrent callers (vitest runs test files in parallel processes) take a lock
 * directory: one builds, the others wait for it and reuse the result.
 *
 *   node scripts/build.mjs            build if stale, say which
 *   node scripts/build.mjs --check    exit 0 if the build is current, 1 if stale
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PRODUCER_BUNDLE, bundleProducer } from "./bundle-producer.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
/** What a build depends on: sources, styles, config and the locked dependencies. */
const INPUTS = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) if (!SKIP.has(e)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/**
 * The time the current build started reading its sources, written once it succeeds: sources
 * are compared with that moment, not with when the build finished, so a file saved while
 * `next build` runs makes the next check stale instead of being missed.
 */
const STAMP = path.join(".next", "taoscope-build-started");

/** Why the build must be redone, or null when `.next` is current. */
export function staleReason(root = ROOT) {
  const id = path.join(root, ".next", "BUILD_ID");
  const stamp = path.join(root, STAMP);
  if (!fs.existsSync(id) || !fs.existsSync(stamp)) return "no build yet";
  if (!fs.existsSync(path.join(root, PRODUCER_BUNDLE))) return "the block producer is not bundled";
  const built = Number(fs.readFileSync(stamp, "utf8"));
  for (const input of INPUTS) if (newestMtime(path.join(root, input)) > built) return `${input} changed since the last build`;
  return null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Run `next build` if the build is stale; returns what was done. `quiet` hides the build's own
 * output (the tests use it); a failed build throws with its output.
 */
export function buildIfStale({ root = ROOT, quiet = false, log = console.log } = {}) {
  const lock = path.join(root, ".next-build.lock");
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A lock older than 15 minutes was left by a killed build.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      sleep(500);
    }
  }
  try {
    const reason = staleReason(root);
    if (reason === null) {
      log("taoscope: the build is current; not rebuilding");
      return "current";
    }
    log(`taoscope: building (${reason})`);
    const started = Date.now();
    fs.rmSync(path.join(root, STAMP), { force: true });
    const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: quiet ? "pipe" : "inherit",
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})${quiet ? `:\n${r.stdout}\n${r.stderr}` : ""}`);
    bundleProducer({ root });
    fs.writeFileSync(path.join(root, STAMP), String(started));
    return "built";
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--check")) {
    const reason = staleReason();
    console.log(reason === null ? "the build is current" : `stale: ${reason}`);
    process.exit(reason === null ? 0 : 1);
  }
  try {
    buildIfStale();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
