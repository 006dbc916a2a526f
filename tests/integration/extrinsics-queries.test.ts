/**
 * The extrinsics and events lists' reads on real databases (SQLite and PostgreSQL): a node runs
 * a `test`-preset chain with synthetic traffic plus extrinsics this test signs (one failing);
 * every filter's rows are checked against the stored rows filtered here in plain JS, and every
 * keyset walk (older and newer, several page sizes) against the full list: no gap, no
 * duplicate. Migration 0006's SQL backfill of EventAccount and Event.pallet is checked against
 * what the store writes for the same events.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { type EventFilter, type ExtrinsicFilter, getExtrinsic, listEvents, listExtrinsics } from "@/lib/db/extrinsics";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { createReadClient, type ReadClient, withReadSql } from "@/lib/db/prisma";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client";
import { SqlChainStore } from "@/lib/db/store";
import type { KeysetPage } from "@/lib/dto-extrinsics";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { type StoredEvent, type StoredExtrinsic, idAt, newestFirst, storedEvents, storedExtrinsics } from "../helpers/stored-rows";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "11" };
const alice = keypairFromUri("//Alice");
const nobody = keypairFromUri("//extrinsics-queries/unregistered-hotkey");
const payee = keypairFromUri("//extrinsics-queries/payee");

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function chain(kind: "sqlite" | "postgres") {
  const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  cleanups.push(async () => {
    await store.close();
    await db.cleanup();
  });
  await node.advance(6);
  const genesis = (await store.sql.query<{ hash: string }>(`SELECT "hash" FROM "Block" WHERE "number" = 0`))[0]!.hash;
  // This test's own extrinsics: transfers to a fresh payee and a stake on a hotkey nobody registered.
  for (let round = 0; round < 3; round++) {
    const nonce = Number((await store.sql.query<{ nonce: number | bigint }>(`SELECT "nonce" FROM "Account" WHERE "id" = ?`, [alice.publicKeyHex]))[0]?.nonce ?? 0);
    await node.accept(signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: payee.address, value: String(1_000_000_000 + round) } }, nonce, genesis));
    await node.accept(signExtrinsic(alice, { call: "SubtensorModule.add_stake", args: { hotkey: nobody.publicKeyHex, netuid: 1, amount_staked: "5000000000" } }, nonce + 1, genesis));
    await node.advance(4);
  }
  const read = createReadClient(db.target);
  cleanups.push(() => read.$disconnect());
  const exts = await storedExtrinsics(store);
  const events = await storedEvents(store);
  return { store, read, exts, events, db };
}

const pos = (id: string) => {
  const [b, i] = id.split("-");
  return { block: BigInt(b!), index: Number(i) };
};
const idOf = idAt;

/** Every row of a list, walked older page by page, then back newer from the oldest page. */
async function walk<T extends { id: string }>(list: (page: { before?: ReturnType<typeof pos>; after?: ReturnType<typeof pos>; limit: number }) => Promise<KeysetPage<T>>, limit: number): Promise<{ down: string[]; up: string[] }> {
  const down: string[] = [];
  const pages: KeysetPage<T>[] = [];
  let page = await list({ limit });
  expect(page.prev).toBeNull();
  for (;;) {
    pages.push(page);
    down.push(...page.items.map((x) => x.id));
    if (!page.next) break;
    expect(page.items).toHaveLength(limit);
    page = await list({ before: pos(page.next), limit });
  }
  const up: string[] = [...page.items.map((x) => x.id)].reverse();
  while (page.prev) {
    page = await list({ after: pos(page.prev), limit });
    up.push(...[...page.items.map((x) => x.id)].reverse());
  }
  return { down, up: up.reverse() };
}

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`extrinsics and events lists on ${kind}`, () => {
    let c: Awaited<ReturnType<typeof chain>>;
    beforeAll(async () => {
      c = await chain(kind);
    }, 240_000);

    const extFilters: [string, ExtrinsicFilter, (r: StoredExtrinsic) => boolean][] = [
      ["none", {}, () => true],
      ["signer", { signer: alice.publicKeyHex }, (r) => r.signer === alice.publicKeyHex],
      ["failure", { success: false }, (r) => !r.success],
      ["success", { success: true }, (r) => r.success],
      ["call", { call: "SubtensorModule.add_stake" }, (r) => r.call === "SubtensorModule.add_stake"],
      ["call + range", { call: "Balances.transfer_keep_alive", from: 8n, to: 13n }, (r) => r.call === "Balances.transfer_keep_alive" && r.blockNumber >= 8n && r.blockNumber <= 13n],
      ["signer + failure + range", { signer: alice.publicKeyHex, success: false, from: 9n }, (r) => r.signer === alice.publicKeyHex && !r.success && r.blockNumber >= 9n],
    ];

    it.each(extFilters)("lists extrinsics filtered by %s, newest first, in keyset pages of any size", async (_name, filter, keep) => {
      const expected = newestFirst(c.exts.filter(keep)).map((r) => r.id);
      expect(expected.length, "the chain has rows for this filter").toBeGreaterThan(0);
      for (const limit of [1, 4, 100]) {
        const { down, up } = await walk((p) => listExtrinsics(c.read, filter, p), limit);
        expect(down, `older pages of ${limit}`).toEqual(expected);
        expect(up, `newer pages of ${limit}`).toEqual(expected);
      }
    });

    it("names the failures this test caused with subtensor's error, and the signer's own extrinsics are exactly the six it signed", async () => {
      const mine = newestFirst(c.exts.filter((r) => r.signer === alice.publicKeyHex));
      expect(mine.map((r) => r.call)).toEqual(Array.from({ length: 3 }, () => ["SubtensorModule.add_stake", "Balances.transfer_keep_alive"]).flat());
      const failed = await listExtrinsics(c.read, { signer: alice.publicKeyHex, success: false }, { limit: 10 });
      expect(failed.items.map((x) => x.error)).toEqual(["SubtensorModule.HotKeyAccountNotExists", "SubtensorModule.HotKeyAccountNotExists", "SubtensorModule.HotKeyAccountNotExists"]);
      const detail = await getExtrinsic(c.read, pos(failed.items[0]!.id));
      expect(detail).toMatchObject({ call: "SubtensorModule.add_stake", signer: { ss58: alice.address, hex: alice.publicKeyHex }, success: false, errorDetail: `hotkey ${nobody.publicKeyHex} is not registered anywhere`, args: { hotkey: nobody.publicKeyHex, netuid: 1, amount_staked: "5000000000" } });
      const own = c.events.filter((e) => e.blockNumber === BigInt(detail.blockNumber)).filter((e) => detail.events.some((d) => d.index === e.index));
      expect(detail.events.map((e) => e.name)).toEqual(own.map((e) => e.name));
      expect(detail.events.at(-1)!.name).toBe("System.ExtrinsicFailed");
    });

    const eventFilters: [string, EventFilter, (r: StoredEvent) => boolean][] = [
      ["none", {}, () => true],
      ["pallet", { pallet: "Balances" }, (r) => r.name.startsWith("Balances.")],
      ["name", { name: "Balances.Transfer" }, (r) => r.name === "Balances.Transfer"],
      ["range", { from: 5n, to: 9n }, (r) => r.blockNumber >= 5n && r.blockNumber <= 9n],
      ["account (the payee)", { account: payee.publicKeyHex }, (r) => r.data.includes(payee.publicKeyHex)],
      ["account (the payee) + pallet", { account: payee.publicKeyHex, pallet: "System" }, (r) => r.data.includes(payee.publicKeyHex) && r.name.startsWith("System.")],
      ["account + range", { account: alice.publicKeyHex, from: 10n, to: 14n }, (r) => r.data.includes(alice.publicKeyHex) && r.blockNumber >= 10n && r.blockNumber <= 14n],
      // A hotkey named only as a key of an epoch's per-hotkey take record.
      ["account (a record's key) + name", { account: "take", name: "SubtensorModule.EpochDistributed" }, (r) => r.name === "SubtensorModule.EpochDistributed"],
    ];

    it.each(eventFilters)("lists events filtered by %s, newest first, in keyset pages of any size", async (_name, given, keepBy) => {
      let filter = given;
      let keep = keepBy;
      if (given.account === "take") {
        const epoch = c.events.find((e) => e.name === "SubtensorModule.EpochDistributed")!;
        const hotkey = Object.keys((JSON.parse(epoch.data) as { take: Record<string, string> }).take)[0]!;
        filter = { ...given, account: hotkey };
        keep = (r) => keepBy(r) && r.data.includes(hotkey);
      }
      const expected = newestFirst(c.events.filter(keep)).map(idOf);
      expect(expected.length, "the chain has rows for this filter").toBeGreaterThan(0);
      for (const limit of [3, 100]) {
        const { down, up } = await walk((p) => listEvents(c.read, filter, p), limit);
        expect(down, `older pages of ${limit}`).toEqual(expected);
        expect(up, `newer pages of ${limit}`).toEqual(expected);
      }
    });

    it("gives an empty page and no cursors past either end", async () => {
      expect(await listExtrinsics(c.read, {}, { before: { block: 0n, index: 0 }, limit: 5 })).toEqual({ items: [], next: null, prev: null });
      expect(await listEvents(c.read, {}, { after: { block: 10_000n, index: 0 }, limit: 5 })).toEqual({ items: [], next: null, prev: null });
      expect(await listEvents(c.read, { account: `0x${"0".repeat(64)}` }, { limit: 5 })).toEqual({ items: [], next: null, prev: null });
    });

    it("backfills Event.pallet and EventAccount with migration 0006's SQL exactly as the store writes them", async () => {
      const q = <T>(sql: string) => c.store.sql.query<T>(sql);
      const written = await q<Record<string, unknown>>(`SELECT "account", "blockNumber", "index", "pallet", "name" FROM "EventAccount" ORDER BY "account", "blockNumber", "index"`);
      const pallets = await q<Record<string, unknown>>(`SELECT "blockNumber", "index", "pallet" FROM "Event" ORDER BY "blockNumber", "index"`);
      expect(written.length).toBeGreaterThan(c.events.length / 2);
      const dir = kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
      const text = fs.readFileSync(path.join(dir, "0006_explorer_lists", "migration.sql"), "utf8");
      const backfill = text.slice(text.indexOf("-- Backfill"));
      await c.store.sql.transaction(async (tx) => {
        await tx.run(`DELETE FROM "EventAccount"`);
        await tx.run(`UPDATE "Event" SET "pallet" = ''`);
        await tx.exec(backfill);
      });
      expect(await q(`SELECT "account", "blockNumber", "index", "pallet", "name" FROM "EventAccount" ORDER BY "account", "blockNumber", "index"`)).toEqual(written);
      expect(await q(`SELECT "blockNumber", "index", "pallet" FROM "Event" ORDER BY "blockNumber", "index"`)).toEqual(pallets);
    });
  });
}

