import { endpoints } from "@/lib/api/endpoints";
import { getHyperparams } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const { netuid } = endpoints.hyperparams.pathParams;

/** GET /api/subnets/:netuid/hyperparams: the subnet's hyperparameters under btcli's names, with units. */
export function GET(_req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => json(await getHyperparams(inst.read, parseSegment(netuid.label, (await ctx.params).netuid, netuid.schema))));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
