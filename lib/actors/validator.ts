/**
 * Validators: each tempo a validator asks one challenge of the task to a sample of miners,
 * scores their answers, keeps an exponential moving average of every miner's score and turns
 * the averages into the u16 weights it would submit with `set_weights` (max-upscaled as the
 * SDK does, lib/actors/weights.ts). Submitting them is the node's part; here a tempo gives
 * only the weights (null: it submits nothing this tempo).
 *
 * Behaviours:
 * - honest: scores a sample of `sampleSize` miners every tempo, EMA with `emaAlpha`
 *   (ema ← α·score + (1 − α)·ema, from 0 for a miner never scored, as the subnet template's
 *   validators do), weights ∝ EMA;
 * - copier: scores nobody and submits the consensus vector it is given (index = uid), e.g. the
 *   last epoch's consensus read from the chain;
 * - lazy: behaves honestly only every `everyTempos` tempos (the first time, then each time
 *   that many tempos have passed) and submits nothing in between;
 * - cabal: scores nobody and gives equal weight to its own miners `ownUids`, whatever they do.
 *
 * A tempo is a function of (spec, state, tempo, what the miners answer): the challenge and the
 * sample come from generators seeded by (validator seed, tempo, purpose), and the state is plain
 * data that can be stored between tempos.
 */
import type { Rng } from "../chain/rng";
import { requireInt, requirePositive } from "./check";
import { rngFor, SEED_PURPOSE } from "./seed";
import type { Task, Work } from "./task";
import { convertWeightsAndUidsForEmit, U16_MAX, type EmitWeights } from "./weights";

export type ValidatorBehaviour =
  | { readonly kind: "honest" }
  | { readonly kind: "copier" }
  | { readonly kind: "lazy"; readonly everyTempos: number }
  | { readonly kind: "cabal"; readonly ownUids: readonly number[] };

export interface ValidatorSpec {
  readonly uid: number;
  readonly seed: number;
  /** Miners scored per tempo (all of them when fewer are registered). */
  readonly sampleSize: number;
  /** The EMA's weight on the new score, in (0, 1]. */
  readonly emaAlpha: number;
  readonly behaviour: ValidatorBehaviour;
}

/** What a validator remembers between tempos: plain data (JSON-safe), to store and restore. */
export interface ValidatorState {
  /** The EMA of each scored miner's scores, by uid. */
  readonly ema: Readonly<Record<number, number>>;
  /** The last tempo it submitted weights in. */
  readonly lastUpdateTempo: number | null;
}

export const INITIAL_VALIDATOR_STATE: ValidatorState = { ema: {}, lastUpdateTempo: null };

export interface TempoInput<Query, Answer> {
  readonly tempo: number;
  /** The uids of the subnet's miners (the validator's own uid is never sampled). */
  readonly minerUids: readonly number[];
  /** Sends `query` to the miner at `uid` (lib/actors/miner.ts's pool). */
  readonly ask: (uid: number, query: Query, tempo: number) => Work<Answer>;
  /** For a copier: the consensus weight of each uid (index = uid). */
  readonly consensus?: readonly number[];
}

export interface ScoredMiner {
  readonly uid: number;
  readonly score: number;
  readonly computeSpent: number;
}

export interface TempoResult {
  readonly state: ValidatorState;
  /** What it would submit with set_weights this tempo; null when it submits nothing. */
  readonly weights: EmitWeights | null;
  /** The miners it scored this tempo, in the order it asked them. */
  readonly scored: readonly ScoredMiner[];
}

/** @throws RangeError naming the first bad field */
export function checkValidator(spec: ValidatorSpec): ValidatorSpec {
  requireInt("uid", spec.uid, 0, U16_MAX);
  requireInt("seed", spec.seed, 0);
  requireInt("sampleSize", spec.sampleSize, 1);
  requirePositive("emaAlpha", spec.emaAlpha, 1);
  const b = spec.behaviour;
  if (b.kind === "lazy") requireInt("everyTempos", b.everyTempos, 1);
  if (b.kind === "cabal") {
    if (b.ownUids.length === 0) throw new RangeError("ownUids must name at least one uid, got none");
    b.ownUids.forEach((u, i) => requireInt(`ownUids[${i}]`, u, 0, U16_MAX));
  }
  return spec;
}

