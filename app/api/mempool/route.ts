import { endpoints } from "@/lib/api/endpoints";
import type { MempoolDto } from "@/lib/dto";
import { DROPPED_KEPT, FUTURE_EXPIRY_BLOCKS, MEMPOOL_LIMIT } from "@/lib/node/mempool";
import { BadRequestError, handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";
import { droppedDto, pendingDto } from "./present";

export const dynamic = "force-dynamic";

/**
 * GET /api/mempool?limit=N: the pending extrinsics (ready or future, at most N, default 256, in
 * acceptance order) and the most recently dropped ones with their reason. Only the producing
 * process holds a mempool.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    if (!inst.node) throw new BadRequestError("this process does not produce blocks and holds no mempool; ask the producer");
    const limit = parseQuery(new URL(req.url), endpoints.mempool.query).limit;
    const m = await inst.node.mempool(limit);
    const body: MempoolDto = {
      head: m.head.toString(),
      pendingCount: m.pendingCount,
      pending: m.pending.map(pendingDto),
      dropped: m.dropped.map(droppedDto),
      limits: { capacity: MEMPOOL_LIMIT, expiryBlocks: FUTURE_EXPIRY_BLOCKS, droppedKept: DROPPED_KEPT },
    };
    return json(body);
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
