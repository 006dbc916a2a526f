import { endpoints } from "@/lib/api/endpoints";
import { getTokenomics } from "@/lib/db/tokenomics";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/tokenomics?range=day|week|all&points=N (default all, 120 points; N in [2, 500]):
 * network figures at evenly spaced blocks, each subnet's emission share, and the projection of
 * issuance to 21M with its halving markers.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const q = parseQuery(new URL(req.url), endpoints.tokenomics.query);
    return json(await getTokenomics(inst.read, q.range, q.points));
  }, "tokenomics");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
