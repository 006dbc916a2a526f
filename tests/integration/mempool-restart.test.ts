/**
 * A submitted extrinsic is not lost across a node restart, on a real SQLite file and on a real
 * PostgreSQL database: a node process accepts signed extrinsics and is killed (SIGKILL) before
 * any block; a node reopened on the same database finds them pending (ready and future, as
 * before) and includes the ready one in its next block, with the expected outcome.
 *
 * Re-validation at restart: while a node was down, another writer committed a block that used the
 * signer's nonce (a PostgreSQL takeover whose producer did not hold the extrinsic does this; here
 * the engine's own block, committed through the store). The reopened node drops the extrinsic as
 * Stale, and a process that is not the producer reads that from the database by hash.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { produceBlock } from "@/lib/chain/runtime/block";
import { type SignedExtrinsic, extrinsicHash, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { getAccount } from "@/lib/chain/runtime/state";
import { createReadClient } from "@/lib/db/prisma";
import { SqlChainStore } from "@/lib/db/store";
import type { DatabaseTarget } from "@/lib/db/url";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { trackExtrinsic } from "@/lib/server/track";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "11", TAOSCOPE_TEST_MODE: "1" };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const alice = keypairFromUri("//Alice");
const dave = keypairFromUri("//Dave");
const configOf = (target: DatabaseTarget) => ({ ...loadConfig(settings), database: target });

async function openNode(target: DatabaseTarget): Promise<{ node: ChainNode; store: SqlChainStore; close(): Promise<void> }> {
  const store = await SqlChainStore.open(target);
  const node = await ChainNode.open(store, configOf(target));
  return { node, store, close: async () => (await node.stop(), await store.close()) };
}

/** Run tests/helpers/accept-process.ts on `url`: it accepts `exts`, says so, and is then killed with SIGKILL. */
async function acceptThenKill(url: string, exts: SignedExtrinsic[]): Promise<{ hash: string; status: string }[]> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/helpers/accept-process.ts", JSON.stringify(exts)], { env: { ...process.env, ...settings, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!out.includes("\n") && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGKILL");
  await exited;
  const line = out.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`the accepting process said nothing useful:\n${out}`);
  return (JSON.parse(line) as { accepted: { hash: string; status: string }[] }).accepted;
}

const databases: [string, () => Promise<{ target: DatabaseTarget; url: string }>][] = [
  [
    "SQLite",
    async () => {
      const t = tempSqlite();
      cleanups.push(t.cleanup);
      return { target: t.target, url: t.target.kind === "sqlite" ? t.target.url : "" };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const t = await tempPostgres();
      cleanups.push(t.cleanup);
      return t;
    },
  ],
];

describe.each(databases)("the mempool across a restart on %s", (_name, makeDb) => {
  it("keeps what a killed node accepted, and the reopened node includes it in its next block", async () => {
    const { target, url } = await makeDb();
    // Create the chain (genesis) and note its hash, as a wallet would read it from the API.
    const first = await openNode(target);
    const genesis = first.node.chain.genesisHash;
    const head = first.node.head;
    await first.close();

    const ready = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: dave.address, value: "3000000000" } }, 0, genesis);
    const future = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: dave.address, value: "4000000000" } }, 2, genesis);
    const accepted = await acceptThenKill(url, [ready, future]);
    expect(accepted).toEqual([
      { hash: extrinsicHash(ready), status: "ready" },
      { hash: extrinsicHash(future), status: "future" },
    ]);

    const again = await openNode(target);
    try {
      expect(again.node.head).toBe(head); // the killed node produced nothing
      expect(again.node.mempoolLookup(extrinsicHash(ready))).toMatchObject({ state: "pending", entry: { status: "ready", submittedAt: head, expiresAt: head + 64n } });
      expect(again.node.mempoolLookup(extrinsicHash(future))).toMatchObject({ state: "pending", entry: { status: "future" } });
      await again.node.advance(1);
      const rows = await again.store.sql.query<{ blockNumber: bigint; hash: string; success: unknown }>(`SELECT "blockNumber", "hash", "success" FROM "Extrinsic" WHERE "signer" = ?`, [alice.publicKeyHex]);
      expect(rows.map((r) => [BigInt(r.blockNumber), r.hash, Boolean(Number(r.success))])).toEqual([[head + 1n, extrinsicHash(ready), true]]);
      expect(getAccount(again.node.chain, dave.publicKeyHex).free).toBe(3_000_000_000n);
      // The included one's row went with its block; the future one is still kept.
      const kept = await again.store.sql.query<{ hash: string; state: string }>(`SELECT "hash", "state" FROM "MempoolEntry"`);
      expect(kept).toEqual([{ hash: extrinsicHash(future), state: "pending" }]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it("drops as Stale what the resumed chain no longer accepts, visibly by hash from the database", async () => {
    const { target, url } = await makeDb();
    const first = await openNode(target);
    const genesis = first.node.chain.genesisHash;
    await first.close();
    const mine = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: dave.address, value: "1000000000" } }, 0, genesis);
    const hash = extrinsicHash(mine);
    expect(await acceptThenKill(url, [mine])).toEqual([{ hash, status: "ready" }]);

    // Another writer commits the next block with a different extrinsic for //Alice's nonce 0.
    const other = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: dave.address, value: "2000000000" } }, 0, genesis);
    const writer = await openNode(target);
    const state = writer.node.snapshot();
    const head = state.block;
    const headTime = (await writer.store.head())!.timestamp;
    const { block, rejected } = produceBlock(state, { timestamp: headTime + 12_000n, author: alice.publicKeyHex, extrinsics: [other] });
    expect(rejected).toEqual([]);
    const second = await SqlChainStore.open(target);
    await second.commitBlock(block, state, false);
    await second.close();
    await writer.close();

    const again = await openNode(target);
    const read = createReadClient(target);
    try {
      const reason = `refused when the node restarted at block ${head + 1n}: extrinsic rejected (Stale): nonce 0 was already used; the account's next nonce is 1`;
      expect(again.node.mempoolLookup(hash)).toMatchObject({ state: "dropped", entry: { cause: "Stale", reason, droppedAt: head + 1n, submittedAt: head } });
      // A process that is not the producer answers from the database.
      expect(await trackExtrinsic({ read, node: null }, hash)).toEqual({ hash, status: "dropped", dropped: { cause: "Stale", reason, droppedAt: String(head + 1n), submittedAt: String(head) } });
      // Restarting again keeps the drop, and does not drop it twice.
      await again.close();
      const third = await openNode(target);
      expect(third.node.mempool().dropped.map((d) => [d.hash, d.cause])).toEqual([[hash, "Stale"]]);
      await third.close();
      // The other extrinsic is the one included, by hash, from the database.
      expect(await trackExtrinsic({ read, node: null }, extrinsicHash(other))).toMatchObject({ status: "included", block: String(head + 1n), success: true });
    } finally {
      await read.$disconnect();
    }
  }, 120_000);
});
