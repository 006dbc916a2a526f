import { getHead } from "@/lib/db/queries";
import { handle, json, otherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async (inst) => {
    const head = await getHead(inst.read);
    return head ? json(head) : json({ error: "no blocks yet: the node is starting" }, 503);
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
