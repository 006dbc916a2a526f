/**
 * The compact rows of migration 0013 on a seeded chain, on SQLite and PostgreSQL: every stored
 * metagraph snapshot's binary weights and bonds are the engine's own rows at that epoch (read
 * from the engine's state as each block is made, decoded here with Buffer readers and through
 * the store's reader); every stored extrinsic's arguments, put back from `args` and `argsU16`,
 * re-verify against the signature and hash to the stored hash; the brotli checkpoint's state
 * has the stored state root. And the migration itself: rows written in the earlier formats
 * under migration 0012 (weights in the snapshot JSON, whole-JSON arguments, text checkpoints)
 * read the same after 0013 is applied.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { canonicalJson, extrinsicHash, verifyExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { restoreState, stateRoot } from "@/lib/chain/runtime/state";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { packRows } from "@/lib/db/packed-rows";
import { createReadClient } from "@/lib/db/prisma";
import { readSnapshot, snapshotMatrix } from "@/lib/db/snapshots";
import { openSql } from "@/lib/db/sql";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { storedMatrixRows } from "../helpers/stored-rows";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function fresh(kind: "sqlite" | "postgres"): Promise<DatabaseTarget> {
  const t = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  cleanups.push(t.cleanup);
  return t.target;
}

type Pairs = [number, number][][];
const plain = (rows: readonly (readonly (readonly [number, number])[])[]): Pairs => rows.map((r) => r.map(([j, v]) => [j, v] as [number, number]));

/** A seeded test-preset chain, block by block, with the engine's weights and bonds at each subnet epoch. */
async function seededChain(target: DatabaseTarget) {
  const store = await SqlChainStore.open(target);
  const env = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "12", TAOSCOPE_CHECKPOINT_EVERY: "20", TAOSCOPE_SEED: "9" };
  const node = await ChainNode.open(store, { ...loadConfig(env), database: target });
  const engine = new Map<string, { weights: Pairs; bonds: Pairs; block: bigint }>();
  const seen = new Map<number, number>();
  for (let b = 0; b < 45; b++) {
    await node.advance(1);
    for (const [netuid, s] of node.chain.subnets) {
      if (s.epochIndex === (seen.get(netuid) ?? 0)) continue;
      seen.set(netuid, s.epochIndex);
      engine.set(`${netuid}/${s.epochIndex}`, { weights: plain(s.neurons.map((x) => x.weights)), bonds: plain(s.neurons.map((x) => x.bonds)), block: node.chain.block });
    }
  }
  cleanups.push(() => store.close());
  return { store, node, engine };
}

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`compact rows on ${kind}`, () => {
    it("stores each epoch's weights and bonds as the engine had them, extrinsics that re-verify, and compressed checkpoints", async () => {
      const target = await fresh(kind);
      const { store, node, engine } = await seededChain(target);
      const rows = await store.sql.query<{ netuid: unknown; epoch: unknown; block: unknown; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
        `SELECT "netuid", "epoch", "block", "data", "weights", "bonds" FROM "MetagraphSnapshot" ORDER BY "netuid", "epoch"`,
      );
      expect(rows.map((r) => `${r.netuid}/${r.epoch}`)).toEqual([...engine.keys()].sort());
      expect(rows.length).toBeGreaterThan(4);
      const read = createReadClient(target);
      cleanups.push(() => read.$disconnect());
      let weightEntries = 0;
      let bondEntries = 0;
      for (const r of rows) {
        const e = engine.get(`${r.netuid}/${r.epoch}`)!;
        expect(BigInt(r.block as bigint)).toBe(e.block);
        const d = JSON.parse(r.data) as Record<string, unknown>;
        expect("weights" in d || "bonds" in d).toBe(false); // not in the JSON any more
        expect(storedMatrixRows(r.weights)).toEqual(e.weights);
        expect(storedMatrixRows(r.bonds)).toEqual(e.bonds);
        const snap = (await readSnapshot<object>(read, Number(r.netuid), Number(r.epoch)))!;
        expect(u16MatrixToRows(snapshotMatrix(snap.data, "weights"))).toEqual(e.weights);
        expect(u16MatrixToRows(snapshotMatrix(snap.data, "bonds"))).toEqual(e.bonds);
        weightEntries += e.weights.flat().length;
        bondEntries += e.bonds.flat().length;
      }
      expect(weightEntries).toBeGreaterThan(0); // the seeded traffic set weights, and bonds formed
      expect(bondEntries).toBeGreaterThan(0);

      // Extrinsics: the arguments put back verify against the signature and hash to the stored hash.
      const genesisHash = node0Hash(await store.sql.query<{ hash: string }>(`SELECT "hash" FROM "Block" WHERE "number" = 0`));
      const exts = await store.sql.query<{ blockNumber: unknown; hash: string; call: string; args: string; argsU16: Uint8Array | null }>(`SELECT "blockNumber", "hash", "call", "args", "argsU16" FROM "Extrinsic" ORDER BY "blockNumber", "index"`);
      const replayed = (await store.blocksAfter(-1n, 1000)).flatMap((b) => b.extrinsics);
      expect(replayed.length).toBe(exts.length);
      let packed = 0;
      replayed.forEach((x, i) => {
        expect(verifyExtrinsic(x, genesisHash)).toBe(true);
        expect(extrinsicHash(x)).toBe(exts[i]!.hash);
        if (exts[i]!.argsU16) {
          packed++;
          expect(exts[i]!.args).not.toContain("weights");
        }
      });
      const weightCalls = exts.filter((x) => x.call === "SubtensorModule.set_weights");
      expect(weightCalls.length).toBeGreaterThan(0);
      expect(packed).toBeGreaterThan(0);
      expect(packed).toBeGreaterThanOrEqual(weightCalls.filter((x) => JSON.parse(canonicalJson(replayed[exts.indexOf(x)]!.args)).dests.length >= 4).length);

      // Checkpoints: brotli text of a state whose root is the stored root.
      const cps = await store.sql.query<{ blockNumber: unknown; stateRoot: string; state: string | null; stateBrotli: Uint8Array | null }>(`SELECT * FROM "Checkpoint" ORDER BY "blockNumber"`);
      expect(cps.length).toBeGreaterThan(1);
      for (const c of cps) {
        expect(c.state).toBeNull();
        expect(stateRoot(restoreState(brotliDecompressSync(c.stateBrotli!).toString("utf8"), node.chain.rules))).toBe(c.stateRoot);
      }
    });
  });
}

