/**
 * The raw row readers (lib/db/rows.ts) against Prisma's model API, the reference they replace
 * on the busiest pages: on SQLite and on PostgreSQL, after a node has run past several epochs of
 * the `test` preset (registrations, splits, a pool per subnet), every row of each table read
 * through `db.sql` must equal Prisma's `findMany` of it, value for value and type for type
 * (bigint where Prisma gives a bigint, a boolean where it gives a boolean, null where null).
 */
import { afterAll, describe, expect, it } from "vitest";
import { createReadClient } from "@/lib/db/prisma";
import { EPOCH_SPLITS, NEURONS, SUBNETS, SUBNET_EPOCHS, UID_REGISTRATIONS, issuanceAt, subnetExists, subnetRow } from "@/lib/db/rows";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempPostgres, tempSqlite } from "../helpers/databases";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "9" };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Each value's type beside it, so a bigint 5n and a number 5 differ. */
const typed = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [v === null ? "null" : typeof v, String(v)]])));

describe.each(["sqlite", "postgres"] as const)("raw rows on %s", (kind) => {
  it("equal Prisma's rows of every table they read", async () => {
    const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
    cleanups.push(() => db.cleanup());
    const store = await SqlChainStore.open(db.target);
    const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
    await node.advance(45); // four epochs at tempo 10
    await node.stop();
    await store.close();
    const read = createReadClient(db.target);
    cleanups.push(() => read.$disconnect());

    const cases: [string, object[], object[]][] = [
      ["Subnet", await read.subnet.findMany({ orderBy: { netuid: "asc" } }), await SUBNETS.all(read, `ORDER BY "netuid"`)],
      ["Neuron", await read.neuron.findMany({ orderBy: [{ netuid: "asc" }, { uid: "asc" }] }), await NEURONS.all(read, `ORDER BY "netuid", "uid"`)],
      ["SubnetEpoch", await read.subnetEpoch.findMany({ orderBy: [{ netuid: "asc" }, { epoch: "asc" }] }), await SUBNET_EPOCHS.all(read, `ORDER BY "netuid", "epoch"`)],
      ["EpochSplit", await read.epochSplit.findMany({ orderBy: [{ netuid: "asc" }, { epoch: "asc" }] }), await EPOCH_SPLITS.all(read, `ORDER BY "netuid", "epoch"`)],
      ["UidRegistration", await read.uidRegistration.findMany({ orderBy: [{ netuid: "asc" }, { uid: "asc" }, { block: "asc" }] }), await UID_REGISTRATIONS.all(read, `ORDER BY "netuid", "uid", "block"`)],
    ];
    for (const [table, prisma, raw] of cases) {
      expect(prisma.length, `${table} has rows to compare`).toBeGreaterThan(0);
      expect(typed(raw), table).toEqual(typed(prisma));
    }
    // Nullable columns hold both kinds: a replaced hotkey and a new uid, so both paths are read.
    const regs = await UID_REGISTRATIONS.all(read);
    expect(regs.some((r) => r.replaced === null)).toBe(true);

    // The single-row helpers.
    const first = (await read.subnet.findFirstOrThrow({ orderBy: { netuid: "asc" } })).netuid;
    expect(typed([(await subnetRow(read, first))!])).toEqual(typed([(await read.subnet.findUnique({ where: { netuid: first } }))!]));
    expect(await subnetRow(read, 999)).toBeNull();
    expect(await subnetExists(read, first)).toBe(true);
    expect(await subnetExists(read, 999)).toBe(false);
    const stat = await read.networkStat.findUniqueOrThrow({ where: { blockNumber: 45n } });
    expect(await issuanceAt(read, 45n)).toBe(BigInt(stat.issuance));
    expect(await issuanceAt(read, 10_000n)).toBeNull();
  }, 120_000);
});
