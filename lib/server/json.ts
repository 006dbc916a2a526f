/** JSON answers of the API: no caching, `content-type: application/json`. */

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(data), status, headers);
}

/** A JSON answer already serialised (`text`): what `json` sends. */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });
}