const node0Hash = (rows: { hash: string }[]) => rows[0]!.hash;

describe("migration 0013 on rows in the earlier formats", () => {
  for (const kind of ["sqlite", "postgres"] as const) {
    it(`reads them the same after it is applied (${kind})`, async () => {
      // The source: a chain in the current formats.
      const { store: source } = await seededChain(await fresh(kind));
      const snapRows = await source.sql.query<{ netuid: unknown; epoch: unknown; block: unknown; n: unknown; data: string; weights: Uint8Array; bonds: Uint8Array }>(`SELECT * FROM "MetagraphSnapshot" ORDER BY "netuid", "epoch"`);
      const blocks = await source.sql.query<Record<string, unknown>>(`SELECT * FROM "Block" ORDER BY "number"`);
      const exts = (await source.blocksAfter(-1n, 1000)).flatMap((b) => b.extrinsics.map((x) => ({ block: b.number, x })));
      const cp = (await source.checkpoint(1000n))!;

      // The target: migrations up to 0012 only, rows written as the code before 0013 wrote them.
      const target = await fresh(kind);
      const upTo12 = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-migrations-"));
      cleanups.push(() => fs.rmSync(upTo12, { recursive: true, force: true }));
      const all = migrationsDir(kind);
      for (const name of fs.readdirSync(all).filter((n) => n < "0013")) fs.cpSync(path.join(all, name), path.join(upTo12, name), { recursive: true });
      const sql = openSql(target);
      expect(await migrate(sql, upTo12)).toHaveLength(12);
      for (const r of snapRows) {
        const legacy = { ...JSON.parse(r.data), weights: packRows(storedMatrixRows(r.weights)), bonds: packRows(storedMatrixRows(r.bonds)) };
        await sql.run(`INSERT INTO "MetagraphSnapshot" ("netuid", "epoch", "block", "n", "data") VALUES (?, ?, ?, ?, ?)`, [Number(r.netuid), Number(r.epoch), BigInt(r.block as bigint), Number(r.n), JSON.stringify(legacy)]);
      }
      for (const b of blocks) {
        await sql.run(`INSERT INTO "Block" ("number", "hash", "parentHash", "stateRoot", "extrinsicsRoot", "timestamp", "author", "extrinsicCount", "eventCount") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          BigInt(b.number as bigint), b.hash as string, b.parentHash as string, b.stateRoot as string, b.extrinsicsRoot as string, BigInt(b.timestamp as bigint), b.author as string, Number(b.extrinsicCount), Number(b.eventCount),
        ]);
      }
      for (const [i, { block, x }] of exts.entries()) {
        await sql.run(`INSERT INTO "Extrinsic" ("id", "blockNumber", "index", "hash", "call", "signer", "nonce", "args", "signature", "fee", "success") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          `${block}-${i}`, block, i, extrinsicHash(x), x.call, x.signer, x.nonce, canonicalJson(x.args), x.signature, "0", true,
        ]);
      }
      await sql.run(`INSERT INTO "Checkpoint" ("blockNumber", "stateRoot", "state") VALUES (?, ?, ?)`, [cp.number, "0x00", cp.state]);
      expect(await migrate(sql, all)).toEqual(["0013_compact_rows"]);
      await sql.close();

      const store = await SqlChainStore.open(target);
      cleanups.push(() => store.close());
      expect((await store.checkpoint(1000n))!.state).toBe(cp.state);
      const back = (await store.blocksAfter(-1n, 1000)).flatMap((b) => b.extrinsics);
      expect(back.map((x) => canonicalJson(x))).toEqual(exts.map((e) => canonicalJson(e.x)));
      const read = createReadClient(target);
      cleanups.push(() => read.$disconnect());
      for (const r of snapRows) {
        const snap = (await readSnapshot<object>(read, Number(r.netuid), Number(r.epoch)))!;
        expect(u16MatrixToRows(snapshotMatrix(snap.data, "weights"))).toEqual(storedMatrixRows(r.weights));
        expect(u16MatrixToRows(snapshotMatrix(snap.data, "bonds"))).toEqual(storedMatrixRows(r.bonds));
      }
    });
  }
});
