/**
 * The mempool through HTTP against the production build (test mode, fresh SQLite database):
 * bad bodies get a 400 naming the problem; a future nonce waits visibly and lands after its
 * predecessor, in nonce order; a duplicate nonce is refused naming the pending extrinsic; a gap
 * that never fills is dropped after 64 blocks with its reason; an SS58 signer is accepted; and a
 * read is answered while a long fast-forward runs, not after it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { type TestServer, startServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "4" };

let server: TestServer;
let genesis = "";
let alice: Keypair;
let bob: Keypair;
let charlie: Keypair;

beforeAll(async () => {
  server = await startServer(settings);
  genesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  alice = keypairFromUri("//Alice");
  bob = keypairFromUri("//Bob");
  charlie = keypairFromUri("//Charlie");
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

async function post(body: BodyInit | null, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body, ...init });
  const text = await r.text();
  try {
    return { status: r.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new Error(`POST /api/extrinsics answered ${r.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}
/** GET as `{ status, body }`. */
async function get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
  const { status, body } = await server.get<T>(path);
  return { status, body };
}
const submit = (ext: SignedExtrinsic) => post(JSON.stringify(ext));
const pay = (from: Keypair, nonce: number, value: string, to = bob) => signExtrinsic(from, { call: "Balances.transfer_keep_alive", args: { dest: to.address, value } }, nonce, genesis);

interface BlockBody {
  extrinsics: { hash: string; signer: string; nonce: number; index: number; success: boolean }[];
}

describe("POST /api/extrinsics with a bad body", () => {
  const object = "send a signed extrinsic as a JSON object { call, args, signer, nonce, signature }";
  it.each([
    ["null", "null", `the body is null; ${object}`],
    ["an array", "[1, 2]", `the body is an array; ${object}`],
    ["a number", "5", `the body is a number; ${object}`],
    ["a string", '"0xdead"', `the body is a string; ${object}`],
    ["a boolean", "true", `the body is a boolean; ${object}`],
    ["an empty body", "", `the body is empty; ${object}`],
    ["whitespace", "  \n", `the body is empty; ${object}`],
  ])("answers 400 for %s", async (_what, body, error) => {
    expect(await post(body, { headers: { "content-type": "application/json" } })).toEqual({ status: 400, body: { error } });
  });

  it("answers 400 for no body at all and for invalid JSON", async () => {
    expect(await post(null)).toEqual({ status: 400, body: { error: `the body is empty; ${object}` } });
    const bad = await post("{call: 1");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^the body is not valid JSON \(.+\); send a signed extrinsic as a JSON object$/);
    expect(await post(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))).toEqual({ status: 400, body: { error: "the body is not UTF-8 text" } });
  });

  it("answers 400 for a body over 128 KiB, declared or streamed", async () => {
    const big = JSON.stringify({ ...pay(alice, 0, "1"), pad: "x".repeat(140_000) });
    expect(await post(big)).toEqual({ status: 400, body: { error: `the body is ${Buffer.byteLength(big)} bytes; an extrinsic is at most 131072 bytes (128 KiB)` } });
    // Chunked, without a content-length: refused once the bytes read pass the limit.
    const chunk = new TextEncoder().encode("x".repeat(16_384));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 12) c.enqueue(chunk);
        else c.close();
      },
    });
    expect(await post(stream, { duplex: "half" } as RequestInit)).toEqual({ status: 400, body: { error: "the body is more than 131072 bytes; an extrinsic is at most 131072 bytes (128 KiB)" } });
  });

  it("still names a missing field and a malformed SS58 signer", async () => {
    const { signature: _s, ...unsigned } = pay(alice, 0, "1");
    expect(await post(JSON.stringify(unsigned))).toEqual({ status: 400, body: { error: 'the extrinsic has no "signature"' } });
    const bad = await submit({ ...pay(alice, 0, "1"), signer: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ" });
    expect(bad).toEqual({ status: 400, body: { error: 'the extrinsic\'s "signer" must be a 0x-hex 32-byte public key or an SS58 address (prefix 42): invalid SS58 address "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ": checksum mismatch' } });
  });
});

