import { listSubnetEpochs } from "@/lib/db/queries";
import { handle, json } from "@/lib/server/http";
import { epoch, intIn, netuid, parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { limit: intIn(1, 200).default(20), before: epoch.optional() };

/** GET /api/subnets/:netuid/epochs?limit=20&before=<epoch>: the subnet's epoch history, newest first (404 for an unknown subnet). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment("netuid", (await ctx.params).netuid, netuid);
    const { limit, before } = parseQuery(new URL(req.url), query);
    return json(await listSubnetEpochs(inst.read, id, { limit, ...(before !== undefined ? { before } : {}) }));
  });
}
