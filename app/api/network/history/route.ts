import { endpoints } from "@/lib/api/endpoints";
import { getNetworkHistory } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/network/history?points=120: network figures at evenly spaced blocks, genesis to head. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => json(await getNetworkHistory(inst.read, parseQuery(new URL(req.url), endpoints.networkHistory.query).points)));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
