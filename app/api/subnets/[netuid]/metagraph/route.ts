import { getMetagraph } from "@/lib/db/queries";
import { handle, json } from "@/lib/server/http";
import { epoch, netuid, parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { epoch: epoch.optional() };

/** GET /api/subnets/:netuid/metagraph[?epoch=N]: the latest metagraph, or a stored epoch's (with that epoch's subnet figures). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment("netuid", (await ctx.params).netuid, netuid);
    const q = parseQuery(new URL(req.url), query);
    return json(await getMetagraph(inst.read, id, q.epoch));
  });
}
