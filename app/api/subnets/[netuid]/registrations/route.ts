import { z } from "zod";
import { listRegistrations } from "@/lib/db/subnet-pages";
import { handle, json } from "@/lib/server/http";
import { intIn, netuid, parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** A `{block}-{uid}` cursor, as the previous page's `next` gives it. */
const cursor = z
  .string()
  .refine((s) => /^\d{1,18}-\d{1,5}$/.test(s), { error: "must be a cursor {block}-{uid} as `next` gives it" })
  .transform((s) => {
    const [b, u] = s.split("-");
    return { block: BigInt(b!), uid: Number(u) };
  });
const query = { limit: intIn(1, 200).default(25), before: cursor.optional() };

/** GET /api/subnets/:netuid/registrations?limit=25&before={block}-{uid}: uid registrations (and the hotkeys they replaced), newest first. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment("netuid", (await ctx.params).netuid, netuid);
    const { limit, before } = parseQuery(new URL(req.url), query);
    return json(await listRegistrations(inst.read, id, { limit, ...(before ? { before } : {}) }));
  });
}
