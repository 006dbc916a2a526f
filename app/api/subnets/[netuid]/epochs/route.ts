import { listSubnetEpochs } from "@/lib/db/queries";
import { BadRequestError, handle, intParam, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/subnets/:netuid/epochs?limit=20&before=<epoch>: the subnet's epoch history, newest first. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const raw = (await ctx.params).netuid;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new BadRequestError(`netuid must be an integer in [0, 65535], got ${JSON.stringify(raw)}`);
    const url = new URL(req.url);
    const limit = intParam(url, "limit", 20, 1, 200);
    const before = url.searchParams.has("before") ? intParam(url, "before", 0, 0, 2 ** 31 - 1) : undefined;
    return json(await listSubnetEpochs(inst.read, Number(raw), { limit, ...(before !== undefined ? { before } : {}) }));
  });
}
