/**
 * Mixture of experts: the consumer layer over a Proof-of-Intelligence subnet. A consumer asks
 * one challenge of the subnet's top-k miners by incentive and combines their answers with the
 * task's `combine`, each weighted by its incentive; the chain's incentive is the only thing the
 * consumer trusts, so the question this module answers is whether that incentive is worth
 * following (the combined score beside the single best miner's, a random miner's and the median).
 *
 * Everything is off-chain simulation: the challenge is drawn from a generator seeded by
 * (network seed, netuid, round, MOE_PURPOSE.query), which no validator uses, and each miner
 * answers as the traffic makes it answer a validator (lib/actors/profiles.ts: its hotkey's
 * strategy and its full per-tempo budget, a fresh ledger, its offline and degrading behaviour at
 * `tempo`). The same input always gives the same output, in any process.
 *
 * Selection: miners earning incentive, by incentive descending then uid; when fewer than k earn,
 * the rest of the k are filled from the non-earning miners by uid. Weights: incentive / the asked
 * miners' total incentive (equal weights when none of them earns).
 */
import { requireInt } from "./check";
import { respond } from "./miner";
import { minerProfile, minerSpecOf, TASK_NAMES, type TaskName, taskKind } from "./profiles";
import { rngFor } from "./seed";

/** What the module's generators are for (disjoint from seed.ts's 1–4, profiles' 10x and traffic's 20x). */
export const MOE_PURPOSE = { query: 301, random: 302 } as const;

/** The largest k a query may ask for. */
export const MAX_MOE_K = 32;

export interface MoeMiner {
  readonly uid: number;
  /** 0x + 64 hex digits. */
  readonly hotkey: string;
  /** u16 incentive as the latest metagraph has it. */
  readonly incentive: number;
  /** The tempo it registered in (its degradation counts from here; default 0). */
  readonly startTempo?: number;
}

export interface MoeInput {
  readonly task: TaskName;
  /** The network seed every profile derives from. */
  readonly seed: number;
  readonly netuid: number;
  readonly miners: readonly MoeMiner[];
  /** Miners to ask, 1 to MAX_MOE_K (fewer are asked when the subnet has fewer). */
  readonly k: number;
  /** The challenge seed: each round is a different, reproducible challenge. */
  readonly round: number;
  /** The subnet's current tempo (epoch counter): offline and degrading behaviour is at this tempo. */
  readonly tempo: number;
}

/** A task's question as the consumer sends it. */
export type MoeQuery =
  | { readonly task: "forecast"; readonly history: readonly number[]; readonly horizon: number }
  | { readonly task: "classify"; readonly texts: readonly string[] }
  | { readonly task: "compute"; readonly challengeHex: string; readonly difficulty: number };

/** JSON: a forecast (numbers), labels (topic or null per text), a nonce ({ nonce }), or null for no answer. */
export type MoeAnswerValue = unknown;

export interface MoeMinerAnswer {
  readonly uid: number;
  readonly hotkey: string;
  readonly incentive: number;
  /** Its weight in the combination, in [0, 1] (0 for a miner that was not asked). */
  readonly weight: number;
  readonly answer: MoeAnswerValue;
  readonly score: number;
  readonly computeSpent: number;
}

export interface MoeResult {
  readonly task: TaskName;
  /** Miners asked (k, or fewer when the subnet has fewer miners). */
  readonly k: number;
  readonly round: number;
  readonly tempo: number;
  readonly query: MoeQuery;
  /** What the answers were scored against: the revealed values, the labels, or null (a nonce is checked by hashing). */
  readonly truth: unknown;
  readonly combined: { readonly answer: MoeAnswerValue; readonly score: number };
  /** The asked miners, by incentive descending then uid. */
  readonly miners: readonly MoeMinerAnswer[];
  /** A miner drawn uniformly from all the subnet's miners (asked or not). */
  readonly random: MoeMinerAnswer;
  /** The single best miner: the highest incentive (ties by uid), the first asked. */
  readonly best: MoeMinerAnswer;
  /** The median score of the asked miners (the mean of the two middle ones for an even count). */
  readonly median: number;
}

