import { endpoints } from "@/lib/api/endpoints";
import { getFlows, resolveFlowRange } from "@/lib/db/flows";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/**
 * GET /api/flows?from=&to= or ?range=tempo|day|week|all (default: the last 360 blocks): the
 * reward flows of the range as rao strings, with their Sankey graphs. from > to, to beyond the
 * head, or range with from/to → 400.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const q = parseQuery(new URL(req.url), endpoints.flows.query);
    return json(await getFlows(inst.read, await resolveFlowRange(inst.read, q)));
  }, "flows");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
