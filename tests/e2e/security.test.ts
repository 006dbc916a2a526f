/**
 * Forged, replayed, truncated and wrongly signed extrinsics, and admin calls from the wrong
 * origin, through HTTP against the production build with real sr25519 signatures. Each case
 * asserts the exact error the API answers and that nothing changed: the head's hash and state
 * root, and the mempool (the refused extrinsic is not pending, and the next block does not hold
 * it). Admin calls from the wrong origin pass the signature and fee checks, so they are included
 * and fail with subtensor's `BadOrigin`, paying only their fee: there the subnet's
 * hyperparameters are what stays unchanged.
 *
 * Then, against a server outside test mode: no route but POST /api/extrinsics changes state.
 * Every route file exports only GET, except POST /api/extrinsics, POST /api/test/advance (404
 * outside test mode), POST /api/subnets/{netuid}/query (a read whose input is a body) and the
 * JSON 404 catch-all; every other method on every route path answers 404 or 405, and the head's
 * state root is the same after all of them.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { buildNetwork } from "@/lib/node/network";
import { expectedHash } from "../helpers/extrinsic-hash";
import { type TestServer, startServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "7", TAOSCOPE_ACTIVITY: "off" };
const BAD_PROOF = "extrinsic rejected (BadProof): the signature does not match the signer, call, nonce and genesis hash";

let server: TestServer;
let genesis = "";
let alice: Keypair;
let bob: Keypair;
let aliceNonce = 0;

beforeAll(async () => {
  server = await startServer(settings);
  genesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  alice = keypairFromUri("//Alice");
  bob = keypairFromUri("//Bob");
  // //Bob gets 10 τ to pay fees with: a key that is neither the sudo key nor a subnet owner.
  expect((await submit(transfer(alice, aliceNonce++, bob, "10000000000"))).status).toBe(202);
  await server.advance(1);
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

async function post(body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}
const submit = (ext: SignedExtrinsic) => post(JSON.stringify(ext));
const transfer = (from: Keypair, nonce: number, to: Keypair, value: string, onGenesis = genesis) => signExtrinsic(from, { call: "Balances.transfer_keep_alive", args: { dest: to.address, value } }, nonce, onGenesis);

interface Snapshot {
  hash: string;
  stateRoot: string;
  pendingCount: number;
}
async function snapshot(): Promise<Snapshot> {
  const head = (await server.get<{ head: { hash: string; stateRoot: string } }>("/api/head")).body.head;
  const pool = (await server.get<{ pendingCount: number }>("/api/mempool")).body;
  return { hash: head.hash, stateRoot: head.stateRoot, pendingCount: pool.pendingCount };
}

/** Submit `body`, expect a 400 with `error`, nothing changed, and the extrinsic in no block after the next one. */
async function refused(body: string, error: string, hash: string | null): Promise<void> {
  const before = await snapshot();
  expect(await post(body)).toEqual({ status: 400, body: { error } });
  expect(await snapshot()).toEqual(before);
  if (hash === null) return;
  expect((await server.get(`/api/extrinsics/by-hash/${hash}`)).status).toBe(404);
  await server.advance(1);
  expect((await server.get(`/api/extrinsics/by-hash/${hash}`)).status).toBe(404);
}

