/**
 * Reads for the extrinsics list, the extrinsic page and the events list, newest first with
 * keyset pagination on (blockNumber, index): a page is one indexed range walk from its cursor
 * whatever the filters (Extrinsic [call|success|signer, blockNumber, index], Event
 * [pallet|name, blockNumber], EventAccount [account, blockNumber, index]), never an offset.
 */
import { prunedBelow } from "./prune";
import { extrinsicId } from "../chain/runtime/extrinsic";
import { callNames } from "../chain/runtime/block";
import type { Prisma } from "../generated/prisma-sqlite/client";
import type { EventItemDto, ExtrinsicDetailDto, ExtrinsicSummaryDto, KeysetPage } from "../dto-extrinsics";
import { presetOf } from "./flows";
import { keyOf } from "./keys";
import type { ReadClient } from "./prisma";
import { NotFoundError } from "./queries";
import { decodeExtrinsicArgs } from "./extrinsic-args";

/** A position in a (blockNumber, index) list: `{block}-{index}`. */
export interface Position {
  block: bigint;
  index: number;
}

/** `{block}-{index:04}`, as Substrate explorers write extrinsic and event ids. */
export const positionId: (block: bigint | string, index: number) => string = (block, index) => extrinsicId(BigInt(block), index);

/** A page request: at most one of `before` (older than) and `after` (newer than). */
export interface PageRequest {
  before?: Position;
  after?: Position;
  limit: number;
}

export interface ExtrinsicFilter {
  call?: string;
  /** 0x-hex public key. */
  signer?: string;
  success?: boolean;
  /** Block range, both ends included. */
  from?: bigint;
  to?: bigint;
}

export interface EventFilter {
  pallet?: string;
  name?: string;
  /** 0x-hex public key named by the event's data. */
  account?: string;
  from?: bigint;
  to?: bigint;
}


type Where = Record<string, unknown>;
type Keyed = { blockNumber: bigint; index: number };

function rangeWhere(from?: bigint, to?: bigint): Where {
  if (from === undefined && to === undefined) return {};
  return { blockNumber: { ...(from !== undefined ? { gte: from } : {}), ...(to !== undefined ? { lte: to } : {}) } };
}

/**
 * Rows strictly older (`dir` desc) or newer (asc) than `at`, written so the database starts its
 * index range at `at`'s block: `blockNumber <= b AND (blockNumber < b OR index < i)`.
 */
function beyond(at: Position, dir: "desc" | "asc"): Where {
  return dir === "desc"
    ? { AND: [{ blockNumber: { lte: at.block } }, { OR: [{ blockNumber: { lt: at.block } }, { index: { lt: at.index } }] }] }
    : { AND: [{ blockNumber: { gte: at.block } }, { OR: [{ blockNumber: { gt: at.block } }, { index: { gt: at.index } }] }] };
}

/**
 * One keyset page of a (blockNumber, index) list, newest first, with the cursors on both sides
 * (an empty page past either end has none: the list offers its newest page instead). `find`
 * runs the model's findMany with the given where, order and take.
 */
async function keysetPage<R extends Keyed>(find: (where: Where, dir: "asc" | "desc", take: number) => Promise<R[]>, filter: Where, page: PageRequest): Promise<{ rows: R[]; next: Position | null; prev: Position | null }> {
  const and = (extra?: Where): Where => (extra ? { AND: [filter, extra] } : filter);
  const exists = async (at: Position, dir: "asc" | "desc") => (await find(and(beyond(at, dir)), dir, 1)).length > 0;
  const pos = (r: R): Position => ({ block: r.blockNumber, index: r.index });
  if (page.after) {
    const up = await find(and(beyond(page.after, "asc")), "asc", page.limit + 1);
    const rows = up.slice(0, page.limit).reverse();
    const prev = up.length > page.limit ? pos(rows[0]!) : null;
    const last = rows.at(-1);
    const next = last && (await exists(pos(last), "desc")) ? pos(last) : null;
    return { rows, next, prev };
  }
  const down = await find(and(page.before ? beyond(page.before, "desc") : undefined), "desc", page.limit + 1);
  const rows = down.slice(0, page.limit);
  const next = down.length > page.limit ? pos(rows.at(-1)!) : null;
  const first = rows[0];
  const prev = page.before && first && (await exists(pos(first), "asc")) ? pos(first) : null;
  return { rows, next, prev };
}

const ORDER = (dir: "asc" | "desc") => [{ blockNumber: dir }, { index: dir }] as const;

/** Block timestamps (ms) of `numbers`, by block. */
async function timestamps(db: ReadClient, numbers: readonly bigint[]): Promise<Map<bigint, string>> {
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return new Map();
  const rows = await db.block.findMany({ where: { number: { in: unique } }, select: { number: true, timestamp: true } });
  return new Map(rows.map((r) => [r.number, r.timestamp.toString()]));
}

type ExtrinsicRow = Awaited<ReturnType<ReadClient["extrinsic"]["findFirstOrThrow"]>>;
type EventRow = Awaited<ReturnType<ReadClient["event"]["findFirstOrThrow"]>>;

function extrinsicSummary(x: ExtrinsicRow, timestamp: string): ExtrinsicSummaryDto {
  return {
    id: x.id,
    blockNumber: x.blockNumber.toString(),
    index: x.index,
    timestamp,
    hash: x.hash,
    call: x.call,
    signer: keyOf(x.signer),
    nonce: x.nonce,
    fee: x.fee,
    success: x.success,
    error: x.error,
  };
}

