import { getBlock } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";
import { endpoints } from "@/lib/api/endpoints";
import { parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/blocks/:number: a block with its extrinsics and events (400 for a malformed number, 404 for an absent one). */
export function GET(_req: Request, ctx: { params: Promise<{ number: string }> }): Promise<Response> {
  return handle(async (inst) => json(await getBlock(inst.read, parseSegment(endpoints.block.pathParams.number.label, (await ctx.params).number, endpoints.block.pathParams.number.schema))));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
