import { endpoints } from "@/lib/api/endpoints";
import { DROPPED_KEPT } from "@/lib/node/mempool";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseSegment } from "@/lib/server/params";
import { trackExtrinsic } from "@/lib/server/track";

export const dynamic = "force-dynamic";

/**
 * GET /api/extrinsics/by-hash/:hash: where a submitted extrinsic is: `pending` (ready or
 * future, until which block), `included` (block, index, outcome, fee, events) or `dropped`
 * (cause and reason). 400 for a malformed hash, 404 when no block and no mempool knows it.
 */
export function GET(_req: Request, ctx: { params: Promise<{ hash: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const param = endpoints.trackExtrinsic.pathParams.hash;
    const hash = parseSegment(param.label, (await ctx.params).hash, param.schema);
    const found = await trackExtrinsic(inst, hash);
    if (!found) return json({ error: `extrinsic ${hash.toLowerCase()} is in no block, not pending, and not among the last ${DROPPED_KEPT} dropped` }, 404);
    return json(found);
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
