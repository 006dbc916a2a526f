import { listSubnetEpochs } from "@/lib/db/queries";
import { handle, intParam, json, netuidParam } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/epochs?limit=20&before=<epoch>: the subnet's epoch history, newest first. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const netuid = netuidParam((await ctx.params).netuid);
    const url = new URL(req.url);
    const limit = intParam(url, "limit", 20, 1, 200);
    const before = url.searchParams.has("before") ? intParam(url, "before", 0, 0, 2 ** 31 - 1) : undefined;
    return json(await listSubnetEpochs(inst.read, netuid, { limit, ...(before !== undefined ? { before } : {}) }));
  });
}
