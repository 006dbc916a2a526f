/**
 * Route input validated with zod: query strings and path segments become typed values, and a
 * bad one becomes a `BadRequestError` that names the field, what it may hold and what it held
 * (`limit must be an integer in [1, 100], got "0"`). Unknown query parameters are ignored.
 *
 * Schemas take the raw string and produce the typed value, so one schema serves a query
 * parameter and a path segment alike.
 */
import { z } from "zod";
import { BadRequestError } from "./errors";

/** The largest block number a database column holds (BigInt columns are signed 64-bit). */
export const MAX_BLOCK_NUMBER = 2n ** 63n - 1n;

/** A decimal integer in [min, max] (safe integers only). */
export function intIn(min: number, max: number) {
  return z
    .string()
    .refine((s) => /^\d{1,16}$/.test(s) && Number(s) >= min && Number(s) <= max, { error: `must be an integer in [${min}, ${max}]` })
    .transform(Number)
    .meta({ description: `an integer in [${min}, ${max}]`, pattern: "^\\d+$" });
}

/** A block number: a decimal integer in [0, 2^63 − 1]. */
export const blockNumber = z
  .string()
  .refine((s) => /^\d+$/.test(s), { error: "must be a non-negative integer", abort: true })
  .refine((s) => s.length <= 19 && BigInt(s) <= MAX_BLOCK_NUMBER, { error: `must be at most ${MAX_BLOCK_NUMBER} (the largest block number stored)` })
  .transform(BigInt)
  .meta({ description: `a block number in [0, ${MAX_BLOCK_NUMBER}]`, pattern: "^\\d+$" });

/** A subnet id (u16). */
export const netuid = intIn(0, 65535);
/** A uid on a subnet (u16). */
export const uid = intIn(0, 65535);
/** A subnet's epoch counter. */
export const epoch = intIn(0, 2 ** 31 - 1);

/** One of the listed words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .refine((s): s is T[number] => (values as readonly string[]).includes(s), { error: `must be one of ${values.join(", ")}` })
    .meta({ enum: [...values] }) as unknown as z.ZodType<T[number], string>;
}

function fail(field: string, issue: z.core.$ZodIssue | undefined, raw: unknown): never {
  if (raw === undefined) throw new BadRequestError(`${field} is required`);
  throw new BadRequestError(`${field} ${issue?.message ?? "is invalid"}, got ${JSON.stringify(raw)}`);
}

/**
 * The query string of `url` parsed by `shape` (an object of the schemas above, each optional or
 * with a default where the parameter may be absent). A repeated parameter keeps its last value.
 */
export function parseQuery<S extends z.ZodRawShape>(url: URL, shape: S): z.output<z.ZodObject<S>> {
  const raw = Object.fromEntries(url.searchParams);
  const r = z.object(shape).safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue?.path[0] ?? "query");
  fail(field, issue, raw[field]);
}

/** A path segment parsed by `schema`, named `field` in the error. */
export function parseSegment<T>(field: string, raw: string, schema: z.ZodType<T, string>): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  fail(field, r.error.issues[0], raw);
}