describe("refused before the mempool", () => {
  it("a forged extrinsic: signed by //Bob, claiming //Alice as signer", async () => {
    const byBob = transfer(bob, aliceNonce, bob, "5000000000");
    const forged = { ...byBob, signer: alice.publicKeyHex };
    await refused(JSON.stringify(forged), BAD_PROOF, expectedHash(forged));
  });

  it("a replay: the same signed extrinsic again after its inclusion is Stale", async () => {
    const ext = transfer(alice, aliceNonce++, bob, "1000000000");
    expect((await submit(ext)).status).toBe(202);
    await server.advance(1);
    const included = await server.get<{ status: string; success: boolean }>(`/api/extrinsics/by-hash/${expectedHash(ext)}`);
    expect(included.body).toMatchObject({ status: "included", success: true });
    const before = await snapshot();
    expect(await submit(ext)).toEqual({ status: 400, body: { error: `extrinsic rejected (Stale): nonce ${aliceNonce - 1} was already used; the account's next nonce is ${aliceNonce}` } });
    expect(await snapshot()).toEqual(before);
    await server.advance(1);
    // Still the one inclusion: no block after it holds the hash again.
    const extrinsics = (await server.get<{ items: { hash: string }[] }>(`/api/extrinsics?signer=${alice.publicKeyHex}&limit=100`)).body.items;
    expect(extrinsics.filter((x) => x.hash === expectedHash(ext))).toHaveLength(1);
  });

  it("a truncated signature", async () => {
    const ext = transfer(alice, aliceNonce, bob, "1000000000");
    const cut = ext.signature.slice(0, -2);
    await refused(JSON.stringify({ ...ext, signature: cut }), `the extrinsic's "signature" must be a 0x-hex 64-byte sr25519 signature, got ${JSON.stringify(cut)}`, expectedHash(ext));
  });

  it("a truncated body", async () => {
    const ext = transfer(alice, aliceNonce, bob, "1000000000");
    const text = JSON.stringify(ext);
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    let parseError = "";
    try {
      JSON.parse(cut);
    } catch (e) {
      parseError = (e as Error).message; // the server runs the same Node.js, whose JSON parser words it
    }
    expect(parseError).not.toBe("");
    await refused(cut, `the body is not valid JSON (${parseError}); send a signed extrinsic as a JSON object`, expectedHash(ext));
  });

  it("an extrinsic signed for another chain (another genesis hash)", async () => {
    const other = `0x${"42".repeat(32)}`;
    const ext = transfer(alice, aliceNonce, bob, "1000000000", other);
    await refused(JSON.stringify(ext), BAD_PROOF, expectedHash(ext));
  });

  it("arguments altered after signing", async () => {
    const ext = transfer(alice, aliceNonce, bob, "1000000000");
    const altered = { ...ext, args: { ...ext.args, value: "9000000000" } };
    await refused(JSON.stringify(altered), BAD_PROOF, expectedHash(altered));
    const redirected = { ...ext, args: { ...ext.args, dest: keypairFromUri("//Mallory").address } };
    await refused(JSON.stringify(redirected), BAD_PROOF, expectedHash(redirected));
  });
});

describe("admin calls from the wrong origin", () => {
  let bobNonce = 0;
  const hyper = async () => (await server.get<{ params: unknown[] }>("/api/subnets/1/hyperparams")).body.params;

  async function included(ext: SignedExtrinsic) {
    const r = await submit(ext);
    expect(r.status).toBe(202);
    await server.advance(1);
    return (await server.get<{ status: string; success: boolean; error?: { name: string; message: string }; events: { name: string }[] }>(r.body.track as string)).body;
  }

  it("a root-only setter (sudo_set_kappa) signed by a key that is not the sudo key fails with BadOrigin", async () => {
    const before = await hyper();
    const out = await included(signExtrinsic(bob, { call: "AdminUtils.sudo_set_kappa", args: { netuid: 1, kappa: 40000 } }, bobNonce++, genesis));
    expect(out).toMatchObject({ status: "included", success: false, error: { name: "BadOrigin", message: "AdminUtils.sudo_set_kappa needs the sudo key" } });
    expect(out.events.map((e) => e.name)).toEqual(["Balances.Withdraw", "Balances.Deposit", "TransactionPayment.TransactionFeePaid", "System.ExtrinsicFailed"]);
    expect(await hyper()).toEqual(before);
  });

  it("an owner-or-root setter (sudo_set_min_allowed_weights) signed by neither the owner nor the sudo key fails with BadOrigin", async () => {
    const before = await hyper();
    const out = await included(signExtrinsic(bob, { call: "AdminUtils.sudo_set_min_allowed_weights", args: { netuid: 1, min_allowed_weights: 3 } }, bobNonce++, genesis));
    expect(out).toMatchObject({ status: "included", success: false, error: { name: "BadOrigin", message: "AdminUtils.sudo_set_min_allowed_weights needs subnet 1's owner or the sudo key" } });
    expect(out.events.map((e) => e.name)).toEqual(["Balances.Withdraw", "Balances.Deposit", "TransactionPayment.TransactionFeePaid", "System.ExtrinsicFailed"]);
    expect(await hyper()).toEqual(before);
  });

  it("a root-only setter signed by the subnet's own owner fails with BadOrigin too (owners are not root)", async () => {
    // The genesis keys are the seed's (lib/node/network.ts); the owner is the one the API names.
    const { ownerSs58 } = (await server.get<{ netuid: number; ownerSs58: string }[]>("/api/subnets")).body.find((x) => x.netuid === 1)!;
    const network = buildNetwork({ version: 2, preset: "test", seed: 7, subnets: 1, uids: 8, timestamp: "0", historyBlocks: 0 });
    const owner = network.coldkeys.find((k) => k.address === ownerSs58)!;
    expect(owner).toBeDefined();
    expect(owner.publicKeyHex).not.toBe(alice.publicKeyHex);
    const nonce = (await server.get<{ coldkey: { nonce: number } }>(`/api/accounts/${owner.address}`)).body.coldkey.nonce;
    const before = await hyper();
    const out = await included(signExtrinsic(owner, { call: "AdminUtils.sudo_set_kappa", args: { netuid: 1, kappa: 30000 } }, nonce, genesis));
    expect(out).toMatchObject({ status: "included", success: false, error: { name: "BadOrigin", message: "AdminUtils.sudo_set_kappa needs the sudo key" } });
    expect(await hyper()).toEqual(before);
  });

  it("the same root-only setter signed by the sudo key succeeds (the check tells origins apart)", async () => {
    const out = await included(signExtrinsic(alice, { call: "AdminUtils.sudo_set_kappa", args: { netuid: 1, kappa: 40000 } }, aliceNonce++, genesis));
    expect(out).toMatchObject({ status: "included", success: true });
    expect(out.events.map((e) => e.name)).toContain("SubtensorModule.HyperparameterSet");
    expect((await hyper()).find((p) => (p as { name: string }).name === "kappa")).toMatchObject({ value: "40000" });
  });
});

