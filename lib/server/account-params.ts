/**
 * Route and page input for the account views: an account key (SS58 or 0x hex public key) and
 * the keyset cursors of the rich list, the validators list and an account's extrinsics and
 * transfers. Each is a zod schema from the raw string, used with `parseQuery` / `parseSegment`.
 */
import { z } from "zod";
import { parseAccountKey } from "../chain/keys/ss58";
import { ACCOUNT_SORTS, type KeyDto, VALIDATOR_SORTS } from "../dto-accounts";
import { searchUrl } from "./explorer-params";
import { intIn, oneOf, parseQuery } from "./params";

/** Both forms of `value`, or the reason it is not an account key. */
export const keyForms: (value: string) => KeyDto | { error: string } = parseAccountKey;

/** An account key: SS58 (prefix 42) or 0x hex, as both forms. */
export const accountKey = z.string().transform((s, ctx): KeyDto => {
  const r = keyForms(s);
  if ("error" in r) {
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  }
  return r;
}).meta({ description: "an SS58 address (prefix 42) or a 0x-hex 32-byte public key" }) as unknown as z.ZodType<KeyDto, string>;

/** `{amount}_{0x hex}`: a position in a list sorted by an amount, then by key (both descending). */
export const amountCursor = z
  .string()
  .refine((s) => /^(-1|\d{1,40})_0x[0-9a-f]{64}$/.test(s), { error: "must be {amount}_{0x-hex key} as a list's next link gives it" })
  .transform((s) => {
    const [amount, id] = s.split("_") as [string, string];
    return { amount: BigInt(amount), id };
  })
  .meta({ description: "the previous page's `next`", pattern: "^(-1|\\d{1,40})_0x[0-9a-f]{64}$" });

/** `{block}-{index:04}`: an extrinsic or event id, the keyset position in a newest-first list. */
export const itemId = z
  .string()
  .refine((s) => /^\d{1,19}-\d{4,5}$/.test(s), { error: "must be an id {block}-{index:04}" })
  .transform((s) => {
    const [block, index] = s.split("-") as [string, string];
    return { block: BigInt(block), index: Number(index) };
  })
  .meta({ description: "the previous page's `next`", pattern: "^\\d{1,19}-\\d{4,5}$" });

/** GET /api/accounts and /accounts: `sort`, `after` (the previous page's `next`), `limit`. */
export const accountsQuery = { sort: oneOf(ACCOUNT_SORTS).default("total"), after: amountCursor.optional(), limit: intIn(1, 100).default(25) };

/** GET /api/validators and /validators. */
export const validatorsQuery = { sort: oneOf(VALIDATOR_SORTS).default("stake"), after: amountCursor.optional(), limit: intIn(1, 100).default(50) };

/**
 * GET /api/accounts/:address and its page: where the extrinsics and transfers lists start (their
 * `next`), and `positions=all` for every stake position and nomination instead of the largest 50.
 */
export const accountQuery = { extrinsics: itemId.optional(), transfers: itemId.optional(), positions: oneOf(["all"] as const).optional() };


/** A page's search parameters parsed by `shape`, or the message naming what was wrong. */
export function parsePageQuery<S extends z.ZodRawShape>(search: Record<string, string | string[] | undefined>, shape: S): { query: z.output<z.ZodObject<S>> } | { error: string } {
  try {
    return { query: parseQuery(searchUrl("/", search), shape) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
