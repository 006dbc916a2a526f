/**
 * Thin helpers for API routes: JSON responses, errors with a status and a message naming what
 * was wrong, and the running instance.
 */
import { type Instance, startInstance } from "./instance";

/**
 * Errors are told apart by name, not class: the instance (and the node in it) is created by the
 * instrumentation bundle, so its classes are not the route bundle's.
 */
const BAD_REQUEST = new Set(["BadRequestError", "RangeError", "MempoolError", "SyntaxError", "MalformedCallError"]);

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** Run a route body; known errors become 400/404/503 responses with `{ error }`. */
export async function handle(fn: (inst: Instance) => Promise<Response>): Promise<Response> {
  try {
    const inst = await startInstance();
    return await fn(inst);
  } catch (e) {
    if (e instanceof Error && e.name === "NotFoundError") return json({ error: e.message }, 404);
    if (e instanceof Error && BAD_REQUEST.has(e.name)) return json({ error: e.message }, 400);
    console.error(e);
    return json({ error: e instanceof Error ? e.message : String(e) }, 500);
  }
}

/** An integer query parameter in [min, max], or `fallback` when absent. */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const v = Number(raw);
  if (!/^\d+$/.test(raw) || v < min || v > max) throw new BadRequestError(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return v;
}

/** A netuid from a route segment: an integer in [0, 65535], or a clear 400. */
export function netuidParam(raw: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new BadRequestError(`netuid must be an integer in [0, 65535], got ${JSON.stringify(raw)}`);
  return Number(raw);
}
