/**
 * Reads for the accounts rich list, the account page (coldkey and hotkey roles) and the
 * validators list, from rows written with each block (lib/db/account-rows.ts): keyset
 * pagination everywhere, stake valued in τ at the spot price stored with each subnet.
 */
import { extrinsicId } from "../chain/runtime/extrinsic";
import { encodeAddress, fromHex } from "../chain/keys/ss58";
import { paramsFor } from "../chain/runtime/params";
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
import { DAY_BLOCKS, headNumber } from "./flows";
import type { ReadClient } from "./prisma";
import { NotFoundError } from "./queries";
import { samplePoints } from "./tokenomics";

export const keyOf = (hex: string): KeyDto => ({ ss58: encodeAddress(fromHex(hex)), hex });

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

/** The chain's preset, from its genesis spec. */
async function presetOf(db: ReadClient): Promise<PresetName> {
  const spec = await db.meta.findUnique({ where: { key: "genesisSpec" } });
  const preset = spec ? (JSON.parse(spec.value) as { preset?: PresetName }).preset : undefined;
  return preset ?? "mainnet";
}

/** Spot price bits (U64F64) per dTAO subnet. */
async function pricesOf(db: ReadClient): Promise<Map<number, bigint>> {
  const rows = await db.subnet.findMany({ select: { netuid: true, priceBits: true } });
  return new Map(rows.map((r) => [r.netuid, BigInt(r.priceBits)]));
}

type PositionRow = { hotkey: string; coldkey: string; netuid: number; alpha: string };

/** A position's value in τ (rao): floor(α × spot price) on a dTAO subnet, the amount itself on root and on seed2024. */
function positionValue(r: PositionRow, seed2024: boolean, prices: Map<number, bigint>): bigint {
  const amount = BigInt(r.alpha);
  return seed2024 || r.netuid === 0 ? amount : alphaValue(amount, prices.get(r.netuid) ?? 0n);
}

