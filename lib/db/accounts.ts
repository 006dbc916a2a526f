/**
 * Reads for the accounts rich list, the account page (coldkey and hotkey roles) and the
 * validators list, from rows written with each block (lib/db/account-rows.ts): keyset
 * pagination everywhere, stake valued in τ at the spot price stored with each subnet.
 */
import { extrinsicId } from "../chain/runtime/extrinsic";
import { rulesOf } from "../chain/eras/presets";
import { paramsOf } from "../chain/runtime/params";
import type { PresetName } from "../chain/runtime/state";
import type { Page } from "../dto";
import {
  RETURN_DEFINITION,
  type AccountDto,
  type AccountExtrinsicDto,
  type AccountSort,
  type BalancePointDto,
  type ColdkeyRoleDto,
  type DividendsPointDto,
  type HotkeyRoleDto,
  type KeyDto,
  type RichListDto,
  type StakePositionDto,
  type TransferDto,
  type ValidatorDto,
  type ValidatorSort,
  type ValidatorsDto,
} from "../dto-accounts";
import { alphaValue, amountKey } from "./account-rows";
import { DAY_BLOCKS, headNumber, presetOf } from "./flows";
import { keyOf } from "./keys";
import { perHead } from "./head-cache";
import type { ReadClient } from "./prisma";
import { big, bool, num } from "./sql";
import { NotFoundError } from "./queries";
import { samplePoints } from "./tokenomics";

const unpad = (key: string) => BigInt(key).toString();

/** A keyset position in a list sorted by an amount, then by key, both descending. */
export interface AmountCursor {
  amount: bigint;
  id: string;
}

export async function listAccounts(db: ReadClient, opts: { sort: AccountSort; after?: AmountCursor; limit: number }): Promise<RichListDto> {
  const { sort, after, limit } = opts;
  const where = after ? { OR: [{ [sort]: { lt: amountKey(after.amount < 0n ? 0n : after.amount) } }, { [sort]: amountKey(after.amount < 0n ? 0n : after.amount), id: { lt: after.id } }] } : {};
  const [rows, head] = await Promise.all([db.accountTotal.findMany({ where, orderBy: [{ [sort]: "desc" }, { id: "desc" }], take: limit + 1 }), headNumber(db)]);
  const items = rows.slice(0, limit).map((r) => ({ key: { ss58: r.ss58, hex: r.id }, free: unpad(r.free), staked: unpad(r.staked), total: unpad(r.total), updatedAt: r.updatedAt.toString() }));
  const last = items.at(-1);
  return { sort, head: head.toString(), items, next: rows.length > limit && last ? `${last[sort]}_${last.key.hex}` : null };
}

/** Spot price bits (U64F64) per dTAO subnet. */
async function pricesOf(db: ReadClient): Promise<Map<number, bigint>> {
  const rows = await db.sql.query<{ netuid: unknown; priceBits: string }>(`SELECT "netuid", "priceBits" FROM "Subnet"`);
  return new Map(rows.map((r) => [num(r.netuid), BigInt(r.priceBits)]));
}

type PositionRow = { hotkey: string; coldkey: string; netuid: number; alpha: string };

/** A position's value in τ (rao): floor(α × spot price) on a dTAO subnet, the amount itself on root and on seed2024. */
function positionValue(r: PositionRow, seed2024: boolean, prices: Map<number, bigint>): bigint {
  const amount = BigInt(r.alpha);
  return seed2024 || r.netuid === 0 ? amount : alphaValue(amount, prices.get(r.netuid) ?? 0n);
}

function positionDto(r: PositionRow & { value: bigint }, seed2024: boolean): StakePositionDto {
  const tau = seed2024 || r.netuid === 0;
  return { netuid: r.netuid, hotkey: keyOf(r.hotkey), coldkey: keyOf(r.coldkey), amount: r.alpha, unit: tau ? "τ" : "α", value: r.value.toString() };
}

/** Rows grouped by their hotkey, in their order. */
function groupByHotkey<T extends { hotkey: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.hotkey);
    if (list) list.push(r);
    else out.set(r.hotkey, [r]);
  }
  return out;
}

