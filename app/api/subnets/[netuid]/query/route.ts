import { queryExperts } from "@/lib/actors/moe";
import { endpoints } from "@/lib/api/endpoints";
import { keyOf } from "@/lib/db/keys";
import { getSubnetQueryInput } from "@/lib/db/moe";
import type { ExpertAnswerDto, SubnetQueryDto } from "@/lib/dto-query";
import { parseJsonObject, readBodyText } from "@/lib/server/body";
import { BadRequestError, handle, json, otherMethods } from "@/lib/server/http";
import { parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

/** A query body is two small integers: 1 KiB is ample. */
const BODY_LIMIT = 1024;

/** The body as a JSON object (an empty body: {}), or a 400 naming what it is instead. */
async function readObject(req: Request): Promise<Record<string, unknown>> {
  // An oversize query is refused as soon as it passes the limit, never drained.
  const text = await readBodyText(req, { limit: BODY_LIMIT, drainLimit: BODY_LIMIT, tooLarge: () => `the body is more than ${BODY_LIMIT} bytes; a query is at most ${BODY_LIMIT} bytes` });
  if (text.trim() === "") return {};
  return parseJsonObject(text, { invalid: "send a JSON object { k, round }", notObject: "send a JSON object { k, round } (both optional)" });
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
