/**
 * Who the off-chain actors are: the task each subnet runs, and what each hotkey is as a miner
 * (strategy, compute budget, behaviour) or as a validator (behaviour), all derived from
 * hash(network seed, hotkey). The same hotkey is the same miner on every subnet it registers on,
 * before and after a restart; nothing here is stored.
 *
 * Task rule: subnet `netuid` (≥ 1) runs `tasks[(netuid − 1) mod tasks.length]`, where `tasks`
 * is the network spec's list (`TAOSCOPE_TASKS`, default forecast,classify,compute): with the
 * default, subnets 1, 4, 7, … forecast, 2, 5, 8, … classify and 3, 6, 9, … find hash preimages.
 *
 * Miner profile (one generator seeded by (hotkey seed, purpose)):
 * - behaviour: 8% offline in half of the tempos, 8% degrading with a half-life of 10 tempos
 *   from their registration, the rest honest;
 * - skill u in [0, 1): the strategy, per task (below);
 * - capacity: the requests per tempo its budget covers, 2, 4, 8, 16 or 64 (equally likely).
 *
 * Strategies by skill, per task (one ladder each; the order is not assumed to be the quality
 * order: a miner's true quality is measured, `expectedScore` in lib/actors/traffic.ts):
 * - forecast: last value, moving average of 2 or 4, AR(1), AR(2), AR(4), AR(8), AR(12), AR(24);
 *   budget = capacity × the strategy's cost on the validator's 240 values;
 * - classify: naive Bayes or softmax regression (a second draw), trained on ⌊4·2^(4u)⌋ items
 *   (4 to 63) with 100 gradient steps for the regression (training, once per miner and
 *   process, is most of the actors' cost); budget = capacity × what answering a full query of the longest texts costs;
 * - compute: a search from nonce 0 of ⌊2^d · 2^(4u − 2)⌋ attempts per request (a quarter to
 *   four times the expected 2^d), abstaining or guessing when it runs out (a third draw);
 *   budget = 4 × that whatever the capacity (a search takes what is left of the tempo's
 *   budget, so a larger one would let the first request of a tempo search far longer).
 *
 * Validator behaviour (its own purpose): 10% weight copiers, 10% lazy (every 3 tempos), the
 * rest honest; a cabal only when the traffic is configured with one.
 */
import { requireInt } from "./check";
import type { MinerBehaviour, MinerSpec } from "./miner";
import { mixSeed, rngFor } from "./seed";
import type { Task } from "./task";
import { type ClassifierSpec, createClassifyTask, type ClassifyTask, type TextModel } from "./tasks/classify";
import { createComputeTask, type ComputeTask, type PreimageStrategy } from "./tasks/compute";
import { createForecastTask, forecastCost, type ForecastStrategy, type ForecastTask } from "./tasks/forecast";
import { TOPICS } from "./tasks/topics";

export const TASK_NAMES = ["forecast", "classify", "compute"] as const;
export type TaskName = (typeof TASK_NAMES)[number];
export const DEFAULT_TASKS: readonly TaskName[] = TASK_NAMES;

export class TaskListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaskListError";
  }
}

/**
 * A comma-separated task list (`TAOSCOPE_TASKS`), in order; names are trimmed and
 * case-sensitive, repeats allowed (forecast,forecast,compute).
 * @throws TaskListError naming the entry that is not a task, or an empty list
 */
export function parseTaskList(raw: string): TaskName[] {
  const names = raw.split(",").map((s) => s.trim());
  if (names.every((n) => n === "")) throw new TaskListError(`the task list must name at least one of ${TASK_NAMES.join(", ")}, got ${JSON.stringify(raw)}`);
  return names.map((n, i) => {
    if (!(TASK_NAMES as readonly string[]).includes(n)) throw new TaskListError(`task ${i + 1} of ${JSON.stringify(raw)} is ${JSON.stringify(n)}: a task is one of ${TASK_NAMES.join(", ")}`);
    return n as TaskName;
  });
}