function eventItem(e: EventRow, timestamp: string): EventItemDto {
  return {
    id: positionId(e.blockNumber, e.index),
    blockNumber: e.blockNumber.toString(),
    index: e.index,
    timestamp,
    phase: e.phase,
    extrinsicIndex: e.extrinsicIndex,
    extrinsicId: e.extrinsicIndex === null ? null : positionId(e.blockNumber, e.extrinsicIndex),
    name: e.name,
    pallet: e.pallet,
    data: JSON.parse(e.data),
  };
}

const cursor = (p: Position | null) => (p ? positionId(p.block, p.index) : null);

/** Extrinsics matching `filter`, newest first. */
export async function listExtrinsics(db: ReadClient, filter: ExtrinsicFilter, page: PageRequest): Promise<KeysetPage<ExtrinsicSummaryDto>> {
  const where: Where = {
    ...(filter.call !== undefined ? { call: filter.call } : {}),
    ...(filter.signer !== undefined ? { signer: filter.signer } : {}),
    ...(filter.success !== undefined ? { success: filter.success } : {}),
    ...rangeWhere(filter.from, filter.to),
  };
  const find = (w: Where, dir: "asc" | "desc", take: number) => db.extrinsic.findMany({ where: w as Prisma.ExtrinsicWhereInput, orderBy: [...ORDER(dir)], take });
  const { rows, next, prev } = await keysetPage(find, where, page);
  const times = await timestamps(db, rows.map((r) => r.blockNumber));
  return { items: rows.map((r) => extrinsicSummary(r, times.get(r.blockNumber) ?? "0")), next: cursor(next), prev: cursor(prev) };
}

/** The extrinsic at `at`, with its block's hash and time and the events it emitted. */
export async function getExtrinsic(db: ReadClient, at: Position): Promise<ExtrinsicDetailDto> {
  const x = await db.extrinsic.findUnique({ where: { blockNumber_index: { blockNumber: at.block, index: at.index } } });
  if (!x) throw new NotFoundError(`no extrinsic ${positionId(at.block, at.index)}`);
  const [block, events, pruned] = await Promise.all([
    db.block.findUniqueOrThrow({ where: { number: x.blockNumber }, select: { hash: true, timestamp: true } }),
    db.event.findMany({ where: { blockNumber: x.blockNumber, phase: "ApplyExtrinsic", extrinsicIndex: x.index }, orderBy: { index: "asc" } }),
    prunedBelow(db),
  ]);
  const timestamp = block.timestamp.toString();
  return {
    ...extrinsicSummary(x, timestamp),
    blockHash: block.hash,
    args: decodeExtrinsicArgs(x.args, x.argsU16),
    signature: x.signature,
    errorDetail: x.errorDetail,
    events: events.map((e) => eventItem(e, timestamp)),
    eventsPruned: x.blockNumber < pruned,
  };
}

/** The ids of the extrinsics with this hash (at most `limit`), oldest first. */
export async function extrinsicIdsByHash(db: ReadClient, hash: string, limit = 10): Promise<string[]> {
  const rows = await db.extrinsic.findMany({ where: { hash: hash.toLowerCase() }, orderBy: [{ blockNumber: "asc" }, { index: "asc" }], take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Where the newest included extrinsic with this hash is, or null when no block holds it. */
export async function newestExtrinsicByHash(db: ReadClient, hash: string): Promise<Position | null> {
  const row = await db.extrinsic.findFirst({ where: { hash: hash.toLowerCase() }, orderBy: [{ blockNumber: "desc" }, { index: "desc" }], select: { blockNumber: true, index: true } });
  return row ? { block: row.blockNumber, index: row.index } : null;
}

/** Events matching `filter`, newest first; with `account`, walked through EventAccount. */
export async function listEvents(db: ReadClient, filter: EventFilter, page: PageRequest): Promise<KeysetPage<EventItemDto>> {
  const where: Where = {
    ...(filter.pallet !== undefined ? { pallet: filter.pallet } : {}),
    ...(filter.name !== undefined ? { name: filter.name } : {}),
    ...rangeWhere(filter.from, filter.to),
  };
  let rows: EventRow[];
  let next: Position | null;
  let prev: Position | null;
  if (filter.account !== undefined) {
    const find = (w: Where, dir: "asc" | "desc", take: number) => db.eventAccount.findMany({ where: w as Prisma.EventAccountWhereInput, orderBy: [...ORDER(dir)], take, select: { blockNumber: true, index: true } });
    const keys = await keysetPage(find, { ...where, account: filter.account }, page);
    ({ next, prev } = keys);
    const found = keys.rows.length === 0 ? [] : await db.event.findMany({ where: { OR: keys.rows.map((k) => ({ blockNumber: k.blockNumber, index: k.index })) } });
    const byKey = new Map(found.map((e) => [positionId(e.blockNumber, e.index), e]));
    rows = keys.rows.map((k) => byKey.get(positionId(k.blockNumber, k.index))!).filter(Boolean);
  } else {
    const find = (w: Where, dir: "asc" | "desc", take: number) => db.event.findMany({ where: w as Prisma.EventWhereInput, orderBy: [...ORDER(dir)], take });
    ({ rows, next, prev } = await keysetPage(find, where, page));
  }
  const times = await timestamps(db, rows.map((r) => r.blockNumber));
  return { items: rows.map((r) => eventItem(r, times.get(r.blockNumber) ?? "0")), next: cursor(next), prev: cursor(prev) };
}

/** The calls the stored chain's runtime dispatches (its preset's), for the call filter. */
export async function knownCalls(db: ReadClient): Promise<string[]> {
  return callNames(await presetOf(db));
}
