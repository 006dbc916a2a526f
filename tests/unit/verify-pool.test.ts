/**
 * The signature pool (lib/node/verify-pool.ts) against serial verification, and blocks built
 * with its answers against blocks that verify everything themselves. Real keys and signatures
 * throughout; the only thing the tests do to the workers is what can happen to any thread
 * (an uncaught exception, termination).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { type Keypair, keypairFromUri, scureVerify, verifySignature } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { type SignatureCheck, type SignedExtrinsic, signExtrinsic, signatureCheckOf, signatureKey } from "@/lib/chain/runtime/extrinsic";
import { stateRoot } from "@/lib/chain/runtime/state";
import { createActivity } from "@/lib/chain/sim/activity";
import { buildNetwork } from "@/lib/node/network";
import { VerifyPool, VerifyPoolError } from "@/lib/node/verify-pool";

const TAO = 1_000_000_000n;
const encoder = new TextEncoder();

let pool: VerifyPool;
beforeAll(async () => {
  await enableFastCrypto();
  pool = new VerifyPool({ workers: 3, minBatch: 1 });
});
afterAll(async () => {
  await pool.close();
});

interface Case extends SignatureCheck {
  what: string;
  /** Whether the signature is valid, by construction: signed as given, or changed after signing. */
  valid: boolean;
}

/** Signed messages of random lengths, each also with one byte of its signature, message or key flipped, and malformed forms. */
function cases(keys: Keypair[], count: number, seed: number): Case[] {
  const rng = createRng(seed);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
  const flip = (b: Uint8Array, at: number) => {
    const c = b.slice();
    c[at]! ^= 1 << rng.int(8);
    return c;
  };
  const out: Case[] = [];
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length]!;
    const other = keys[(i + 1) % keys.length]!;
    const message = bytes(rng.int(300));
    const signature = key.sign(message, bytes(32));
    const publicKey = key.publicKey;
    out.push({ what: `valid ${i}`, message, signature, publicKey, valid: true });
    out.push({ what: `signature byte flipped ${i}`, message, signature: flip(signature, rng.int(64)), publicKey, valid: false });
    if (message.length > 0) out.push({ what: `message byte flipped ${i}`, message: flip(message, rng.int(message.length)), signature, publicKey, valid: false });
    out.push({ what: `public key byte flipped ${i}`, message, signature, publicKey: flip(publicKey, rng.int(32)), valid: false });
    out.push({ what: `another signer's key ${i}`, message, signature, publicKey: other.publicKey, valid: false });
    out.push({ what: `one more message byte ${i}`, message: Uint8Array.of(...message, 0), signature, publicKey, valid: false });
  }
  const key = keys[0]!;
  const message = encoder.encode("malformed");
  const signature = key.sign(message, new Uint8Array(32));
  out.push({ what: "63-byte signature", message, signature: signature.subarray(0, 63), publicKey: key.publicKey, valid: false });
  out.push({ what: "31-byte key", message, signature, publicKey: key.publicKey.subarray(0, 31), valid: false });
  const unmarked = signature.slice();
  unmarked[63]! &= 0x7f;
  out.push({ what: "schnorrkel marker cleared", message, signature: unmarked, publicKey: key.publicKey, valid: false });
  out.push({ what: "empty message, valid", message: new Uint8Array(0), signature: key.sign(new Uint8Array(0), new Uint8Array(32)), publicKey: key.publicKey, valid: true });
  return out;
}

