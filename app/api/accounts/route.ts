import { endpoints } from "@/lib/api/endpoints";
import { listAccounts } from "@/lib/db/accounts";
import { handle, json, otherMethods } from "@/lib/server/http";
import { parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** GET /api/accounts?sort=total|free|staked&limit=25&after=<next>: the rich list, largest first, keyset-paginated. */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { sort, after, limit } = parseQuery(new URL(req.url), endpoints.accounts.query);
    return json(await listAccounts(inst.read, { sort, limit, ...(after ? { after } : {}) }));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
