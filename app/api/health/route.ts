import type { HealthDto, SyncDto } from "@/lib/dto";
import { handle, json, otherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * Status, head and history progress. The producer reports its own fast-forward (with the rate);
 * a follower (PostgreSQL) reads the target from the stored genesis spec and compares the head.
 */
export function GET(): Promise<Response> {
  return handle(async (inst) => {
    const head = await inst.read.block.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
    let sync: SyncDto;
    if (inst.node) sync = inst.node.sync;
    else {
      const meta = await inst.read.meta.findUnique({ where: { key: "genesisSpec" } });
      const total = meta ? Number((JSON.parse(meta.value) as { historyBlocks?: number }).historyBlocks ?? 0) : 0;
      const done = Math.min(Number(head?.number ?? 0n), total);
      sync = done < total ? { phase: "history", done, total, blocksPerSecond: null, etaSeconds: null } : { phase: "live", done: total, total, blocksPerSecond: null, etaSeconds: 0 };
    }
    const body: HealthDto = {
      status: inst.status,
      head: head?.number.toString() ?? null,
      database: inst.config.database.kind,
      producing: inst.node !== null,
      sync,
      ...(inst.error ? { error: inst.error } : {}),
    };
    return json(body, inst.status === "error" ? 503 : 200);
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
