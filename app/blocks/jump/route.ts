import { jumpTarget } from "@/lib/server/explorer-params";

export const dynamic = "force-dynamic";

/** The jump-to-height form's target: a block number opens its page; anything else goes back to /blocks, which says what was wrong. */
export function GET(req: Request): Response {
  const url = new URL(req.url);
  const raw = (url.searchParams.get("height") ?? "").trim();
  const number = jumpTarget(raw);
  const to = number !== null ? `/blocks/${number}` : `/blocks?${new URLSearchParams({ height: raw })}`;
  return new Response(null, { status: 307, headers: { location: to, "cache-control": "no-store" } });
}