function positionDto(r: PositionRow, seed2024: boolean, prices: Map<number, bigint>): StakePositionDto {
  const tau = seed2024 || r.netuid === 0;
  return { netuid: r.netuid, hotkey: keyOf(r.hotkey), coldkey: keyOf(r.coldkey), amount: r.alpha, unit: tau ? "τ" : "α", value: positionValue(r, seed2024, prices).toString() };
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

const byValue = (a: StakePositionDto, b: StakePositionDto) => {
  const d = BigInt(b.value) - BigInt(a.value);
  return d > 0n ? 1 : d < 0n ? -1 : a.netuid - b.netuid || (a.hotkey.hex < b.hotkey.hex ? -1 : 1);
};
const sumValues = (ps: readonly StakePositionDto[]) => ps.reduce((a, p) => a + BigInt(p.value), 0n);

/** Rows an account page lists per page (extrinsics, transfers). */
export const ACCOUNT_PAGE_ROWS = 25;
/** Points of the balance chart. */
const BALANCE_POINTS = 120;
/** Stored epochs in the dividends history. */
const DIVIDEND_EPOCHS = 200;

/** Free balance at evenly spaced blocks (or at each change, when there are few), ending at the head. */
async function balanceHistory(db: ReadClient, hex: string, head: bigint): Promise<BalancePointDto[]> {
  const newest = await db.accountBalance.findMany({ where: { id: hex }, orderBy: { blockNumber: "desc" }, take: BALANCE_POINTS + 1, select: { blockNumber: true, free: true } });
  if (newest.length === 0) return [];
  if (newest.length <= BALANCE_POINTS) {
    const pts = newest.reverse().map((r) => ({ block: r.blockNumber.toString(), free: r.free }));
    if (BigInt(pts.at(-1)!.block) < head) pts.push({ block: head.toString(), free: pts.at(-1)!.free });
    return pts;
  }
  const first = await db.accountBalance.findFirst({ where: { id: hex }, orderBy: { blockNumber: "asc" }, select: { blockNumber: true } });
  const { start, step } = samplePoints(first!.blockNumber, head, BALANCE_POINTS);
  const rows = await db.$queryRaw<{ block: bigint; free: string | null }[]>`WITH RECURSIVE p(b) AS (SELECT CAST(${start} AS BIGINT) UNION ALL SELECT p.b + CAST(${step} AS BIGINT) FROM p WHERE p.b + CAST(${step} AS BIGINT) <= CAST(${head} AS BIGINT))
    SELECT p.b AS "block", (SELECT a."free" FROM "AccountBalance" a WHERE a."id" = ${hex} AND a."blockNumber" <= p.b ORDER BY a."blockNumber" DESC LIMIT 1) AS "free" FROM p ORDER BY p.b`;
  return rows.filter((r) => r.free !== null).map((r) => ({ block: BigInt(r.block).toString(), free: r.free! }));
}

async function accountExtrinsics(db: ReadClient, hex: string, before?: { block: bigint; index: number }): Promise<Page<AccountExtrinsicDto>> {
  const rows = await db.extrinsic.findMany({
    where: { signer: hex, ...(before ? { OR: [{ blockNumber: { lt: before.block } }, { blockNumber: before.block, index: { lt: before.index } }] } : {}) },
    orderBy: [{ blockNumber: "desc" }, { index: "desc" }],
    take: ACCOUNT_PAGE_ROWS + 1,
    select: { id: true, blockNumber: true, index: true, call: true, fee: true, success: true, error: true },
  });
  const items = rows.slice(0, ACCOUNT_PAGE_ROWS).map((x) => ({ id: x.id, block: x.blockNumber.toString(), index: x.index, call: x.call, fee: x.fee, success: x.success, error: x.error }));
  return { items, next: rows.length > ACCOUNT_PAGE_ROWS ? items.at(-1)!.id : null };
}

async function accountTransfers(db: ReadClient, hex: string, before?: { block: bigint; index: number }): Promise<Page<TransferDto>> {
  const older = before ? { OR: [{ blockNumber: { lt: before.block } }, { blockNumber: before.block, eventIndex: { lt: before.index } }] } : {};
  const rows = await db.transfer.findMany({
    where: { AND: [{ OR: [{ from: hex }, { to: hex }] }, older] },
    orderBy: [{ blockNumber: "desc" }, { eventIndex: "desc" }],
    take: ACCOUNT_PAGE_ROWS + 1,
  });
  const items = rows.slice(0, ACCOUNT_PAGE_ROWS).map(
    (t): TransferDto => ({
      id: extrinsicId(t.blockNumber, t.eventIndex),
      block: t.blockNumber.toString(),
      extrinsic: t.extrinsicIndex === null ? null : extrinsicId(t.blockNumber, t.extrinsicIndex),
      from: keyOf(t.from),
      to: keyOf(t.to),
      amount: t.amount,
      direction: t.from === t.to ? "self" : t.from === hex ? "out" : "in",
    }),
  );
  return { items, next: rows.length > ACCOUNT_PAGE_ROWS ? items.at(-1)!.id : null };
}

/** A hotkey's take: its `Delegates` row, else the dTAO preset's default; null for a seed2024 non-delegate. */
function takeFor(row: { take: number } | undefined, preset: PresetName): number | null {
  if (row) return row.take;
  return preset === "seed2024" ? null : paramsFor(preset).defaultTake;
}

/**
 * Everything the account page shows about `key`: its coldkey role (balance, positions,
 * extrinsics, transfers, balance history) and its hotkey role (uids, take, nominators,
 * dividends history). A key the chain has never seen is a `NotFoundError`.
 */
export async function getAccount(db: ReadClient, key: KeyDto, opts: { extrinsicsBefore?: { block: bigint; index: number }; transfersBefore?: { block: bigint; index: number } } = {}): Promise<AccountDto> {
  const hex = key.hex;
  const [head, preset, prices, account, total, asColdkey, asHotkey, neurons, takeRow, extrinsics, transfers, history, dividends] = await Promise.all([
    headNumber(db),
    presetOf(db),
    pricesOf(db),
    db.account.findUnique({ where: { id: hex } }),
    db.accountTotal.findUnique({ where: { id: hex } }),
    db.stakePosition.findMany({ where: { coldkey: hex } }),
    db.stakePosition.findMany({ where: { hotkey: hex } }),
    db.neuron.findMany({ where: { hotkey: hex }, orderBy: { netuid: "asc" } }),
    db.hotkeyTake.findUnique({ where: { hotkey: hex } }),
    accountExtrinsics(db, hex, opts.extrinsicsBefore),
    accountTransfers(db, hex, opts.transfersBefore),
    db.accountBalance.findFirst({ where: { id: hex }, select: { blockNumber: true } }),
    db.neuronEpoch.findMany({ where: { hotkey: hex }, orderBy: { block: "desc" }, take: DIVIDEND_EPOCHS }),
  ]);
  const seed2024 = preset === "seed2024";
  const positions = asColdkey.map((r) => positionDto(r, seed2024, prices)).sort(byValue);
  const nominators = asHotkey.map((r) => positionDto(r, seed2024, prices)).sort(byValue);
  const coldkeySeen = account !== null || total !== null || history !== null || positions.length > 0 || extrinsics.items.length > 0 || transfers.items.length > 0;
  const hotkeySeen = neurons.length > 0 || nominators.length > 0 || takeRow !== null || dividends.length > 0;
  if (!coldkeySeen && !hotkeySeen) throw new NotFoundError(`the chain has never seen account ${key.ss58}`);

  const free = BigInt(account?.free ?? "0");
  const staked = sumValues(positions);
  const coldkey: ColdkeyRoleDto = {
    free: free.toString(),
    nonce: account?.nonce ?? 0,
    staked: staked.toString(),
    total: (free + staked).toString(),
    positions,
    extrinsics,
    transfers,
    balanceHistory: history ? await balanceHistory(db, hex, head) : [],
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
          stakeUnit: seed2024 ? "τ" : "α",
          incentive: n.incentive,
          dividends: n.dividends,
          validatorTrust: n.validatorTrust,
          validatorPermit: n.validatorPermit,
          emission: n.emission,
          lastUpdate: n.lastUpdate.toString(),
        })),
        nominators,
        totalStake: sumValues(nominators).toString(),
        dividends: dividends.reverse().map((d): DividendsPointDto => ({ netuid: d.netuid, uid: d.uid, epoch: d.epoch, block: d.block.toString(), dividends: d.dividends, emission: d.emission })),
      }
    : null;
  return { key, head: head.toString(), era: seed2024 ? "seed2024" : "dtao", coldkey, hotkey };
}