/** Largest value first, then by netuid, then by hotkey, then by coldkey. */
const byValue = (a: PositionRow & { value: bigint }, b: PositionRow & { value: bigint }) =>
  a.value !== b.value ? (b.value > a.value ? 1 : -1) : a.netuid - b.netuid || (a.hotkey !== b.hotkey ? (a.hotkey < b.hotkey ? -1 : 1) : a.coldkey < b.coldkey ? -1 : a.coldkey > b.coldkey ? 1 : 0);

/**
 * Stake positions an account lists unless asked for all of them (`?positions=all`): a nominator
 * can hold hundreds, and the largest come first. The totals always count every position.
 */
export const POSITIONS_LISTED = 50;

/** `rows` valued and sorted (largest first), their value summed, and the first `limit` as DTOs. */
function positionList(rows: readonly PositionRow[], seed2024: boolean, prices: Map<number, bigint>, limit: number): { items: StakePositionDto[]; count: number; total: bigint } {
  const valued = rows.map((r) => ({ ...r, value: positionValue(r, seed2024, prices) })).sort(byValue);
  return { items: valued.slice(0, limit).map((r) => positionDto(r, seed2024)), count: valued.length, total: valued.reduce((a, r) => a + r.value, 0n) };
}

/** How many coldkeys besides the hotkey's `owner` hold `positions` on it (the validators list's `nominators`). */
const nominatorsBesides = (positions: readonly PositionRow[], owner: string | null | undefined) => new Set(positions.filter((p) => p.coldkey !== owner).map((p) => p.coldkey)).size;

/** Rows an account page lists per page (extrinsics, transfers). */
export const ACCOUNT_PAGE_ROWS = 25;
/** Points of the balance chart. */
const BALANCE_POINTS = 120;
/** Stored epochs in the dividends history. */
const DIVIDEND_EPOCHS = 200;

/** Free balance at evenly spaced blocks from `first` (its first change), or at each change when there are few, ending at the head. */
async function balanceHistory(db: ReadClient, hex: string, first: bigint, head: bigint): Promise<BalancePointDto[]> {
  const newest = await db.sql.query<{ blockNumber: unknown; free: string }>(`SELECT "blockNumber", "free" FROM "AccountBalance" WHERE "id" = ? ORDER BY "blockNumber" DESC LIMIT ${BALANCE_POINTS + 1}`, [hex]);
  if (newest.length === 0) return [];
  if (newest.length <= BALANCE_POINTS) {
    const pts = newest.reverse().map((r) => ({ block: big(r.blockNumber).toString(), free: r.free }));
    if (BigInt(pts.at(-1)!.block) < head) pts.push({ block: head.toString(), free: pts.at(-1)!.free });
    return pts;
  }
  const { start, step } = samplePoints(first, head, BALANCE_POINTS);
  const rows = await db.sql.query<{ block: unknown; free: string | null }>(
    `WITH RECURSIVE p(b) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT p.b + CAST(? AS BIGINT) FROM p WHERE p.b + CAST(? AS BIGINT) <= CAST(? AS BIGINT))
    SELECT p.b AS "block", (SELECT a."free" FROM "AccountBalance" a WHERE a."id" = ? AND a."blockNumber" <= p.b ORDER BY a."blockNumber" DESC LIMIT 1) AS "free" FROM p ORDER BY p.b`,
    [start, step, step, head, hex],
  );
  return rows.filter((r) => r.free !== null).map((r) => ({ block: big(r.block).toString(), free: r.free! }));
}

