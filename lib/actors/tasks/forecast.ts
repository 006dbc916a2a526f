/**
 * Forecasting: the validator draws a seeded series, trend + seasonality + Gaussian noise,
 *
 *   x_t = level + slope·t + amplitude·sin(2π·t / period + phase) + ε_t,   ε_t ~ N(0, noiseSd²),
 *
 * reveals x_0 … x_{n−1} and asks for the next `horizon` values, which it keeps as the truth.
 * Level, slope and phase are drawn per round; period, amplitude and noise are the task's.
 *
 * Miner strategies: the last value, a moving average of the last `window` values, or a
 * least-squares AR(p) with an intercept fitted on the history (normal equations solved by
 * Gaussian elimination with partial pivoting), iterated for a horizon above 1.
 *
 * Score: the mean over the horizon of exp(−|error| / errorScale), in (0, 1]: a perfect value
 * scores 1, an error of one errorScale e^−1 ≈ 0.37. With errorScale = noiseSd (the default) a
 * forecaster that knew the noiseless series exactly would still average E[e^−|Z|] =
 * 2·e^½·Φ(−1) ≈ 0.52 (Z standard normal): the noise is the floor.
 *
 * Compute units (multiply-adds): last value 1; moving average `window`; AR(p) on n values
 * (n − p)·(p + 1)² to build the normal equations, (p + 1)³ to solve them, horizon·p to predict.
 */
import type { Rng } from "../../chain/rng";
import { requireInt, requireNumber, requirePositive } from "../check";
import { normalisedWeights, type Challenge, type Task, type WeightedAnswer, type Work } from "../task";

export interface ForecastOptions {
  /** Values revealed per round (default 240: ten periods of 24). */
  readonly historyLength?: number;
  /** Values asked for (default 1). */
  readonly horizon?: number;
  /** Season length in steps (default 24). */
  readonly period?: number;
  /** Season amplitude (default 10). */
  readonly amplitude?: number;
  /** The slope is drawn uniformly in [−maxSlope, maxSlope] (default 0.05). */
  readonly maxSlope?: number;
  /** Standard deviation of the noise (default 1). */
  readonly noiseSd?: number;
  /** The error that scores e^−1 (default noiseSd). */
  readonly errorScale?: number;
}

export interface ForecastQuery {
  readonly history: readonly number[];
  readonly horizon: number;
}

export type ForecastAnswer = readonly number[];

export type ForecastStrategy =
  | { readonly kind: "last-value" }
  | { readonly kind: "moving-average"; readonly window: number }
  | { readonly kind: "autoregressive"; readonly order: number };

interface SeriesShape {
  readonly period: number;
  readonly amplitude: number;
  readonly maxSlope: number;
  readonly noiseSd: number;
}

/** `length` values of a trend + season + noise series with level, slope and phase drawn from `rng`. */
export function seasonalSeries(rng: Rng, length: number, shape: SeriesShape): number[] {
  requireInt("length", length, 0);
  const level = 20 + 60 * rng.next();
  const slope = shape.maxSlope * (2 * rng.next() - 1);
  const phase = 2 * Math.PI * rng.next();
  const out: number[] = [];
  for (let t = 0; t < length; t++) {
    out.push(level + slope * t + shape.amplitude * Math.sin((2 * Math.PI * t) / shape.period + phase) + rng.normal(0, shape.noiseSd));
  }
  return out;
}

/**
 * Solves A·x = b by Gaussian elimination with partial pivoting; null when A is singular (a
 * pivot below 1e-12 of A's largest entry). A and b are not changed.
 */
