/**
 * Thin helpers for API routes: JSON responses, errors with a status and a message naming what
 * was wrong, and the running instance. An unexpected error is logged with a request id and
 * answered with a generic sentence and that id: no internal message reaches a client.
 */
import { randomUUID } from "node:crypto";
import { BadRequestError } from "./errors";
import { type Instance, startInstance } from "./instance";

export { BadRequestError };

/**
 * Errors are told apart by name, not class: the instance (and the node in it) is created by the
 * instrumentation bundle, so its classes are not the route bundle's.
 */
const BAD_REQUEST = new Set(["BadRequestError", "RangeError", "MempoolError", "SyntaxError", "MalformedCallError"]);

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(data), status, headers);
}

/** A JSON answer already serialised (`text`): what `json` sends. */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });
}

/** A 500 answer: the error is logged under a fresh request id, which is all the client sees. */
export function internalError(e: unknown, where: string): Response {
  const requestId = randomUUID();
  console.error(`taoscope: request ${requestId} (${where}) failed:`, e);
  return json({ error: `internal error; the server log has the details under request id ${requestId}`, requestId }, 500, { "x-request-id": requestId });
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

/** Run a route body; known errors become 400/404 responses with `{ error }`, anything else a generic 500. */
export async function handle(fn: (inst: Instance) => Promise<Response>, where = "api"): Promise<Response> {
  try {
    const inst = await startInstance();
    return await fn(inst);
  } catch (e) {
    if (e instanceof Error && e.name === "NotFoundError") return json({ error: e.message }, 404);
    if (e instanceof Error && e.name === "RateLimitedError") return json({ error: e.message }, 429, { "retry-after": String((e as RateLimitedError).retryAfterSeconds) });
    if (e instanceof Error && BAD_REQUEST.has(e.name)) return json({ error: e.message }, 400);
    return internalError(e, where);
  }
}

/**
 * An integer query parameter in [min, max], or `fallback` when absent. Superseded by
 * `parseQuery` in params.ts; kept for the routes that still call it.
 */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const v = Number(raw);
  if (!/^\d+$/.test(raw) || v < min || v > max) throw new BadRequestError(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return v;
}

/** The methods a route handler file may export besides HEAD and OPTIONS (which Next derives). */
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * 405 answers with a JSON `{ error }` and an `Allow` header for the methods a route does not
 * serve; a route file spreads them beside its own handlers:
 * `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");`. Without them Next answers
 * 405 itself with an empty body, which no API client can read a reason from.
 */
export function otherMethods<const A extends readonly Method[]>(...allowed: A): Record<Exclude<Method, A[number]>, (req: Request) => Response> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = (req: Request) => json({ error: `${req.method} is not allowed on ${new URL(req.url).pathname}; it answers ${allowed.join(" and ")}` }, 405, { allow });
  return Object.fromEntries(METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, refuse])) as Record<Exclude<Method, A[number]>, (req: Request) => Response>;
}
