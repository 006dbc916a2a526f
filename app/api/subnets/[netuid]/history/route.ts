import { getSubnetHistory } from "@/lib/db/subnet-pages";
import { handle, json } from "@/lib/server/http";
import { intIn, netuid, oneOf, parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { range: oneOf(["week", "all"]).default("all"), points: intIn(2, 500).default(120) };

/** GET /api/subnets/:netuid/history?range=week|all&points=120: price, pool and registration price after stored epochs, evenly spaced. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment("netuid", (await ctx.params).netuid, netuid);
    const { range, points } = parseQuery(new URL(req.url), query);
    return json(await getSubnetHistory(inst.read, id, range, points));
  });
}