/** A 9-decimal τ-per-α price text as rao of τ per α. */
function priceRao(text: string): bigint {
  const [int, frac = ""] = text.split(".");
  return BigInt(int!) * 1_000_000_000n + BigInt((frac + "000000000").slice(0, 9));
}

/**
 * Every hotkey holding a validator permit on some subnet, with its stake, nominators, take,
 * per-subnet figures and its return per 1,000 τ per day (`RETURN_DEFINITION`), sorted by
 * `sort` (then by key), both descending, keyset-paginated.
 */
export async function listValidators(db: ReadClient, opts: { sort: ValidatorSort; after?: AmountCursor; limit: number }): Promise<ValidatorsDto> {
  const [head, preset, prices, permitted] = await Promise.all([headNumber(db), presetOf(db), pricesOf(db), db.neuron.findMany({ where: { validatorPermit: true }, select: { hotkey: true }, distinct: ["hotkey"] })]);
  const hotkeys = permitted.map((r) => r.hotkey);
  const seed2024 = preset === "seed2024";
  const window = head < DAY_BLOCKS ? (head > 0n ? head : 0n) : DAY_BLOCKS;
  const [neurons, stakes, takes, epochs, epochPrices] = await Promise.all([
    db.neuron.findMany({ where: { hotkey: { in: hotkeys } }, orderBy: [{ netuid: "asc" }, { uid: "asc" }] }),
    db.stakePosition.findMany({ where: { hotkey: { in: hotkeys } } }),
    db.hotkeyTake.findMany({ where: { hotkey: { in: hotkeys } } }),
    db.neuronEpoch.findMany({ where: { hotkey: { in: hotkeys }, block: { gt: head - window } }, select: { hotkey: true, netuid: true, epoch: true, emission: true } }),
    seed2024 ? Promise.resolve([]) : db.subnetEpoch.findMany({ where: { block: { gt: head - window } }, select: { netuid: true, epoch: true, price: true } }),
  ]);
  const priceAt = new Map(epochPrices.map((p) => [`${p.netuid}/${p.epoch}`, priceRao(p.price)]));
  const takeOf = new Map(takes.map((t) => [t.hotkey, t]));
  // Rows by hotkey, and positions valued without building their DTOs (no SS58 encoding of every nominator).
  const neuronsOf = groupByHotkey(neurons);
  const stakesOf = groupByHotkey(stakes);
  const epochsOf = groupByHotkey(epochs);
  const all: (ValidatorDto & { sortKey: bigint })[] = hotkeys.map((hk) => {
    const own = neuronsOf.get(hk) ?? [];
    const owner = own[0]?.coldkey ?? null;
    const positions = stakesOf.get(hk) ?? [];
    const totalStake = positions.reduce((a, r) => a + positionValue(r, seed2024, prices), 0n);
    const take = takeFor(takeOf.get(hk), preset);
    let earned = 0n; // rao of τ
    for (const e of epochsOf.get(hk) ?? []) earned += seed2024 ? BigInt(e.emission) : (BigInt(e.emission) * (priceAt.get(`${e.netuid}/${e.epoch}`) ?? 0n)) / 1_000_000_000n;
    const keep = BigInt(65535 - (take ?? 65535));
    const returnPer1000 = totalStake > 0n && window > 0n ? (1000n * 1_000_000_000n * earned * keep * DAY_BLOCKS) / (65535n * totalStake * window) : null;
    const nominatorCount = new Set(positions.filter((p) => p.coldkey !== owner).map((p) => p.coldkey)).size;
    const dto: ValidatorDto = {
      key: keyOf(hk),
      owner: owner ? keyOf(owner) : null,
      totalStake: totalStake.toString(),
      nominators: nominatorCount,
      take,
      returnPer1000: returnPer1000 === null ? null : returnPer1000.toString(),
      subnets: own.map((n) => ({ netuid: n.netuid, uid: n.uid, validatorPermit: n.validatorPermit, validatorTrust: n.validatorTrust, dividends: n.dividends, lastUpdate: n.lastUpdate.toString(), updatedBlocksAgo: (head - n.lastUpdate).toString() })),
    };
    const sortKey = opts.sort === "stake" ? totalStake : opts.sort === "nominators" ? BigInt(nominatorCount) : opts.sort === "take" ? BigInt(take ?? -1) : (returnPer1000 ?? -1n);
    return { ...dto, sortKey };
  });
  all.sort((a, b) => (a.sortKey !== b.sortKey ? (b.sortKey > a.sortKey ? 1 : -1) : a.key.hex < b.key.hex ? 1 : -1));
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