/** Every app/api/**\/route.ts as [path, file]: [netuid] → {netuid}, [...path] → {path}. */
function routeFiles(dir = path.resolve("app/api"), prefix = "/api"): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const seg = entry.name.replace(/^\[\[?\.\.\.(\w+)\]?\]$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}");
    const sub = path.join(dir, entry.name);
    if (fs.existsSync(path.join(sub, "route.ts"))) out.push([`${prefix}/${seg}`, path.join(sub, "route.ts")]);
    out.push(...routeFiles(sub, `${prefix}/${seg}`));
  }
  return out;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/**
 * The HTTP methods a route file handles: `export function X`, `export async function X`,
 * `export const X`, `export { a as X }`. The refusals `export const { … } = otherMethods(…)`
 * (a JSON 405 naming the allowed methods) handle nothing and are not counted.
 */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const part of m[1]!.split(",")) found.add(part.trim().split(/\s+as\s+/).at(-1)!);
  return [...found].filter((x) => METHODS.includes(x)).sort();
}

describe("outside test mode", () => {
  let live: TestServer;
  beforeAll(async () => {
    live = await startServer({ ...settings, TAOSCOPE_HISTORY_BLOCKS: "0", BLOCK_TIME_MS: "3600000" }, { testMode: false });
  }, 300_000);
  afterAll(async () => {
    await live?.stop();
  });

  it("every route file exports only GET, but POST /api/extrinsics, POST /api/test/advance, POST /api/subnets/{netuid}/query (a read) and the JSON 404 catch-all", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    const methods = Object.fromEntries(files.map(([p, f]) => [p, exportedMethods(fs.readFileSync(f, "utf8"))]));
    const expected = Object.fromEntries(files.map(([p]) => [p, p === "/api/{path}" ? ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] : p === "/api/extrinsics" ? ["GET", "POST"] : p === "/api/test/advance" || p === "/api/subnets/{netuid}/query" ? ["POST"] : ["GET"]]));
    expect(methods).toEqual(expected);
  });

  it("POST /api/test/advance is a 404 and produces nothing; no other method on any route changes the head or the mempool", async () => {
    const head = async () => (await live.get<{ head: { number: string; hash: string; stateRoot: string } }>("/api/head")).body.head;
    const before = await head();
    const advance = await fetch(`${live.base}/api/test/advance?blocks=5`, { method: "POST" });
    expect(advance.status).toBe(404);
    expect(await advance.json()).toEqual({ error: "not found" });
    const sample: Record<string, string> = { number: "0", netuid: "1", epoch: "0", uid: "0", hash: `0x${"00".repeat(32)}`, id: "0-0000", address: keypairFromUri("//Alice").address, path: "nothing/here" };
    let tried = 0;
    for (const [p] of routeFiles()) {
      const url = `${live.base}${p.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]!)}`;
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        if (p === "/api/extrinsics" && method === "POST") continue; // the one write, tested above and in mempool-api.test.ts
        const r = await fetch(url, { method, body: method === "DELETE" ? undefined : "{}" });
        // The mixture-of-experts query is a read with a body (moe.test.ts): it answers, and the head check below shows it changed nothing.
        const read = p === "/api/subnets/{netuid}/query" && method === "POST";
        expect(read ? [200, 409] : [404, 405], `${method} ${p} answered ${r.status}`).toContain(r.status);
        await r.body?.cancel();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(80);
    expect(await head()).toEqual(before);
    expect((await live.get<{ pendingCount: number }>("/api/mempool")).body.pendingCount).toBe(0);
  });
});
