import { getMetagraph } from "@/lib/db/queries";
import { BadRequestError, handle, intParam, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/metagraph[?epoch=N]: the latest metagraph, or a stored epoch's. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const raw = (await ctx.params).netuid;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new BadRequestError(`netuid must be an integer in [0, 65535], got ${JSON.stringify(raw)}`);
    const url = new URL(req.url);
    const epoch = url.searchParams.has("epoch") ? intParam(url, "epoch", 0, 0, 2 ** 31 - 1) : undefined;
    return json(await getMetagraph(inst.read, Number(raw), epoch));
  });
}
