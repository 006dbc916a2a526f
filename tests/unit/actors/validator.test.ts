/**
 * Validators: honest weights ordered like the miners' true quality (Spearman rank correlation,
 * computed here), the copier, lazy and cabal behaviours, determinism across fresh instances,
 * and a state that survives a JSON round trip.
 */
import { describe, expect, it } from "vitest";
import { createMinerPool, type MinerLedger, type MinerSpec } from "@/lib/actors/miner";
import { createComputeTask, type PreimageStrategy } from "@/lib/actors/tasks/compute";
import { createForecastTask, type ForecastStrategy } from "@/lib/actors/tasks/forecast";
import type { Task } from "@/lib/actors/task";
import { INITIAL_VALIDATOR_STATE, runValidatorTempo, type ValidatorSpec, type ValidatorState } from "@/lib/actors/validator";
import type { EmitWeights } from "@/lib/actors/weights";
import { spearman } from "../../helpers/ranks";

/** The weight of each uid 0 … n−1 (0 where the vector leaves it out). */
function dense(weights: EmitWeights | null, n: number): number[] {
  const out = new Array<number>(n).fill(0);
  if (weights) weights.uids.forEach((uid, i) => (out[uid] = weights.values[i]!));
  return out;
}

function honest(uid: number, seed: number, sampleSize: number, emaAlpha: number): ValidatorSpec {
  return { uid, seed, sampleSize, emaAlpha, behaviour: { kind: "honest" } };
}

/** Runs validators over tempos [0, tempos) against one pool; returns each validator's last weights and state. */
function runTempos<Q, T, A, S>(task: Task<Q, T, A, S>, miners: readonly MinerSpec<S>[], validators: readonly ValidatorSpec[], tempos: number) {
  const pool = createMinerPool(task, miners);
  const states: ValidatorState[] = validators.map(() => INITIAL_VALIDATOR_STATE);
  const last: (EmitWeights | null)[] = validators.map(() => null);
  for (let t = 0; t < tempos; t++) {
    validators.forEach((v, i) => {
      const r = runValidatorTempo(task, v, states[i]!, { tempo: t, minerUids: pool.uids, ask: pool.ask });
      states[i] = r.state;
      if (r.weights) last[i] = r.weights;
    });
  }
  return { states, last, pool };
}

describe("spearman (tests/helpers/ranks.ts)", () => {
  it("gives 0.9 for one neighbour swap among five, and averages tied ranks", () => {
    // 1 − 6·Σd² / (n(n² − 1)) = 1 − 6·2 / 120 = 0.9
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5])).toBeCloseTo(0.9, 12);
    // ranks (1.5, 1.5, 3) against (1, 2, 3): 1.5 / √(1.5·2) = √3 / 2
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 12);
  });
});

