/**
 * The node's mempool on a real SQLite file: a future nonce waits for its predecessor and both
 * land in nonce order; a gap that never fills expires after 64 blocks with its reason readable;
 * a duplicate nonce is refused; an SS58 signer is accepted and included; what the block refuses
 * at inclusion is dropped with the engine's reason. Also: the node lets other work run between
 * the blocks of a fast-forward.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, extrinsicHash, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { feeFor } from "@/lib/chain/eras/presets";
import { extrinsicLength } from "@/lib/chain/runtime/extrinsic";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const db = tempSqlite();
let store: SqlChainStore;
let node: ChainNode;
let alice: Keypair;
let bob: Keypair;

beforeAll(async () => {
  store = await SqlChainStore.open(db.target);
  node = await ChainNode.open(store, { ...loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "9" }), database: db.target });
  alice = keypairFromUri("//Alice");
  bob = keypairFromUri("//Bob");
});

afterAll(async () => {
  await node?.stop();
  await store?.close();
  db.cleanup();
});

const sign = (from: Keypair, nonce: number, call: string, args: Record<string, string>): SignedExtrinsic => signExtrinsic(from, { call, args }, nonce, node.chain.genesisHash);
const pay = (from: Keypair, nonce: number, to: Keypair, value: string) => sign(from, nonce, "Balances.transfer_keep_alive", { dest: to.address, value });

/** The stored extrinsics of `signer`, in chain order. */
async function storedOf(signer: string) {
  const rows = await store.sql.query<{ blockNumber: bigint; idx: unknown; hash: string; nonce: unknown; success: unknown }>(
    `SELECT "blockNumber", "index" AS "idx", "hash", "nonce", "success" FROM "Extrinsic" WHERE "signer" = ? ORDER BY "blockNumber", "index"`,
    [signer],
  );
  return rows.map((r) => ({ blockNumber: BigInt(r.blockNumber), idx: Number(r.idx), hash: r.hash, nonce: Number(r.nonce), success: Number(r.success) }));
}