/** Each filter's page read (the SQL Prisma sends, captured) walks an index: SQLite's plan names it, with no sort. */
describe("query plans on SQLite", () => {
  let read: ReadClient;
  let store: SqlChainStore;
  const sent: { query: string; params: string }[] = [];
  beforeAll(async () => {
    const db = tempSqlite();
    store = await SqlChainStore.open(db.target);
    const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: db.target.url }), log: [{ emit: "event", level: "query" }] });
    client.$on("query", (e) => sent.push({ query: e.query, params: e.params }));
    read = withReadSql(client, db.target);
    cleanups.push(async () => {
      await read.$disconnect();
      await store.close();
      db.cleanup();
    });
  });
  const at = { block: 50n, index: 3 };
  it.each([
    ["call", "Extrinsic_call_blockNumber_index_idx", () => listExtrinsics(read, { call: "Balances.transfer_keep_alive" }, { before: at, limit: 25 })],
    ["success", "Extrinsic_success_blockNumber_index_idx", () => listExtrinsics(read, { success: false }, { before: at, limit: 25 })],
    ["signer", "Extrinsic_signer_blockNumber_index_idx", () => listExtrinsics(read, { signer: alice.publicKeyHex }, { before: at, limit: 25 })],
    ["no filter", "Extrinsic_blockNumber_index_key", () => listExtrinsics(read, {}, { after: at, limit: 25 })],
    ["pallet", "Event_pallet_blockNumber_index_idx", () => listEvents(read, { pallet: "Balances" }, { before: at, limit: 25 })],
    ["account", "sqlite_autoindex_EventAccount_1", () => listEvents(read, { account: `0x${"ab".repeat(32)}`, name: "Balances.Transfer" }, { before: at, limit: 25 })],
  ] as const)("the %s filter walks %s", async (_name, index, run) => {
    sent.length = 0;
    await run();
    const first = sent.find((q) => /FROM .*(Extrinsic|Event)/.test(q.query) && /ORDER BY/.test(q.query))!;
    const params = (JSON.parse(first.params) as unknown[]).map((p) => (typeof p === "boolean" ? Number(p) : p)) as (string | number)[];
    const plan = (await store.sql.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${first.query}`, params)).map((p) => p.detail).join("; ");
    expect(plan).toContain(`INDEX ${index}`);
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