export function solveLinearSystem(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  if (a.length !== n || a.some((row) => row.length !== n)) throw new RangeError(`a must be ${n}×${n} to match b, got ${a.length} rows`);
  const m = a.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(0, ...a.flat().map(Math.abs));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12 * scale)) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const top = m[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!;
      const f = row[col]! / top[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = row[c]! - f * top[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    let s = row[n]!;
    for (let c = r + 1; c < n; c++) s -= row[c]! * x[c]!;
    x[r] = s / row[r]!;
  }
  return x;
}

export interface ArFit {
  readonly intercept: number;
  /** φ_1 … φ_p: x_t ≈ intercept + Σ φ_i·x_{t−i}. */
  readonly coefficients: readonly number[];
}

/**
 * Least-squares AR(p) with an intercept: regresses x_t on (1, x_{t−1}, …, x_{t−p}) for
 * t = p … n−1 through the normal equations (XᵀX)β = Xᵀy. Null when they are singular (a
 * constant history, for instance).
 * @throws RangeError when `order` is not a positive integer or the history has fewer than 2p + 1 values
 */
export function fitAutoregressive(values: readonly number[], order: number): ArFit | null {
  requireInt("order", order, 1);
  if (values.length < 2 * order + 1) throw new RangeError(`an AR(${order}) fit needs at least ${2 * order + 1} values, got ${values.length}`);
  const k = order + 1;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  const row = new Array<number>(k).fill(0);
  for (let t = order; t < values.length; t++) {
    row[0] = 1;
    for (let i = 1; i <= order; i++) row[i] = values[t - i]!;
    const y = values[t]!;
    for (let i = 0; i < k; i++) {
      const ri = row[i]!;
      xty[i] = xty[i]! + ri * y;
      const line = xtx[i]!;
      for (let j = 0; j < k; j++) line[j] = line[j]! + ri * row[j]!;
    }
  }
  const beta = solveLinearSystem(xtx, xty);
  return beta ? { intercept: beta[0]!, coefficients: beta.slice(1) } : null;
}

/** The compute units `strategy` spends on a history of `historyLength` values (see the module comment). */
export function forecastCost(strategy: ForecastStrategy, historyLength: number, horizon: number): number {
  switch (strategy.kind) {
    case "last-value":
      return 1;
    case "moving-average":
      return Math.min(strategy.window, historyLength);
    case "autoregressive": {
      const k = strategy.order + 1;
      return (historyLength - strategy.order) * k * k + k * k * k + horizon * strategy.order;
    }
  }
}

function checkStrategy(strategy: ForecastStrategy, historyLength: number): void {
  if (strategy.kind === "moving-average") requireInt("window", strategy.window, 1);
  if (strategy.kind === "autoregressive") {
    requireInt("order", strategy.order, 1);
    if (historyLength < 2 * strategy.order + 1) throw new RangeError(`order ${strategy.order} needs a history of at least ${2 * strategy.order + 1} values, got ${historyLength}`);
  }
}

/** The strategy's forecast of the next `horizon` values after `history` (which must not be empty). */
export function predict(strategy: ForecastStrategy, history: readonly number[], horizon: number): number[] {
  const last = history.at(-1);
  if (last === undefined) throw new RangeError("history must hold at least one value, got none");
  switch (strategy.kind) {
    case "last-value":
      return new Array<number>(horizon).fill(last);
    case "moving-average": {
      const window = history.slice(-strategy.window);
      const mean = window.reduce((s, x) => s + x, 0) / window.length;
      return new Array<number>(horizon).fill(mean);
    }
    case "autoregressive": {
      const fit = fitAutoregressive(history, strategy.order);
      if (!fit) return new Array<number>(horizon).fill(last); // a singular fit: the history is (close to) constant
      const extended = [...history];
      for (let h = 0; h < horizon; h++) {
        let next = fit.intercept;
        fit.coefficients.forEach((phi, i) => (next += phi * extended[extended.length - 1 - i]!));
        extended.push(next);
      }
      return extended.slice(history.length);
    }
  }
}

/** Mean over the horizon of exp(−|error| / errorScale); a missing or malformed answer scores 0. */
export function forecastScore(truth: readonly number[], answer: ForecastAnswer | null, errorScale: number): number {
  if (!answer || answer.length !== truth.length || truth.length === 0) return 0;
  let total = 0;
  truth.forEach((x, i) => {
    const y = answer[i]!;
    if (Number.isFinite(y)) total += Math.exp(-Math.abs(x - y) / errorScale);
  });
  return total / truth.length;
}

/** The incentive-weighted mean of the answers, value by value (answers of the wrong length are left out). */
export function combineForecasts(horizon: number, answers: readonly WeightedAnswer<ForecastAnswer>[]): ForecastAnswer | null {
  const usable = normalisedWeights(answers.filter((a) => a.answer.length === horizon && a.answer.every(Number.isFinite)));
  if (usable.length === 0) return null;
  return Array.from({ length: horizon }, (_, i) => usable.reduce((s, a) => s + a.weight * a.answer[i]!, 0));
}

/**
 * PERF: `predict` memoised per query object and strategy. Several miners with one strategy
 * answer one validator's query alike (a pure function of the two), so the fit runs once; each
 * miner is still charged its full cost. Answers are read-only, so sharing one is safe.
 */
const predictions = new WeakMap<ForecastQuery, Map<string, ForecastAnswer>>();
function memoPredict(strategy: ForecastStrategy, query: ForecastQuery): ForecastAnswer {
  let byStrategy = predictions.get(query);
  if (!byStrategy) predictions.set(query, (byStrategy = new Map()));
  const key = strategy.kind === "last-value" ? "l" : strategy.kind === "moving-average" ? `m${strategy.window}` : `a${strategy.order}`;
  let answer = byStrategy.get(key);
  if (!answer) byStrategy.set(key, (answer = predict(strategy, query.history, query.horizon)));
  return answer;
}

export type ForecastTask = Task<ForecastQuery, readonly number[], ForecastAnswer, ForecastStrategy>;

/** The forecasting task with `options` (defaults in ForecastOptions). */
export function createForecastTask(options: ForecastOptions = {}): ForecastTask {
  const historyLength = requireInt("historyLength", options.historyLength ?? 240, 2);
  const horizon = requireInt("horizon", options.horizon ?? 1, 1);
  const shape: SeriesShape = {
    period: requirePositive("period", options.period ?? 24),
    amplitude: requireNumber("amplitude", options.amplitude ?? 10, 0),
    maxSlope: requireNumber("maxSlope", options.maxSlope ?? 0.05, 0),
    noiseSd: requireNumber("noiseSd", options.noiseSd ?? 1, 0),
  };
  const errorScale = requirePositive("errorScale", options.errorScale ?? (shape.noiseSd || 1));
  return {
    name: "forecast",
    query(rng: Rng): Challenge<ForecastQuery, readonly number[]> {
      const series = seasonalSeries(rng, historyLength + horizon, shape);
      return { query: { history: series.slice(0, historyLength), horizon }, truth: series.slice(historyLength) };
    },
    answer(strategy, query, budget): Work<ForecastAnswer> {
      requireNumber("budget", budget, 0);
      checkStrategy(strategy, query.history.length);
      const cost = forecastCost(strategy, query.history.length, query.horizon);
      if (cost > budget) return { answer: null, computeSpent: 0 }; // the miner knows its cost and does not start
      return { answer: memoPredict(strategy, query), computeSpent: cost };
    },
    score: (_query, truth, answer) => forecastScore(truth, answer, errorScale),
    combine: (query, answers) => combineForecasts(query.horizon, answers),
    degrade(answer, severity, rng) {
      requireNumber("severity", severity, 0, 1);
      return answer.map((y) => y + rng.normal(0, severity * 10 * errorScale));
    },
  };
}