async function accountExtrinsics(db: ReadClient, hex: string, before?: { block: bigint; index: number }): Promise<Page<AccountExtrinsicDto>> {
  const older = before ? ` AND ("blockNumber" < ? OR ("blockNumber" = ? AND "index" < ?))` : "";
  const rows = await db.sql.query<Record<string, unknown>>(
    `SELECT "id", "blockNumber", "index", "call", "fee", "success", "error" FROM "Extrinsic" WHERE "signer" = ?${older} ORDER BY "blockNumber" DESC, "index" DESC LIMIT ${ACCOUNT_PAGE_ROWS + 1}`,
    [hex, ...(before ? [before.block, before.block, before.index] : [])],
  );
  const items = rows.slice(0, ACCOUNT_PAGE_ROWS).map((x) => ({ id: x.id as string, block: big(x.blockNumber).toString(), index: num(x.index), call: x.call as string, fee: x.fee as string, success: bool(x.success), error: (x.error as string | null) ?? null }));
  return { items, next: rows.length > ACCOUNT_PAGE_ROWS ? items.at(-1)!.id : null };
}

/** The columns of a `Transfer` row the account page shows. */
const TRANSFER_SELECT = `SELECT "blockNumber", "eventIndex", "extrinsicIndex", "from", "to", "amount" FROM "Transfer"`;

/**
 * The account's transfers in and out, newest first: the newest page of each direction, each
 * walked in its own (key, block, event) index, merged. (One `from = ? OR to = ?` query makes the
 * database collect every transfer of the account and sort them: 15 ms for a busy one.) A transfer
 * to itself is read on the sending side only.
 */
async function accountTransfers(db: ReadClient, hex: string, before?: { block: bigint; index: number }): Promise<Page<TransferDto>> {
  const older = before ? ` AND ("blockNumber" < ? OR ("blockNumber" = ? AND "eventIndex" < ?))` : "";
  const at = before ? [before.block, before.block, before.index] : [];
  const order = ` ORDER BY "blockNumber" DESC, "eventIndex" DESC LIMIT ${ACCOUNT_PAGE_ROWS + 1}`;
  const [out, inn] = await Promise.all([
    db.sql.query<Record<string, unknown>>(`${TRANSFER_SELECT} WHERE "from" = ?${older}${order}`, [hex, ...at]),
    db.sql.query<Record<string, unknown>>(`${TRANSFER_SELECT} WHERE "to" = ? AND "from" <> ?${older}${order}`, [hex, hex, ...at]),
  ]);
  const rows = [...out, ...inn].map((r) => ({ block: big(r.blockNumber), eventIndex: num(r.eventIndex), extrinsicIndex: r.extrinsicIndex === null ? null : num(r.extrinsicIndex), from: r.from as string, to: r.to as string, amount: r.amount as string }));
  rows.sort((a, b) => (a.block !== b.block ? (b.block > a.block ? 1 : -1) : b.eventIndex - a.eventIndex));
  const items = rows.slice(0, ACCOUNT_PAGE_ROWS).map(
    (t): TransferDto => ({
      id: extrinsicId(t.block, t.eventIndex),
      block: t.block.toString(),
      extrinsic: t.extrinsicIndex === null ? null : extrinsicId(t.block, t.extrinsicIndex),
      from: keyOf(t.from),
      to: keyOf(t.to),
      amount: t.amount,
      direction: t.from === t.to ? "self" : t.from === hex ? "out" : "in",
    }),
  );
  return { items, next: rows.length > ACCOUNT_PAGE_ROWS ? items.at(-1)!.id : null };
}

/** Stake positions by one key (`coldkey` or `hotkey`), on the read connection (a nominator can hold hundreds). */
async function positionsBy(db: ReadClient, column: "coldkey" | "hotkey", hex: string): Promise<PositionRow[]> {
  const rows = await db.sql.query<Record<string, unknown>>(`SELECT "hotkey", "coldkey", "netuid", "alpha" FROM "StakePosition" WHERE "${column}" = ?`, [hex]);
  return rows.map((r) => ({ hotkey: r.hotkey as string, coldkey: r.coldkey as string, netuid: num(r.netuid), alpha: r.alpha as string }));
}

/** A hotkey's take: its `Delegates` row, else the dTAO preset's default; null for a non-delegate where nomination needs one (seed2024). */
function takeFor(row: { take: number } | undefined, preset: PresetName): number | null {
  if (row) return row.take;
  const rules = rulesOf(preset);
  return rules.era.traits.nominationNeedsDelegate ? null : paramsOf({ rules }).defaultTake;
}

