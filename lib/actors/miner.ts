/**
 * Miners: a task's strategy with a compute budget per tempo and a behaviour.
 *
 * - honest: answers with its strategy while its budget lasts;
 * - degrading: its answers are made worse by the task's `degrade` with severity
 *   1 − 2^(−tempos since it started / halfLifeTempos), so its quality decays over tempos;
 * - offline: in a share `offlineRate` of tempos it answers nothing at all (the same tempos for
 *   every validator that asks);
 * - periodic: online (and honest) in `onlineTempos` tempos out of every `periodTempos`, offline
 *   in the rest: tempo t is online when (t − phaseTempos) mod periodTempos < onlineTempos (the
 *   non-negative remainder, so the schedule also holds before tempo `phaseTempos`). Two strong
 *   miners with phases `onlineTempos` apart and `periodTempos = 2·onlineTempos` hand the lead to
 *   each other on a schedule, so the best miner changes (a test's changing network).
 *
 * The budget is shared by every request of a tempo (several validators may ask the same miner):
 * a ledger records what the tempo has spent. Each random decision comes from a generator seeded
 * by (miner seed, tempo, purpose[, request]), never from a shared stream, so a miner's
 * behaviour in a tempo is a function of its inputs.
 */
import { requireInt, requireNumber, requirePositive } from "./check";
import { rngFor, SEED_PURPOSE } from "./seed";
import type { Task, Work } from "./task";

export type MinerBehaviour =
  | { readonly kind: "honest" }
  | { readonly kind: "degrading"; readonly halfLifeTempos: number }
  | { readonly kind: "offline"; readonly offlineRate: number }
  | { readonly kind: "periodic"; readonly periodTempos: number; readonly onlineTempos: number; readonly phaseTempos: number };

export interface MinerSpec<Strategy> {
  readonly uid: number;
  readonly seed: number;
  readonly strategy: Strategy;
  /** Compute units the miner may spend per tempo, over all the requests of that tempo. */
  readonly budgetPerTempo: number;
  readonly behaviour: MinerBehaviour;
  /** The tempo it started in (degrading counts from here; default 0). */
  readonly startTempo?: number;
}

/** What a miner has spent in a tempo: plain data, so it can be stored and restored. */
export interface MinerLedger {
  readonly tempo: number;
  readonly spent: number;
  readonly requests: number;
}

/** @throws RangeError naming the first bad field */
export function checkMiner<Strategy>(miner: MinerSpec<Strategy>): MinerSpec<Strategy> {
  requireInt("uid", miner.uid, 0, 65535);
  requireInt("seed", miner.seed, 0);
  requireNumber("budgetPerTempo", miner.budgetPerTempo, 0);
  requireInt("startTempo", miner.startTempo ?? 0, 0);
  checkMinerBehaviour(miner.behaviour);
  return miner;
}

/**
 * A behaviour's parameters; `where` prefixes the field's name in the message (a config key, say).
 * @throws RangeError naming the first bad field
 */
export function checkMinerBehaviour(b: MinerBehaviour, where = ""): MinerBehaviour {
  if (b.kind === "degrading") requirePositive(`${where}halfLifeTempos`, b.halfLifeTempos);
  else if (b.kind === "offline") requireNumber(`${where}offlineRate`, b.offlineRate, 0, 1);
  else if (b.kind === "periodic") {
    const period = requireInt(`${where}periodTempos`, b.periodTempos, 1);
    requireInt(`${where}onlineTempos`, b.onlineTempos, 1, period);
    requireInt(`${where}phaseTempos`, b.phaseTempos, 0);
  } else if (b.kind !== "honest") throw new RangeError(`${where}kind must be honest, degrading, offline or periodic, got ${JSON.stringify((b as { kind: unknown }).kind)}`);
  return b;
}

/** Whether the miner is offline for the whole of `tempo`. */
export function isOffline<Strategy>(miner: MinerSpec<Strategy>, tempo: number): boolean {
  const b = miner.behaviour;
  if (b.kind === "periodic") return (((tempo - b.phaseTempos) % b.periodTempos) + b.periodTempos) % b.periodTempos >= b.onlineTempos;
  return b.kind === "offline" && rngFor(miner.seed, tempo, SEED_PURPOSE.offline).next() < b.offlineRate;
}

/** A degrading miner's severity in `tempo`: 0 at its start, ½ after one half-life, towards 1. */
export function degradation<Strategy>(miner: MinerSpec<Strategy>, tempo: number): number {
  const b = miner.behaviour;
  if (b.kind !== "degrading") return 0;
  const age = Math.max(0, tempo - (miner.startTempo ?? 0));
  return 1 - 2 ** (-age / b.halfLifeTempos);
}

export interface Response<Answer> {
  readonly work: Work<Answer>;
  readonly ledger: MinerLedger;
}

/**
 * The miner's answer to `query` in `tempo`, given what the tempo has spent so far (`ledger`;
 * undefined or an earlier tempo's ledger means nothing yet), and the ledger after it.
 */
export function respond<Query, Truth, Answer, Strategy>(
  task: Task<Query, Truth, Answer, Strategy>,
  miner: MinerSpec<Strategy>,
  ledger: MinerLedger | undefined,
  query: Query,
  tempo: number,
): Response<Answer> {
  requireInt("tempo", tempo, 0);
  const current = ledger && ledger.tempo === tempo ? ledger : { tempo, spent: 0, requests: 0 };
  const request = current.requests;
  if (isOffline(miner, tempo)) return { work: { answer: null, computeSpent: 0 }, ledger: { ...current, requests: request + 1 } };
  const work = task.answer(miner.strategy, query, Math.max(0, miner.budgetPerTempo - current.spent));
  const severity = degradation(miner, tempo);
  const answer = work.answer !== null && severity > 0 ? task.degrade(work.answer, severity, rngFor(miner.seed, tempo, SEED_PURPOSE.degrade, request)) : work.answer;
  return { work: { answer, computeSpent: work.computeSpent }, ledger: { tempo, spent: current.spent + work.computeSpent, requests: request + 1 } };
}

/** Miners by uid with their ledgers: the imperative shell validators ask through. */
export interface MinerPool<Query, Answer> {
  readonly uids: readonly number[];
  ask(uid: number, query: Query, tempo: number): Work<Answer>;
  /** The ledgers, as plain data (to store them, or to compare two runs). */
  ledgers(): ReadonlyMap<number, MinerLedger>;
}

/** @throws RangeError on a bad miner or two miners with one uid */
export function createMinerPool<Query, Truth, Answer, Strategy>(
  task: Task<Query, Truth, Answer, Strategy>,
  miners: readonly MinerSpec<Strategy>[],
  ledgers: ReadonlyMap<number, MinerLedger> = new Map(),
): MinerPool<Query, Answer> {
  const byUid = new Map<number, MinerSpec<Strategy>>();
  for (const m of miners) {
    checkMiner(m);
    if (byUid.has(m.uid)) throw new RangeError(`miner uids must be distinct, got uid ${m.uid} twice`);
    byUid.set(m.uid, m);
  }
  const books = new Map(ledgers);
  return {
    uids: [...byUid.keys()].sort((a, b) => a - b),
    ask(uid, query, tempo) {
      const miner = byUid.get(uid);
      if (!miner) return { answer: null, computeSpent: 0 }; // no miner behind the uid: nobody answers
      const { work, ledger } = respond(task, miner, books.get(uid), query, tempo);
      books.set(uid, ledger);
      return work;
    },
    ledgers: () => new Map(books),
  };
}
