import { endpoints } from "@/lib/api/endpoints";
import { listValidators } from "@/lib/db/accounts";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/validators?sort=stake|nominators|take|return&limit=50&after=<next>: every hotkey with a validator permit, keyset-paginated. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { sort, after, limit } = parseQuery(new URL(req.url), endpoints.validators.query);
    return json(await listValidators(inst.read, { sort, limit, ...(after ? { after } : {}) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
