import { getMetagraph } from "@/lib/db/queries";
import { handle, intParam, json, netuidParam } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/metagraph[?epoch=N]: the latest metagraph, or a stored epoch's. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const netuid = netuidParam((await ctx.params).netuid);
    const url = new URL(req.url);
    const epoch = url.searchParams.has("epoch") ? intParam(url, "epoch", 0, 0, 2 ** 31 - 1) : undefined;
    return json(await getMetagraph(inst.read, netuid, epoch));
  });
}
