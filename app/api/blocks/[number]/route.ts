import { getBlock, parseBlockNumber } from "@/lib/db/queries";
import { handle, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET(_req: Request, ctx: { params: Promise<{ number: string }> }): Promise<Response> {
  return handle(async (inst) => json(await getBlock(inst.read, parseBlockNumber((await ctx.params).number))));
}
