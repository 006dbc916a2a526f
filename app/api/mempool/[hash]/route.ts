import { storedMempoolFate } from "@/lib/db/mempool";
import type { MempoolLookupDto } from "@/lib/dto";
import { DROPPED_KEPT } from "@/lib/node/mempool";
import { BadRequestError, handle, json, otherMethods } from "@/lib/server/http";
import { droppedDto, pendingDto } from "../present";

export const dynamic = "force-dynamic";

/**
 * GET /api/mempool/:hash: a submitted extrinsic's fate while it is not in a block: pending
 * (ready or future, until which block) or dropped (why); 404 when neither (an included
 * extrinsic is in its block). The producer answers from its pool, any other process from the
 * mempool the producer persists.
 */
export function GET(_req: Request, ctx: { params: Promise<{ hash: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const { hash } = await ctx.params;
    if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new BadRequestError(`an extrinsic hash is 0x and 64 hex digits, got ${JSON.stringify(hash)}`);
    const found = inst.node ? await inst.node.mempoolLookup(hash) : await storedMempoolFate(inst.read, hash);
    if (!found) return json({ error: `extrinsic ${hash.toLowerCase()} is not pending and not among the last ${DROPPED_KEPT} dropped` }, 404);
    const body: MempoolLookupDto = found.state === "pending" ? { state: "pending", ...pendingDto(found.entry) } : { state: "dropped", ...droppedDto(found.entry) };
    return json(body);
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
