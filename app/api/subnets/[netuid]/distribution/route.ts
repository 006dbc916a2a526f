import { getDistribution } from "@/lib/db/distribution";
import { handle, json } from "@/lib/server/http";
import { epoch, netuid, parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/distribution[?epoch=E]: incentive and dividends spread, Gini, Lorenz, top-k and the emission split of a stored epoch (the latest by default). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const n = parseSegment("netuid", (await ctx.params).netuid, netuid);
    const q = parseQuery(new URL(req.url), { epoch: epoch.optional() });
    return json(await getDistribution(inst.read, n, q.epoch));
  }, "distribution");
}
