import type { HealthDto } from "@/lib/dto";
import { handle, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async (inst) => {
    const head = await inst.read.block.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
    const body: HealthDto = {
      status: inst.status,
      head: head?.number.toString() ?? null,
      database: inst.config.database.kind,
      producing: inst.node !== null,
      ...(inst.error ? { error: inst.error } : {}),
    };
    return json(body, inst.status === "error" ? 503 : 200);
  });
}
