#!/usr/bin/env node
/**
 * First-load JavaScript per page route of the production build in `.next`, gzipped.
 *
 *   node scripts/bundle-size.mjs                 print every route's first-load JS
 *   node scripts/bundle-size.mjs 250             ... and exit 1 if a route exceeds 250 kB
 *   node scripts/bundle-size.mjs --budget 250 --json
 *
 * What a route loads first (Next 16, app router, Turbopack or webpack):
 *   - `build-manifest.json` `rootMainFiles`: the runtime every app page loads;
 *   - the route's client reference manifest (`.next/server/app/<route>/page_client-reference-manifest.js`)
 *     `entryJSFiles`: the chunks of its layouts, page and boundaries (error, not-found), which the
 *     server writes as `<script async>` tags into the page's HTML.
 * `polyfillFiles` are left out: they are `<script noModule>`, which modern browsers skip.
 * Each file is gzipped on its own (zlib.gzipSync, default level) as a server would send it;
 * a file shared by the runtime and the page counts once. 1 kB = 1000 bytes.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

/** Parse `[budgetKb] [--budget N] [--json] [--dir .next]`. */
function parseArgs(argv) {
  const out = { budget: null, json: false, dir: ".next" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") out.json = true;
    else if (a === "--budget") out.budget = Number(argv[++i]);
    else if (a === "--dir") out.dir = argv[++i];
    else if (/^\d+(\.\d+)?$/.test(a)) out.budget = Number(a);
    else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: bundle-size.mjs [budgetKb] [--budget N] [--json] [--dir .next])`);
  }
  if (out.budget !== null && !(out.budget > 0)) throw new Error("the budget must be a positive number of kB");
  return out;
}

/** The client reference manifest of app entry `entry` (e.g. "/blocks/[number]/page"), or null. */
function readClientManifest(dir, entry) {
  const file = path.join(dir, "server", "app", `${entry}_client-reference-manifest.js`);
  if (!fs.existsSync(file)) return null;
  const sandbox = { globalThis: {} };
  sandbox.self = sandbox.globalThis;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  const all = sandbox.globalThis.__RSC_MANIFEST ?? {};
  return all[entry] ?? Object.values(all)[0] ?? null;
}

/**
 * Every page route of the build with its first-load files and their gzipped size:
 * `[{ route, entry, files: [{ file, bytes, gzip }], gzip }]`, sorted by route.
 */
export function measure(dir = ".next") {
  const build = JSON.parse(fs.readFileSync(path.join(dir, "build-manifest.json"), "utf8"));
  const routesByEntry = JSON.parse(fs.readFileSync(path.join(dir, "app-path-routes-manifest.json"), "utf8"));
  const root = build.rootMainFiles ?? [];
  const cache = new Map();
  const size = (file) => {
    if (!cache.has(file)) {
      const buf = fs.readFileSync(path.join(dir, file.replace(/^\/?_next\//, "")));
      cache.set(file, { file, bytes: buf.length, gzip: zlib.gzipSync(buf).length });
    }
    return cache.get(file);
  };
  const result = [];
  for (const [entry, route] of Object.entries(routesByEntry)) {
    if (!entry.endsWith("/page")) continue; // route handlers (API) send no JS
    const manifest = readClientManifest(dir, entry);
    if (!manifest) throw new Error(`no client reference manifest for ${entry} in ${dir}/server/app`);
    const files = new Set(root.map((f) => f.replace(/^\//, "")));
    for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f.replace(/^\//, ""));
    const measured = [...files].filter((f) => f.endsWith(".js")).sort().map(size);
    result.push({ route, entry, files: measured, gzip: measured.reduce((s, f) => s + f.gzip, 0) });
  }
  return result.sort((a, b) => a.route.localeCompare(b.route));
}

const kb = (bytes) => (bytes / 1000).toFixed(1);

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(args.dir, "build-manifest.json"))) {
    console.error(`no production build in ${args.dir} (run \`next build\` first)`);
    process.exit(2);
  }
  const routes = measure(args.dir);
  const over = args.budget === null ? [] : routes.filter((r) => r.gzip > args.budget * 1000);
  if (args.json) {
    console.log(JSON.stringify({ budgetKb: args.budget, routes: routes.map((r) => ({ route: r.route, gzip: r.gzip, files: r.files })), over: over.map((r) => r.route) }, null, 2));
  } else {
    const width = Math.max(...routes.map((r) => r.route.length), 5);
    console.log(`${"route".padEnd(width)}  first-load JS (gzip)`);
    for (const r of routes) console.log(`${r.route.padEnd(width)}  ${kb(r.gzip).padStart(7)} kB${over.includes(r) ? `  over the ${args.budget} kB budget` : ""}`);
    if (args.budget !== null) console.log(over.length ? `${over.length} route(s) over ${args.budget} kB` : `every route is within ${args.budget} kB`);
  }
  process.exit(over.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