describe("honest validators", () => {
  it("weight forecasting miners in the order of their true quality (Spearman ≥ 0.9)", () => {
    // True quality from the series' shape (period 24, amplitude 10, noise 1; see
    // forecast.test.ts): the expected score E[e^−|e|] is about 0.48 for AR(12), 0.30 for last
    // value, 0.25 for a moving average of 2, 0.20 of 3 and 0.13 of 6 (the average lags the
    // season by (w + 1)/2 steps and damps it). So the order is AR(12) > last > MA2 > MA3 > MA6.
    const strategies: ForecastStrategy[] = [
      { kind: "autoregressive", order: 12 },
      { kind: "last-value" },
      { kind: "moving-average", window: 2 },
      { kind: "moving-average", window: 3 },
      { kind: "moving-average", window: 6 },
    ];
    const trueQuality = [5, 4, 3, 2, 1];
    const miners = strategies.map((strategy, uid): MinerSpec<ForecastStrategy> => ({ uid, seed: 1000 + uid, strategy, budgetPerTempo: 1e6, behaviour: { kind: "honest" } }));
    // Each validator scores 3 of the 5 a tempo: about 480 scores a miner over 800 tempos, and an
    // EMA with α = 0.01 leaves a standard deviation near 0.02 on each miner's average, below the
    // smallest gap between neighbours (about 0.05).
    const validators = [honest(10, 1, 3, 0.01), honest(11, 2, 3, 0.01), honest(12, 3, 3, 0.01)];
    const { last } = runTempos(createForecastTask(), miners, validators, 800);
    last.forEach((w, i) => {
      // measured: weights [65535, 41974, 23640, 19577, 13074], [65535, 38456, 26982, 17687, 11599]
      // and [65535, 42931, 33142, 18879, 15633]: ρ = 1 for all three
      expect(spearman(dense(w, 5), trueQuality), `validator ${validators[i]!.uid}`).toBeGreaterThanOrEqual(0.9);
    });
  });

  it("weight compute miners in the order of their budgets (Spearman ≥ 0.9)", () => {
    // Difficulty 6: a budget B solves with probability 1 − (63/64)^B: 0.12, 0.22, 0.40, 0.63,
    // 0.87, 0.98 for B = 8 … 256, and a larger budget solves every query a smaller one does,
    // with the same nonce and score. So expected scores rise with the budget.
    const budgets = [8, 16, 32, 64, 128, 256];
    const miners = budgets.map((budgetPerTempo, uid): MinerSpec<PreimageStrategy> => ({ uid, seed: 2000 + uid, strategy: { onExhausted: "abstain" }, budgetPerTempo, behaviour: { kind: "honest" } }));
    const validators = [honest(20, 4, 4, 0.02)];
    const { last } = runTempos(createComputeTask({ difficulty: 6 }), miners, validators, 500);
    // measured: weights [10399, 16253, 33011, 45573, 59063, 65535], ρ = 1
    expect(spearman(dense(last[0]!, 6), budgets)).toBeGreaterThanOrEqual(0.9);
  });

  it("scores sampleSize distinct miners a tempo, never itself, with EMA ← α·score + (1 − α)·EMA", () => {
    const task = createComputeTask({ difficulty: 0 }); // every nonce solves: nonce 0, score 0.875
    const miners = [0, 1, 2, 3, 4].map((uid): MinerSpec<PreimageStrategy> => ({ uid, seed: uid, strategy: { onExhausted: "abstain" }, budgetPerTempo: 10, behaviour: { kind: "honest" } }));
    const pool = createMinerPool(task, miners);
    const spec = honest(2, 9, 3, 0.5);
    let state = INITIAL_VALIDATOR_STATE;
    const counts = new Map<number, number>();
    for (let t = 0; t < 30; t++) {
      const r = runValidatorTempo(task, spec, state, { tempo: t, minerUids: pool.uids, ask: pool.ask });
      const uids = r.scored.map((s) => s.uid);
      expect(new Set(uids).size).toBe(3);
      expect(uids).not.toContain(2);
      for (const s of r.scored) {
        expect(s.score).toBe(0.875);
        const k = (counts.get(s.uid) ?? 0) + 1;
        counts.set(s.uid, k);
        // from 0, halfway to 0.875 each time: 0.4375, 0.65625, 0.765625, … = 0.875·(1 − 2^−k)
        expect(r.state.ema[s.uid], `uid ${s.uid}, scored ${k} times`).toBe(0.875 * (1 - 2 ** -k));
      }
      state = r.state;
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 1, 3, 4]);
  });
});

