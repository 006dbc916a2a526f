/**
 * The per-client write limit through HTTP against the production build, with a small bucket
 * (TAOSCOPE_WRITE_BURST=3, TAOSCOPE_WRITE_RATE=0.05: one token back every 20 s): three quick
 * submissions are accepted, the fourth answers 429 with a Retry-After in seconds, and nothing of
 * it reached the mempool; another client (X-Forwarded-For) has its own bucket; reads are not
 * limited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { expectedHash } from "../helpers/extrinsic-hash";
import { type TestServer, startServer } from "../helpers/server";

const BURST = 3;
const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "6", TAOSCOPE_WRITE_BURST: String(BURST), TAOSCOPE_WRITE_RATE: "0.05" };

let server: TestServer;
let genesis = "";

beforeAll(async () => {
  server = await startServer(settings);
  genesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

const alice = keypairFromUri("//Alice");
const pay = (nonce: number) => signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Bob").address, value: String(1_000_000_000 + nonce) } }, nonce, genesis);

async function submit(ext: SignedExtrinsic, headers: Record<string, string> = {}) {
  const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(ext), headers });
  return { status: r.status, retryAfter: r.headers.get("retry-after"), body: (await r.json()) as { hash?: string; error?: string } };
}

describe("the write rate limit", () => {
  it("accepts a burst, answers the next 429 with Retry-After, and lets nothing of it into the mempool", async () => {
    const answers = [];
    for (let n = 0; n <= BURST; n++) answers.push(await submit(pay(n), { "x-forwarded-for": "198.51.100.9" }));
    expect(answers.slice(0, BURST).map((a) => [a.status, a.retryAfter])).toEqual([
      [202, null],
      [202, null],
      [202, null],
    ]);
    const refused = answers[BURST]!;
    expect(refused.status).toBe(429);
    // 0.05 tokens a second: a whole token is 20 s away (a little less, as time passed since the burst).
    const wait = Number(refused.retryAfter);
    expect(Number.isInteger(wait) && wait >= 18 && wait <= 20).toBe(true);
    expect(refused.body).toEqual({ error: `too many extrinsics from 198.51.100.9: at most 3 at once and 0.05 a second; retry in ${wait} s` });

    const pool = await server.get<{ pendingCount: number; pending: { nonce: number }[] }>("/api/mempool");
    expect(pool.body.pendingCount).toBe(BURST);
    expect(pool.body.pending.map((p) => p.nonce)).toEqual([0, 1, 2]);
    expect(await server.get(`/api/extrinsics/by-hash/${expectedHash(pay(BURST))}`)).toMatchObject({ status: 404 });
  });

  it("gives each client its own bucket and never limits reads", async () => {
    const other = await submit(pay(10), { "x-forwarded-for": "203.0.113.50, 10.0.0.1" });
    expect(other.status).toBe(202);
    for (let i = 0; i < 10; i++) expect((await server.get("/api/head")).status).toBe(200);
    expect((await submit(pay(11), { "x-forwarded-for": "198.51.100.9" })).status).toBe(429);
  });
});