describe("the signature pool", () => {
  const keys = Array.from({ length: 5 }, (_, i) => keypairFromUri(`//verify-pool-${i}`));

  it("answers as serial verification does (the WASM verifier and @scure/sr25519's) on valid, tampered and malformed signatures, over three workers", async () => {
    const all = cases(keys, 40, 14);
    const answers = await pool.verifyMany(all);
    expect(answers).toHaveLength(all.length);
    all.forEach((c, i) => {
      expect(answers[i], c.what).toBe(c.valid);
      expect(verifySignature(c.message, c.signature, c.publicKey), c.what).toBe(c.valid);
    });
    // @scure/sr25519 (pure JavaScript) on the well-formed ones: an implementation the pool does not use.
    for (const c of all.filter((x) => x.signature.length === 64 && x.publicKey.length === 32 && (x.signature[63]! & 0x80) !== 0).slice(0, 60)) {
      let scure: boolean;
      try {
        scure = scureVerify(c.message, c.signature, c.publicKey);
      } catch {
        scure = false;
      }
      expect(scure, c.what).toBe(c.valid);
    }
    expect(all.filter((c) => c.valid)).toHaveLength(41);
  });

  it("keeps each request's answers in its own order when requests overlap", async () => {
    const a = cases(keys, 12, 1);
    const b = cases(keys, 7, 2);
    const c = cases(keys, 3, 3);
    const [ra, rb, rc] = await Promise.all([pool.verifyMany(a), pool.verifyMany(b), pool.verifyMany(c)]);
    expect(ra).toEqual(a.map((x) => x.valid));
    expect(rb).toEqual(b.map((x) => x.valid));
    expect(rc).toEqual(c.map((x) => x.valid));
    expect(await pool.verifyMany([])).toEqual([]);
  });

  it("streams each answer as it is known, readable from synchronous code, equal to serial verification", async () => {
    const all = cases(keys, 10, 8);
    const s = pool.stream(all);
    // Read at once, in reverse order, blocking until each is in.
    const read = all.map((_, i) => all.length - 1 - i).map((i) => [i, s.answer(i, 30_000)] as const);
    for (const [i, a] of read) expect(a, all[i]!.what).toBe(all[i]!.valid);
    expect(await s.done).toEqual(all.map((c) => c.valid));
  });

  it("gives null, not a hang, for a streamed answer a terminated worker never sends", async () => {
    const one = new VerifyPool({ workers: 1 });
    try {
      const s = one.stream(cases(keys, 2, 9));
      await one.threads[0]!.terminate(); // before it answers: a new worker takes seconds to start
      const t0 = performance.now();
      expect(s.answer(0, 300)).toBeNull();
      expect(s.answer(1, 300)).toBeNull(); // no second wait once one timed out
      expect(performance.now() - t0).toBeLessThan(3_000);
      await expect(s.done).rejects.toThrow(VerifyPoolError);
    } finally {
      await one.close();
    }
  });

  it("rejects the requests of a worker that throws, and answers the next one on a fresh worker", async () => {
    const one = new VerifyPool({ workers: 1 });
    try {
      const [valid] = cases(keys, 1, 4);
      one.threads[0]!.postMessage({ id: 0 }); // not a batch: the worker throws reading it
      await expect(one.verifyMany([valid!])).rejects.toThrow(VerifyPoolError);
      await expect(one.verifyMany([valid!])).resolves.toEqual([true]);
    } finally {
      await one.close();
    }
  });

  it("rejects the requests of a worker that is terminated under them", async () => {
    const one = new VerifyPool({ workers: 1 });
    try {
      const pending = one.verifyMany(cases(keys, 4, 5));
      await one.threads[0]!.terminate();
      await expect(pending).rejects.toThrow(/signature worker 0 exited/);
    } finally {
      await one.close();
    }
  });

  it("close() ends every worker, and refuses later requests", async () => {
    const p = new VerifyPool({ workers: 2 });
    expect(await p.verifyMany(cases(keys, 1, 6).slice(0, 2))).toEqual([true, false]);
    expect(p.threads.every((w) => w.threadId > 0)).toBe(true);
    await p.close();
    expect(p.threads.map((w) => w.threadId)).toEqual([-1, -1]);
    await expect(p.verifyMany(cases(keys, 1, 7))).rejects.toThrow(/closed/);
  });

  it.each(["close", "idle"])("lets a process that used it exit by itself (%s)", async (mode) => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const { stdout } = await promisify(execFile)(tsx, [path.resolve("tests/helpers/verify-pool-exit.ts"), mode], { timeout: 45_000 });
    expect(JSON.parse(stdout.trim())).toEqual([true, false]);
  });
});

