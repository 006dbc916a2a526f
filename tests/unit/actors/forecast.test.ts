/**
 * Forecasting: the least-squares pieces on hand-checked systems, the AR fit on a known AR(2)
 * process, and the strategies' errors on the task's seasonal series against what the series'
 * shape predicts.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/chain/rng";
import {
  combineForecasts,
  createForecastTask,
  fitAutoregressive,
  forecastCost,
  forecastScore,
  predict,
  solveLinearSystem,
  type ForecastStrategy,
} from "@/lib/actors/tasks/forecast";

describe("solveLinearSystem", () => {
  it("solves 2x + y = 3, x + 3y = 5 as x = 0.8, y = 1.4", () => {
    const x = solveLinearSystem([[2, 1], [1, 3]], [3, 5])!;
    expect(x[0]).toBeCloseTo(0.8, 12);
    expect(x[1]).toBeCloseTo(1.4, 12);
  });

  it("pivots past a zero on the diagonal: [[0, 1], [1, 0]]·x = [2, 3] gives x = [3, 2]", () => {
    expect(solveLinearSystem([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2]);
  });

  it("returns null for a singular system", () => {
    expect(solveLinearSystem([[1, 2], [2, 4]], [1, 2])).toBeNull();
  });

  it("error: refuses a matrix that does not match b", () => {
    expect(() => solveLinearSystem([[1, 2]], [1, 2])).toThrow(RangeError);
  });
});

describe("fitAutoregressive", () => {
  it("recovers an exact AR(1) with intercept: x_t = 1 + 0.5·x_{t−1}", () => {
    const xs = [0];
    for (let t = 1; t < 12; t++) xs.push(1 + 0.5 * xs[t - 1]!);
    const fit = fitAutoregressive(xs, 1)!;
    expect(fit.intercept).toBeCloseTo(1, 9);
    expect(fit.coefficients[0]).toBeCloseTo(0.5, 9);
  });

  it("recovers φ = (0.6, −0.3) of an AR(2) process within 0.05 from 4,000 values", () => {
    // x_t = 0.6·x_{t−1} − 0.3·x_{t−2} + e_t, e_t ~ N(0, 1), simulated here with the engine's
    // generator (not the task's series code). The least-squares standard error of each φ is about
    // sqrt((1 − φ₂²) / n) = sqrt(0.91 / 4000) ≈ 0.015, so 0.05 is more than three of them; the
    // intercept's is about 1 / (sqrt(n)·(1 − φ₁ − φ₂)) ≈ 0.023, and 0.1 is four.
    const rng = createRng(20261206);
    const xs = [0, 0];
    for (let t = 2; t < 4100; t++) xs.push(0.6 * xs[t - 1]! - 0.3 * xs[t - 2]! + rng.normal());
    const fit = fitAutoregressive(xs.slice(100), 2)!;
    expect(Math.abs(fit.coefficients[0]! - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(fit.coefficients[1]! + 0.3)).toBeLessThan(0.05);
    expect(Math.abs(fit.intercept)).toBeLessThan(0.1);
  });

  it("returns null for a constant history, and the AR strategy then falls back to the last value", () => {
    expect(fitAutoregressive([3, 3, 3, 3, 3, 3], 2)).toBeNull();
    expect(predict({ kind: "autoregressive", order: 2 }, [3, 3, 3, 3, 3, 3], 2)).toEqual([3, 3]);
  });

  it("error: refuses a history shorter than 2p + 1", () => {
    expect(() => fitAutoregressive([1, 2, 3, 4], 2)).toThrow(new RangeError("an AR(2) fit needs at least 5 values, got 4"));
  });
});

describe("predict", () => {
  const history = [1, 2, 3, 4, 10];
  it("last value, moving average and AR on a small history", () => {
    expect(predict({ kind: "last-value" }, history, 2)).toEqual([10, 10]);
    expect(predict({ kind: "moving-average", window: 2 }, history, 1)).toEqual([7]);
    expect(predict({ kind: "moving-average", window: 50 }, history, 1)).toEqual([4]); // the whole history
    // x_t = 1 + 0.5·x_{t−1} continued: after 1.875 come 1.9375 and 1.96875
    const xs = [0, 1, 1.5, 1.75, 1.875];
    const [a, b] = predict({ kind: "autoregressive", order: 1 }, xs, 2);
    expect(a).toBeCloseTo(1.9375, 9);
    expect(b).toBeCloseTo(1.96875, 9);
  });
});

describe("forecastCost", () => {
  it("counts (n − p)(p + 1)² + (p + 1)³ + h·p for AR(p)", () => {
    // n = 240, p = 12, h = 1: 228·169 + 2197 + 12 = 38532 + 2197 + 12 = 40741
    expect(forecastCost({ kind: "autoregressive", order: 12 }, 240, 1)).toBe(40741);
    expect(forecastCost({ kind: "moving-average", window: 6 }, 240, 1)).toBe(6);
    expect(forecastCost({ kind: "last-value" }, 240, 1)).toBe(1);
  });
});

describe("forecastScore and combineForecasts", () => {
  it("maps the error through exp(−|e| / scale)", () => {
    expect(forecastScore([10], [10], 1)).toBe(1);
    expect(forecastScore([10], [11], 1)).toBeCloseTo(Math.exp(-1), 12);
    expect(forecastScore([10, 10], [10, 12], 2)).toBeCloseTo((1 + Math.exp(-1)) / 2, 12);
    expect(forecastScore([10], null, 1)).toBe(0);
    expect(forecastScore([10, 11], [10], 1)).toBe(0); // wrong length
  });

  it("combines by incentive-weighted mean: 1 at weight 1 and 4 at weight 2 give 3", () => {
    expect(combineForecasts(1, [{ answer: [1], weight: 1 }, { answer: [4], weight: 2 }, { answer: [100], weight: 0 }])).toEqual([3]);
    expect(combineForecasts(1, [{ answer: [1], weight: 0 }])).toBeNull();
  });
});

describe("createForecastTask", () => {
  const task = createForecastTask();
  const rounds = 200;
  const strategies: Record<string, ForecastStrategy> = {
    ar12: { kind: "autoregressive", order: 12 },
    last: { kind: "last-value" },
  };

  function evaluate(seed: number) {
    const rng = createRng(seed);
    const out = { ar12: { abs: 0, score: 0 }, last: { abs: 0, score: 0 } };
    for (let r = 0; r < rounds; r++) {
      const { query, truth } = task.query(rng, r);
      for (const name of ["ar12", "last"] as const) {
        const { answer } = task.answer(strategies[name]!, query, 1e9);
        const score = task.score(query, truth, answer);
        expect(score, `${name} round ${r}`).toBeGreaterThanOrEqual(0);
        expect(score, `${name} round ${r}`).toBeLessThanOrEqual(1);
        out[name].abs += Math.abs(answer![0]! - truth[0]!) / rounds;
        out[name].score += score / rounds;
      }
    }
    return out;
  }

  it("AR(12) beats last-value on the seasonal series by the margin the series' shape predicts", () => {
    // Period 24, amplitude 10, noise sd 1. Last value misses the season's one-step change,
    // √2·10·sin(π/24) ≈ 1.85 RMS, plus two noises (variance 2): sd ≈ 2.32, mean |error| ≈ 1.85.
    // AR(12) can follow the season and trend, leaving the new noise (mean |error| ≥ 0.80)
    // plus what its filter passes of the old noise: about 1.17 sd, mean |error| ≈ 0.93.
    // Scores, E[exp(−|e|)] for e ~ N(0, sd²): about 0.30 for last value, 0.48 for AR(12).
    // Measured on this seed: mean |error| 2.02 against 1.17 (ratio 0.58), scores 0.26 against
    // 0.41: both errors above the Gaussian estimates (the season's part of the error is not
    // Gaussian, and AR(12) leaves more than the sketch above), the order and margin as derived.
    const { ar12, last } = evaluate(11);
    expect(last.abs).toBeGreaterThan(1.5);
    expect(last.abs).toBeLessThan(2.2);
    expect(ar12.abs).toBeGreaterThan(0.75);
    expect(ar12.abs).toBeLessThan(1.3);
    expect(ar12.abs).toBeLessThan(0.65 * last.abs);
    expect(ar12.score - last.score).toBeGreaterThan(0.1);
  });

  it("answers nothing and spends nothing when the budget is below the strategy's cost", () => {
    const { query } = task.query(createRng(1), 0);
    expect(task.answer({ kind: "autoregressive", order: 12 }, query, 40740)).toEqual({ answer: null, computeSpent: 0 });
    expect(task.answer({ kind: "autoregressive", order: 12 }, query, 40741).computeSpent).toBe(40741);
  });

  it("degrades an answer with noise that grows with the severity", () => {
    const rng = createRng(3);
    expect(task.degrade([5, 6], 0, rng)).toEqual([5, 6]);
    const moved = task.degrade([5], 1, rng)[0]!;
    expect(moved).not.toBe(5);
  });

  it("error: refuses bad options and strategies, naming them", () => {
    expect(() => createForecastTask({ horizon: 0 })).toThrow(new RangeError(`horizon must be an integer in [1, ${Number.MAX_SAFE_INTEGER}], got 0`));
    const { query } = task.query(createRng(1), 0);
    expect(() => task.answer({ kind: "moving-average", window: 0 }, query, 10)).toThrow(/window must be an integer/);
    expect(() => task.answer({ kind: "autoregressive", order: 200 }, query, 1e12)).toThrow(/order 200 needs a history of at least 401 values, got 240/);
    expect(() => task.answer({ kind: "last-value" }, query, -1)).toThrow(/budget must be a number/);
  });
});
