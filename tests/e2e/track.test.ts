/**
 * Extrinsic tracking through HTTP against the production build (test mode, fresh SQLite
 * database, real signatures): POST /api/extrinsics hands out a `track` path, and
 * GET /api/extrinsics/by-hash/{hash} follows the extrinsic from pending to included (with its
 * outcome, fee and events), or to dropped with its cause; an unknown hash is a 404, a malformed
 * one a 400. Expected values are spec literals (event names and data as Substrate's pallets emit
 * them, the fee formula of lib/chain/runtime/fees.ts's doc) computed here, not by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { expectedHash as hashOf, transferFee } from "../helpers/extrinsic-hash";
import { type TestServer, startServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "5" };

let server: TestServer;
let genesis = "";
let alice: Keypair;

beforeAll(async () => {
  server = await startServer(settings);
  genesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  alice = keypairFromUri("//Alice");
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

async function submit(ext: SignedExtrinsic): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(ext) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}
const head = async () => BigInt((await server.get<{ head: { number: string } }>("/api/head")).body.head.number);
const transfer = (from: Keypair, nonce: number, dest: Keypair, value: string) => signExtrinsic(from, { call: "Balances.transfer_keep_alive", args: { dest: dest.address, value } }, nonce, genesis);

interface TrackedEvent {
  name: string;
  phase: string;
  extrinsicId: string;
  data: unknown;
}

describe("GET /api/extrinsics/by-hash/{hash}", () => {
  it("follows a transfer from pending to included, with its fee and the events Substrate's pallets emit", async () => {
    const h = await head();
    const dave = keypairFromUri("//Dave");
    const ext = transfer(alice, 0, dave, "7000000000");
    const hash = hashOf(ext);
    const posted = await submit(ext);
    expect(posted).toEqual({ status: 202, body: { hash, status: "ready", queuedFor: String(h + 1n), expiresAt: String(h + 64n), track: `/api/extrinsics/by-hash/${hash}` } });

    expect(await server.get(posted.body.track as string)).toMatchObject({
      status: 200,
      body: { hash, status: "pending", pending: { status: "ready", submittedAt: String(h), expiresAt: String(h + 64n), queuedFor: String(h + 1n) } },
    });
    // Any case of the hash names the same extrinsic.
    expect((await server.get(`/api/extrinsics/by-hash/${hash.toUpperCase().replace("0X", "0x")}`)).body).toMatchObject({ hash, status: "pending" });

    await server.advance(1);
    const block = String(h + 1n);
    const index = (await server.get<{ extrinsics: { hash: string; index: number }[] }>(`/api/blocks/${block}`)).body.extrinsics.find((x) => x.hash === hash)!.index;
    const id = `${block}-${String(index).padStart(4, "0")}`;
    const fee = transferFee(ext);
    const r = await server.get<{ events: TrackedEvent[] }>(`/api/extrinsics/by-hash/${hash}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hash, status: "included", block, index, id, success: true, fee });
    expect(r.body).not.toHaveProperty("error");
    expect(r.body.events.map((e) => [e.name, e.phase, e.extrinsicId, e.data])).toEqual([
      ["Balances.Withdraw", "ApplyExtrinsic", id, { who: alice.publicKeyHex, amount: fee }],
      ["System.NewAccount", "ApplyExtrinsic", id, { account: dave.publicKeyHex }],
      ["Balances.Endowed", "ApplyExtrinsic", id, { account: dave.publicKeyHex, freeBalance: "7000000000" }],
      ["Balances.Transfer", "ApplyExtrinsic", id, { from: alice.publicKeyHex, to: dave.publicKeyHex, amount: "7000000000" }],
      ["Balances.Deposit", "ApplyExtrinsic", id, { who: alice.publicKeyHex, amount: fee }], // //Alice authors the block
      ["TransactionPayment.TransactionFeePaid", "ApplyExtrinsic", id, { who: alice.publicKeyHex, actualFee: fee, tip: "0" }],
      ["System.ExtrinsicSuccess", "ApplyExtrinsic", id, {}],
    ]);
  });

  it("reports a failed call as included with subtensor's error name and sentence, having paid its fee", async () => {
    const h = await head();
    const ext = transfer(alice, 1, keypairFromUri("//Eve"), "18000000000000000000");
    const hash = hashOf(ext);
    expect((await submit(ext)).status).toBe(202);
    await server.advance(1);
    const r = await server.get<{ error: { name: string; message: string }; events: TrackedEvent[] }>(`/api/extrinsics/by-hash/${hash}`);
    expect(r.body).toMatchObject({ status: "included", block: String(h + 1n), success: false, fee: transferFee(ext) });
    expect(r.body.error.name).toBe("Balances.InsufficientBalance");
    expect(r.body.error.message).toMatch(/^\d+ rao free, 18000000000000000000 to send$/);
    expect(r.body.events.map((e) => e.name)).toEqual(["Balances.Withdraw", "Balances.Deposit", "TransactionPayment.TransactionFeePaid", "System.ExtrinsicFailed"]);
    expect(r.body.events.at(-1)!.data).toEqual({ error: "Balances.InsufficientBalance" });
  });

  it("answers the newest block when several hold the hash (a reaped account's nonce starts again at 0)", async () => {
    const reaped = keypairFromUri("//TrackReaped");
    const value = "5000000000";
    const all = signExtrinsic(reaped, { call: "Balances.transfer_allow_death", args: { dest: keypairFromUri("//Dave").address, value } }, 0, genesis);
    const hash = hashOf(all);
    // Exactly the value and the fee: sending it leaves 0 rao, so the account is reaped.
    const fund = String(5_000_000_000n + BigInt(transferFee(all)));
    const included: string[] = [];
    for (const aliceNonce of [2, 3]) {
      expect((await submit(transfer(alice, aliceNonce, reaped, fund))).status).toBe(202);
      await server.advance(1);
      expect((await submit(all)).status).toBe(202); // the same signed bytes, valid again once the nonce is back to 0
      const block = await server.advance(1);
      const r = await server.get<{ block: string; id: string; success: boolean }>(`/api/extrinsics/by-hash/${hash}`);
      expect(r.body).toMatchObject({ hash, status: "included", block, success: true });
      included.push(r.body.id);
    }
    expect(included[0]).not.toBe(included[1]);
    expect(await server.get(`/api/extrinsics/${hash}`)).toMatchObject({ status: 409, body: { candidates: included } });
  });

  it("says a future nonce that never became ready was dropped as Expired, 64 blocks on", async () => {
    const h = await head();
    const ferdie = keypairFromUri("//Ferdie"); // never signed: his next nonce is 0
    const ext = transfer(ferdie, 2, alice, "5");
    const hash = hashOf(ext);
    expect(await submit(ext)).toEqual({ status: 202, body: { hash, status: "future", expiresAt: String(h + 64n), track: `/api/extrinsics/by-hash/${hash}` } });
    expect(await server.get(`/api/extrinsics/by-hash/${hash}`)).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { hash, status: "pending", pending: { status: "future", submittedAt: String(h), expiresAt: String(h + 64n) } },
    });
    await server.advance(64);
    expect((await server.get(`/api/extrinsics/by-hash/${hash}`)).body).toEqual({
      hash,
      status: "dropped",
      dropped: {
        cause: "Expired",
        reason: `expired after 64 blocks (submitted at block ${h}, last eligible block ${h + 64n}): nonce 2 never became ready; the account's next nonce is 0, and no extrinsic with nonce 0, 1 arrived`,
        droppedAt: String(h + 64n),
        submittedAt: String(h),
      },
    });
  });

  it("answers 404 for a hash nobody knows and 400 for a malformed one", async () => {
    const unknown = `0x${"5a".repeat(32)}`;
    expect(await server.get(`/api/extrinsics/by-hash/${unknown}`)).toMatchObject({ status: 404, body: { error: `extrinsic ${unknown} is in no block, not pending, and not among the last 256 dropped` } });
    expect(await server.get("/api/extrinsics/by-hash/0x12")).toMatchObject({ status: 400, body: { error: 'extrinsic hash must be 0x and 64 hex digits, got "0x12"' } });
    expect(await server.get(`/api/extrinsics/by-hash/${"ab".repeat(32)}`)).toMatchObject({ status: 400, body: { error: `extrinsic hash must be 0x and 64 hex digits, got "${"ab".repeat(32)}"` } });
  });
});
