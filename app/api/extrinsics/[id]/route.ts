import { NotFoundError } from "@/lib/db/queries";
import { extrinsicIdsByHash, getExtrinsic } from "@/lib/db/extrinsics";
import { parseExtrinsicRef } from "@/lib/server/explorer-params";
import { handle, json, otherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/extrinsics/:id, the id `{block}-{index:04}` (`120-0003`; `120-3` too) or the
 * extrinsic's 0x hash: the extrinsic with its decoded arguments, fee, outcome and events. 400
 * for a malformed id, 404 for an unknown one, 409 with the candidates when a hash names several.
 */
export function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const ref = parseExtrinsicRef((await ctx.params).id);
    if (ref.kind === "position") return json(await getExtrinsic(inst.read, ref.at));
    const ids = await extrinsicIdsByHash(inst.read, ref.hash);
    if (ids.length === 0) throw new NotFoundError(`no extrinsic with hash ${ref.hash}`);
    if (ids.length > 1) return json({ error: `${ids.length} extrinsics have hash ${ref.hash}; ask for one by id`, candidates: ids }, 409);
    const [block, index] = ids[0]!.split("-");
    return json(await getExtrinsic(inst.read, { block: BigInt(block!), index: Number(index) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