/**
 * The task subnet `netuid` runs under `tasks` (see the module comment).
 * @throws RangeError for netuid 0 (root runs no task) or below, or an empty list
 */
export function taskOf(netuid: number, tasks: readonly TaskName[] = DEFAULT_TASKS): TaskName {
  requireInt("netuid", netuid, 1, 65535);
  if (tasks.length === 0) throw new RangeError("tasks must name at least one task, got none");
  return tasks[(netuid - 1) % tasks.length]!;
}

/** What a derived generator of a profile is for. */
const PROFILE_PURPOSE = { miner: 101, validator: 102, classifier: 103 } as const;

/**
 * A u32 seed from the network seed and a hotkey (0x + 64 hex digits, any case).
 * @throws RangeError on a malformed hotkey
 */
export function hotkeySeed(seed: number, hotkey: string): number {
  const hex = hotkey.startsWith("0x") ? hotkey.slice(2) : hotkey;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new RangeError(`a hotkey must be 0x followed by 64 hex digits, got ${JSON.stringify(hotkey)}`);
  const words = Array.from({ length: 8 }, (_, i) => parseInt(hex.slice(8 * i, 8 * i + 8), 16));
  return mixSeed(seed, ...words);
}

export interface MinerProfile {
  readonly hotkey: string;
  /** The miner's own seed (its offline tempos, its degradation noise, its training draw). */
  readonly seed: number;
  readonly skill: number;
  /** A second and third uniform draw: the classifier kind, and guess-or-abstain. */
  readonly kindDraw: number;
  readonly guessDraw: number;
  readonly behaviour: MinerBehaviour;
  /** Requests per tempo its budget covers. */
  readonly capacity: number;
}

const CAPACITIES = [2, 4, 8, 16, 64] as const;

export function minerProfile(seed: number, hotkey: string): MinerProfile {
  const own = hotkeySeed(seed, hotkey);
  const rng = rngFor(own, PROFILE_PURPOSE.miner);
  const b = rng.next();
  const behaviour: MinerBehaviour = b < 0.08 ? { kind: "offline", offlineRate: 0.5 } : b < 0.16 ? { kind: "degrading", halfLifeTempos: 10 } : { kind: "honest" };
  return { hotkey, seed: own, skill: rng.next(), kindDraw: rng.next(), guessDraw: rng.next(), behaviour, capacity: CAPACITIES[rng.int(CAPACITIES.length)]! };
}

export type ValidatorKind = "honest" | "copier" | "lazy";

/** The validator kind of a hotkey under the mixed population (see the module comment). */
export function validatorKind(seed: number, hotkey: string): ValidatorKind {
  const u = rngFor(hotkeySeed(seed, hotkey), PROFILE_PURPOSE.validator).next();
  return u < 0.1 ? "copier" : u < 0.2 ? "lazy" : "honest";
}

/** Lazy validators score and submit every this many tempos. */
export const LAZY_EVERY_TEMPOS = 3;

/** What a validator of `kind` does each round, in words. */
export function describeValidator(kind: ValidatorKind): string {
  if (kind === "copier") return "copies the last consensus as its weights and scores no one";
  if (kind === "lazy") return `scores a sample of miners and sets weights every ${LAZY_EVERY_TEMPOS} tempos`;
  return "scores a sample of miners and sets weights every tempo";
}

// -------------------------------------------------------------------------------------------
// Strategies per task

const FORECAST_LADDER: readonly ForecastStrategy[] = [
  { kind: "last-value" },
  { kind: "moving-average", window: 2 },
  { kind: "moving-average", window: 4 },
  { kind: "autoregressive", order: 1 },
  { kind: "autoregressive", order: 2 },
  { kind: "autoregressive", order: 4 },
  { kind: "autoregressive", order: 8 },
  { kind: "autoregressive", order: 12 },
  { kind: "autoregressive", order: 24 },
];