/**
 * Everything the account page shows about `key`: its coldkey role (balance, positions,
 * extrinsics, transfers, balance history) and its hotkey role (uids, take, nominators,
 * dividends history). A key the chain has never seen is a `NotFoundError`.
 */
export async function getAccount(db: ReadClient, key: KeyDto, opts: { extrinsicsBefore?: { block: bigint; index: number }; transfersBefore?: { block: bigint; index: number }; allPositions?: boolean } = {}): Promise<AccountDto> {
  const hex = key.hex;
  const [preset, prices, [facts], asColdkey, asHotkey, neuronRows, extrinsics, transfers, dividendRows] = await Promise.all([
    presetOf(db),
    pricesOf(db),
    // The key's single-row facts in one statement: balance, nonce, whether the rich list or the
    // balance history knows it, its take, and the head.
    db.sql.query<Record<string, unknown>>(
      `SELECT (SELECT "free" FROM "Account" WHERE "id" = ?) AS "free", (SELECT "nonce" FROM "Account" WHERE "id" = ?) AS "nonce",
        (SELECT COUNT(*) FROM "AccountTotal" WHERE "id" = ?) AS "totals", (SELECT MIN("blockNumber") FROM "AccountBalance" WHERE "id" = ?) AS "firstBalance",
        (SELECT "take" FROM "HotkeyTake" WHERE "hotkey" = ?) AS "take", (SELECT MAX("number") FROM "Block") AS "head"`,
      [hex, hex, hex, hex, hex],
    ),
    positionsBy(db, "coldkey", hex),
    positionsBy(db, "hotkey", hex),
    db.sql.query<Record<string, unknown>>(`SELECT "netuid", "uid", "coldkey", "stake", "incentive", "dividends", "validatorTrust", "validatorPermit", "emission", "lastUpdate" FROM "Neuron" WHERE "hotkey" = ? ORDER BY "netuid"`, [hex]),
    accountExtrinsics(db, hex, opts.extrinsicsBefore),
    accountTransfers(db, hex, opts.transfersBefore),
    db.sql.query<Record<string, unknown>>(`SELECT "netuid", "uid", "epoch", "block", "dividends", "emission" FROM "NeuronEpoch" WHERE "hotkey" = ? ORDER BY "block" DESC LIMIT ${DIVIDEND_EPOCHS}`, [hex]),
  ]);
  const head = facts!.head === null ? -1n : big(facts!.head);
  const account = facts!.free === null ? null : { free: facts!.free as string, nonce: num(facts!.nonce) };
  const takeRow = facts!.take === null ? null : { take: num(facts!.take) };
  const firstBalance = facts!.firstBalance === null ? null : big(facts!.firstBalance);
  const neurons = neuronRows.map((n) => ({ netuid: num(n.netuid), uid: num(n.uid), coldkey: n.coldkey as string, stake: n.stake as string, incentive: num(n.incentive), dividends: num(n.dividends), validatorTrust: num(n.validatorTrust), validatorPermit: bool(n.validatorPermit), emission: n.emission as string, lastUpdate: big(n.lastUpdate) }));
  const dividends = dividendRows.map((d) => ({ netuid: num(d.netuid), uid: num(d.uid), epoch: num(d.epoch), block: big(d.block), dividends: num(d.dividends), emission: d.emission as string }));
  const { name: era, traits } = rulesOf(preset).era;
  const seed2024 = traits.stakeUnit === "τ"; // stake counted in τ: a position's value is its amount
  const limit = opts.allPositions ? Infinity : POSITIONS_LISTED;
  const positions = positionList(asColdkey, seed2024, prices, limit);
  const nominators = positionList(asHotkey, seed2024, prices, limit);
  const coldkeySeen = account !== null || num(facts!.totals) > 0 || firstBalance !== null || positions.count > 0 || extrinsics.items.length > 0 || transfers.items.length > 0;
  const hotkeySeen = neurons.length > 0 || nominators.count > 0 || takeRow !== null || dividends.length > 0;
  if (!coldkeySeen && !hotkeySeen) throw new NotFoundError(`the chain has never seen account ${key.ss58}`);

  const free = BigInt(account?.free ?? "0");
  const staked = positions.total;
  const coldkey: ColdkeyRoleDto = {
    free: free.toString(),
    nonce: account?.nonce ?? 0,
    staked: staked.toString(),
    total: (free + staked).toString(),
    positions: positions.items,
    positionCount: positions.count,
    extrinsics,
    transfers,
    balanceHistory: firstBalance === null ? [] : await balanceHistory(db, hex, firstBalance, head),
  };
  const owner = neurons[0]?.coldkey;
  const hotkey: HotkeyRoleDto | null = hotkeySeen
    ? {
        owner: owner ? keyOf(owner) : null,
        take: takeFor(takeRow ?? undefined, preset),
        neurons: neurons.map((n) => ({
          netuid: n.netuid,
          uid: n.uid,
          stake: n.stake,
          stakeUnit: traits.stakeUnit,
          incentive: n.incentive,
          dividends: n.dividends,
          validatorTrust: n.validatorTrust,
          validatorPermit: n.validatorPermit,
          emission: n.emission,
          lastUpdate: n.lastUpdate.toString(),
        })),
        nominators: nominators.items,
        nominationCount: nominators.count,
        nominatorCount: nominatorsBesides(asHotkey, owner),
        totalStake: nominators.total.toString(),
        dividends: dividends.reverse().map((d): DividendsPointDto => ({ netuid: d.netuid, uid: d.uid, epoch: d.epoch, block: d.block.toString(), dividends: d.dividends, emission: d.emission })),
      }
    : null;
  return { key, head: head.toString(), era, coldkey, hotkey };
}

