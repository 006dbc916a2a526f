/**
 * The OpenAPI document against the running build: every route file under app/api is documented;
 * every documented route answers its documented success status with a body valid against the
 * documented schema (checked by Ajv, a JSON Schema validator independent of zod); every
 * documented 404 answers the Error shape; every constrained query parameter refuses a malformed
 * value with a 400 naming it. The API page lists every operation.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { launchBrowser, screenshot, startServer, type TestServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
const BLOCKS = 30;

interface Operation {
  operationId: string;
  parameters?: { name: string; in: "path" | "query"; required: boolean; schema: { pattern?: string; enum?: string[] } }[];
  requestBody?: unknown;
  responses: Record<string, { content?: { "application/json": { schema: { $ref: string } } } }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let server: TestServer;
let browser: Browser;
let doc: Doc;
let validate: (ref: string, body: unknown) => string | null;
/** A pending extrinsic's hash (a future nonce waits in the mempool), for /api/mempool/{hash}. */
let pendingHash = "";
let genesisHash = "";
/** An included extrinsic's id, for /api/extrinsics/{id}. */
let extrinsicId = "";

/** Route files that are not part of the public API: the JSON 404 catch-all, test mode's clock, the document itself. */
const UNDOCUMENTED = new Set(["/api/{path}", "/api/test/advance", "/api/openapi.json"]);

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(BLOCKS)).toBe(String(BLOCKS));
  const r = await server.get<Doc>("/api/openapi.json");
  expect(r.status).toBe(200);
  doc = r.body;
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  ajv.addSchema({ $id: "taoscope:openapi", components: doc.components });
  validate = (ref, body) => {
    const v = ajv.getSchema(`taoscope:openapi${ref}`);
    if (!v) throw new Error(`no schema ${ref}`);
    return v(body) ? null : ajv.errorsText(v.errors, { dataVar: "body" });
  };
  genesisHash = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  const included: string[] = [];
  for (let n = BLOCKS; n > 0 && included.length === 0; n--) included.push(...(await server.get<{ extrinsics: { id: string }[] }>(`/api/blocks/${n}`)).body.extrinsics.map((x) => x.id));
  expect(included.length).toBeGreaterThan(0); // the simulated traffic has signed something by now
  extrinsicId = included[0]!;
  const future = signExtrinsic(keypairFromUri("//Ferdie"), { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Eve").address, value: "1000000000" } }, 7, genesisHash);
  const posted = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(future) });
  expect(posted.status).toBe(202);
  pendingHash = ((await posted.json()) as { hash: string }).hash;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every app/api/**\/route.ts as an OpenAPI path: [netuid] → {netuid}, [...path] → {path}. */
function routeFiles(dir = path.resolve("app/api"), prefix = "/api"): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const seg = entry.name.replace(/^\[\[?\.\.\.(\w+)\]\]?$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}");
    const sub = path.join(dir, entry.name);
    if (fs.existsSync(path.join(sub, "route.ts"))) out.push(`${prefix}/${seg}`);
    out.push(...routeFiles(sub, `${prefix}/${seg}`));
  }
  return out;
}

