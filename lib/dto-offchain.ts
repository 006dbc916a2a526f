/**
 * GET /api/subnets/{netuid}/uids/{uid}/offchain: what the Proof-of-Intelligence simulation knows
 * of a uid's hotkey (lib/actors/): its role, its profile as a miner, and the scores the
 * validators' rounds gave it. OFF-CHAIN SIMULATION DATA: a validator's private scores never go
 * on the chain; only the weights it derives from them do.
 */
import { z } from "zod";
import { blockNumberString, keySchema, named } from "./dto";

/** Scores returned at most, over all of a miner's scorers (the newest). */
export const OFFCHAIN_SCORES_MAX = 5000;

const scorePointSchema = z.object({
  block: blockNumberString.describe("the block the round ran in"),
  tempo: z.number().int().describe("the subnet's epoch counter then"),
  score: z.number().min(0).max(1).describe("the task's score of the miner's answer, in [0, 1]"),
  ema: z.number().min(0).max(1).describe("the validator's EMA of the miner's scores after this one (what its weights follow)"),
  computeSpent: z.number().min(0).describe("compute units the answer cost the miner"),
});
export type ScorePointDto = z.infer<typeof scorePointSchema>;

const scorerSchema = z.object({
  validator: keySchema,
  uid: z.number().int().nullable().describe("the validator's uid on the subnet now (null: no longer registered)"),
  kind: z.enum(["honest", "copier", "lazy"]).describe("its behaviour in the simulation"),
  points: z.array(scorePointSchema).describe("oldest first"),
});
export type ScorerDto = z.infer<typeof scorerSchema>;

const givenSchema = z.object({
  uid: z.number().int().describe("the miner's uid in that round"),
  miner: keySchema,
  score: z.number().min(0).max(1),
  ema: z.number().min(0).max(1),
});

export const offchainScoresSchema = named(
  "OffchainScores",
  z.object({
    offChain: z.literal(true).describe("always true: the simulation's private data, not chain data"),
    netuid: z.number().int(),
    uid: z.number().int(),
    hotkey: keySchema,
    traffic: z.enum(["poi", "synthetic"]).describe("synthetic: the old traffic, whose miners do no task and whose validators keep no scores"),
    task: z.enum(["forecast", "classify", "compute"]).nullable().describe("the subnet's task (null under the synthetic traffic)"),
    role: z.enum(["miner", "validator", "owner"]).describe("validator: a hotkey the traffic has run a round with on this subnet; owner: the subnet owner's hotkey, which neither mines nor validates"),
    miner: z
      .object({
        strategy: z.string().describe("its strategy on the task, in words"),
        behaviour: z.string().describe("honest, offline in some tempos, or degrading"),
        capacity: z.number().int().describe("requests a tempo its compute budget covers"),
      })
      .nullable()
      .describe("its profile as a miner (null unless role is miner under the PoI traffic)"),
    validator: z
      .object({ kind: z.enum(["honest", "copier", "lazy"]), behaviour: z.string().describe("what it does each round, in words") })
      .nullable()
      .describe("its behaviour as a validator (null unless role is validator)"),
    scorers: z.array(scorerSchema).describe("a miner: each validator that scored this hotkey since it registered at this uid, by uid (unregistered last), with the rounds' scores"),
    rounds: z.number().int().describe("scores returned over all scorers"),
    truncated: z.boolean().describe("true when older scores were left out (the newest `limit` are returned)"),
    given: z
      .object({ block: blockNumberString, tempo: z.number().int(), scores: z.array(givenSchema).describe("by uid") })
      .nullable()
      .describe("a validator: the scores of its latest round (null before its first, or for a copier, which scores no one)"),
  }),
  "A uid's hotkey in the Proof-of-Intelligence simulation: OFF-CHAIN SIMULATION DATA",
);
export type OffchainScoresDto = z.infer<typeof offchainScoresSchema>;
