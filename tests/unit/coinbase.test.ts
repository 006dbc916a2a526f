/**
 * Coinbase pieces beyond the vectors: conservation of the alpha split, share normalisation,
 * lock-cost decay, and who receives what at distribution.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64F64, U96F32, fromF64, fromInt, toNumber } from "@/lib/chain/math/fixed";
import { networkLockCost, rootSellFlag, splitAlphaOut, splitEmissions, subnetShares } from "@/lib/chain/emission/coinbase";
import { distributeEmission } from "@/lib/chain/emission/distribution";

const TAO = 1_000_000_000n;

describe("alpha_out split", () => {
  it("hands out all of alpha_out but for the floors", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n * TAO }), fc.integer({ min: 0, max: 65535 }), fc.double({ min: 0, max: 1, noNaN: true }), (alphaOut, cut, rootProp) => {
        const s = splitAlphaOut(fromInt(U96F32, alphaOut), cut, true, fromF64(U96F32, rootProp), true);
        const total = s.ownerCut + s.server + s.validator + s.rootAlpha;
        expect(total <= alphaOut && total >= alphaOut - 4n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("takes the default 18% owner cut first, then halves the rest", () => {
    const s = splitAlphaOut(fromInt(U96F32, TAO), 11796, true, 0n, true);
    expect(s.ownerCut).toBe(179_995_422n); // floor(1e9 · 11796/65535) in U96F32
    // The rest stays unfloored in U96F32: (1e9 − 179 995 422.29…) / 2 = 410 002 288.85… → floor.
    expect(s.server).toBe(410_002_288n);
    expect(splitAlphaOut(fromInt(U96F32, TAO), 11796, false, 0n, true).ownerCut).toBe(0n);
  });

  it("sells root alpha only while the moving prices sum above 1", () => {
    expect(rootSellFlag([fromF64(U64F64, 0.5), fromF64(U64F64, 0.5)])).toBe(false);
    expect(rootSellFlag([fromF64(U64F64, 0.5), fromF64(U64F64, 0.6)])).toBe(true);
  });
});

describe("subnet shares", () => {
  it("follow moving prices, discount burned miner incentive, and skip disabled subnets", () => {
    const p = (x: number) => fromF64(U64F64, x);
    const shares = subnetShares([
      { movingPrice: p(0.1), minerBurned: 0n, emissionEnabled: true },
      { movingPrice: p(0.3), minerBurned: p(0.5), emissionEnabled: true },
      { movingPrice: p(0.6), minerBurned: 0n, emissionEnabled: false },
    ]).map((s) => toNumber(U64F64, s));
    // Price shares 0.1/0.3/0.6 → weighted 0.1/0.15/0.6 → renormalised → disabled zeroed → 0.4/0.6/0.
    expect(shares[0]).toBeCloseTo(0.4, 12);
    expect(shares[1]).toBeCloseTo(0.6, 12);
    expect(shares[2]).toBe(0);
  });
});

describe("network lock cost", () => {
  const base = { lastLock: 1000n * TAO, minLock: 100n * TAO, reductionInterval: 100_800n, blockEmission: TAO };
  it("doubles after a registration and decays linearly to the minimum", () => {
    expect(networkLockCost({ ...base, lastLockBlock: 0n, now: 0n })).toBe(1000n * TAO); // first subnet: no doubling
    expect(networkLockCost({ ...base, lastLockBlock: 10n, now: 10n })).toBe(2000n * TAO);
    const perBlock = (1000n * TAO) / 100_800n;
    expect(networkLockCost({ ...base, lastLockBlock: 10n, now: 110n })).toBe(2000n * TAO - perBlock * 100n);
    expect(networkLockCost({ ...base, lastLockBlock: 10n, now: 10n + 1_000_000n })).toBe(100n * TAO);
  });

  it("decays faster once halvings shrink the interval", () => {
    const halved = networkLockCost({ ...base, blockEmission: TAO / 2n, lastLockBlock: 10n, now: 110n });
    expect(halved).toBe(2000n * TAO - ((1000n * TAO) / 50_400n) * 100n);
  });

  it("splits across mechanisms by a u16 split with the remainder to the first", () => {
    // floor(1000·32768/65535) = 500, floor(1000·32767/65535) = 499; mechanism 0 takes 1000 − 499.
    expect(splitEmissions(1000n, 2, [32768, 32767])).toEqual([501n, 499n]);
    expect(() => splitEmissions(10n, 0)).toThrow(/at least one mechanism/);
  });
});

describe("distribute_emission", () => {
  const neurons = [
    { hotkey: "owner-hk", coldkey: "owner", take: 11796 },
    { hotkey: "miner", coldkey: "m", take: 11796 },
    { hotkey: "validator", coldkey: "v", take: 11796 },
  ];
  const input = {
    epoch: { serverEmission: [100n, 400n, 0n], validatorEmission: [0n, 0n, 500n] },
    neurons,
    stakes: new Map([["validator", { alpha: 10n * TAO, root: 0n }]]),
    pendingServer: 500n,
    pendingValidator: 500n,
    pendingRoot: 0n,
    pendingOwnerCut: 77n,
    taoWeight: 0n,
    ownerColdkey: "owner",
    ownerHotkey: null,
  };

  it("burns incentive earned by the owner's hotkeys and pays miners the rest", () => {
    const d = distributeEmission(input);
    expect(d.burnedIncentive).toBe(100n);
    expect(d.incentive).toEqual(new Map([["miner", 400n]]));
    expect(d.ownerCut).toBe(77n);
  });

  it("pays the validator's take to its owner and the rest to its share pool", () => {
    const d = distributeEmission(input);
    // 500 · 11796/65535 = 89.998…: the take floors to 89; the rest, 410.002…, floors to 410.
    expect(d.take.get("validator")).toBe(89n);
    expect(d.nominators.get("validator")).toBe(410n);
  });
});
