import { SUBNET_SORTS } from "@/lib/dto-subnets";
import { listSubnetFigures } from "@/lib/db/subnet-pages";
import { handle, json } from "@/lib/server/http";
import { oneOf, parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const query = { sort: oneOf(SUBNET_SORTS).default("netuid"), order: oneOf(["asc", "desc"]).default("asc") };

/** GET /api/subnets?sort=netuid|emission|price|tao|alpha|burn|uids|tempo|owner|age&order=asc|desc: every subnet with the list's figures. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { sort, order } = parseQuery(new URL(req.url), query);
    return json(await listSubnetFigures(inst.read, sort, order));
  });
}
