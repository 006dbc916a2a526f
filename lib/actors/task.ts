/**
 * The interface every Proof-of-Intelligence task implements. A task says what a validator asks
 * (and the truth it keeps), how a miner's strategy answers within a compute budget, how an
 * answer is scored, and how the answers of several miners combine into one (the mixture of
 * experts a consumer queries).
 *
 * Compute is counted in abstract units (one unit is roughly one multiply-add, or one hash for
 * verifiable compute), never in wall time, so the same seed gives the same answers on any
 * machine. Tasks are pure: randomness comes only from the generator passed in.
 */
import type { Rng } from "../chain/rng";

/** What a validator sends in a round, and the hidden truth it keeps to score the answers. */
export interface Challenge<Query, Truth> {
  readonly query: Query;
  readonly truth: Truth;
}

/** A miner's answer (null: it answered nothing) and the compute units it spent on it. */
export interface Work<Answer> {
  readonly answer: Answer | null;
  readonly computeSpent: number;
}

/** One miner's answer and the weight it carries in a combination (its incentive). */
export interface WeightedAnswer<Answer> {
  readonly answer: Answer;
  readonly weight: number;
}

/**
 * @typeParam Query what the validator asks
 * @typeParam Truth what the validator keeps hidden to score with
 * @typeParam Answer what a miner returns
 * @typeParam Strategy the miner's state that answers (a model, a method, its parameters)
 */
export interface Task<Query, Truth, Answer, Strategy> {
  readonly name: string;
  /** The challenge of a round; `round` is the validator's round number (its tempo). */
  query(rng: Rng, round: number): Challenge<Query, Truth>;
  /**
   * The strategy's answer within `budget` compute units; a strategy that cannot afford an answer
   * returns a null answer (or, where the strategy says so, a guess). Never spends more than `budget`.
   */
  answer(strategy: Strategy, query: Query, budget: number): Work<Answer>;
  /** The answer's score in [0, 1], higher is better; a null answer scores 0. */
  score(query: Query, truth: Truth, answer: Answer | null): number;
  /** The mixture-of-experts answer from answers weighted by incentive; null when there is none to combine. */
  combine(query: Query, answers: readonly WeightedAnswer<Answer>[]): Answer | null;
  /**
   * The answer made worse by `severity` in [0, 1] (0: unchanged, 1: as bad as the task's noise
   * model makes it): how a degrading miner's quality decays.
   */
  degrade(answer: Answer, severity: number, rng: Rng): Answer;
}

/** The weights of `answers` scaled to sum to 1, with non-positive and non-finite weights dropped; empty when none is left. */
export function normalisedWeights<Answer>(answers: readonly WeightedAnswer<Answer>[]): WeightedAnswer<Answer>[] {
  const kept = answers.filter((a) => Number.isFinite(a.weight) && a.weight > 0);
  const total = kept.reduce((s, a) => s + a.weight, 0);
  return total > 0 ? kept.map((a) => ({ answer: a.answer, weight: a.weight / total })) : [];
}

/**
 * The label with the largest total weight (a weighted vote); ties go to the label that comes
 * first in `order`. Undefined when no label has positive weight.
 */
export function weightedVote<Label>(votes: readonly WeightedAnswer<Label>[], order: readonly Label[]): Label | undefined {
  const totals = new Map<Label, number>();
  for (const v of votes) if (Number.isFinite(v.weight) && v.weight > 0) totals.set(v.answer, (totals.get(v.answer) ?? 0) + v.weight);
  let best: Label | undefined;
  let bestWeight = 0;
  for (const label of order) {
    const w = totals.get(label) ?? 0;
    if (w > bestWeight) {
      best = label;
      bestWeight = w;
    }
  }
  return best;
}
