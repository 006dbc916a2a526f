import { endpoints } from "@/lib/api/endpoints";
import { explainHeatmaps } from "@/lib/db/explain";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/epochs/:epoch/heatmaps: the stored epoch's weights and bonds
 * heatmaps (what the subnet page draws), from the epoch re-run on its stored inputs.
 */
export function GET(_req: Request, ctx: { params: Promise<{ netuid: string; epoch: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const raw = await ctx.params;
    const netuid = parseSegment(endpoints.heatmaps.pathParams.netuid.label, raw.netuid, endpoints.heatmaps.pathParams.netuid.schema);
    const epoch = parseSegment(endpoints.heatmaps.pathParams.epoch.label, raw.epoch, endpoints.heatmaps.pathParams.epoch.schema);
    return json(await explainHeatmaps(inst.read, netuid, epoch));
  }, "heatmaps");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
