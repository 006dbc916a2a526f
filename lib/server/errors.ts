/**
 * How an error becomes an answer: one table from the error's name to an HTTP status. A 4xx
 * answers `{ error }` with the error's message, which names what was wrong with the request; a
 * 500 (an `InvariantError`, or any error not in the table) is logged under a fresh request id
 * and answers a generic sentence with that id: no internal message reaches a client.
 *
 * Errors are told apart by name, not class: the instance (and the node in it) is created by the
 * instrumentation bundle, so its classes are not the route bundle's, and an error raised in the
 * producer thread crosses to the main thread as its name and message (lib/server/producer.ts).
 *
 * Dispatch errors (`Balances.InsufficientBalance`, ...) are not here: a failing call is
 * included in a block and read back as data; it never reaches this table.
 */
import { randomUUID } from "node:crypto";
import { json } from "./json";

/** A request the route refuses, its message naming what was wrong (400). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** A request refused by the write rate limit: answered 429 with `Retry-After`. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/** The status of each error family by name; anything else is a 500. */
export const HTTP_STATUS = {
  /** A route's own checks of its input (lib/server/params.ts and the routes). */
  BadRequestError: 400,
  /** An extrinsic the node refused on entry: malformed, bad proof, stale nonce, fee not payable, pool full (lib/node). */
  MempoolError: 400,
  /** A call whose arguments do not decode (lib/chain/runtime/calls.ts). */
  MalformedCallError: 400,
  /** Bad input a library function refused (an address, a cursor, a range of blocks). */
  RangeError: 400,
  /** JSON the client sent that does not parse. */
  SyntaxError: 400,
  /** An unknown block, extrinsic, subnet, epoch, uid or account (lib/db/queries.ts). */
  NotFoundError: 404,
  RateLimitedError: 429,
  /** A state the engine should never reach (lib/chain/errors.ts): never the client's fault. */
  InvariantError: 500,
} as const satisfies Record<string, 400 | 404 | 429 | 500>;

export type HttpErrorName = keyof typeof HTTP_STATUS;

/** The status `e` is answered with. */
export function statusOf(e: unknown): number {
  return e instanceof Error && Object.hasOwn(HTTP_STATUS, e.name) ? HTTP_STATUS[e.name as HttpErrorName] : 500;
}

/** A 500 answer: the error is logged under a fresh request id, which is all the client sees. */
export function internalError(e: unknown, where: string): Response {
  const requestId = randomUUID();
  console.error(`taoscope: request ${requestId} (${where}) failed:`, e);
  return json({ error: `internal error; the server log has the details under request id ${requestId}`, requestId }, 500, { "x-request-id": requestId });
}

/** The answer to an error a route body threw (`where` names the route in the log). */
export function errorResponse(e: unknown, where: string): Response {
  const status = statusOf(e);
  if (status === 500 || !(e instanceof Error)) return internalError(e, where);
  const retryAfter = e.name === "RateLimitedError" ? { "retry-after": String((e as RateLimitedError).retryAfterSeconds) } : undefined;
  return json({ error: e.message }, status, retryAfter);
}