describe("weight copiers", () => {
  const task = createComputeTask({ difficulty: 4 });
  const copier: ValidatorSpec = { uid: 7, seed: 1, sampleSize: 4, emaAlpha: 0.1, behaviour: { kind: "copier" } };
  const noMiners = { minerUids: [], ask: () => ({ answer: null, computeSpent: 0 }) };

  it("submit the consensus they are given, max-upscaled", () => {
    // 0.25 / 0.5 · 65535 = 32767.5 → 32768 (ties to even); uid 0's zero is left out.
    const r = runValidatorTempo(task, copier, INITIAL_VALIDATOR_STATE, { tempo: 3, ...noMiners, consensus: [0, 0.25, 0.5, 0.25] });
    expect(r.weights).toEqual({ uids: [1, 2, 3], values: [32768, 65535, 32768] });
    expect(r.scored).toEqual([]);
    expect(r.state).toEqual({ ema: {}, lastUpdateTempo: 3 });
  });

  it("given an honest validator's weights as consensus (normalised), submit exactly its u16 values", () => {
    const miners = [0, 1, 2, 3, 4, 5].map((uid): MinerSpec<PreimageStrategy> => ({ uid, seed: uid, strategy: { onExhausted: "abstain" }, budgetPerTempo: 4 << uid, behaviour: { kind: "honest" } }));
    const { last } = runTempos(task, miners, [honest(9, 5, 6, 0.2)], 40);
    const values = dense(last[0]!, 6);
    const sum = values.reduce((s, x) => s + x, 0);
    const r = runValidatorTempo(task, copier, INITIAL_VALIDATOR_STATE, { tempo: 40, ...noMiners, consensus: values.map((v) => v / sum) });
    expect(r.weights).toEqual(last[0]);
  });

  it("error: a copier without a consensus is refused", () => {
    expect(() => runValidatorTempo(task, copier, INITIAL_VALIDATOR_STATE, { tempo: 0, ...noMiners })).toThrow(new RangeError("validator 7 copies weights but was given no consensus for tempo 0"));
  });
});

describe("lazy validators", () => {
  it("submit only every everyTempos tempos, and score only then", () => {
    const task = createComputeTask({ difficulty: 2 });
    const miners = [0, 1, 2].map((uid): MinerSpec<PreimageStrategy> => ({ uid, seed: uid, strategy: { onExhausted: "abstain" }, budgetPerTempo: 64, behaviour: { kind: "honest" } }));
    const pool = createMinerPool(task, miners);
    const lazy: ValidatorSpec = { uid: 5, seed: 3, sampleSize: 3, emaAlpha: 0.3, behaviour: { kind: "lazy", everyTempos: 3 } };
    let state = INITIAL_VALIDATOR_STATE;
    const submitted: number[] = [];
    for (let t = 0; t < 10; t++) {
      const r = runValidatorTempo(task, lazy, state, { tempo: t, minerUids: pool.uids, ask: pool.ask });
      if (r.weights) submitted.push(t);
      expect(r.scored.length > 0, `tempo ${t}`).toBe(r.weights !== null);
      state = r.state;
    }
    expect(submitted).toEqual([0, 3, 6, 9]);
  });
});

describe("cabal validators", () => {
  it("give all their weight to their own miners, equally, whatever the miners do", () => {
    const task = createComputeTask({ difficulty: 6 });
    // The cabal's miners (uids 1 and 4) have no budget and never answer; the others solve often.
    const miners = [0, 1, 2, 3, 4, 5].map((uid): MinerSpec<PreimageStrategy> => ({
      uid,
      seed: uid,
      strategy: { onExhausted: "abstain" },
      budgetPerTempo: uid === 1 || uid === 4 ? 0 : 1000,
      behaviour: { kind: "honest" },
    }));
    const pool = createMinerPool(task, miners);
    const cabal: ValidatorSpec = { uid: 9, seed: 4, sampleSize: 6, emaAlpha: 0.1, behaviour: { kind: "cabal", ownUids: [4, 1, 4] } };
    let state = INITIAL_VALIDATOR_STATE;
    for (let t = 0; t < 5; t++) {
      const r = runValidatorTempo(task, cabal, state, { tempo: t, minerUids: pool.uids, ask: pool.ask });
      expect(r.weights).toEqual({ uids: [1, 4], values: [65535, 65535] });
      state = r.state;
    }
    // an honest validator on the same miners gives the cabal's miners nothing
    const { last } = runTempos(task, miners, [honest(8, 5, 6, 0.1)], 5);
    expect(last[0]!.uids).not.toContain(1);
    expect(last[0]!.uids).not.toContain(4);
  });

  it("error: a cabal without miners is refused", () => {
    const task = createComputeTask();
    const cabal: ValidatorSpec = { uid: 9, seed: 4, sampleSize: 6, emaAlpha: 0.1, behaviour: { kind: "cabal", ownUids: [] } };
    expect(() => runValidatorTempo(task, cabal, INITIAL_VALIDATOR_STATE, { tempo: 0, minerUids: [], ask: () => ({ answer: null, computeSpent: 0 }) })).toThrow(/ownUids must name at least one uid/);
  });
});

