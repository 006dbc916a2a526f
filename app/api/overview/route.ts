import { getOverview } from "@/lib/db/subnet-pages";
import { handle, json } from "@/lib/server/http";
import { intIn, parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { limit: intIn(1, 50).default(8) };

/** GET /api/overview?limit=8: the home page's latest extrinsics, top subnets by emission, top validators by stake and the next halving. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => json(await getOverview(inst.read, parseQuery(new URL(req.url), query).limit)));
}
