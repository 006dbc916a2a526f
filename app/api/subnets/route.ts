import { listSubnets } from "@/lib/db/queries";
import { handle, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async (inst) => json(await listSubnets(inst.read)));
}
