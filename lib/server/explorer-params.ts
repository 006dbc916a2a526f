/**
 * Query and path input of the extrinsics and events lists and the extrinsic page, as zod schemas
 * (lib/server/params.ts conventions: a bad value is a 400 naming the field). Pages parse their
 * search parameters with the same functions and show the message instead of a table.
 */
import { extrinsicId } from "../chain/runtime/extrinsic";
import { z } from "zod";
import { parseAccountKey } from "../chain/keys/ss58";
import type { EventFilter, ExtrinsicFilter, PageRequest, Position } from "../db/extrinsics";
import { BadRequestError } from "./errors";
import { MAX_BLOCK_NUMBER, blockNumber, intIn, oneOf, parseQuery } from "./params";

/** Rows per page of the lists. */
export const LIST_LIMIT = 25;

const POSITION = /^(\d{1,19})-(\d{1,6})$/;

/** A list cursor `{block}-{index}` (as the lists hand them out: `120-0003`). */
export const position = z
  .string()
  .refine((s) => POSITION.test(s), { error: "must be a block and an index as {block}-{index}, e.g. 120-0003" })
  .transform((s): Position => {
    const [, b, i] = POSITION.exec(s)!;
    return { block: BigInt(b!), index: Number(i) };
  })
  .meta({ description: "a list position {block}-{index}, as a page's `next` or `prev` gives it", pattern: "^\\d{1,19}-\\d{1,6}$" });

/** An account as an SS58 address (prefix 42) or a 0x-hex 32-byte public key; the value is the 0x-hex key. */
export const account = z.string().transform((s, ctx) => {
  const r = parseAccountKey(s);
  if ("hex" in r) return r.hex;
  ctx.addIssue({ code: "custom", message: "must be an SS58 address (prefix 42) or a 0x-hex 32-byte public key" });
  return z.NEVER;
}).meta({ description: "an SS58 address (prefix 42) or a 0x-hex 32-byte public key", pattern: "^(0x[0-9a-fA-F]{64}|[1-9A-HJ-NP-Za-km-z]{46,48})$" });

const callName = z.string().refine((s) => /^[A-Z][A-Za-z0-9]*\.[a-z][a-z0-9_]*$/.test(s), { error: "must be a call as Pallet.call_name, e.g. Balances.transfer_keep_alive" }).meta({ pattern: "^[A-Z][A-Za-z0-9]*\\.[a-z][a-z0-9_]*$" });
const pallet = z.string().refine((s) => /^[A-Z][A-Za-z0-9]*$/.test(s), { error: "must be a pallet name, e.g. SubtensorModule" }).meta({ pattern: "^[A-Z][A-Za-z0-9]*$" });
const eventName = z.string().refine((s) => /^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$/.test(s), { error: "must be an event as Pallet.EventName, e.g. SubtensorModule.StakeAdded" }).meta({ pattern: "^[A-Z][A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]*$" });

const pageShape = {
  before: position.optional().describe("older rows than this position (a page's `next`)"),
  after: position.optional().describe("newer rows than this position (a page's `prev`)"),
  limit: intIn(1, 100).default(LIST_LIMIT),
  from: blockNumber.optional().describe("from this block (inclusive)"),
  to: blockNumber.optional().describe("to this block (inclusive)"),
};

/** GET /api/extrinsics and /extrinsics. */
export const extrinsicQuery = { ...pageShape, call: callName.optional(), signer: account.optional(), result: oneOf(["success", "failure"]).optional() };
/** GET /api/events and /events. */
export const eventQuery = { ...pageShape, pallet: pallet.optional(), name: eventName.optional(), account: account.optional().describe("events whose data names this account") };