/** `k` distinct entries of `xs` drawn without replacement (a partial Fisher–Yates shuffle), in draw order. */
export function sampleWithoutReplacement<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** The weights proportional to the EMA over `minerUids` (a miner never scored weighs 0). */
export function weightsFromEma(ema: Readonly<Record<number, number>>, minerUids: readonly number[]): EmitWeights {
  return convertWeightsAndUidsForEmit(minerUids, minerUids.map((uid) => ema[uid] ?? 0));
}

function nonEmpty(weights: EmitWeights): EmitWeights | null {
  return weights.uids.length > 0 ? weights : null; // the SDK's "nothing to set on chain"
}

function scoreSample<Query, Truth, Answer, Strategy>(
  task: Task<Query, Truth, Answer, Strategy>,
  spec: ValidatorSpec,
  state: ValidatorState,
  input: TempoInput<Query, Answer>,
): TempoResult {
  const { tempo } = input;
  const miners = [...new Set(input.minerUids)].filter((uid) => uid !== spec.uid).sort((a, b) => a - b);
  const { query, truth } = task.query(rngFor(spec.seed, tempo, SEED_PURPOSE.query), tempo);
  const ema: Record<number, number> = { ...state.ema };
  const scored: ScoredMiner[] = [];
  for (const uid of sampleWithoutReplacement(rngFor(spec.seed, tempo, SEED_PURPOSE.sample), miners, spec.sampleSize)) {
    const work = input.ask(uid, query, tempo);
    const score = task.score(query, truth, work.answer);
    if (!(score >= 0 && score <= 1)) throw new RangeError(`task ${task.name} scored uid ${uid} at ${score}: a score must be in [0, 1]`);
    ema[uid] = spec.emaAlpha * score + (1 - spec.emaAlpha) * (ema[uid] ?? 0);
    scored.push({ uid, score, computeSpent: work.computeSpent });
  }
  const weights = nonEmpty(weightsFromEma(ema, miners));
  return { state: { ema, lastUpdateTempo: weights ? tempo : state.lastUpdateTempo }, weights, scored };
}

/**
 * One tempo of a validator: what it scores, its new state and the weights it would submit.
 * @throws RangeError on a bad spec, a negative tempo, a copier without `consensus`, or a task score outside [0, 1]
 */
export function runValidatorTempo<Query, Truth, Answer, Strategy>(
  task: Task<Query, Truth, Answer, Strategy>,
  spec: ValidatorSpec,
  state: ValidatorState,
  input: TempoInput<Query, Answer>,
): TempoResult {
  checkValidator(spec);
  const tempo = requireInt("tempo", input.tempo, 0);
  const b = spec.behaviour;
  switch (b.kind) {
    case "honest":
      return scoreSample(task, spec, state, input);
    case "lazy": {
      const due = state.lastUpdateTempo === null || tempo - state.lastUpdateTempo >= b.everyTempos;
      return due ? scoreSample(task, spec, state, input) : { state, weights: null, scored: [] };
    }
    case "copier": {
      if (!input.consensus) throw new RangeError(`validator ${spec.uid} copies weights but was given no consensus for tempo ${tempo}`);
      const weights = nonEmpty(convertWeightsAndUidsForEmit(input.consensus.map((_, uid) => uid), input.consensus));
      return { state: { ...state, lastUpdateTempo: weights ? tempo : state.lastUpdateTempo }, weights, scored: [] };
    }
    case "cabal": {
      const own = [...new Set(b.ownUids)].sort((x, y) => x - y);
      const weights = convertWeightsAndUidsForEmit(own, own.map(() => 1));
      return { state: { ...state, lastUpdateTempo: tempo }, weights, scored: [] };
    }
  }
}
