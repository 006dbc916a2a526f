/**
 * The node with its signatures verified on the pool (TAOSCOPE_VERIFY_WORKERS=2) against the
 * node verifying them in its blocks (0): on the same genesis, traffic and submissions, the two
 * chains are the same block for block, submissions get the same answers (a bad signature the
 * same refusal), and a restart and `verifyChain` (which verify on the pool over a batch of
 * blocks or more) agree with both.
 */
import { afterAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode, type Clock, verifyChain } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const clock: Clock = {
  now: () => 1_750_000_000_000,
  setInterval: () => {
    throw new Error("no timer in this test");
  },
  clearInterval: () => undefined,
};

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function open(workers: number) {
  const db = tempSqlite();
  cleanups.push(db.cleanup);
  const config = { ...loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "4", TAOSCOPE_CHECKPOINT_EVERY: "1000", TAOSCOPE_VERIFY_WORKERS: String(workers) }), database: db.target };
  const store = await SqlChainStore.open(db.target);
  return { store, config, node: await ChainNode.open(store, config, clock) };
}

const alice = keypairFromUri("//Alice");
const bob = keypairFromUri("//Bob");

describe("a node verifying signatures on the pool", () => {
  it("produces the chain of a node verifying them in its blocks, and both replay it", async () => {
    const pooled = await open(2);
    const serial = await open(0);
    expect(pooled.config.verifyWorkers).toBe(2);
    expect(serial.config.verifyWorkers).toBe(0);
    expect(pooled.node.chain.genesisHash).toBe(serial.node.chain.genesisHash);
    await pooled.node.warmSignatures();
    await serial.node.warmSignatures(); // no pool: at once
    expect(pooled.node.verifiesOnPool).toBe(true);
    const genesis = pooled.node.chain.genesisHash;
    const pay = (nonce: number, value: string): SignedExtrinsic => signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: bob.publicKeyHex, value } }, nonce, genesis, new Uint8Array(32));
    const forged = { ...pay(1, "3000000000"), signature: pay(1, "4000000000").signature };

    for (const { node } of [pooled, serial]) {
      // Nonce 2 first (future), then 0 (ready): arrival order is kept, as the statuses show.
      const answers = await Promise.all([node.accept(pay(2, "2000000000")), node.accept(pay(0, "1000000000"))]);
      expect(answers.map((a) => a.status)).toEqual(["future", "ready"]);
      await expect(node.accept(forged)).rejects.toThrow("extrinsic rejected (BadProof): the signature does not match the signer, call, nonce and genesis hash");
      await node.advance(3);
      await node.accept(pay(1, "1500000000"));
      await node.advance(207);
    }
    expect(pooled.node.head).toBe(210n);
    expect(pooled.node.verifiesOnPool).toBe(true);
    expect(serial.node.verifiesOnPool).toBe(false);
    const a = await pooled.store.blocksAfter(0n, 300);
    const b = await serial.store.blocksAfter(0n, 300);
    expect(a.map((x) => x.hash)).toEqual(b.map((x) => x.hash));
    expect(a.map((x) => x.stateRoot)).toEqual(b.map((x) => x.stateRoot));
    const included = a.flatMap((x) => x.extrinsics).filter((e) => e.signer === alice.publicKeyHex);
    expect(included.map((e) => e.nonce)).toEqual([0, 1, 2]);
    expect(a.reduce((n, x) => n + x.extrinsics.length, 0)).toBeGreaterThan(210);

    // A restart replays the 210 blocks after genesis's checkpoint: a batch and more, on the pool.
    const head = pooled.node.chain.parentHash;
    await pooled.node.stop();
    const reopened = await ChainNode.open(pooled.store, pooled.config, clock);
    expect(reopened.head).toBe(210n);
    expect(reopened.chain.parentHash).toBe(head);
    await reopened.stop();
    expect(await verifyChain(pooled.store, undefined, 2)).toEqual({ blocks: 210n, mismatch: null });
    expect(await verifyChain(serial.store, undefined, 0)).toEqual({ blocks: 210n, mismatch: null });
    await serial.node.stop();
    await pooled.store.close();
    await serial.store.close();
  });
});