describe("determinism and state", () => {
  /** A mixed subnet over 15 tempos: every answer every validator saw, and every weight vector. */
  function simulate(seed: number, fromTempo = 0, tempos = 15, start?: { states: ValidatorState[]; ledgers: ReadonlyMap<number, MinerLedger> }) {
    const task = createForecastTask({ historyLength: 60 });
    const miners: MinerSpec<ForecastStrategy>[] = [
      { uid: 0, seed: seed + 1, strategy: { kind: "autoregressive", order: 4 }, budgetPerTempo: 1e6, behaviour: { kind: "honest" } },
      { uid: 1, seed: seed + 2, strategy: { kind: "last-value" }, budgetPerTempo: 10, behaviour: { kind: "degrading", halfLifeTempos: 5 } },
      { uid: 2, seed: seed + 3, strategy: { kind: "moving-average", window: 3 }, budgetPerTempo: 10, behaviour: { kind: "offline", offlineRate: 0.4 } },
      { uid: 3, seed: seed + 4, strategy: { kind: "autoregressive", order: 2 }, budgetPerTempo: 1e6, behaviour: { kind: "honest" } },
    ];
    const validators: ValidatorSpec[] = [
      { uid: 10, seed: seed + 10, sampleSize: 2, emaAlpha: 0.3, behaviour: { kind: "honest" } },
      { uid: 11, seed: seed + 11, sampleSize: 3, emaAlpha: 0.3, behaviour: { kind: "lazy", everyTempos: 4 } },
    ];
    const pool = createMinerPool(task, miners, start?.ledgers);
    const seen: unknown[] = [];
    const ask = (uid: number, query: Parameters<typeof pool.ask>[1], tempo: number) => {
      const work = pool.ask(uid, query, tempo);
      seen.push({ uid, tempo, work });
      return work;
    };
    const states = start ? [...start.states] : validators.map(() => INITIAL_VALIDATOR_STATE);
    const weights: unknown[] = [];
    for (let t = fromTempo; t < fromTempo + tempos; t++) {
      validators.forEach((v, i) => {
        const r = runValidatorTempo(task, v, states[i]!, { tempo: t, minerUids: pool.uids, ask });
        states[i] = r.state;
        weights.push({ t, v: v.uid, weights: r.weights });
      });
    }
    return { seen, weights, states, ledgers: pool.ledgers() };
  }

  it("gives identical answers and weights from the same seed across two fresh instances, and others from another seed", () => {
    const a = simulate(5);
    const b = simulate(5);
    expect(a.seen.length).toBeGreaterThan(30);
    expect(b.seen).toEqual(a.seen);
    expect(b.weights).toEqual(a.weights);
    expect(simulate(6).weights).not.toEqual(a.weights);
  });

  it("continues the same from its state after a JSON round trip (as a stored state would)", () => {
    const whole = simulate(5, 0, 15);
    const head = simulate(5, 0, 10);
    const stored = JSON.parse(JSON.stringify({ states: head.states, ledgers: [...head.ledgers] })) as { states: ValidatorState[]; ledgers: [number, MinerLedger][] };
    const tail = simulate(5, 10, 5, { states: stored.states, ledgers: new Map(stored.ledgers) });
    expect(tail.weights).toEqual(whole.weights.slice(20));
    expect(tail.states).toEqual(whole.states);
  });
});
