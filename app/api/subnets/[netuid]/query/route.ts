import { queryExperts } from "@/lib/actors/moe";
import { endpoints } from "@/lib/api/endpoints";
import { keyOf } from "@/lib/db/keys";
import { getSubnetQueryInput } from "@/lib/db/moe";
import type { ExpertAnswerDto, SubnetQueryDto } from "@/lib/dto-query";
import { BadRequestError, handle, json, otherMethods } from "@/lib/server/http";
import { parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** A query body is two small integers: 1 KiB is ample. */
const BODY_LIMIT = 1024;

/** The body as a JSON object (an empty body: {}), or a 400 naming what it is instead. */
async function readObject(req: Request): Promise<Record<string, unknown>> {
  const tooLarge = () => new BadRequestError(`the body is more than ${BODY_LIMIT} bytes; a query is at most ${BODY_LIMIT} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > BODY_LIMIT) throw tooLarge();
  // Read no further than the limit: a chunked body declares no length.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (;;) {
    const part = reader ? await reader.read() : { done: true as const, value: undefined };
    if (part.done) break;
    size += part.value.byteLength;
    if (size > BODY_LIMIT) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`the body is not valid JSON (${e instanceof Error ? e.message : String(e)}); send a JSON object { k, round }`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const what = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
    throw new BadRequestError(`the body is ${what}; send a JSON object { k, round } (both optional)`);
  }
  return body as Record<string, unknown>;
}

/**
 * POST /api/subnets/:netuid/query with `{ k?, round? }`: the subnet's top-k miners by incentive
 * answer the round's challenge and their answers are combined (lib/actors/moe.ts). Off-chain
 * simulation data. 404 for netuid 0 or an unknown subnet; 409 when the network runs the
 * synthetic traffic or no miner earns incentive yet.
 */
export function POST(req: Request, ctx: { params: Promise<{ netuid: string }> }): Promise<Response> {
  return handle(async (inst) => {
    const e = endpoints.subnetQuery;
    const netuid = parseSegment(e.pathParams.netuid.label, (await ctx.params).netuid, e.pathParams.netuid.schema) as number;
    const body = await readObject(req);
    const parsed = e.body.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.code === "unrecognized_keys") throw new BadRequestError(`the body has no field "${issue.keys[0]}"; a query takes k and round`);
      const field = String(issue.path[0]);
      throw new BadRequestError(`${field} ${issue.message}, got ${JSON.stringify(body[field])}`);
    }
    const input = await getSubnetQueryInput(inst.read, netuid);
    if (input.traffic !== "poi" || input.task === null) return json({ error: `subnet ${netuid} runs the synthetic traffic: its miners do no task, so there is nothing to query (start a network with TAOSCOPE_TRAFFIC=poi)` }, 409);
    if (!input.miners.some((m) => m.incentive > 0)) return json({ error: `no miner of subnet ${netuid} earns incentive yet: its validators' weights count from the epoch after their first round; retry after the next epoch` }, 409);
    const out = queryExperts({ task: input.task, seed: input.seed, netuid, miners: input.miners, k: parsed.data.k, round: parsed.data.round, tempo: input.tempo });
    const expert = (a: (typeof out.miners)[number]): ExpertAnswerDto => ({ ...a, hotkey: keyOf(a.hotkey), answer: a.answer as ExpertAnswerDto["answer"] });
    const dto: SubnetQueryDto = {
      offChain: true,
      netuid,
      task: out.task,
      k: out.k,
      round: out.round,
      tempo: out.tempo,
      block: input.head.toString(),
      query: out.query as SubnetQueryDto["query"],
      truth: out.truth as SubnetQueryDto["truth"],
      combined: { answer: out.combined.answer as ExpertAnswerDto["answer"], score: out.combined.score },
      miners: out.miners.map(expert),
      random: expert(out.random),
      best: expert(out.best),
      median: out.median,
    };
    return json(dto);
  }, "subnet-query");
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
