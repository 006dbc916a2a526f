import { listEvents } from "@/lib/db/extrinsics";
import { parseEventQuery } from "@/lib/server/explorer-params";
import { handle, json, otherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/events?pallet=&name=&account=&from=&to=&before=|after=&limit=: events newest first,
 * keyset-paginated by `{block}-{index}`; `name` is `Pallet.EventName`, `account` (SS58 or
 * 0x-hex) keeps the events whose data names it.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { filter, page } = parseEventQuery(new URL(req.url));
    return json(await listEvents(inst.read, filter, page));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