describe("node mempool", () => {
  it("holds a future nonce until its predecessor arrives, then includes both in nonce order", async () => {
    const second = pay(alice, 1, bob, "2000000000");
    const first = pay(alice, 0, bob, "1000000000");
    const r1 = await node.accept(second);
    expect(r1).toMatchObject({ status: "future", queuedFor: null, expiresAt: 64n });
    await node.advance(1);
    expect(await storedOf(alice.publicKeyHex)).toEqual([]);
    expect(node.mempoolLookup(r1.hash)).toMatchObject({ state: "pending", entry: { status: "future", submittedAt: 0n } });

    const r0 = await node.accept(first);
    expect(r0).toMatchObject({ status: "ready", queuedFor: 2n });
    expect(node.mempool().pending.map((p) => [p.ext.nonce, p.status])).toEqual([
      [1, "ready"],
      [0, "ready"],
    ]);
    await node.advance(1);
    const rows = await storedOf(alice.publicKeyHex);
    expect(rows.map((r) => [Number(r.blockNumber), r.nonce, r.hash, r.success])).toEqual([
      [2, 0, r0.hash, 1],
      [2, 1, r1.hash, 1],
    ]);
    expect(rows[1]!.idx).toBe(rows[0]!.idx + 1);
    expect(node.mempool().pendingCount).toBe(0);
    expect(node.chain.accounts.get(alice.publicKeyHex)!.nonce).toBe(2);
  });

  it("refuses a second extrinsic for a pending nonce, naming the pending one, and a stale nonce", async () => {
    const a = pay(alice, 2, bob, "1");
    const b = pay(alice, 2, bob, "2");
    const ra = await node.accept(a);
    await expect(node.accept(b)).rejects.toThrow(`nonce 2 of ${alice.publicKeyHex} is already taken by pending extrinsic ${ra.hash}`);
    await expect(node.accept(pay(alice, 1, bob, "3"))).rejects.toThrow("extrinsic rejected (Stale): nonce 1 was already used; the account's next nonce is 2");
    await node.advance(1);
    expect((await storedOf(alice.publicKeyHex)).map((r) => r.hash).at(-1)).toBe(ra.hash);
  });

  it("accepts an SS58 signer and includes the extrinsic under the signer's public key", async () => {
    const ext = pay(alice, 3, bob, "7");
    const r = await node.accept({ ...ext, signer: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY" });
    expect(r).toMatchObject({ hash: extrinsicHash(ext), status: "ready", signer: alice.publicKeyHex });
    await expect(node.accept({ ...pay(alice, 4, bob, "7"), signer: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ" })).rejects.toThrow(/the extrinsic's "signer" must be .*checksum mismatch/);
    const head = await node.advance(1);
    const rows = await storedOf(alice.publicKeyHex);
    expect(rows.at(-1)).toMatchObject({ hash: r.hash, nonce: 3 });
    expect(rows.at(-1)!.blockNumber).toBe(head);
  });

  it("drops a future whose gap never fills after 64 blocks, visibly, and never includes it", async () => {
    const ext = pay(alice, 9, bob, "5"); // the account's next nonce is 4
    const start = node.head;
    const r = await node.accept(ext);
    expect(r).toMatchObject({ status: "future", expiresAt: start + 64n });
    await node.advance(63);
    expect(node.mempoolLookup(r.hash)).toMatchObject({ state: "pending", entry: { status: "future", expiresAt: start + 64n } });
    await node.advance(1);
    const fate = node.mempoolLookup(r.hash);
    expect(fate).toMatchObject({ state: "dropped", entry: { cause: "Expired", submittedAt: start, droppedAt: start + 64n } });
    expect(fate!.entry).toHaveProperty("reason", `expired after 64 blocks (submitted at block ${start}, last eligible block ${start + 64n}): nonce 9 never became ready; the account's next nonce is 4, and no extrinsic with nonce 4, 5, 6 arrived`);
    expect(node.mempool().dropped[0]!.hash).toBe(r.hash);
    expect((await storedOf(alice.publicKeyHex)).some((x) => x.hash === r.hash)).toBe(false);
  });

  it("drops with the engine's reason an extrinsic the block refuses at inclusion (its fee no longer payable)", async () => {
    const dave = keypairFromUri("//Dave");
    await node.accept(pay(alice, 4, dave, "1000000000"));
    await node.advance(1);
    // Dave's nonce 0 sends away all but 1000 rao, so his nonce 1 cannot pay its fee when its turn comes.
    const probe = sign(dave, 0, "Balances.transfer_allow_death", { dest: bob.address, value: "0" });
    const fee0 = feeFor(probe.call, extrinsicLength({ ...probe, args: { dest: bob.address, value: "998000000" } }));
    const all = sign(dave, 0, "Balances.transfer_allow_death", { dest: bob.address, value: String(1_000_000_000n - fee0 - 1000n) });
    expect(extrinsicLength(all)).toBe(extrinsicLength({ ...probe, args: { dest: bob.address, value: "998000000" } })); // same digits, same fee
    const then = pay(dave, 1, bob, "1");
    const r0 = await node.accept(all);
    const r1 = await node.accept(then);
    expect([r0.status, r1.status]).toEqual(["ready", "ready"]);
    const head = await node.advance(1);
    expect((await storedOf(dave.publicKeyHex)).map((x) => x.hash)).toEqual([r0.hash]);
    expect(node.chain.accounts.get(dave.publicKeyHex)!.free).toBe(1000n);
    expect(node.mempoolLookup(r1.hash)).toMatchObject({ state: "dropped", entry: { cause: "Payment", droppedAt: head } });
    expect((node.mempoolLookup(r1.hash)!.entry as { reason: string }).reason).toMatch(new RegExp(`^refused by block ${head}: extrinsic rejected \\(Payment\\): the signer holds 1000 rao`));
  });

  it("lets other work run between the blocks of a fast-forward", async () => {
    const start = node.head;
    const seen: bigint[] = [];
    const ticker = setInterval(() => seen.push(node.head), 0);
    await node.advance(30);
    clearInterval(ticker);
    // A timer fired while the fast-forward ran and saw a head strictly inside it.
    expect(seen.some((h) => h > start && h < start + 30n)).toBe(true);
  });
});