/**
 * Every hotkey holding a validator permit on some subnet, with its stake, nominators, take,
 * per-subnet figures and its return per 1,000 τ per day (`RETURN_DEFINITION`), sorted by
 * `sort` (then by key), both descending, keyset-paginated.
 */
/** Hotkeys holding a validator permit on some subnet, as a subquery (the same text on both databases). */
export const PERMITTED_HOTKEYS = `SELECT "hotkey" FROM "Neuron" WHERE "validatorPermit" = ?`;

export async function listValidators(db: ReadClient, opts: { sort: ValidatorSort; after?: AmountCursor; limit: number }): Promise<ValidatorsDto> {
  // Every validator, sorted, once per head block; a page is then a cut of it.
  const { head, window, all } = await perHead(db, `validators/${opts.sort}`, () => sortedValidators(db, opts.sort));
  const after = opts.after;
  const rest = after ? all.filter((v) => v.sortKey < after.amount || (v.sortKey === after.amount && v.key.hex < after.id)) : all;
  const page = rest.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    sort: opts.sort,
    head: head.toString(),
    windowBlocks: window.toString(),
    count: all.length,
    returnDefinition: RETURN_DEFINITION,
    items: page.map(({ sortKey: _k, ...v }) => v),
    next: rest.length > opts.limit && last ? `${last.sortKey}_${last.key.hex}` : null,
  };
}

