import { endpoints } from "@/lib/api/endpoints";
import { listRegistrations } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const e = endpoints.registrations;

/** GET /api/subnets/:netuid/registrations?limit=25&before={block}-{uid}: uid registrations (and the hotkeys they replaced), newest first. */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment(e.pathParams.netuid.label, (await ctx.params).netuid, e.pathParams.netuid.schema);
    const { limit, before } = parseQuery(new URL(req.url), e.query);
    return json(await listRegistrations(inst.read, id, { limit, ...(before ? { before } : {}) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
