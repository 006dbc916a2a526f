/**
 * The mempool's bookkeeping on real signed extrinsics: ready/future by nonce, inclusion order,
 * refusal of stale and duplicate nonces, expiry of futures, drops recorded with their reason in
 * a bounded ring, and the signer given as 0x-hex or SS58. A block's change is planned without
 * touching the pool and applied after (the store commits it in between), and a pool restored
 * from what the store kept carries on where it stopped.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, extrinsicHash, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { FUTURE_EXPIRY_BLOCKS, Mempool, MempoolError, normaliseSigner } from "@/lib/node/mempool";

const GENESIS = `0x${"ab".repeat(32)}`;
let alice: Keypair;
let bob: Keypair;

beforeAll(async () => {
  await enableFastCrypto();
  alice = keypairFromUri("//Alice");
  bob = keypairFromUri("//Bob");
});

/** A transfer of `value` rao signed by `from` with `nonce`. */
function transfer(from: Keypair, nonce: number, value = "1000000000"): SignedExtrinsic {
  return signExtrinsic(from, { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Eve").address, value } }, nonce, GENESIS);
}

/** Account nonces as a test sets them. */
function accounts(initial: Record<string, number> = {}) {
  const nonces = new Map(Object.entries(initial));
  return { nonceOf: (s: string) => nonces.get(s) ?? 0, set: (s: string, n: number) => nonces.set(s, n) };
}

const none = { included: new Set<string>(), refused: new Map<string, { reason: string; message: string }>() };

describe("mempool", () => {
  it("keeps a nonce past a gap as future and releases the run in nonce order once the gap fills", () => {
    const pool = new Mempool();
    const acc = accounts();
    const [e0, e1, e2] = [transfer(alice, 0), transfer(alice, 1), transfer(alice, 2)];
    expect(pool.add(e2, extrinsicHash(e2), 10n, acc.nonceOf).status).toBe("future");
    expect(pool.add(e0, extrinsicHash(e0), 10n, acc.nonceOf).status).toBe("ready");
    expect(pool.ready(acc.nonceOf)).toEqual([e0]); // 2 waits for 1
    expect(pool.pending(acc.nonceOf).map((p) => [p.ext.nonce, p.status])).toEqual([
      [2, "future"],
      [0, "ready"],
    ]);
    expect(pool.add(e1, extrinsicHash(e1), 11n, acc.nonceOf).status).toBe("ready");
    expect(pool.ready(acc.nonceOf).map((e) => e.nonce)).toEqual([0, 1, 2]);
    expect(pool.lookup(extrinsicHash(e2), acc.nonceOf)).toMatchObject({ state: "pending", entry: { status: "ready", submittedAt: 10n, expiresAt: 74n } });
  });

  it("takes signers in the order their first ready extrinsic arrived, each in nonce order", () => {
    const pool = new Mempool();
    const acc = accounts();
    const exts = [transfer(bob, 1), transfer(alice, 1), transfer(alice, 0), transfer(bob, 0)];
    for (const e of exts) pool.add(e, extrinsicHash(e), 0n, acc.nonceOf);
    // Bob's run holds the first extrinsic accepted (his nonce 1), so it goes first, in nonce order.
    expect(pool.ready(acc.nonceOf).map((e) => [e.signer === alice.publicKeyHex ? "alice" : "bob", e.nonce])).toEqual([
      ["bob", 0],
      ["bob", 1],
      ["alice", 0],
      ["alice", 1],
    ]);
  });

  it("refuses a stale nonce, a second extrinsic for a pending nonce (naming it) and an exact resubmission", () => {
    const pool = new Mempool();
    const acc = accounts({ [alice.publicKeyHex]: 3 });
    const stale = transfer(alice, 2);
    expect(() => pool.add(stale, extrinsicHash(stale), 5n, acc.nonceOf)).toThrow("extrinsic rejected (Stale): nonce 2 was already used; the account's next nonce is 3");
    const first = transfer(alice, 3, "1");
    const firstHash = extrinsicHash(first);
    pool.add(first, firstHash, 5n, acc.nonceOf);
    const other = transfer(alice, 3, "2");
    expect(() => pool.add(other, extrinsicHash(other), 5n, acc.nonceOf)).toThrow(`nonce 3 of ${alice.publicKeyHex} is already taken by pending extrinsic ${firstHash}`);
    expect(() => pool.add(first, firstHash, 6n, acc.nonceOf)).toThrow(`extrinsic ${firstHash} is already pending (ready, nonce 3)`);
    expect(() => pool.add(other, extrinsicHash(other), 5n, acc.nonceOf)).toThrow(MempoolError);
    expect(pool.size).toBe(1);
  });

  it("drops a future whose gap never fills after 64 blocks, with the reason, and remembers it", () => {
    expect(FUTURE_EXPIRY_BLOCKS).toBe(64);
    const pool = new Mempool();
    const acc = accounts({ [alice.publicKeyHex]: 1 });
    const e = transfer(alice, 4);
    const hash = extrinsicHash(e);
    expect(pool.add(e, hash, 100n, acc.nonceOf)).toMatchObject({ status: "future", expiresAt: 164n });
    for (let b = 101n; b <= 163n; b++) pool.afterBlock({ block: b, ...none }, acc.nonceOf);
    expect(pool.lookup(hash, acc.nonceOf)?.state).toBe("pending");
    pool.afterBlock({ block: 164n, ...none }, acc.nonceOf); // its last eligible block passed without it
    expect(pool.size).toBe(0);
    expect(pool.lookup(hash, acc.nonceOf)).toEqual({
      state: "dropped",
      entry: {
        ext: e,
        hash,
        submittedAt: 100n,
        droppedAt: 164n,
        cause: "Expired",
        reason: "expired after 64 blocks (submitted at block 100, last eligible block 164): nonce 4 never became ready; the account's next nonce is 1, and no extrinsic with nonce 1, 2, 3 arrived",
        dropSeq: 0, // the pool's first drop
      },
    });
    expect(pool.dropped().map((d) => d.hash)).toEqual([hash]);
  });

  it("after a block: removes the included, drops what the block refused (not the Future refusals behind it) and what became stale", () => {
    const pool = new Mempool();
    const acc = accounts();
    const [a0, a1, a2] = [transfer(alice, 0), transfer(alice, 1), transfer(alice, 2)];
    const b0 = transfer(bob, 0);
    for (const e of [a0, a1, a2, b0]) pool.add(e, extrinsicHash(e), 0n, acc.nonceOf);
    // The block included a0, refused a1 (its fee no longer payable), so a2 came too early.
    acc.set(alice.publicKeyHex, 1);
    acc.set(bob.publicKeyHex, 1); // Bob's nonce 0 was used by an extrinsic not from this pool
    pool.afterBlock(
      {
        block: 1n,
        included: new Set([extrinsicHash(a0)]),
        refused: new Map([
          [extrinsicHash(a1), { reason: "Payment", message: "extrinsic rejected (Payment): the signer holds 10 rao" }],
          [extrinsicHash(a2), { reason: "Future", message: "extrinsic rejected (Future): nonce 2 is ahead of the account's next nonce 1" }],
        ]),
      },
      acc.nonceOf,
    );
    expect(pool.pending(acc.nonceOf).map((p) => [p.ext.nonce, p.status])).toEqual([[2, "future"]]);
    expect(pool.lookup(extrinsicHash(a0), acc.nonceOf)).toBeNull();
    expect(pool.dropped().map((d) => [d.ext.signer === bob.publicKeyHex ? "bob" : "alice", d.ext.nonce, d.cause, d.reason])).toEqual([
      ["bob", 0, "Stale", "nonce 0 was used by another extrinsic of the signer; the account's next nonce is 1"],
      ["alice", 1, "Payment", "refused by block 1: extrinsic rejected (Payment): the signer holds 10 rao"],
    ]);
    // Alice's nonce 1 may come again; then nonce 2 is ready behind it.
    const again = transfer(alice, 1, "5");
    expect(pool.add(again, extrinsicHash(again), 1n, acc.nonceOf).status).toBe("ready");
    expect(pool.ready(acc.nonceOf)).toEqual([again, a2]);
  });

  it("keeps only the newest dropped entries, newest first, and forgets the evicted", () => {
    const pool = new Mempool(10_000, 2, 3);
    const acc = accounts();
    const hashes: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const e = transfer(alice, n * 10); // futures that never become ready
      hashes.push(extrinsicHash(e));
      pool.add(e, hashes.at(-1)!, BigInt(n), acc.nonceOf);
      pool.afterBlock({ block: BigInt(n + 2), ...none }, acc.nonceOf); // expires 2 blocks later
    }
    expect(pool.dropped().map((d) => d.hash)).toEqual([hashes[4], hashes[3], hashes[2]]);
    expect(pool.dropped(2).map((d) => d.hash)).toEqual([hashes[4], hashes[3]]);
    expect(pool.lookup(hashes[0]!, acc.nonceOf)).toBeNull();
    expect(pool.lookup(hashes[2]!, acc.nonceOf)?.state).toBe("dropped");
  });

  it("refuses beyond its capacity and a nonce too far ahead to ever become ready", () => {
    const pool = new Mempool(2, 64);
    const acc = accounts();
    const [e0, e1, e2] = [transfer(alice, 0), transfer(alice, 1), transfer(alice, 2)];
    pool.add(e0, extrinsicHash(e0), 0n, acc.nonceOf);
    pool.add(e1, extrinsicHash(e1), 0n, acc.nonceOf);
    expect(() => pool.add(e2, extrinsicHash(e2), 0n, acc.nonceOf)).toThrow("the mempool is full (2 extrinsics)");
    const far = transfer(bob, 128); // 2 per block × 64 blocks cannot reach nonce 128 from 0
    expect(() => pool.add(far, extrinsicHash(far), 0n, acc.nonceOf)).toThrow("extrinsic rejected (Future): nonce 128 is too far ahead of the account's next nonce 0 to become ready within 64 blocks");
  });
});

describe("planned changes and restore", () => {
  it("plans a block's change without touching the pool, then applies exactly it", () => {
    const pool = new Mempool(10_000, 2, 3);
    const acc = accounts();
    const [a0, a5] = [transfer(alice, 0), transfer(alice, 5)];
    pool.add(a0, extrinsicHash(a0), 0n, acc.nonceOf);
    pool.add(a5, extrinsicHash(a5), 0n, acc.nonceOf); // expires after block 2
    acc.set(alice.publicKeyHex, 1);
    const change = pool.planAfterBlock({ block: 2n, included: new Set([extrinsicHash(a0), `0x${"77".repeat(32)}`]), refused: new Map() }, acc.nonceOf);
    expect(change.included).toEqual([extrinsicHash(a0)]); // a hash the pool never held is not its business
    expect(change.dropped.map((d) => [d.hash, d.cause, d.droppedAt, d.dropSeq])).toEqual([[extrinsicHash(a5), "Expired", 2n, 0]]);
    expect(change.forgetDroppedBelow).toBe(1 - 3); // one drop planned, a ring of 3: nothing forgotten
    expect(pool.size).toBe(2);
    expect(pool.lookup(extrinsicHash(a5), acc.nonceOf)?.state).toBe("pending");
    pool.apply(change);
    expect(pool.size).toBe(0);
    expect(pool.lookup(extrinsicHash(a5), acc.nonceOf)).toMatchObject({ state: "dropped", entry: { cause: "Expired", dropSeq: 0 } });
    expect(pool.lookup(extrinsicHash(a0), acc.nonceOf)).toBeNull();
  });

  it("restored from stored entries, keeps their order and statuses and numbers what comes next after them", () => {
    const acc = accounts();
    const [b0, b1, b3] = [transfer(bob, 0), transfer(bob, 1), transfer(bob, 3)];
    const old = transfer(alice, 9);
    const pending = [
      { ext: b1, hash: extrinsicHash(b1), submittedAt: 40n, expiresAt: 104n, seq: 12 },
      { ext: b0, hash: extrinsicHash(b0), submittedAt: 41n, expiresAt: 105n, seq: 15 },
      { ext: b3, hash: extrinsicHash(b3), submittedAt: 41n, expiresAt: 105n, seq: 16 },
    ];
    const dropped = [7, 3, 5].map((dropSeq, i) => ({ ext: old, hash: `0x${String(i).repeat(64)}`, submittedAt: 1n, droppedAt: 30n, cause: "Expired" as const, reason: `r${dropSeq}`, dropSeq }));
    const pool = new Mempool(10_000, 64, 2);
    pool.restore(pending, dropped);
    expect(pool.pending(acc.nonceOf).map((p) => [p.ext.nonce, p.seq, p.status])).toEqual([
      [1, 12, "ready"],
      [0, 15, "ready"],
      [3, 16, "future"],
    ]);
    expect(pool.ready(acc.nonceOf)).toEqual([b0, b1]);
    // A ring of 2 keeps the two newest drops by order (7, then 5), newest first.
    expect(pool.dropped().map((d) => d.reason)).toEqual(["r7", "r5"]);
    const b2 = transfer(bob, 2);
    expect(pool.add(b2, extrinsicHash(b2), 50n, acc.nonceOf).seq).toBe(17);
    acc.set(bob.publicKeyHex, 4);
    const all = [b0, b1, b2, b3].map((e) => extrinsicHash(e));
    expect(pool.planAfterBlock({ block: 51n, included: new Set(all), refused: new Map() }, acc.nonceOf)).toEqual({ included: all, dropped: [], forgetDroppedBelow: 8 - 2 });
    const stale = pool.planDrops([{ hash: extrinsicHash(b3), cause: "Stale", reason: "why" }], 51n);
    expect(stale.dropped.map((d) => [d.hash, d.cause, d.reason, d.droppedAt, d.dropSeq])).toEqual([[extrinsicHash(b3), "Stale", "why", 51n, 8]]);
  });
});

describe("signer forms", () => {
  it("takes an SS58 address (prefix 42) or 0x-hex, and names the field when neither", () => {
    // //Alice, as every Substrate tool shows her.
    expect(normaliseSigner("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")).toBe("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    expect(normaliseSigner("0xD43593C715FDD31C61141ABD04A99FD6822C8558854CCDE39A5684E7A56DA27D")).toBe("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    expect(() => normaliseSigner("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ")).toThrow('the extrinsic\'s "signer" must be a 0x-hex 32-byte public key or an SS58 address (prefix 42): invalid SS58 address "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ": checksum mismatch');
    expect(() => normaliseSigner("alice")).toThrow(/"signer" must be .*not base58/);
    expect(() => normaliseSigner("0x12")).toThrow('the extrinsic\'s "signer" must be a 0x-hex 32-byte public key, got "0x12"');
    expect(() => normaliseSigner(42)).toThrow('the extrinsic\'s "signer" must be a 0x-hex 32-byte public key or an SS58 address (prefix 42), got 42');
    // Kusama's prefix 2 is another network's address of the same key.
    expect(() => normaliseSigner("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F")).toThrow(/network prefix 2, expected 42/);
  });
});
