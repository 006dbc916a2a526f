import { listBlocks } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";
import { endpoints } from "@/lib/api/endpoints";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/blocks?limit=20&before=<number>: newest first, keyset-paginated. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { limit, before } = parseQuery(new URL(req.url), endpoints.blocks.query);
    return json(await listBlocks(inst.read, { limit, ...(before !== undefined ? { before } : {}) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
