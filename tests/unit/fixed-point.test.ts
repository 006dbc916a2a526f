/**
 * Literal values from reference/subtensor-spec.md §1 and §5.1 for the bigint fixed-point core.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  I32F32,
  I64F64,
  I96F32,
  U64F64,
  convert,
  fromF32,
  fromF64,
  fromInt,
  round,
  safeDiv,
  satMul,
  toNumber,
  toU64,
} from "@/lib/chain/math/fixed";
import { exp, log2, log2Floor } from "@/lib/chain/math/transcendental";
import { u16ProportionToFixed } from "@/lib/chain/math/vector";
import { checkVecMaxLimited, checkVecMaxLimitedFixed, inplaceNormalize64, vecMaxUpscaleToU16, vecU16MaxUpscaleToU16 } from "@/lib/chain/math/wide";
import { blockEmissionForIssuance } from "@/lib/chain/emission/block-emission";

describe("conversions (§1.2)", () => {
  it("rounds float literals to nearest, ties to even", () => {
    expect(fromF64(I32F32, 0.1)).toBe(429496730n); // round(0.1·2^32) = 429496729.6 → 429496730
    expect(fromF64(I32F32, 0.5 / 2 ** 32)).toBe(0n); // exactly half an ulp: tie to even (0)
    expect(fromF64(I32F32, 1.5 / 2 ** 32)).toBe(2n); // 1.5 ulp: tie to even (2)
    expect(fromF64(I32F32, -1.5 / 2 ** 32)).toBe(-2n);
  });

  it("converts f32 literals through an IEEE single first", () => {
    expect(fromF32(I32F32, 0.1)).toBe(BigInt(Math.round(Math.fround(0.1) * 2 ** 32)));
    expect(fromF32(I32F32, 0.1)).not.toBe(fromF64(I32F32, 0.1));
  });

  it("floors when dropping fraction bits and saturates", () => {
    expect(convert(I64F64, I32F32, (1n << 64n) + (1n << 31n))).toBe((1n << 32n) + 0n); // 1 + 2^-33 → 1
    expect(convert(I64F64, I32F32, fromInt(I64F64, 2n ** 40n))).toBe(I32F32.max);
    expect(toU64(I32F32, -1n)).toBe(0n);
  });

  it("round() breaks ties away from zero", () => {
    expect(round(I32F32, fromF64(I32F32, 2.5))).toBe(fromInt(I32F32, 3));
    expect(round(I32F32, fromF64(I32F32, -2.5))).toBe(fromInt(I32F32, -3));
  });

  it("kappa 32767 reads as 0.49999237…", () => {
    expect(toNumber(I32F32, BigInt(u16ProportionToFixed(32767)))).toBeCloseTo(0.49999237, 8);
  });

  it("safe_div returns 0 on a zero divisor and on overflow", () => {
    expect(safeDiv(I32F32, fromInt(I32F32, 1), 0n)).toBe(0n);
    expect(safeDiv(I32F32, I32F32.max, 1n)).toBe(0n);
  });
});

describe("u16 encodings (§1.3)", () => {
  it("max-upscales weights as set_weights stores them", () => {
    const v = [0, 0.5, 1, 1.5, 2, 32768, 32769].map((x) => fromF32(I32F32, x));
    expect(vecMaxUpscaleToU16(v)).toEqual([0, 1, 2, 3, 4, 65533, 65535]);
    expect(vecMaxUpscaleToU16([0n, 1n, 32768n, 32769n, I32F32.max].map((x, i) => (i < 4 ? fromInt(I32F32, x) : x)))).toEqual([0, 0, 1, 1, 65535]);
    expect(vecU16MaxUpscaleToU16([1, 2])).toEqual([32768, 65535]);
  });

  it("upscales u16 weights and checks their max in numbers exactly as in I32F32 bigints", () => {
    const u16 = fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.constantFrom(0, 1, 32767, 32768, 32769, 65534, 65535));
    const row = fc.oneof(fc.array(u16, { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 50 }), fc.array(fc.integer({ min: 32000, max: 33500 }), { maxLength: 50 }));
    fc.assert(
      fc.property(row, u16, (v, limit) => {
        expect(vecU16MaxUpscaleToU16(v)).toEqual(vecMaxUpscaleToU16(v.map((x) => BigInt(x) << 32n)));
        expect(checkVecMaxLimited(v, limit)).toBe(checkVecMaxLimitedFixed(v, limit));
      }),
      { numRuns: 3000 },
    );
    // Input that is not u16 keeps the bigint path's behaviour.
    expect(() => vecU16MaxUpscaleToU16([1.5])).toThrow(RangeError);
  });

  it("normalises stake in I64F64 and loses shares below 2^-32 when cast", () => {
    const stake = Array.from({ length: 10 }, () => fromInt(I64F64, 1_000_000_000n));
    inplaceNormalize64(stake);
    const share = convert(I64F64, I32F32, stake[0]!);
    expect(share).toBe((1n << 32n) / 10n);
    // 1e9 rao × 0.1 → 99 999 999 rao, not 100 000 000 (test_10_graph).
    expect(toU64(I96F32, satMul(I96F32, share, fromInt(I96F32, 1_000_000_000n)))).toBe(99_999_999n);
  });
});

describe("transcendental functions", () => {
  it("exp(1) is the crate's I9F23 constant and exp(-1) goes through the series", () => {
    expect(exp(I32F32, fromInt(I32F32, 1))).toBe(11674931200n);
    const em1 = exp(I32F32, fromInt(I32F32, -1))!;
    expect(toNumber(I32F32, em1)).toBeCloseTo(Math.exp(-1), 8);
    expect(exp(I32F32, 0n)).toBe(I32F32.one);
  });

  it("log2Floor is log2's result floored, on both sides of every power of two and at random", () => {
    const t = I96F32;
    const xs: bigint[] = [1n, 2n, 3n, t.one - 1n, t.one, t.one + 1n];
    for (let k = 0n; k < 60n; k++) for (const d of [-2n, -1n, 0n, 1n, 2n]) xs.push((t.one << k) + d);
    let s = 12345n;
    for (let i = 0; i < 200; i++) {
      s = (s * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      xs.push(s >> BigInt(i % 40));
    }
    for (const x of xs) {
      const full = log2(t, x);
      expect(log2Floor(t, x), String(x)).toBe(full === null ? null : full >> t.frac);
    }
    expect(log2Floor(t, 0n)).toBeNull();
    // Just below 2^k the rounding halvings reach 2^k: log2's floor (and so this one) is k there.
    expect(log2Floor(t, (t.one << 2n) - 1n)).toBe(2n);
  });

  it("log2 is exact on powers of two and close elsewhere", () => {
    expect(log2(I96F32, fromInt(I96F32, 8))).toBe(fromInt(I96F32, 3));
    expect(toNumber(I96F32, log2(I96F32, fromInt(I96F32, 3))!)).toBeCloseTo(Math.log2(3), 8);
    expect(log2(I96F32, fromF64(I96F32, 0.25))).toBe(fromInt(I96F32, -2));
    expect(log2(U64F64, 0n)).toBeNull();
  });
});

describe("block emission by issuance (§5.1)", () => {
  const TAO = 1_000_000_000n;
  it("halves at 10.5M, 15.75M and 18.375M TAO issued", () => {
    expect(blockEmissionForIssuance(0n)).toBe(TAO);
    expect(blockEmissionForIssuance(10_500_000n * TAO - 1n)).toBe(TAO);
    expect(blockEmissionForIssuance(10_500_000n * TAO)).toBe(TAO / 2n);
    expect(blockEmissionForIssuance(15_750_000n * TAO)).toBe(TAO / 4n);
    expect(blockEmissionForIssuance(18_375_000n * TAO)).toBe(TAO / 8n);
    expect(blockEmissionForIssuance(21_000_000n * TAO)).toBe(0n);
  });
});