/** The validators' forecasting query length, which the budgets are sized for. */
export const FORECAST_HISTORY = 240;
/** Values asked for per forecasting query: a mean over several steps is a steadier score than one. */
export const FORECAST_HORIZON = 4;

/** Leading zero bits the compute subnets ask for: 32 attempts expected. */
export const COMPUTE_DIFFICULTY = 5;

/** A task's instance with what a miner profile is on it: its strategy and budget per tempo. */
export interface TaskKind<Strategy> {
  readonly name: TaskName;
  strategyOf(profile: MinerProfile): { strategy: Strategy; budgetPerTempo: number };
}

function forecastStrategyOf(p: MinerProfile): ForecastStrategy {
  return FORECAST_LADDER[Math.floor(p.skill * FORECAST_LADDER.length)]!;
}

export function forecastKind(): { task: ForecastTask; kind: TaskKind<ForecastStrategy> } {
  const task = createForecastTask({ historyLength: FORECAST_HISTORY, horizon: FORECAST_HORIZON });
  return {
    task,
    kind: {
      name: "forecast",
      strategyOf(p) {
        const strategy = forecastStrategyOf(p);
        return { strategy, budgetPerTempo: p.capacity * forecastCost(strategy, FORECAST_HISTORY, FORECAST_HORIZON) };
      },
    },
  };
}

/** Softmax regression's gradient steps for the miners: a third of the task's default, since training them is most of the actors' cost. */
const CLASSIFIER_EPOCHS = 100;

/** Texts per classification query (the task's default). */
const CLASSIFY_ITEMS = 8;

function classifierSpecOf(p: MinerProfile): ClassifierSpec {
  return { kind: p.kindDraw < 0.5 ? "naive-bayes" : "logistic-regression", trainingSize: Math.floor(4 * 2 ** (4 * p.skill)), seed: mixSeed(p.seed, PROFILE_PURPOSE.classifier), epochs: CLASSIFIER_EPOCHS };
}

/**
 * The classify task, with a cache of trained models by miner seed: training is deterministic
 * (its draw is seeded by the miner), so the cache is a pure memo, rebuilt after a restart.
 */
export function classifyKind(): { task: ClassifyTask; kind: TaskKind<TextModel> } {
  const task = createClassifyTask({ itemsPerQuery: CLASSIFY_ITEMS });
  const models = new Map<number, TextModel>();
  const perQuery = CLASSIFY_ITEMS * task.grammar.maxWords * TOPICS.length;
  return {
    task,
    kind: {
      name: "classify",
      strategyOf(p) {
        let model = models.get(p.seed);
        if (!model) {
          model = task.train(classifierSpecOf(p));
          models.set(p.seed, model);
        }
        return { strategy: model, budgetPerTempo: p.capacity * perQuery };
      },
    },
  };
}

/** The requests a compute miner's budget is sized for. */
const COMPUTE_REQUESTS_PER_TEMPO = 4;

function computeStrategyOf(p: MinerProfile): { attempts: number; onExhausted: PreimageStrategy["onExhausted"] } {
  return { attempts: Math.floor(2 ** COMPUTE_DIFFICULTY * 2 ** (4 * p.skill - 2)), onExhausted: p.guessDraw < 0.5 ? "abstain" : "guess" };
}

export function computeKind(): { task: ComputeTask; kind: TaskKind<PreimageStrategy> } {
  const task = createComputeTask({ difficulty: COMPUTE_DIFFICULTY });
  return {
    task,
    kind: {
      name: "compute",
      strategyOf(p) {
        const { attempts, onExhausted } = computeStrategyOf(p);
        return { strategy: { startNonce: 0, onExhausted }, budgetPerTempo: COMPUTE_REQUESTS_PER_TEMPO * attempts };
      },
    },
  };
}

