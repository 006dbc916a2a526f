import { listBlocks, parseBlockNumber } from "@/lib/db/queries";
import { handle, intParam, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/blocks?limit=20&before=<number>: newest first, keyset-paginated. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const url = new URL(req.url);
    const limit = intParam(url, "limit", 20, 1, 100);
    const before = url.searchParams.get("before");
    return json(await listBlocks(inst.read, { limit, ...(before !== null ? { before: parseBlockNumber(before, "before") } : {}) }));
  });
}
