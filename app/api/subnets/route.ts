import { endpoints } from "@/lib/api/endpoints";
import { listSubnetFigures } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/subnets?sort=netuid|emission|price|tao|alpha|burn|uids|tempo|owner|age&order=asc|desc: every subnet with the list's figures. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { sort, order } = parseQuery(new URL(req.url), endpoints.subnets.query);
    return json(await listSubnetFigures(inst.read, sort, order));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