/** Concrete values for path parameters on the seeded chain: known to exist, or (for 404s) known not to. */
const EXISTING: Record<string, () => string> = { number: () => "1", netuid: () => "1", epoch: () => "1", uid: () => "0", hash: () => pendingHash, id: () => extrinsicId, address: () => keypairFromUri("//Alice").address };
const MISSING: Record<string, string> = { number: "99999999", netuid: "99", epoch: "99999", uid: "9999", hash: `0x${"ab".repeat(32)}`, id: "99999999-0000", address: keypairFromUri("//NeverSeenOnThisChain").address };
/** Values for required query parameters. */
const REQUIRED_QUERY: Record<string, string> = { q: "1" };
const fill = (p: string, values: (name: string) => string) => p.replace(/\{(\w+)\}/g, (_, name: string) => values(name));

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every API route file", () => {
    expect(doc.openapi).toBe("3.1.0");
    const files = routeFiles().filter((p) => !UNDOCUMENTED.has(p));
    expect(files.length).toBeGreaterThan(15);
    expect(Object.keys(doc.paths).sort()).toEqual(expect.arrayContaining(files.sort()));
    for (const p of files) expect(doc.paths[p], p).toBeDefined();
  });

  it("every documented GET answers its documented status with a body of the documented schema", async () => {
    let checked = 0;
    for (const [p, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      if (!op) continue;
      const required = (op.parameters ?? []).filter((x) => x.in === "query" && x.required).map((x) => `${x.name}=${REQUIRED_QUERY[x.name]}`);
      const url = fill(p, (name) => EXISTING[name]!()) + (required.length ? `?${required.join("&")}` : "");
      const [status, response] = Object.entries(op.responses).find(([s]) => s.startsWith("2"))!;
      const r = await server.get(url);
      expect(r.status, `${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(Number(status));
      expect(validate(response.content!["application/json"].schema.$ref, r.body), url).toBeNull();
      checked++;
    }
    expect(checked).toBe(Object.values(doc.paths).filter((m) => m.get).length);
  });

  it("POST /api/extrinsics answers 202 with the documented body for a signed extrinsic, and a 400 naming the field for a bad one", async () => {
    const op = doc.paths["/api/extrinsics"]!.post!;
    const ext = signExtrinsic(keypairFromUri("//Alice"), { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Bob").address, value: "2500000000" } }, 0, genesisHash);
    const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(ext) });
    expect(r.status).toBe(202);
    expect(validate(op.responses["202"]!.content!["application/json"].schema.$ref, await r.json())).toBeNull();
    for (const [field, value, message] of [
      ["nonce", -1, 'the extrinsic\'s "nonce" must be a non-negative integer, got -1'],
      ["nonce", "0", 'the extrinsic\'s "nonce" must be a non-negative integer, got "0"'],
      ["signature", "0x12", 'the extrinsic\'s "signature" must be a 0x-hex 64-byte sr25519 signature, got "0x12"'],
      ["args", [], 'the extrinsic\'s "args" must be an object of named arguments, got []'],
      ["call", undefined, 'the extrinsic has no "call"'],
    ] as const) {
      const bad = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify({ ...ext, [field]: value }) });
      expect(bad.status, field).toBe(400);
      const body = await bad.json();
      expect(body).toEqual({ error: message });
      expect(validate("#/components/schemas/Error", body)).toBeNull();
    }
  });

  it("every documented 404 answers the Error shape", async () => {
    let checked = 0;
    for (const [p, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      if (!op?.responses["404"]) continue;
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      // Make one segment unknown at a time (the others exist), so each documented 404 cause is reached.
      for (const missing of names) {
        const url = fill(p, (name) => (name === missing ? MISSING[name]! : EXISTING[name]!()));
        const r = await server.get(url);
        expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(404);
        expect(validate("#/components/schemas/Error", r.body), url).toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it("every constrained query parameter refuses a malformed value with a 400 naming it", async () => {
    let checked = 0;
    for (const [p, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      for (const param of op?.parameters ?? []) {
        if (param.in !== "query" || (!param.schema.pattern && !param.schema.enum)) continue;
        const url = `${fill(p, (name) => EXISTING[name]!())}?${param.name}=not-valid`;
        const r = await server.get<{ error: string }>(url);
        expect(r.status, url).toBe(400);
        expect(r.body.error, url).toMatch(new RegExp(`^${param.name} .*, got "not-valid"$`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});

describe("the document on a server whose other routes loaded first", () => {
  it("is the same document (each server bundle's copy of the schemas keeps to its own registry)", async () => {
    const fresh = await startServer(settings);
    try {
      for (const [p, methods] of Object.entries(doc.paths)) if (methods.get && !p.includes("{")) expect((await fresh.get(p.replace("/api/search", "/api/search?q=1"))).status, p).toBeLessThan(500);
      for (const page of ["/", "/accounts", "/validators", "/api-docs"]) expect((await fresh.get(page)).status, page).toBe(200);
      const again = await fresh.get<Doc>("/api/openapi.json");
      expect(again.status).toBe(200);
      expect(again.body).toEqual(doc);
    } finally {
      await fresh.stop();
    }
  }, 120_000);
});

describe("the API page", () => {
  it("lists every documented operation and every schema", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.base}/api-docs`);
    const operations = Object.values(doc.paths).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(await page.getByTestId("api-operation").count()).toBe(operations);
    expect(await page.getByTestId("api-schema").count()).toBe(Object.keys(doc.components.schemas).length);
    expect(await page.locator("#getApiBlocksByNumber").innerText()).toContain("/api/blocks/{number}");
    await screenshot(page, "api-docs-1440");
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.base}/api-docs`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "api-docs-390");
    await page.close();
    await phone.close();
  });
});
