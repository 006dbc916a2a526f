import { BadRequestError, handle, intParam, json, otherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/test/advance?blocks=N: produce N blocks now. Exists only when the server runs with
 * TAOSCOPE_TEST_MODE=1 (then no timer produces blocks: tests own the clock).
 */
export function POST(req: Request): Promise<Response> {
  return handle(async (inst) => {
    if (!inst.config.testMode) return json({ error: "not found" }, 404);
    if (!inst.node) throw new BadRequestError("this process does not produce blocks");
    const blocks = intParam(new URL(req.url), "blocks", 1, 1, 10_000);
    const head = await inst.node.advance(blocks);
    return json({ head: head.toString() });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
