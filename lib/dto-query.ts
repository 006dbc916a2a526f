/**
 * POST /api/subnets/{netuid}/query: a mixture-of-experts query of a subnet's top-k miners
 * (lib/actors/moe.ts). Its answers are OFF-CHAIN SIMULATION DATA: computed on request by the
 * simulation's miner actors, never signed or stored on the chain.
 */
import { z } from "zod";
import { blockNumberString, keySchema, named, u16 } from "./dto";

/** The largest round (challenge seed) a query may name. */
export const MAX_QUERY_ROUND = Number.MAX_SAFE_INTEGER;

const kField = z
  .number({ error: "must be an integer in [1, 32]" })
  .int({ error: "must be an integer in [1, 32]" })
  .min(1, { error: "must be an integer in [1, 32]" })
  .max(32, { error: "must be an integer in [1, 32]" })
  .default(5)
  .describe("miners to ask, the top k by incentive (fewer when the subnet has fewer miners)");
const roundField = z
  .number({ error: `must be an integer in [0, ${MAX_QUERY_ROUND}]` })
  .int({ error: `must be an integer in [0, ${MAX_QUERY_ROUND}]` })
  .min(0, { error: `must be an integer in [0, ${MAX_QUERY_ROUND}]` })
  .max(MAX_QUERY_ROUND, { error: `must be an integer in [0, ${MAX_QUERY_ROUND}]` })
  .default(0)
  .describe("the challenge seed: the same round asks the same challenge");

export const subnetQueryBodySchema = named("SubnetQueryBody", z.strictObject({ k: kField, round: roundField }), "A mixture-of-experts query; an empty body takes the defaults");
export type SubnetQueryBody = z.output<typeof subnetQueryBodySchema>;

const answerSchema = z
  .union([
    z.array(z.number()).describe("forecast: the next `horizon` values"),
    z.array(z.string().nullable()).describe("classify: a topic per text (null: left unanswered)"),
    z.object({ nonce: z.number().int() }).describe("compute: the nonce found (or guessed)"),
    z.null().describe("no answer (offline, or out of budget)"),
  ])
  .describe("off-chain simulation data");

const expertSchema = named(
  "ExpertAnswer",
  z.object({
    uid: z.number().int(),
    hotkey: keySchema,
    incentive: u16.describe("its incentive in the latest metagraph (65535 = 1.0)"),
    weight: z.number().min(0).max(1).describe("its weight in the combination: incentive / the asked miners' total (0 when not asked)"),
    answer: answerSchema,
    score: z.number().min(0).max(1).describe("the answer's score against the challenge's truth, in [0, 1]"),
    computeSpent: z.number().min(0).describe("compute units the answer cost (multiply-adds, or hashes)"),
  }),
  "One miner's answer to the challenge: off-chain simulation data",
);
export type ExpertAnswerDto = z.infer<typeof expertSchema>;

const queryShape = z.discriminatedUnion("task", [
  z.object({ task: z.literal("forecast"), history: z.array(z.number()).describe("the revealed series"), horizon: z.number().int().describe("values asked for after it") }),
  z.object({ task: z.literal("classify"), texts: z.array(z.string()).describe("texts to label with a topic") }),
  z.object({ task: z.literal("compute"), challengeHex: z.string().describe("32-byte challenge, hex"), difficulty: z.number().int().describe("leading zero bits BLAKE2b-256(challenge ‖ u64le(nonce)) must have") }),
]);

export const subnetQuerySchema = named(
  "SubnetQuery",
  z.object({
    offChain: z.literal(true).describe("always true: these answers are the simulation's miner actors computing on request, not chain data"),
    netuid: z.number().int(),
    task: z.enum(["forecast", "classify", "compute"]),
    k: z.number().int().describe("miners asked"),
    round: z.number().int(),
    tempo: z.number().int().describe("the subnet's epoch counter the miners answered in (their offline and degrading behaviour)"),
    block: blockNumberString.describe("the head block whose metagraph ranked the miners"),
    query: queryShape,
    truth: z.union([z.array(z.number()), z.array(z.string()), z.null()]).describe("what the answers are scored against: the revealed values, the labels, or null (a nonce is checked by hashing)"),
    combined: z.object({ answer: answerSchema, score: z.number().min(0).max(1) }).describe("the answers combined by the task, weighted by incentive"),
    miners: z.array(expertSchema).describe("the asked miners by incentive descending, then uid"),
    random: expertSchema.describe("a miner drawn from all the subnet's miners by the round"),
    best: expertSchema.describe("the single best miner: the highest incentive"),
    median: z.number().min(0).max(1).describe("the median score of the asked miners"),
  }),
  "A mixture-of-experts answer: OFF-CHAIN SIMULATION DATA",
);
export type SubnetQueryDto = z.infer<typeof subnetQuerySchema>;
