import { getNeuronHistory } from "@/lib/db/neuron-history";
import { handle, json } from "@/lib/server/http";
import { epoch, intIn, netuid, parseQuery, parseSegment, uid } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/subnets/:netuid/uids/:uid/history[?epoch=E&limit=L&before=B]: the uid's figures at
 * its newest `limit` stored epochs (before epoch B), its holders, and the weights it set and
 * received at epoch E (the latest stored by default).
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string; uid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const p = await ctx.params;
    const n = parseSegment("netuid", p.netuid, netuid);
    const u = parseSegment("uid", p.uid, uid);
    const q = parseQuery(new URL(req.url), { epoch: epoch.optional(), before: epoch.optional(), limit: intIn(1, 2000).default(500) });
    return json(await getNeuronHistory(inst.read, n, u, q));
  }, "neuron-history");
}