function pageOf(q: { before?: Position; after?: Position; limit: number; from?: bigint; to?: bigint }): PageRequest {
  if (q.before && q.after) throw new BadRequestError("before and after cannot both be given: before pages to older rows, after to newer ones");
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw new BadRequestError(`from must be at most to, got from ${q.from} and to ${q.to}`);
  return { limit: q.limit, ...(q.before ? { before: q.before } : {}), ...(q.after ? { after: q.after } : {}) };
}

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** `?call=&signer=&result=success|failure&from=&to=&before=|after=&limit=`; `calls` are the runtime's. */
export function parseExtrinsicQuery(url: URL, calls: readonly string[]): { filter: ExtrinsicFilter; page: PageRequest } {
  const q = parseQuery(url, extrinsicQuery);
  if (q.call !== undefined && !calls.includes(q.call)) throw new BadRequestError(`call must be one of this chain's calls (${calls.join(", ")}), got ${JSON.stringify(q.call)}`);
  const page = pageOf(q);
  return { filter: defined({ call: q.call, signer: q.signer, success: q.result === undefined ? undefined : q.result === "success", from: q.from, to: q.to }), page };
}

/** `?pallet=&name=&account=&from=&to=&before=|after=&limit=`. */
export function parseEventQuery(url: URL): { filter: EventFilter; page: PageRequest } {
  const q = parseQuery(url, eventQuery);
  const page = pageOf(q);
  return { filter: defined({ pallet: q.pallet, name: q.name, account: q.account, from: q.from, to: q.to }), page };
}

/** What an extrinsic page's id names: a position (canonical `{block}-{index:04}`) or a 0x hash. */
export type ExtrinsicRef = { kind: "position"; at: Position; canonical: string } | { kind: "hash"; hash: string };

/** `120-0003`, `120-3` or a 0x extrinsic hash; anything else a 400 naming the id. */
export function parseExtrinsicRef(raw: string): ExtrinsicRef {
  const m = POSITION.exec(raw);
  if (m && BigInt(m[1]!) <= 2n ** 63n - 1n) {
    const at = { block: BigInt(m[1]!), index: Number(m[2]) };
    return { kind: "position", at, canonical: extrinsicId(at.block, at.index) };
  }
  if (/^0x[0-9a-fA-F]{64}$/.test(raw)) return { kind: "hash", hash: raw.toLowerCase() };
  throw new BadRequestError(`extrinsic id must be {block}-{index} (e.g. 120-0003) or a 0x extrinsic hash, got ${JSON.stringify(raw)}`);
}

/** A page's search parameters (Next's record) as a URL, for the parse functions above. */
export function searchUrl(path: string, search: Record<string, string | string[] | undefined>): URL {
  const u = new URL(path, "http://taoscope.local");
  for (const [k, v] of Object.entries(search)) if (v !== undefined) u.searchParams.set(k, Array.isArray(v) ? v.at(-1)! : v);
  return u;
}

/** A list page's search parameters `fields`, trimmed; blank ones absent (an empty filter box). */
export function listParams<K extends string>(search: Record<string, string | string[] | undefined>, fields: readonly K[]): Record<K, string | undefined> {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v)?.trim();
  return Object.fromEntries(fields.map((k) => [k, pick(search[k]) || undefined])) as Record<K, string | undefined>;
}

/** `read()`'s page, or the sentence of the bad request it refused (a page shows it instead of a table). */
export async function readOrProblem<T>(read: () => Promise<T>): Promise<{ page: T; problem: null } | { page: null; problem: string }> {
  try {
    return { page: await read(), problem: null };
  } catch (e) {
    if (e instanceof Error && e.name === "BadRequestError") return { page: null, problem: e.message };
    throw e;
  }
}

/** `raw` as a block number (`#`, spaces, commas and underscores allowed between digits), or null. */
export function jumpTarget(raw: string): bigint | null {
  const digits = raw.replace(/^#/, "").replace(/[,_\s]/g, "");
  return /^\d{1,19}$/.test(digits) && BigInt(digits) <= MAX_BLOCK_NUMBER ? BigInt(digits) : null;
}
