import { getHyperparams } from "@/lib/db/subnet-pages";
import { handle, json } from "@/lib/server/http";
import { netuid, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/hyperparams: the subnet's hyperparameters under btcli's names, with units. */
export function GET(_req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => json(await getHyperparams(inst.read, parseSegment("netuid", (await ctx.params).netuid, netuid))));
}
