import { endpoints } from "@/lib/api/endpoints";
import { getMetagraph } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/metagraph[?epoch=N]: the latest metagraph, or a stored epoch's (with that epoch's subnet figures). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment(endpoints.metagraph.pathParams.netuid.label, (await ctx.params).netuid, endpoints.metagraph.pathParams.netuid.schema);
    const q = parseQuery(new URL(req.url), endpoints.metagraph.query);
    return json(await getMetagraph(inst.read, id, q.epoch));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
