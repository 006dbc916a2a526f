/**
 * Epoch behaviours that subtensor's vectors leave out (owner exceptions, commit-reveal masking,
 * the stake threshold, input checks), plus invariants over seeded random subnets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EpochInput, type U16Row, runEpoch, taoWeightFraction } from "@/lib/chain/consensus/epoch";
import { u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { YUMA3_LIQUID, epochFixture } from "@/bench/epoch-fixtures";

const E = 1_000_000_000n;

/** A small subnet: uids with stake, all permitted and active at block 100. */
function subnet(stakes: bigint[], weights: U16Row[], over: Partial<EpochInput> = {}): EpochInput {
  const n = stakes.length;
  return {
    block: 100n,
    params: { ...YUMA3_LIQUID, tempo: 10, activityCutoff: 1000 },
    alphaStake: stakes,
    lastUpdate: new Array<bigint>(n).fill(99n),
    blockAtRegistration: new Array<bigint>(n).fill(1n),
    validatorPermit: new Array<boolean>(n).fill(true),
    weights,
    bonds: [],
    ownerUid: null,
    lastMechanismStepBlock: 0n,
    raoEmission: E,
    ...over,
  };
}

describe("owner exceptions (§2.3)", () => {
  it("keeps the owner's self-weight, which otherwise the diagonal mask removes", () => {
    const weights: U16Row[] = [[[0, 65535]], []];
    const plain = runEpoch(subnet([E, 0n], weights));
    expect(plain.incentive).toEqual([0, 0]);
    expect(plain.emission).toEqual([E, 0n]); // no weights left: everything to active stake

    const owned = runEpoch(subnet([E, 0n], weights, { ownerUid: 0 }));
    expect(owned.consensus[0]).toBe(65535);
    expect(owned.incentive).toEqual([65535, 0]);
    // The owner is its own only miner and its own only bond holder: I = D = 1, so each side
    // gets exactly 1/2 of the emission.
    expect(owned.dividends).toEqual([65535, 0]);
    expect(owned.serverEmission).toEqual([E / 2n, 0n]);
    expect(owned.validatorEmission).toEqual([E / 2n, 0n]);
    expect(owned.emission).toEqual([E, 0n]);
  });

  it("exempts the owner from the stake threshold and always grants it a permit", () => {
    const input = subnet([5n, 1000n, 1000n], [[], [[0, 65535]], [[0, 65535]]], {
      params: { ...YUMA3_LIQUID, tempo: 10, activityCutoff: 1000, stakeThreshold: 100n, maxAllowedValidators: 1 },
    });
    const out = runEpoch(input);
    expect(out.stakeWeight[0]).toBe(0); // 5 rao is below the threshold
    const owned = runEpoch({ ...input, ownerUid: 0 });
    expect(owned.stakeWeight[0]).toBeGreaterThan(0);
    expect(owned.newValidatorPermit[0]).toBe(true);
  });
});

describe("root stake in the stake weights (§2.3.2)", () => {
  it("weights a hotkey's root stake by TaoWeight / u64::MAX (≈ 5.27% on mainnet)", () => {
    const taoWeight = 971_718_665_099_567_868n; // subtensor's default TaoWeight
    expect(taoWeightFraction(taoWeight)).toBe((taoWeight << 32n) / ((1n << 64n) - 1n)); // U96F32 bits
    // uid 0 holds only root stake R; uid 1 holds alpha equal to tao_weight·R: equal stake weights.
    const R = 1_000_000n * E;
    const A = (R * taoWeight) / ((1n << 64n) - 1n);
    expect(A).toBe(52_676_974_387_283n); // ≈ 5.27% of R
    const params = { ...YUMA3_LIQUID, tempo: 10, activityCutoff: 1000, taoWeight };
    const out = runEpoch(subnet([0n, A, 0n], [[[2, 65535]], [[2, 65535]], []], { taoStake: [R, 0n, 0n], params }));
    expect(out.stakeWeight).toEqual([32767, 32767, 0]); // u16 halves (32767.5 floored)
    expect(out.dividends[0]).toBe(out.dividends[1]);
  });
});

describe("commit-reveal mask (§2.3.5)", () => {
  it("drops weights committed before the target's registration", () => {
    // uid 1 re-registered at block 50; validator 0 revealed at 99 a commit made at block 40.
    const input = subnet([E, 0n], [[[1, 65535]], []], {
      blockAtRegistration: [1n, 50n],
      params: { ...YUMA3_LIQUID, tempo: 10, activityCutoff: 1000, commitReveal: true },
    });
    const early = runEpoch({ ...input, commitBlocks: [40n, (1n << 64n) - 1n] });
    expect(early.incentive).toEqual([0, 0]);
    const late = runEpoch({ ...input, commitBlocks: [60n, (1n << 64n) - 1n] });
    expect(late.incentive).toEqual([0, 65535]);
  });
});

describe("input checks", () => {
  it("names the vector whose length is wrong", () => {
    expect(() => runEpoch(subnet([E, E], [], { lastUpdate: [1n] }))).toThrow("epoch: lastUpdate has 1 entries for 2 uids");
  });

  it("rejects an owner uid outside the subnet and duplicate weight entries", () => {
    expect(() => runEpoch(subnet([E], [], { ownerUid: 3 }))).toThrow(/ownerUid 3/);
    expect(() => runEpoch(subnet([E, E], [[[1, 5], [1, 6]], []]))).toThrow(/names uid 1 twice/);
  });

  it("reads weight rows in any column order", () => {
    const sorted = runEpoch(subnet([E, E, 0n], [[[1, 100], [2, 200]], [[0, 100], [2, 300]], []]));
    const shuffled = runEpoch(subnet([E, E, 0n], [[[2, 200], [1, 100]], [[2, 300], [0, 100]], []]));
    expect(shuffled).toEqual(sorted);
  });
});

describe("invariants over seeded subnets", () => {
  it("distributes at most the emission, conserves it within rounding, and respects permits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (n, v, seed) => {
        const validators = Math.min(v, n);
        const { input } = epochFixture("prop", n, validators, Math.max(1, Math.floor(n / 2)), seed, 1);
        const out = runEpoch(input);
        const total = out.emission.reduce((a, b) => a + b, 0n);
        const split = out.serverEmission.reduce((a, b) => a + b, 0n) + out.validatorEmission.reduce((a, b) => a + b, 0n);
        expect(total).toBeLessThanOrEqual(input.raoEmission);
        expect(split).toBeLessThanOrEqual(input.raoEmission);
        // Normalising in I32F32 loses under one ulp (E/2^32) per uid, and the floor to rao one more.
        const ulp = input.raoEmission / 2n ** 32n + 1n;
        expect(input.raoEmission - total).toBeLessThanOrEqual(BigInt(n) * (ulp + 1n));
        expect(out.newValidatorPermit.filter(Boolean).length).toBeLessThanOrEqual(input.params.maxAllowedValidators);
        u16MatrixToRows(out.bonds).forEach((row, i) => {
          if (!out.newValidatorPermit[i]) expect(row).toEqual([]);
          row.forEach(([j, b]) => {
            expect(j).toBeLessThan(n);
            expect(b).toBeLessThanOrEqual(65535);
          });
        });
        expect(runEpoch(input)).toEqual(out); // deterministic
      }),
      { numRuns: 60 },
    );
  });
});
