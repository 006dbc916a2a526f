import { endpoints } from "@/lib/api/endpoints";
import { getNeuronHistory } from "@/lib/db/neuron-history";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/uids/:uid/history[?epoch=E&limit=L&before=B]: the uid's figures at
 * its newest `limit` stored epochs (before epoch B), its holders, and the weights it set and
 * received at epoch E (the latest stored by default).
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string; uid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const p = await ctx.params;
    const n = parseSegment(endpoints.neuronHistory.pathParams.netuid.label, p.netuid, endpoints.neuronHistory.pathParams.netuid.schema);
    const u = parseSegment(endpoints.neuronHistory.pathParams.uid.label, p.uid, endpoints.neuronHistory.pathParams.uid.schema);
    const q = parseQuery(new URL(req.url), endpoints.neuronHistory.query);
    return json(await getNeuronHistory(inst.read, n, u, q));
  }, "neuron-history");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
