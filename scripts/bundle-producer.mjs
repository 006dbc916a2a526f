#!/usr/bin/env node
/**
 * Bundles the block producer (lib/server/producer-worker.ts and what it imports from lib/) into one
 * ES module for the server's worker thread. Next.js bundles the pages and routes but not a
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

/** Write the producer bundle to `outfile` (relative to `root`); throws with esbuild's errors. */
export function bundleProducer({ root = ROOT, outfile = PRODUCER_BUNDLE } = {}) {
  buildSync({
    absWorkingDir: root,
    entryPoints: ["lib/server/producer-worker.ts"],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    logLevel: "error",
    tsconfig: "tsconfig.json",
  });
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