/** Every hotkey with a validator permit anywhere, with its figures, sorted by `sort` (ties by key, descending). */
async function sortedValidators(db: ReadClient, sort: ValidatorSort): Promise<{ head: bigint; window: bigint; all: (ValidatorDto & { sortKey: bigint })[] }> {
  const [head, preset, prices] = await Promise.all([headNumber(db), presetOf(db), pricesOf(db)]);
  const seed2024 = rulesOf(preset).era.traits.stakeUnit === "τ"; // stake counted in τ: a position's value is its amount
  const window = head < DAY_BLOCKS ? (head > 0n ? head : 0n) : DAY_BLOCKS;
  // Thousands of rows (every nominator's position): on the read connection. A day of epochs per
  // uid is summed by the database, from the (hotkey, block, emissionTao) index alone.
  const [neuronRows, stakeRows, takes, earnedRows] = await Promise.all([
    db.sql.query<Record<string, unknown>>(`SELECT "netuid", "uid", "hotkey", "coldkey", "validatorPermit", "validatorTrust", "dividends", "lastUpdate" FROM "Neuron" WHERE "hotkey" IN (${PERMITTED_HOTKEYS}) ORDER BY "netuid", "uid"`, [true]),
    db.sql.query<Record<string, unknown>>(`SELECT "hotkey", "coldkey", "netuid", "alpha" FROM "StakePosition" WHERE "hotkey" IN (${PERMITTED_HOTKEYS})`, [true]),
    db.sql.query<Record<string, unknown>>(`SELECT "hotkey", "take" FROM "HotkeyTake" WHERE "hotkey" IN (${PERMITTED_HOTKEYS})`, [true]),
    db.sql.query<Record<string, unknown>>(`SELECT "hotkey", SUM("emissionTao") AS "earned" FROM "NeuronEpoch" WHERE "block" > ? AND "hotkey" IN (${PERMITTED_HOTKEYS}) GROUP BY "hotkey"`, [head - window, true]),
  ]);
  const neurons = neuronRows.map((r) => ({ netuid: num(r.netuid), uid: num(r.uid), hotkey: r.hotkey as string, coldkey: r.coldkey as string, validatorPermit: bool(r.validatorPermit), validatorTrust: num(r.validatorTrust), dividends: num(r.dividends), lastUpdate: big(r.lastUpdate) }));
  const stakes: PositionRow[] = stakeRows.map((r) => ({ hotkey: r.hotkey as string, coldkey: r.coldkey as string, netuid: num(r.netuid), alpha: r.alpha as string }));
  const earnedOf = new Map(earnedRows.map((r) => [r.hotkey as string, r.earned === null ? 0n : big(r.earned)]));
  const hotkeys = [...new Set(neurons.filter((n) => n.validatorPermit).map((n) => n.hotkey))];
  const takeOf = new Map(takes.map((t) => [t.hotkey as string, { take: num(t.take) }]));
  // Rows by hotkey, and positions valued without building their DTOs (no SS58 encoding of every nominator).
  const neuronsOf = groupByHotkey(neurons);
  const stakesOf = groupByHotkey(stakes);
  const all: (ValidatorDto & { sortKey: bigint })[] = hotkeys.map((hk) => {
    const own = neuronsOf.get(hk) ?? [];
    const owner = own[0]?.coldkey ?? null;
    const positions = stakesOf.get(hk) ?? [];
    const totalStake = positions.reduce((a, r) => a + positionValue(r, seed2024, prices), 0n);
    const take = takeFor(takeOf.get(hk), preset);
    const earned = earnedOf.get(hk) ?? 0n; // rao of τ
    const keep = BigInt(65535 - (take ?? 65535));
    const returnPer1000 = totalStake > 0n && window > 0n ? (1000n * 1_000_000_000n * earned * keep * DAY_BLOCKS) / (65535n * totalStake * window) : null;
    const nominatorCount = nominatorsBesides(positions, owner);
    const dto: ValidatorDto = {
      key: keyOf(hk),
      owner: owner ? keyOf(owner) : null,
      totalStake: totalStake.toString(),
      nominators: nominatorCount,
      take,
      returnPer1000: returnPer1000 === null ? null : returnPer1000.toString(),
      subnets: own.map((n) => ({ netuid: n.netuid, uid: n.uid, validatorPermit: n.validatorPermit, validatorTrust: n.validatorTrust, dividends: n.dividends, lastUpdate: n.lastUpdate.toString(), updatedBlocksAgo: (head - n.lastUpdate).toString() })),
    };
    const sortKey = sort === "stake" ? totalStake : sort === "nominators" ? BigInt(nominatorCount) : sort === "take" ? BigInt(take ?? -1) : (returnPer1000 ?? -1n);
    return { ...dto, sortKey };
  });
  all.sort((a, b) => (a.sortKey !== b.sortKey ? (b.sortKey > a.sortKey ? 1 : -1) : a.key.hex < b.key.hex ? 1 : -1));
  return { head, window, all };
}