describe("malformed signatures", () => {
  it("refuses them naming the fault, before the verifier, with nothing on the server's log", async () => {
    const before = server.output().length;
    const ext = pay(alice, 0, "1");
    const unmarked = `${ext.signature.slice(0, -2)}${(Number.parseInt(ext.signature.slice(-2), 16) & 0x7f).toString(16).padStart(2, "0")}`;
    expect(await submit({ ...ext, signature: unmarked })).toEqual({ status: 400, body: { error: "the extrinsic cannot be verified: the signature is not marked as schnorrkel's (bit 7 of its last byte is clear)" } });
    expect(await submit({ ...ext, signer: `0x${"ff".repeat(32)}` })).toEqual({ status: 400, body: { error: "the extrinsic cannot be verified: the public key is not a valid ristretto255 point" } });
    expect(await submit({ ...ext, signature: `0x${"00".repeat(64)}` })).toEqual({ status: 400, body: { error: "the extrinsic cannot be verified: the signature is not marked as schnorrkel's (bit 7 of its last byte is clear)" } });
    expect(server.output().slice(before)).toBe("");
  });
});

describe("the mempool over HTTP", () => {
  it("keeps a future nonce visibly, refuses a duplicate, and includes both in nonce order once the gap fills", async () => {
    const head = BigInt((await get<{ head: { number: string } }>("/api/head")).body.head.number);
    const second = pay(alice, 1, "2000000000");
    const r1 = await submit(second);
    expect(r1.status).toBe(202);
    expect(r1.body).toEqual({ hash: expect.stringMatching(/^0x[0-9a-f]{64}$/), status: "future", expiresAt: String(head + 64n), track: `/api/extrinsics/by-hash/${r1.body.hash as string}` });
    const h1 = r1.body.hash as string;

    const listed = await server.get<{ pending: Record<string, unknown>[]; pendingCount: number }>("/api/mempool");
    expect(listed.status).toBe(200);
    expect(listed.body.pendingCount).toBe(1);
    expect(listed.body.pending).toEqual([
      {
        hash: h1,
        signer: "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
        signerAddress: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        call: "Balances.transfer_keep_alive",
        nonce: 1,
        status: "future",
        submittedAt: String(head),
        expiresAt: String(head + 64n),
      },
    ]);
    expect(await get(`/api/mempool/${h1}`)).toMatchObject({ status: 200, body: { state: "pending", hash: h1, status: "future" } });

    const dup = await submit(pay(alice, 1, "3"));
    expect(dup).toEqual({ status: 400, body: { error: `nonce 1 of ${alice.publicKeyHex} is already taken by pending extrinsic ${h1}; wait for it, or sign the next nonce` } });

    // A block without nonce 0 leaves nonce 1 waiting.
    await server.advance(1);
    expect((await get(`/api/mempool/${h1}`)).body).toMatchObject({ state: "pending", status: "future" });

    const r0 = await submit(pay(alice, 0, "1000000000"));
    expect(r0).toEqual({ status: 202, body: { hash: expect.any(String), status: "ready", queuedFor: String(head + 2n), expiresAt: String(head + 65n), track: `/api/extrinsics/by-hash/${r0.body.hash as string}` } });
    expect((await get(`/api/mempool/${h1}`)).body).toMatchObject({ state: "pending", status: "ready" });
    expect(await server.advance(1)).toBe(String(head + 2n));
    const block = (await get<BlockBody>(`/api/blocks/${head + 2n}`)).body;
    const mine = block.extrinsics.filter((x) => x.signer === alice.publicKeyHex);
    expect(mine.map((x) => [x.hash, x.nonce, x.success])).toEqual([
      [r0.body.hash, 0, true],
      [h1, 1, true],
    ]);
    expect(mine[1]!.index).toBe(mine[0]!.index + 1);
    expect(await get(`/api/mempool/${h1}`)).toEqual({ status: 404, body: { error: `extrinsic ${h1} is not pending and not among the last 256 dropped` } });
  });

  it("accepts an SS58 signer and includes the extrinsic under its public key", async () => {
    const ext = pay(alice, 2, "5");
    const r = await submit({ ...ext, signer: alice.address });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe("ready");
    const number = await server.advance(1);
    expect(r.body.queuedFor).toBe(number);
    const block = (await get<BlockBody>(`/api/blocks/${number}`)).body;
    expect(block.extrinsics.find((x) => x.hash === r.body.hash)).toMatchObject({ signer: alice.publicKeyHex, nonce: 2, success: true });
  });

  it("drops a future whose gap never fills after 64 blocks and says why", async () => {
    const head = BigInt((await get<{ head: { number: string } }>("/api/head")).body.head.number);
    const r = await submit(pay(charlie, 3, "5")); // //Charlie has never signed: his next nonce is 0
    expect(r).toEqual({ status: 202, body: { hash: expect.any(String), status: "future", expiresAt: String(head + 64n), track: `/api/extrinsics/by-hash/${r.body.hash as string}` } });
    const hash = r.body.hash as string;
    await server.advance(63);
    expect((await get(`/api/mempool/${hash}`)).body).toMatchObject({ state: "pending", status: "future" });
    await server.advance(1);
    const reason = `expired after 64 blocks (submitted at block ${head}, last eligible block ${head + 64n}): nonce 3 never became ready; the account's next nonce is 0, and no extrinsic with nonce 0, 1, 2 arrived`;
    expect(await get(`/api/mempool/${hash}`)).toEqual({
      status: 200,
      body: {
        state: "dropped",
        hash,
        signer: charlie.publicKeyHex,
        signerAddress: "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
        call: "Balances.transfer_keep_alive",
        nonce: 3,
        submittedAt: String(head),
        droppedAt: String(head + 64n),
        cause: "Expired",
        reason,
      },
    });
    const m = await server.get<{ pendingCount: number; dropped: { hash: string; reason: string }[]; limits: unknown }>("/api/mempool");
    expect(m.body.pendingCount).toBe(0);
    expect(m.body.dropped[0]).toMatchObject({ hash, reason });
    expect(m.body.limits).toEqual({ capacity: 10_000, expiryBlocks: 64, droppedKept: 256 });
  });

  it("answers 400 for a malformed hash and 404 for an unknown one", async () => {
    expect(await get("/api/mempool/0x12")).toEqual({ status: 400, body: { error: 'an extrinsic hash is 0x and 64 hex digits, got "0x12"' } });
    const unknown = `0x${"0".repeat(64)}`;
    expect(await get(`/api/mempool/${unknown}`)).toEqual({ status: 404, body: { error: `extrinsic ${unknown} is not pending and not among the last 256 dropped` } });
    expect(await get("/api/mempool?limit=0")).toEqual({ status: 400, body: { error: 'limit must be an integer in [1, 10000], got "0"' } });
  });
});

describe("reads during a fast-forward", () => {
  it("answers GET /api/head while /api/test/advance?blocks=300 runs, with a head inside the run", async () => {
    const start = BigInt((await get<{ head: { number: string } }>("/api/head")).body.head.number);
    const order: string[] = [];
    const advance = fetch(`${server.base}/api/test/advance?blocks=300`, { method: "POST" }).then(async (r) => {
      order.push("advance");
      return { status: r.status, body: (await r.json()) as { head: string } };
    });
    // The first reads may come before the advance has begun; ask until one sees it under way.
    let seen: bigint | null = null;
    while (seen === null && !order.includes("advance")) {
      const r = await server.get<{ head: { number: string } }>("/api/head");
      if (order.includes("advance")) break; // answered only after the fast-forward: the bug
      const h = BigInt(r.body.head.number);
      if (h > start) seen = h;
      else await new Promise((res) => setTimeout(res, 50));
    }
    order.push("head");
    const done = await advance;
    expect(done).toEqual({ status: 200, body: { head: String(start + 300n) } });
    expect(order).toEqual(["head", "advance"]);
    expect(seen).not.toBeNull();
    expect(seen! > start && seen! < start + 300n).toBe(true);
  }, 300_000);
});
