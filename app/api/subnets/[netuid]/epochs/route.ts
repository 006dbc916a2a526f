import { endpoints } from "@/lib/api/endpoints";
import { listSubnetEpochs } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/epochs?limit=20&before=<epoch>: the subnet's epoch history, newest first (404 for an unknown subnet). */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment(endpoints.subnetEpochs.pathParams.netuid.label, (await ctx.params).netuid, endpoints.subnetEpochs.pathParams.netuid.schema);
    const { limit, before } = parseQuery(new URL(req.url), endpoints.subnetEpochs.query);
    return json(await listSubnetEpochs(inst.read, id, { limit, ...(before !== undefined ? { before } : {}) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
