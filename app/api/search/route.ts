import { endpoints } from "@/lib/api/endpoints";
import { search } from "@/lib/db/search";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/search?q=...: what the input names on this chain (blocks, extrinsics, accounts,
 * subnets), each with its explorer page. A malformed input answers 200 with no matches and
 * `invalid` saying why; a missing `q` is a 400.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => json(await search(inst.read, parseQuery(new URL(req.url), endpoints.search.query).q)));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
