/**
 * Request bodies of the POST routes, read within a byte limit and parsed as one JSON object,
 * every refusal a BadRequestError (400) in the route's own words.
 */
import { BadRequestError } from "./errors";

export interface BodyLimits {
  /** The largest body accepted, in bytes. */
  readonly limit: number;
  /**
   * Past this many bytes an oversize body is no longer read to its end before the 400 (the
   * client may then see the connection close instead); below it, it is read and discarded, so
   * the client gets the answer. A declared length over it is refused unread.
   */
  readonly drainLimit: number;
  /** The sentence for an oversize body, given its size ("2000", or "more than 1024" when undeclared). */
  readonly tooLarge: (size: string) => string;
}

/** The body as UTF-8 text, refused once it passes `limit` bytes (the rest discarded, never kept in memory). */
export async function readBodyText(req: Request, o: BodyLimits): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > o.drainLimit) throw new BadRequestError(o.tooLarge(String(declared)));
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= o.limit) chunks.push(value);
    else if (size > o.drainLimit) {
      await reader.cancel();
      break;
    }
  }
  if (size > o.limit) throw new BadRequestError(o.tooLarge(declared > 0 ? String(declared) : `more than ${o.limit}`));
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.byteLength) - c.byteLength);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("the body is not UTF-8 text");
  }
}

/**
 * `text` as a JSON object, or a 400 naming what it is instead: "the body is not valid JSON (why);
 * <invalid>" or "the body is null / an array / a number; <notObject>".
 */
export function parseJsonObject(text: string, hint: { invalid: string; notObject: string }): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`the body is not valid JSON (${e instanceof Error ? e.message : String(e)}); ${hint.invalid}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const what = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
    throw new BadRequestError(`the body is ${what}; ${hint.notObject}`);
  }
  return body as Record<string, unknown>;
}
