import { json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** /api itself and any /api path no route serves: a JSON 404 for API clients (not the HTML not-found page). */
function notFound(req: Request): Response {
  return json({ error: `no API route ${req.method} ${new URL(req.url).pathname}` }, 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
