import { endpoints } from "@/lib/api/endpoints";
import { getDistribution } from "@/lib/db/distribution";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/distribution[?epoch=E]: incentive and dividends spread, Gini, Lorenz, top-k and the emission split of a stored epoch (the latest by default). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const n = parseSegment(endpoints.distribution.pathParams.netuid.label, (await ctx.params).netuid, endpoints.distribution.pathParams.netuid.schema);
    const q = parseQuery(new URL(req.url), endpoints.distribution.query);
    return json(await getDistribution(inst.read, n, q.epoch));
  }, "distribution");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
