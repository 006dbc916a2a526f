/**
 * Miners: the budget shared by a tempo's requests, the offline, degrading and periodic behaviours.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/chain/rng";
import { checkMiner, checkMinerBehaviour, createMinerPool, degradation, isOffline, type MinerBehaviour, respond, type MinerSpec } from "@/lib/actors/miner";
import { createForecastTask, type ForecastStrategy } from "@/lib/actors/tasks/forecast";

const task = createForecastTask();
const AR12: ForecastStrategy = { kind: "autoregressive", order: 12 };
const AR12_COST = 40741; // (240 − 12)·13² + 13³ + 12, see forecast.test.ts

function miner(overrides: Partial<MinerSpec<ForecastStrategy>> = {}): MinerSpec<ForecastStrategy> {
  return { uid: 1, seed: 7, strategy: AR12, budgetPerTempo: 1e9, behaviour: { kind: "honest" }, ...overrides };
}

describe("respond", () => {
  const { query } = task.query(createRng(1), 0);

  it("shares the budget between the requests of a tempo and starts afresh the next tempo", () => {
    const m = miner({ budgetPerTempo: 2.5 * AR12_COST });
    const first = respond(task, m, undefined, query, 3);
    const second = respond(task, m, first.ledger, query, 3);
    const third = respond(task, m, second.ledger, query, 3);
    expect(first.work.answer).not.toBeNull();
    expect(second.work.answer).not.toBeNull();
    expect(third.work).toEqual({ answer: null, computeSpent: 0 }); // 0.5 of a fit left
    expect(third.ledger).toEqual({ tempo: 3, spent: 2 * AR12_COST, requests: 3 });
    const nextTempo = respond(task, m, third.ledger, query, 4);
    expect(nextTempo.work.answer).not.toBeNull();
    expect(nextTempo.ledger).toEqual({ tempo: 4, spent: AR12_COST, requests: 1 });
  });

  it("an honest miner's answer is its strategy's", () => {
    expect(respond(task, miner(), undefined, query, 0).work).toEqual(task.answer(AR12, query, 1e9));
  });
});

describe("offline miners", () => {
  it("are offline in about offlineRate of the tempos, for every request of such a tempo", () => {
    // 1,000 tempos at rate 0.3: 300 expected, standard deviation √(1000·0.3·0.7) ≈ 14.5 (measured: 299).
    const m = miner({ behaviour: { kind: "offline", offlineRate: 0.3 } });
    const offline = Array.from({ length: 1000 }, (_, t) => isOffline(m, t));
    const count = offline.filter(Boolean).length;
    expect(count).toBeGreaterThan(250);
    expect(count).toBeLessThan(350);
    const pool = createMinerPool(task, [m]);
    const { query } = task.query(createRng(2), 0);
    for (let t = 0; t < 20; t++) {
      const a = pool.ask(1, query, t);
      const b = pool.ask(1, query, t);
      expect(a.answer === null, `tempo ${t}`).toBe(offline[t]);
      expect(b.answer === null, `tempo ${t}`).toBe(offline[t]);
    }
  });
});

describe("degrading miners", () => {
  it("degrade with severity 1 − 2^(−age / halfLife)", () => {
    const m = miner({ behaviour: { kind: "degrading", halfLifeTempos: 10 }, startTempo: 5 });
    expect(degradation(m, 5)).toBe(0);
    expect(degradation(m, 15)).toBe(0.5);
    expect(degradation(m, 25)).toBe(0.75);
    expect(degradation(m, 0)).toBe(0); // before it started
    expect(degradation(miner(), 100)).toBe(0);
  });

  it("score less as the tempos pass", () => {
    // Half-life 10 tempos: the severity rises from 0 to 0.46 over tempos 0–9 (noise of sd
    // 10·severity added to an AR(12) forecast whose own error sd is about 1.17), which puts the
    // expected score, E[e^−|N(0, sd²)|], from 0.48 down to 0.16: about 0.28 on average. Over
    // tempos 90–99 the severity is above 0.998 (sd ≈ 10): about 0.08. 200 rounds each give a
    // standard error near 0.02 on each mean. Measured on this seed: 0.284 and 0.067.
    const m = miner({ behaviour: { kind: "degrading", halfLifeTempos: 10 } });
    const rng = createRng(8);
    const meanScore = (from: number) => {
      let total = 0;
      for (let t = from; t < from + 10; t++) {
        for (let r = 0; r < 20; r++) {
          const { query, truth } = task.query(rng, t);
          total += task.score(query, truth, respond(task, m, undefined, query, t).work.answer);
        }
      }
      return total / 200;
    };
    const early = meanScore(0);
    const late = meanScore(90);
    expect(late).toBeLessThan(0.15);
    expect(early - late).toBeGreaterThan(0.12);
  });
});

describe("periodic miners", () => {
  it("are online in onlineTempos of every periodTempos, shifted by phaseTempos, before the phase too", () => {
    const online = (phaseTempos: number) => Array.from({ length: 8 }, (_, t) => !isOffline(miner({ behaviour: { kind: "periodic", periodTempos: 4, onlineTempos: 2, phaseTempos } }), t));
    // (t − phase) mod 4 < 2: phase 0 online in tempos 0, 1, 4, 5; phase 2 in the others.
    expect(online(0)).toEqual([true, true, false, false, true, true, false, false]);
    expect(online(2)).toEqual([false, false, true, true, false, false, true, true]);
    expect(online(6)).toEqual(online(2));
    const { query } = task.query(createRng(4), 2);
    expect(respond(task, miner({ behaviour: { kind: "periodic", periodTempos: 4, onlineTempos: 2, phaseTempos: 0 } }), undefined, query, 2).work).toEqual({ answer: null, computeSpent: 0 });
    expect(respond(task, miner({ behaviour: { kind: "periodic", periodTempos: 4, onlineTempos: 2, phaseTempos: 2 } }), undefined, query, 2).work).toEqual(task.answer(AR12, query, 1e9));
  });

  it("error: refuses a bad schedule, naming the field", () => {
    const bad = (b: { periodTempos: number; onlineTempos: number; phaseTempos: number }) => () => checkMiner(miner({ behaviour: { kind: "periodic", ...b } }));
    expect(bad({ periodTempos: 0, onlineTempos: 1, phaseTempos: 0 })).toThrow(new RangeError(`periodTempos must be an integer in [1, ${Number.MAX_SAFE_INTEGER}], got 0`));
    expect(bad({ periodTempos: 4, onlineTempos: 5, phaseTempos: 0 })).toThrow(new RangeError("onlineTempos must be an integer in [1, 4], got 5"));
    expect(bad({ periodTempos: 4, onlineTempos: 2, phaseTempos: -1 })).toThrow(/^phaseTempos must be an integer in \[0, \d+\], got -1$/);
    expect(() => checkMinerBehaviour({ kind: "sleepy" } as unknown as MinerBehaviour, "minerBehaviours[x].")).toThrow(new RangeError('minerBehaviours[x].kind must be honest, degrading, offline or periodic, got "sleepy"'));
  });
});

describe("createMinerPool", () => {
  it("answers nothing for a uid without a miner, and refuses two miners on one uid", () => {
    const pool = createMinerPool(task, [miner()]);
    const { query } = task.query(createRng(3), 0);
    expect(pool.ask(9, query, 0)).toEqual({ answer: null, computeSpent: 0 });
    expect(() => createMinerPool(task, [miner(), miner()])).toThrow(new RangeError("miner uids must be distinct, got uid 1 twice"));
  });

  it("error: refuses a bad miner, naming the field", () => {
    expect(() => createMinerPool(task, [miner({ budgetPerTempo: -5 })])).toThrow(/budgetPerTempo must be a number in \[0, .*\], got -5/);
    expect(() => createMinerPool(task, [miner({ behaviour: { kind: "offline", offlineRate: 1.5 } })])).toThrow(/offlineRate must be a number in \[0, 1\], got 1.5/);
  });
});
