import { listBlocks } from "@/lib/db/queries";
import { handle, json } from "@/lib/server/http";
import { blockNumber, intIn, parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { limit: intIn(1, 100).default(20), before: blockNumber.optional() };

/** GET /api/blocks?limit=20&before=<number>: newest first, keyset-paginated. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { limit, before } = parseQuery(new URL(req.url), query);
    return json(await listBlocks(inst.read, { limit, ...(before !== undefined ? { before } : {}) }));
  });
}