function checkInput(input: MoeInput): void {
  if (!(TASK_NAMES as readonly string[]).includes(input.task)) throw new RangeError(`task must be one of ${TASK_NAMES.join(", ")}, got ${JSON.stringify(input.task)}`);
  requireInt("seed", input.seed, 0);
  requireInt("netuid", input.netuid, 1, 65535);
  requireInt("k", input.k, 1, MAX_MOE_K);
  requireInt("round", input.round, 0);
  requireInt("tempo", input.tempo, 0);
  if (!Array.isArray(input.miners) || input.miners.length === 0) throw new RangeError("miners must list at least one miner, got none");
  const uids = new Set<number>();
  input.miners.forEach((m, i) => {
    requireInt(`miners[${i}].uid`, m.uid, 0, 65535);
    requireInt(`miners[${i}].incentive`, m.incentive, 0, 65535);
    requireInt(`miners[${i}].startTempo`, m.startTempo ?? 0, 0);
    if (typeof m.hotkey !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(m.hotkey)) throw new RangeError(`miners[${i}].hotkey must be 0x followed by 64 hex digits, got ${JSON.stringify(m.hotkey)}`);
    if (uids.has(m.uid)) throw new RangeError(`miners[${i}].uid ${m.uid} is listed twice`);
    uids.add(m.uid);
  });
}

/** The miners to ask: earners by incentive descending then uid, topped up from the rest by uid (incentive 0 sorts last). */
export function topK(miners: readonly MoeMiner[], k: number): MoeMiner[] {
  return [...miners].sort((a, b) => b.incentive - a.incentive || a.uid - b.uid).slice(0, k);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Ask the subnet's top-k miners one challenge and combine their answers (see the module comment).
 * @throws RangeError naming the first bad field (an unknown task, k outside [1, 32], no miners, a malformed miner, ...)
 */
export function queryExperts(input: MoeInput): MoeResult {
  checkInput(input);
  const { task, kind } = taskKind(input.task);
  const { query, truth } = task.query(rngFor(input.seed, input.netuid, input.round, MOE_PURPOSE.query), input.round);
  const answerOf = (m: MoeMiner, weight: number): MoeMinerAnswer => {
    const profile = minerProfile(input.seed, m.hotkey.toLowerCase());
    const spec = minerSpecOf(kind, profile, m.uid, Math.min(m.startTempo ?? 0, input.tempo));
    const { work } = respond(task, spec, undefined, query, input.tempo);
    return { uid: m.uid, hotkey: m.hotkey, incentive: m.incentive, weight, answer: work.answer, score: task.score(query, truth, work.answer), computeSpent: work.computeSpent };
  };

  const asked = topK(input.miners, input.k);
  const total = asked.reduce((s, m) => s + m.incentive, 0);
  const answers = asked.map((m) => answerOf(m, total > 0 ? m.incentive / total : 1 / asked.length));
  const combinedAnswer = task.combine(
    query,
    answers.flatMap((a) => (a.answer === null ? [] : [{ answer: a.answer, weight: a.weight }])),
  );
  const combined = { answer: combinedAnswer, score: task.score(query, truth, combinedAnswer) };

  const pool = [...input.miners].sort((a, b) => a.uid - b.uid);
  const drawn = pool[rngFor(input.seed, input.netuid, input.round, MOE_PURPOSE.random).int(pool.length)]!;
  const random = answers.find((a) => a.uid === drawn.uid) ?? answerOf(drawn, 0);

  return {
    task: input.task,
    k: asked.length,
    round: input.round,
    tempo: input.tempo,
    query: queryView(input.task, query),
    truth: truth ?? null,
    combined,
    miners: answers,
    random,
    best: answers[0]!,
    median: median(answers.map((a) => a.score)),
  };
}

function queryView(name: TaskName, query: unknown): MoeQuery {
  const q = query as Record<string, unknown>;
  if (name === "forecast") return { task: "forecast", history: q.history as number[], horizon: q.horizon as number };
  if (name === "classify") return { task: "classify", texts: q.texts as string[] };
  return { task: "compute", challengeHex: q.challengeHex as string, difficulty: q.difficulty as number };
}

