#!/usr/bin/env node
/**
 * Bundles the block producer (lib/server/producer-worker.ts and what it imports from lib/) into one
 * ES module for the server's worker thread, and the signature pool's worker (lib/node/verify-worker.ts)
 * into another beside it (`<bundle>.verify-worker.mjs`). Next.js bundles the pages and routes but not a
 * worker's entry, so this runs after `next build` (scripts/build.mjs). Packages stay external and
 * resolve from node_modules at run time (the native SQLite binding, pg, Prisma's runtime).
 *
 *   node scripts/bundle-producer.mjs [OUTFILE]    default .next/taoscope-producer.mjs
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
export const PRODUCER_BUNDLE = path.join(".next", "taoscope-producer.mjs");

/** The signature pool's worker beside a producer bundle: lib/node/verify-pool.ts looks for it there. */
export const verifyWorkerBundle = (outfile) => outfile.replace(/\.m?js$/, "") + ".verify-worker.mjs";

/**
 * Write the producer bundle to `outfile` (relative to `root`), and the signature pool's worker
 * (lib/node/verify-worker.ts) beside it; throws with esbuild's errors.
 */
export function bundleProducer({ root = ROOT, outfile = PRODUCER_BUNDLE } = {}) {
  const options = {
    absWorkingDir: root,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    logLevel: "error",
    tsconfig: "tsconfig.json",
  };
  buildSync({ ...options, entryPoints: ["lib/node/verify-worker.ts"], outfile: verifyWorkerBundle(outfile) });
  buildSync({ ...options, entryPoints: ["lib/server/producer-worker.ts"], outfile });
  return path.resolve(root, outfile);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    console.log(`taoscope: producer bundled to ${path.relative(process.cwd(), bundleProducer({ outfile: process.argv[2] }))}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
