import { getNetworkHistory } from "@/lib/db/queries";
import { handle, intParam, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/network/history?points=120: network figures at evenly spaced blocks, genesis to head. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => json(await getNetworkHistory(inst.read, intParam(new URL(req.url), "points", 120, 2, 1000))));
}
