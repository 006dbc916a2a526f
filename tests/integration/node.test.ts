/**
 * The node on real databases: genesis, blocks committed with their rows, restart and resume
 * from a checkpoint plus replay, refusal of a block that does not follow the head, and verify.
 * Runs on a SQLite file and on a fresh PostgreSQL database.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { stateRoot } from "@/lib/chain/runtime/state";
import { type NodeConfig, loadConfig } from "@/lib/node/config";
import { ChainNode, verifyChain } from "@/lib/node/node";
import { StoreConflictError } from "@/lib/node/store";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { storedMatrixRows, storedSnapshotData } from "../helpers/stored-rows";

const config = (target: DatabaseTarget): NodeConfig => ({
  ...loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "7", TAOSCOPE_SEED: "5" }),
  database: target,
});

async function uninterrupted(target: DatabaseTarget, blocks: number) {
  const store = await SqlChainStore.open(target);
  const node = await ChainNode.open(store, config(target));
  await node.advance(blocks);
  const root = stateRoot(node.chain);
  await store.close();
  return root;
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`node on ${kind}`, () => {
    const fresh = async () => {
      if (kind === "sqlite") {
        const t = tempSqlite();
        cleanups.push(t.cleanup);
        return t.target;
      }
      const t = await tempPostgres();
      cleanups.push(t.cleanup);
      return t.target;
    };

    it("resumes after a restart with the same state root as an uninterrupted run, and verifies", async () => {
      const target = await fresh();
      let store = await SqlChainStore.open(target);
      let node = await ChainNode.open(store, config(target));
      expect(node.head).toBe(0n);
      await node.advance(12);
      await node.stop();
      await store.close();

      store = await SqlChainStore.open(target);
      node = await ChainNode.open(store, config(target)); // checkpoint at 7, replays 8..12
      expect(node.head).toBe(12n);
      await node.advance(13);
      const root = stateRoot(node.chain);
      const head = await store.head();
      expect(head!.number).toBe(25n);
      expect(head!.stateRoot).toBe(root);
      const report = await verifyChain(store);
      expect(report).toEqual({ blocks: 25n, mismatch: null });
      const counts = await store.sql.query<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "Block"`);
      expect(BigInt(counts[0]!.n)).toBe(26n); // 0..25, no gap, no duplicate
      await store.close();

      expect(await uninterrupted(await fresh(), 25)).toBe(root);
    });

    it("keeps rows current: accounts, subnets, neurons, positions, network figures and counters", async () => {
      const target = await fresh();
      const store = await SqlChainStore.open(target);
      const node = await ChainNode.open(store, config(target));
      await node.advance(25); // test preset tempo 10: epochs ran
      const s = node.chain;
      const q = <T>(sql: string) => store.sql.query<T>(sql);
      const accounts = await q<{ id: string; free: string; nonce: bigint }>(`SELECT "id", "free", "nonce" FROM "Account"`);
      expect(accounts.length).toBe(s.accounts.size);
      for (const a of accounts) expect([a.free, Number(a.nonce)]).toEqual([s.accounts.get(a.id)!.free.toString(), s.accounts.get(a.id)!.nonce]);
      const neurons = await q<{ netuid: bigint; uid: bigint; hotkey: string; stake: string; incentive: bigint }>(`SELECT "netuid", "uid", "hotkey", "stake", "incentive" FROM "Neuron"`);
      expect(neurons.length).toBe([...s.subnets.values()].reduce((a, x) => a + x.neurons.length, 0));
      for (const n of neurons) {
        const sn = s.subnets.get(Number(n.netuid))!;
        const x = sn.neurons[Number(n.uid)]!;
        expect([n.hotkey, n.stake, Number(n.incentive)]).toEqual([x.hotkey, (sn.stake[x.hotkey]?.value ?? 0n).toString(), x.incentive]);
      }
      const positions = await q<{ alpha: string }>(`SELECT "alpha" FROM "StakePosition" WHERE "netuid" > 0`);
      const staked = [...s.subnets.values()].flatMap((x) => Object.values(x.stake)).reduce((a, p) => a + p.value, 0n);
      const held = positions.reduce((a, p) => a + BigInt(p.alpha), 0n);
      expect(held <= staked && staked - held <= BigInt(positions.length)).toBe(true); // share values round down
      const rootPositions = await q<{ alpha: string }>(`SELECT "alpha" FROM "StakePosition" WHERE "netuid" = 0`);
      const rootHeld = rootPositions.reduce((a, p) => a + BigInt(p.alpha), 0n);
      expect(s.root.taoReserve - rootHeld >= 0n && s.root.taoReserve - rootHeld <= BigInt(rootPositions.length)).toBe(true);
      const snapshots = await q<{ netuid: bigint; epoch: bigint; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(`SELECT "netuid", "epoch", "data", "weights", "bonds" FROM "MetagraphSnapshot" ORDER BY "netuid", "epoch"`);
      expect(snapshots.length).toBe([...s.subnets.values()].reduce((a, x) => a + x.epochIndex, 0));
      const last = storedSnapshotData<Record<string, unknown[]>>(snapshots.at(-1)!);
      expect(Object.keys(last)).toEqual(expect.arrayContaining(["uids", "hotkeys", "coldkeys", "stake", "consensus", "incentive", "dividends", "emission", "validatorTrust", "validatorPermit", "lastUpdate", "active", "axons", "weights", "bonds", "blockAtRegistration"]));
      // Weights and bonds are in the binary columns now, one row per uid.
      expect(snapshots.at(-1)!.weights).toBeInstanceOf(Uint8Array);
      expect(storedMatrixRows(last.weights).length).toBe(last.uids!.length);
      expect(storedMatrixRows(last.bonds).length).toBe(last.uids!.length);
      const stat = await q<{ issuance: string; free: string; pooled: string; rootStaked: string }>(`SELECT "issuance", "free", "pooled", "rootStaked" FROM "NetworkStat" ORDER BY "blockNumber" DESC LIMIT 1`);
      expect(BigInt(stat[0]!.issuance)).toBe(s.totalIssuance);
      expect(BigInt(stat[0]!.free) + BigInt(stat[0]!.pooled) + BigInt(stat[0]!.rootStaked)).toBe(s.totalIssuance); // supply held: free, pools, root
      const meta = Object.fromEntries((await q<{ key: string; value: string }>(`SELECT "key", "value" FROM "Meta"`)).map((r) => [r.key, r.value]));
      const exts = await q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "Extrinsic"`);
      expect(meta.extrinsicCount).toBe(String(exts[0]!.n));
      expect(meta.head).toBe("25");
      await store.close();
    });

    it("refuses malformed and badly signed submissions, naming the fault", async () => {
      const target = await fresh();
      const store = await SqlChainStore.open(target);
      const node = await ChainNode.open(store, config(target));
      const alice = keypairFromUri("//Alice");
      const good = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: keypairFromUri("//Bob").address, value: "1000000000" } }, 0, node.chain.genesisHash);
      await expect(node.submit({ ...good, signer: "0x12" })).rejects.toThrow('the extrinsic\'s "signer" must be a 0x-hex 32-byte public key, got "0x12"');
      await expect(node.submit({ ...good, args: "x" as never })).rejects.toThrow(/"args" must be an object/);
      await expect(node.submit({ ...good, nonce: 1 })).rejects.toThrow(/BadProof/); // a future nonce must still be signed for
      await expect(node.submit({ ...good, args: { ...good.args, value: "2" } })).rejects.toThrow(/BadProof/);
      await expect(node.submit({ ...good, call: "Balances.burn_everything" })).rejects.toThrow(/unknown call/);
      expect(await node.submit(good)).toMatch(/^0x[0-9a-f]{64}$/);
      await node.advance(1);
      const ext = await store.sql.query<{ call: string; success: unknown }>(`SELECT "call", "success" FROM "Extrinsic" WHERE "signer" = ?`, [alice.publicKeyHex]);
      expect(ext.map((x) => [x.call, Number(x.success)])).toEqual([["Balances.transfer_keep_alive", 1]]);
      await store.close();
    });

    it("refuses a block that does not follow the stored head, and writes nothing of it", async () => {
      const target = await fresh();
      const store = await SqlChainStore.open(target);
      const node = await ChainNode.open(store, config(target));
      await node.advance(3);
      const other = await SqlChainStore.open(target);
      const twin = await ChainNode.open(other, config(target));
      await node.advance(1); // the twin's state is now one block behind the database
      await expect(twin.advance(1)).rejects.toBeInstanceOf(StoreConflictError);
      expect(twin.head).toBe(4n); // it reloaded what the database holds
      const counts = await store.sql.query<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "Block"`);
      expect(BigInt(counts[0]!.n)).toBe(5n);
      await twin.advance(1); // and carries on from there
      expect((await store.head())!.number).toBe(5n);
      await other.close();
      await store.close();
    });
  });
}
