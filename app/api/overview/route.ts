import { endpoints } from "@/lib/api/endpoints";
import { getOverview } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/overview?limit=8: the home page's latest extrinsics, top subnets by emission, top validators by stake and the next halving. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => json(await getOverview(inst.read, parseQuery(new URL(req.url), endpoints.overview.query).limit)));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