describe("blocks with signatures verified on the pool", () => {
  it("are the serial blocks, hash for hash and root for root, with every signature taken from the pool", async () => {
    const spec = { version: 2 as const, preset: "mainnet" as const, seed: 3, subnets: 2, uids: 12, timestamp: "1700000000000", historyBlocks: 0, traffic: "synthetic" as const };
    const serial = createGenesis(buildNetwork(spec).genesis).state;
    const pooled = createGenesis(buildNetwork(spec).genesis).state;
    const net = buildNetwork(spec);
    const activity = createActivity(createRng(99), { coldkeys: net.coldkeys, hotkeys: net.hotkeys, quality: (h) => (Number.parseInt(h.slice(2, 6), 16) % 100) / 100 });
    let extrinsics = 0;
    for (let b = 1; b <= 40; b++) {
      const exts = activity.next(serial);
      const checks = exts.map((e) => signatureCheckOf(e, pooled.genesisHash)!);
      const answers = await pool.verifyMany(checks);
      const verified = new Set(checks.filter((_, i) => answers[i]).map(signatureKey));
      expect(verified.size).toBe(exts.length); // the traffic signs validly: every check is the pool's
      const input = { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author: net.author.publicKeyHex, extrinsics: exts };
      const a = produceBlock(serial, input);
      const p = produceBlock(pooled, { ...input, verified });
      expect(p.block.hash).toBe(a.block.hash);
      expect(p.block.header.stateRoot).toBe(a.block.header.stateRoot);
      expect(stateRoot(pooled)).toBe(stateRoot(serial));
      expect(p.rejected.map((r) => r.reason.message)).toEqual(a.rejected.map((r) => r.reason.message));
      extrinsics += a.block.extrinsics.length;
    }
    expect(extrinsics).toBeGreaterThan(40);
  });

  describe("a block handed verified signatures", () => {
    const alice = keypairFromUri("//Alice");
    const bob = keypairFromUri("//Bob");
    const author = keypairFromUri("//Charlie").publicKeyHex;
    const genesis = () => createGenesis({ preset: "test", timestamp: 0n, endowments: [[alice.publicKeyHex, 1000n * TAO], [bob.publicKeyHex, 1000n * TAO]] }).state;
    const transfer = (genesisHash: string, amount: bigint, nonce = 0): SignedExtrinsic =>
      signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: bob.publicKeyHex, value: String(amount) } }, nonce, genesisHash, new Uint8Array(32));

    it("verifies again, and refuses, an extrinsic whose bytes differ from the ones verified", async () => {
      const state = genesis();
      const ext = transfer(state.genesisHash, 5n * TAO);
      const check = signatureCheckOf(ext, state.genesisHash)!;
      expect(await pool.verifyMany([check])).toEqual([true]);
      const verified = new Set([signatureKey(check)]);
      const sig = ext.signature;
      const flipped = `${sig.slice(0, 10)}${sig[10] === "0" ? "1" : "0"}${sig.slice(11)}`;
      const changed: [string, SignedExtrinsic][] = [
        ["another amount", { ...ext, args: { ...ext.args, value: String(6n * TAO) } }],
        ["another signer", { ...ext, signer: bob.publicKeyHex }],
        ["a signature byte changed", { ...ext, signature: flipped }],
      ];
      for (const [what, bad] of changed) {
        const s = genesis();
        const { block, rejected } = produceBlock(s, { timestamp: 1n, author, extrinsics: [bad], verified });
        expect(block.extrinsics, what).toHaveLength(0);
        expect(rejected.map((r) => r.reason.reason), what).toEqual(["BadProof"]);
      }
      const { block, rejected } = produceBlock(state, { timestamp: 1n, author, extrinsics: [ext], verified });
      expect(rejected).toEqual([]);
      expect(block.extrinsics.map((x) => x.success)).toEqual([true]);
      expect(state.accounts.get(bob.publicKeyHex)!.free).toBe(1005n * TAO);
    });

    it("takes the set at its word for exactly the bytes it names (so only what the pool found valid may be in it)", () => {
      // A signature made for 5 TAO, carried on a transfer of 7: invalid, and refused without the set.
      const state = genesis();
      const forged = { ...transfer(state.genesisHash, 7n * TAO), signature: transfer(state.genesisHash, 5n * TAO).signature };
      expect(produceBlock(genesis(), { timestamp: 1n, author, extrinsics: [forged] }).rejected.map((r) => r.reason.reason)).toEqual(["BadProof"]);
      // Named in the set, its check is skipped: the set is what the block trusts, byte for byte.
      const { block } = produceBlock(state, { timestamp: 1n, author, extrinsics: [forged], verified: new Set([signatureKey(signatureCheckOf(forged, state.genesisHash)!)]) });
      expect(block.extrinsics).toHaveLength(1);
    });
  });
});