/** A task instance with its profile rule, erased to what a caller of any task needs. */
export interface AnyTaskKind {
  readonly task: Task<unknown, unknown, unknown, unknown>;
  readonly kind: TaskKind<unknown>;
}

// PERF: a pure memo: a task instance and classify's trained models are functions of their inputs.
const kinds = new Map<TaskName, AnyTaskKind>();

/** Task `name`'s instance and profile rule, made once per process (the traffic and the mixture of experts share them). */
export function taskKind(name: TaskName): AnyTaskKind {
  let k = kinds.get(name);
  if (!k) {
    const made = name === "forecast" ? forecastKind() : name === "classify" ? classifyKind() : computeKind();
    kinds.set(name, (k = { task: made.task as AnyTaskKind["task"], kind: made.kind as TaskKind<unknown> }));
  }
  return k;
}

/** The miner a profile is on a task: its strategy and budget per tempo, its seed and behaviour, from `startTempo`. */
export function minerSpecOf<S>(kind: TaskKind<S>, profile: MinerProfile, uid: number, startTempo: number): MinerSpec<S> {
  const { strategy, budgetPerTempo } = kind.strategyOf(profile);
  return { uid, seed: profile.seed, strategy, budgetPerTempo, behaviour: profile.behaviour, startTempo };
}

/**
 * The tempo a uid registered at `registeredAt` started in, counted back from the subnet's epoch
 * counter `tempo` at `block` at one epoch per `subnetTempo + 1` blocks (0 at the earliest).
 */
export function startTempoOf(tempo: number, block: bigint, registeredAt: bigint, subnetTempo: number): number {
  return Math.max(0, tempo - Number((block - registeredAt) / BigInt(subnetTempo + 1)));
}

/** A miner profile in words, on one task: what the explorer shows beside its off-chain scores. */
export interface MinerDescription {
  /** The task's strategy (forecast: "AR(8)"; classify: "naive Bayes trained on 23 texts"; compute: "searches 32 nonces a request, then guesses"). */
  readonly strategy: string;
  /** "honest", "offline in half of the tempos", "degrading, half-life 10 tempos" or (configured) "online in 5 of every 10 tempos, phase 0". */
  readonly behaviour: string;
  /** Requests per tempo its budget covers (compute: its budget covers four searches whatever the capacity). */
  readonly capacity: number;
}

/** What `profile` is as a miner on `task`, in words (no model is trained). */
export function describeMiner(task: TaskName, profile: MinerProfile): MinerDescription {
  return { strategy: strategyText(task, profile), behaviour: behaviourText(profile.behaviour), capacity: task === "compute" ? COMPUTE_REQUESTS_PER_TEMPO : profile.capacity };
}

function strategyText(task: TaskName, p: MinerProfile): string {
  if (task === "forecast") {
    const s = forecastStrategyOf(p);
    return s.kind === "last-value" ? "last value" : s.kind === "moving-average" ? `moving average of ${s.window}` : `AR(${s.order}), least squares`;
  }
  if (task === "classify") {
    const c = classifierSpecOf(p);
    return `${c.kind === "naive-bayes" ? "naive Bayes" : `softmax regression (${c.epochs} steps)`} trained on ${c.trainingSize} texts`;
  }
  const c = computeStrategyOf(p);
  return `searches ${c.attempts} nonces a request, then ${c.onExhausted === "guess" ? "guesses" : "abstains"}`;
}

function behaviourText(b: MinerBehaviour): string {
  if (b.kind === "offline") return b.offlineRate === 0.5 ? "offline in half of the tempos" : `offline in ${Math.round(b.offlineRate * 100)}% of the tempos`;
  if (b.kind === "degrading") return `degrading, half-life ${b.halfLifeTempos} tempos`;
  if (b.kind === "periodic") return `online in ${b.onlineTempos} of every ${b.periodTempos} tempos, phase ${b.phaseTempos}`;
  return "honest";
}
