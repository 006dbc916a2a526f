/**
 * Next.js proxy (formerly middleware): runs before routing, for pages and for the /api paths
 * that hold a "%" (`config.matcher`). Two refusals Next itself would answer with a bare 500 "Internal Server Error":
 *
 * - a path whose percent-encoding does not decode as UTF-8 (`/blocks/%`,
 *   `/api/subnets/%E0%A4%A/metagraph`): Next's route matcher decodes dynamic segments and fails
 *   before any route code runs. Answered 400 saying which segment: JSON `{ error }` under /api,
 *   a plain sentence elsewhere.
 * - a page requested with a method other than GET or HEAD: Next takes such a POST for a Server
 *   Action (this app has none) and some shapes of it (multipart, `rsc` headers) crash its
 *   action handler. Answered 405 with `Allow: GET, HEAD`. /api routes answer their own 405s
 *   (`otherMethods` in lib/server/http.ts).
 *
 * Kept free of app imports (no database, no zod): it runs for every request.
 */
import { type NextRequest, NextResponse } from "next/server";
import { tryDecodeSegment } from "./lib/decode-segment";

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

function refuse(pathname: string, status: number, error: string, headers: Record<string, string> = {}): Response {
  const h = { "cache-control": "no-store", ...headers };
  if (isApi(pathname)) return Response.json({ error }, { status, headers: h });
  return new Response(`${error}.\n`, { status, headers: { ...h, "content-type": "text/plain; charset=utf-8" } });
}

export function proxy(req: NextRequest): Response {
  const { pathname } = req.nextUrl;
  if (pathname.includes("%")) {
    const bad = pathname.split("/").find((seg) => tryDecodeSegment(seg) === null);
    if (bad !== undefined) return refuse(pathname, 400, `the path segment ${JSON.stringify(bad)} is not valid percent-encoding (each % must start an escape %XX of UTF-8 bytes)`);
  }
  if (req.method !== "GET" && req.method !== "HEAD" && !isApi(pathname)) return refuse(pathname, 405, `${req.method} is not allowed on ${pathname}; pages answer GET and HEAD`, { allow: "GET, HEAD" });
  return NextResponse.next();
}

export const config = {
  // Pages (not Next's own static files: content-hashed names, never percent-encoded, GET only),
  // and the /api paths holding a "%", the only ones either refusal applies to (API routes answer
  // their own 405s). The rest of /api skips the proxy: it costs every request a trip through
  // Next's middleware adapter (bench:api: /api/head at 783 req/s through it, 1,211 without).
  matcher: ["/((?!_next/static/|api/|api$).*)", "/api/(.*%.*)"],
};
