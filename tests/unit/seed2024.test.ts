/**
 * Worked examples of reference/subtensor-2024-spec.md that no vector covers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEmission, rootEpoch } from "@/lib/chain/seed2024/root";
import { adjustRegistrationTerms, upgradedValue } from "@/lib/chain/seed2024/registration";
import { emitThroughHotkey } from "@/lib/chain/seed2024/staking";

const TAO = 1_000_000_000n;
/** New subnets' AdjustmentAlpha: 0.97 · u64::MAX. */
const NEW_SUBNET_ALPHA = 17_893_341_751_498_265_066n;

describe("burn adjustment (§7.6)", () => {
  const burnAfter = (registrations: bigint) =>
    upgradedValue({ current: TAO, registrations, target: 1n, alpha: NEW_SUBNET_ALPHA, min: 1n, max: 100n * TAO });
  it("moves a new subnet's burn by at most about +3% / −1.5% per interval", () => {
    expect(burnAfter(3n)).toBe(1_030_002_593n);
    // The spec's hand derivation prints 984 998 702; its own formula gives
    // (254279·1e9 + 7865·5e8)/2^18 = 984 998 703.003 (checked with Python integers), floored to 703.
    expect(burnAfter(0n)).toBe(984_998_703n);
    expect(burnAfter(1n)).toBe(TAO); // r == t: unchanged
  });

  it("pins difficulty to u64::MAX on new subnets (min = max = u64::MAX)", () => {
    const max = (1n << 64n) - 1n;
    const terms = adjustRegistrationTerms({ burn: TAO, difficulty: max }, { registrations: 0n, pow: 0n, burned: 0n }, { target: 1n, alpha: NEW_SUBNET_ALPHA, minBurn: 1n, maxBurn: 100n * TAO, minDifficulty: max, maxDifficulty: max });
    expect(terms.difficulty).toBe(max);
  });
});

describe("owner cut and pending emission (§5.1)", () => {
  it("pays floor(E·11796/65535) and queues the rest minus one rao when the cut has a fraction", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n * TAO }), (e) => {
        const r = generateEmission({ netuid: 1n, tempo: 360n, emissionValue: e, pending: 0n, hasOwner: true, registrationAllowed: true }, 11796, 5n);
        expect(r.ownerCut).toBe((e * 11796n) / 65535n);
        expect(r.pending).toBe(e - r.ownerCut - ((e * 11796n) % 65535n !== 0n ? 1n : 0n));
      }),
      { numRuns: 300 },
    );
  });

  it("queues nothing for a subnet closed to registration", () => {
    const r = generateEmission({ netuid: 1n, tempo: 360n, emissionValue: TAO, pending: 7n, hasOwner: true, registrationAllowed: false }, 11796, 5n);
    expect(r).toEqual({ ownerCut: 0n, drained: null, pending: 7n });
  });
});

describe("root epoch (§4.5)", () => {
  it("gives a subnet backed by 90% of root stake about 98% of the sigmoid, one backed by 10% about 2%", () => {
    // Nine validators weight column 1 only; the tenth weights column 2 only (ρ = 10).
    const validators = Array.from({ length: 10 }, (_, v) => ({ stake: 1000n, weights: [[v < 9 ? 1 : 2, 65535]] as [number, number][] }));
    const values = rootEpoch({ blockEmission: TAO, columns: 3, validators, kappa: 32767, rho: 10 })!;
    // E_j ∝ C_j·R_j with R = (0.9, 0.1): C1 ≈ 0.982, C2 ≈ 0.018.
    const c1 = 1 / (1 + Math.exp(-(0.9 - 32767 / 65535) * 10));
    const c2 = 1 / (1 + Math.exp(-(0.1 - 32767 / 65535) * 10));
    expect(c1).toBeCloseTo(0.982, 3);
    const share1 = (c1 * 0.9) / (c1 * 0.9 + c2 * 0.1);
    expect(Number(values[1]) / 1e9).toBeCloseTo(share1, 6);
    expect(values[0]).toBe(0n);
    expect(values[1]! + values[2]!).toBeLessThanOrEqual(TAO);
  });

  it("refuses to run without validators, columns or stake", () => {
    expect(rootEpoch({ blockEmission: TAO, columns: 2, validators: [], kappa: 32767, rho: 10 })).toBeNull();
    expect(rootEpoch({ blockEmission: TAO, columns: 2, validators: [{ stake: 0n, weights: [[1, 1]] }], kappa: 32767, rho: 10 })).toBeNull();
  });
});

describe("payout through a hotkey (§5.5)", () => {
  it("conserves every rao of the emission", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.integer({ min: 0, max: 65535 }), (stakes, server, validator, take) => {
        const before = new Map(stakes.map((s, k) => [k === 0 ? "owner" : `n${k}`, s]));
        const after = emitThroughHotkey({ owner: "owner", stakes: before, take }, server, validator);
        const sum = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);
        expect(sum(after)).toBe(sum(before) + server + validator);
        for (const [k, v] of before) expect(after.get(k)! >= v).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
