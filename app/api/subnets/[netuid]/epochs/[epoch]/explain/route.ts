import { endpoints } from "@/lib/api/endpoints";
import { explainEpochJson } from "@/lib/db/explain";
import { handle, jsonText, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/epochs/:epoch/explain[?uid=U]: the stored epoch re-run step by step
 * by the real epoch function, checked against its stored metagraph, focused on uid U if given.
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string; epoch: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const raw = await ctx.params;
    const netuid = parseSegment(endpoints.explain.pathParams.netuid.label, raw.netuid, endpoints.explain.pathParams.netuid.schema);
    const epoch = parseSegment(endpoints.explain.pathParams.epoch.label, raw.epoch, endpoints.explain.pathParams.epoch.schema);
    const { uid } = parseQuery(new URL(req.url), endpoints.explain.query);
    return jsonText(await explainEpochJson(inst.read, netuid, epoch, uid));
  }, "explain");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
