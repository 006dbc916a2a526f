import { explainEpoch } from "@/lib/db/explain";
import { handle, json } from "@/lib/server/http";
import { epoch as epochSchema, netuid as netuidSchema, parseQuery, parseSegment, uid as uidSchema } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/epochs/:epoch/explain[?uid=U]: the stored epoch re-run step by step
 * by the real epoch function, checked against its stored metagraph, focused on uid U if given.
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string; epoch: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const raw = await ctx.params;
    const netuid = parseSegment("netuid", raw.netuid, netuidSchema);
    const epoch = parseSegment("epoch", raw.epoch, epochSchema);
    const { uid } = parseQuery(new URL(req.url), { uid: uidSchema.optional() });
    return json(await explainEpoch(inst.read, netuid, epoch, uid));
  }, "explain");
}
