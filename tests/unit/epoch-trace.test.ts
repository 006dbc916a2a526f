/**
 * runEpoch's optional trace: it records every step without changing the result; it is off by
 * default (the result has the same shape either way); its steps agree with the persisted outputs
 * and, on a hand-built subnet, with values worked out by hand from spec §2.3.
 */
import { describe, expect, it } from "vitest";
import { type EpochInput, type EpochTrace, type U16Row, runEpoch } from "@/lib/chain/consensus/epoch";
import { csrToRows } from "@/lib/chain/math/sparse";
import { fixedProportionToU16 } from "@/lib/chain/math/vector";
import { YUMA3_LIQUID, epochFixture } from "@/bench/epoch-fixtures";

const ONE = 2 ** 32;
const OUTPUT_KEYS = ["active", "stakeWeight", "consensus", "incentive", "dividends", "validatorTrust", "newValidatorPermit", "bonds", "serverEmission", "validatorEmission", "emission"];

const base = epochFixture("trace n=256", 256, 64, 256, 7).input;
const variants: [string, EpochInput][] = [
  ["Yuma3 + liquid alpha, n=256", base],
  ["Yuma3, fixed EMA", { ...base, params: { ...base.params, liquidAlpha: false } }],
  ["original Yuma, bonds penalty ½", { ...base, params: { ...base.params, yuma3: false, bondsPenalty: 32768 } }],
  ["owner uid and commit-reveal", { ...base, ownerUid: 3, params: { ...base.params, commitReveal: true }, commitBlocks: base.alphaStake.map((_, i) => (i % 3 === 0 ? 50n : 2n ** 64n - 1n)) }],
  ["the 2024 epoch", { ...base, params: { ...base.params, era: "2024", yuma3: false, liquidAlpha: false } }],
];

describe("runEpoch trace", () => {
  for (const [name, input] of variants) {
    it(`leaves the result unchanged and ends with it: ${name}`, () => {
      const plain = runEpoch(input);
      const trace: EpochTrace = {};
      const traced = runEpoch(input, trace);
      expect(traced).toEqual(plain);
      expect(trace.output).toBe(traced);
      // The traced vectors are what the persisted u16 terms were made from.
      expect(trace.consensus!.map(fixedProportionToU16)).toEqual(plain.consensus);
      expect(trace.incentive!.map(fixedProportionToU16)).toEqual(plain.incentive);
      expect(trace.dividends!.map(fixedProportionToU16)).toEqual(plain.dividends);
      expect(trace.validatorTrust!.map(fixedProportionToU16)).toEqual(plain.validatorTrust);
      expect(trace.stake!.map(fixedProportionToU16)).toEqual(plain.stakeWeight);
      expect(trace.active).toEqual(plain.active);
      expect(trace.newPermit).toEqual(plain.newValidatorPermit);
      // Clipping: no clipped weight above its column's consensus or its unclipped weight.
      const W = csrToRows(trace.weights!);
      let above = 0;
      csrToRows(trace.clipped!).forEach((row, i) => {
        const w = new Map(W[i]);
        for (const [j, v] of row) if (!(v <= trace.consensus![j]! && v <= w.get(j)!)) above++;
      });
      expect(above).toBe(0);
      // Rows of W are normalised: each non-empty row sums to 1 within one bit per entry.
      for (const row of W) {
        const s = row.reduce((a, [, v]) => a + v, 0);
        if (s > 0) expect(Math.abs(s - ONE)).toBeLessThanOrEqual(row.length);
      }
      // Each mask only removes entries.
      const counts = [trace.weightsLoaded, trace.weightsPermitMasked, trace.weightsDiagMasked, trace.weightsOutdatedMasked, trace.weightsCommitMasked].filter((m) => m !== undefined).map((m) => m.col.length);
      for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]!);
      expect(trace.weightsCommitMasked !== undefined).toBe(input.params.commitReveal);
    });
  }

  it("is off by default: the same output shape and nothing else", () => {
    const plain = runEpoch(base);
    expect(Object.keys(plain).sort()).toEqual([...OUTPUT_KEYS].sort());
    expect(Object.keys(runEpoch(base, {})).sort()).toEqual([...OUTPUT_KEYS].sort());
    const era2024 = variants.at(-1)![1];
    expect(Object.keys(runEpoch(era2024)).sort()).toEqual([...OUTPUT_KEYS, "rank", "trust", "pruningScores"].sort());
  });

  it("records each step of a hand-built subnet as spec §2.3 computes it", () => {
    // uids 0, 1 validators (stake 3:1), 2 and 3 miners. uid 0 weights itself (diagonal mask),
    // uid 1 last set weights at block 40, before uid 3 registered at 50 (outdated mask).
    const weights: U16Row[] = [
      [[0, 65535], [2, 65535], [3, 65535]],
      [[2, 65535], [3, 32768]],
      [],
      [],
    ];
    const input: EpochInput = {
      block: 100n,
      params: { ...YUMA3_LIQUID, yuma3: false, liquidAlpha: false, tempo: 10, activityCutoff: 1000, bondsPenalty: 65535, bondsMovingAverage: 900_000 },
      alphaStake: [3_000_000n, 1_000_000n, 0n, 0n],
      lastUpdate: [90n, 40n, 0n, 0n],
      blockAtRegistration: [0n, 0n, 0n, 50n],
      validatorPermit: [true, true, false, false],
      weights,
      bonds: [],
      ownerUid: null,
      lastMechanismStepBlock: 0n,
      raoEmission: 1_000_000_000n,
    };
    const t: EpochTrace = {};
    const out = runEpoch(input, t);
    expect([t.weightsLoaded!.col.length, t.weightsPermitMasked!.col.length, t.weightsDiagMasked!.col.length, t.weightsOutdatedMasked!.col.length]).toEqual([5, 5, 4, 3]);
    expect(t.activeStake).toEqual([0.75 * ONE, 0.25 * ONE, 0, 0]);
    // W: uid 0 → {2: ½, 3: ½}; uid 1 → {2: 1}.
    expect(csrToRows(t.weights!)).toEqual([[[2, ONE / 2], [3, ONE / 2]], [[2, ONE]], [], []]);
    // Consensus (kappa ½): miner 2 gets ½ from 75% of stake and 1 from 25%: median ½; miner 3 gets ½ from 75%: ½.
    expect(t.consensus).toEqual([0, 0, ONE / 2, ONE / 2]);
    expect(csrToRows(t.clipped!)).toEqual([[[2, ONE / 2], [3, ONE / 2]], [[2, ONE / 2]], [], []]);
    expect(t.validatorTrust).toEqual([ONE, ONE / 2, 0, 0]);
    // Ranks: miner 2 = 0.75·½ + 0.25·½ = ½, miner 3 = 0.75·½ = 0.375; incentive 4/7 and 3/7.
    expect(t.ranks).toEqual([0, 0, ONE / 2, 0.375 * ONE]);
    expect(out.incentive).toEqual([0, 0, Math.floor((4 / 7) * 65535), Math.floor((3 / 7) * 65535)]); // u16 by floor (spec §2.9)
    expect(t.emissionFallback).toBe("none");
    expect(t.lastTempo).toBe(90);
  });
});
