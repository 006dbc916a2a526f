import { endpoints } from "@/lib/api/endpoints";
import { getOffchainScores } from "@/lib/db/offchain";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/uids/:uid/offchain[?limit=L]: the uid's hotkey in the PoI simulation
 * (role, miner strategy, the newest L scores its validators gave it). Off-chain simulation data.
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string; uid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const p = await ctx.params;
    const e = endpoints.neuronOffchain;
    const n = parseSegment(e.pathParams.netuid.label, p.netuid, e.pathParams.netuid.schema);
    const u = parseSegment(e.pathParams.uid.label, p.uid, e.pathParams.uid.schema);
    const q = parseQuery(new URL(req.url), e.query);
    return json(await getOffchainScores(inst.read, n, u, q.limit));
  }, "neuron-offchain");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
