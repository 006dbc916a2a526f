import { endpoints } from "@/lib/api/endpoints";
import { getSubnetHistory } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const e = endpoints.subnetHistory;

/** GET /api/subnets/:netuid/history?range=week|all&points=120: price, pool and registration price after stored epochs, evenly spaced. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment(e.pathParams.netuid.label, (await ctx.params).netuid, e.pathParams.netuid.schema);
    const { range, points } = parseQuery(new URL(req.url), e.query);
    return json(await getSubnetHistory(inst.read, id, range, points));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
