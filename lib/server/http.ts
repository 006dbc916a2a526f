/**
 * Thin helpers for API routes: JSON responses, errors with a status and a message naming what
 * was wrong (the status table is lib/server/errors.ts), and the running instance. An unexpected
 * error is logged with a request id and answered with a generic sentence and that id: no
 * internal message reaches a client.
 */
import { BadRequestError, errorResponse } from "./errors";
import { type Instance, startInstance } from "./instance";
import { json } from "./json";

export { BadRequestError, RateLimitedError, internalError } from "./errors";
export { json, jsonText } from "./json";

/** Run a route body; an error it throws is answered by the status table (lib/server/errors.ts): 400/404/429 with `{ error }`, else a generic 500. */
export async function handle(fn: (inst: Instance) => Promise<Response>, where = "api"): Promise<Response> {
  try {
    const inst = await startInstance();
    return await fn(inst);
  } catch (e) {
    return errorResponse(e, where);
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
