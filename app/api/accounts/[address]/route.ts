import { endpoints } from "@/lib/api/endpoints";
import { getAccount } from "@/lib/db/accounts";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/accounts/:address (SS58 or 0x hex public key): its coldkey and hotkey roles; 400 for
 * a malformed address, 404 for one the chain has never seen. `?extrinsics=` and `?transfers=`
 * take those lists' `next` to page on; `?positions=all` lists every stake position and
 * nomination (the largest 50 otherwise).
 */
export function GET(req: Request, ctx: { params: Promise<{ address: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const key = parseSegment(endpoints.account.pathParams.address.label, (await ctx.params).address, endpoints.account.pathParams.address.schema);
    const { extrinsics, transfers, positions } = parseQuery(new URL(req.url), endpoints.account.query);
    return json(await getAccount(inst.read, key, { ...(extrinsics ? { extrinsicsBefore: extrinsics } : {}), ...(transfers ? { transfersBefore: transfers } : {}), allPositions: positions === "all" }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
