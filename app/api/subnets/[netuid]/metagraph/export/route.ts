import { endpoints } from "@/lib/api/endpoints";
import { getMetagraphExport, metagraphCsv } from "@/lib/db/subnet-pages";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const e = endpoints.metagraphExport;

/**
 * GET /api/subnets/:netuid/metagraph/export?epoch=N&format=json|csv: a stored epoch's metagraph
 * (the latest stored by default) under the Bittensor SDK's column names, as a download.
 */
export function GET(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const id = parseSegment(e.pathParams.netuid.label, (await ctx.params).netuid, e.pathParams.netuid.schema);
    const q = parseQuery(new URL(req.url), e.query);
    const m = await getMetagraphExport(inst.read, id, q.epoch);
    const disposition = { "content-disposition": `attachment; filename="metagraph-sn${id}-epoch${m.epoch}.${q.format}"` };
    if (q.format === "json") return json(m, 200, disposition);
    return new Response(metagraphCsv(m), { headers: { "content-type": "text/csv; charset=utf-8", "cache-control": "no-store", ...disposition } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
