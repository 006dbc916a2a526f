/**
 * Account rows and reads on SQLite and PostgreSQL: a node runs the `test` preset; the rich list
 * read page by page must equal the engine's own holdings sorted by each key (text order of the
 * padded amounts must be numeric order on both databases), the transfers of an account must be
 * its `Balances.Transfer` events, takes the engine's `Delegates`, and after a restart (the
 * tables rewritten once, then by difference) the rows still follow the engine. The validators'
 * return is recomputed here from the stored epoch rows with the test's own arithmetic.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type AmountCursor, getAccount, listAccounts, listValidators } from "@/lib/db/accounts";
import { keyOf } from "@/lib/db/keys";
import { migrationsDir } from "@/lib/db/migrate";
import { createReadClient } from "@/lib/db/prisma";
import { SqlChainStore } from "@/lib/db/store";
import type { AccountSort } from "@/lib/dto-accounts";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import type { ChainState } from "@/lib/chain/runtime/state";
import { engineHoldings } from "../helpers/account-pages";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "5" };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function expected(s: ChainState, sort: AccountSort) {
  return [...engineHoldings(s)]
    .sort(([ka, a], [kb, b]) => (a[sort] !== b[sort] ? (b[sort] > a[sort] ? 1 : -1) : ka < kb ? 1 : -1))
    .map(([hex, h]) => ({ hex, free: h.free.toString(), staked: h.staked.toString(), total: h.total.toString() }));
}

async function wholeList(read: ReturnType<typeof createReadClient>, sort: AccountSort) {
  const out: { hex: string; free: string; staked: string; total: string }[] = [];
  let after: AmountCursor | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listAccounts(read, { sort, limit: 2, ...(after ? { after } : {}) });
    out.push(...page.items.map((x) => ({ hex: x.key.hex, free: x.free, staked: x.staked, total: x.total })));
    if (!page.next) return out;
    const [amount, id] = page.next.split("_") as [string, string];
    after = { amount: BigInt(amount), id };
  }
  throw new Error("the list did not end");
}

describe.each(["sqlite", "postgres"] as const)("account rows on %s", (kind) => {
  it("follow the engine: rich list per sort key, transfers, takes, and again after a restart", async () => {
    const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
    cleanups.push(() => db.cleanup());
    let store = await SqlChainStore.open(db.target);
    let node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
    await node.advance(30);
    let read = createReadClient(db.target);
    cleanups.push(() => read.$disconnect());

    const check = async (s: ChainState) => {
      for (const sort of ["total", "free", "staked"] as const) expect(await wholeList(read, sort), sort).toEqual(expected(s, sort));
      const takes = await read.hotkeyTake.findMany();
      expect(new Map(takes.map((t) => [t.hotkey, [t.take, t.changedAt]]))).toEqual(new Map([...s.delegateTake].map(([h, t]) => [h, [t.take, t.changedAt]])));
    };
    await check(node.chain);

    // Transfers of the busiest sender: its Balances.Transfer events, newest first.
    const events = (await store.sql.query<{ blockNumber: bigint; index: bigint; data: string }>(`SELECT "blockNumber", "index", "data" FROM "Event" WHERE "name" = 'Balances.Transfer' ORDER BY "blockNumber" DESC, "index" DESC`)).map((e) => ({ block: BigInt(e.blockNumber), index: Number(e.index), ...(JSON.parse(e.data) as { from: string; to: string; amount: string }) }));
    expect(events.length).toBeGreaterThan(0);
    const who = events[0]!.from;
    const account = await getAccount(read, keyOf(who));
    const mine = events.filter((e) => e.from === who || e.to === who).slice(0, 25);
    expect(account.coldkey.transfers.items.map((t) => [t.id, t.from.hex, t.to.hex, t.amount, t.direction])).toEqual(
      mine.map((e) => [`${e.block}-${String(e.index).padStart(4, "0")}`, e.from, e.to, e.amount, e.from === e.to ? "self" : e.from === who ? "out" : "in"]),
    );
    expect(account.coldkey.free).toBe((node.chain.accounts.get(who)?.free ?? 0n).toString());
    expect(account.coldkey.balanceHistory.at(-1)).toEqual({ block: "30", free: account.coldkey.free });

    // A restart (the server's process: its store and its read client): the store rewrites the
    // account tables once, then writes differences.
    await read.$disconnect();
    await store.close();
    read = createReadClient(db.target);
    store = await SqlChainStore.open(db.target);
    node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
    await node.advance(6);
    await check(node.chain);
    cleanups.push(() => store.close());

    // The validators' return per 1,000 τ per day, from the stored epoch rows.
    const v = await listValidators(read, { sort: "return", limit: 100 });
    expect(v.items.length).toBeGreaterThan(0);
    expect(v.windowBlocks).toBe("36");
    for (const x of v.items) {
      const rows = await store.sql.query<{ emission: string; price: string }>(
        `SELECT n."emission", e."price" FROM "NeuronEpoch" n JOIN "SubnetEpoch" e ON e."netuid" = n."netuid" AND e."epoch" = n."epoch" WHERE n."hotkey" = ? AND n."block" > 0`,
        [x.key.hex],
      );
      let earned = 0n;
      for (const r of rows) {
        const [i, f = ""] = r.price.split(".");
        earned += (BigInt(r.emission) * (BigInt(i!) * 10n ** 9n + BigInt(f.padEnd(9, "0")))) / 10n ** 9n;
      }
      const stake = BigInt(x.totalStake);
      const want = stake === 0n ? null : (1000n * 10n ** 9n * earned * BigInt(65535 - x.take!) * 7200n) / (65535n * stake * 36n);
      expect(x.returnPer1000, x.key.hex).toBe(want === null ? null : want.toString());
    }
    const returns = v.items.map((x) => BigInt(x.returnPer1000 ?? "-1"));
    for (let i = 1; i < returns.length; i++) expect(returns[i - 1]! >= returns[i]!).toBe(true);

    // Migration 0010's backfill computes in SQL what the store writes in JavaScript: cleared and
    // re-run, its UPDATE gives every row the same τ value of its emission.
    const taoValues = () => store.sql.query<{ netuid: unknown; uid: unknown; epoch: unknown; emissionTao: unknown }>(`SELECT "netuid", "uid", "epoch", "emissionTao" FROM "NeuronEpoch" ORDER BY "netuid", "uid", "epoch"`).then((rows) => rows.map((r) => [Number(r.netuid), Number(r.uid), Number(r.epoch), r.emissionTao === null ? null : BigInt(r.emissionTao as bigint)]));
    const written = await taoValues();
    expect(written.filter((r) => typeof r[3] === "bigint" && r[3] > 0n).length).toBeGreaterThan(0);
    await store.sql.run(`UPDATE "NeuronEpoch" SET "emissionTao" = NULL`);
    const migration = fs.readFileSync(path.join(migrationsDir(store.sql.dialect), "0010_validator_earnings", "migration.sql"), "utf8");
    await store.sql.exec(migration.slice(migration.indexOf(`UPDATE "NeuronEpoch"`)));
    expect(await taoValues()).toEqual(written);
  }, 240_000);
});
