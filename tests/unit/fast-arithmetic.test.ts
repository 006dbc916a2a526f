/**
 * The double-based I32F32 kernels must return exactly the bits of the bigint reference (the
 * substrate-fixed rules in lib/chain/math/fixed.ts) wherever they return at all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as F from "@/lib/chain/math/fast";
import { I32F32, checkedDiv, satMul } from "@/lib/chain/math/fixed";
import { exp, expFast } from "@/lib/chain/math/transcendental";

const LIMIT = 2n ** 53n - 1n;
/** Raw bits across the exact range, with extra weight on the common [0, 2^33] proportions. */
const bits = fc.oneof(
  fc.bigInt({ min: -LIMIT, max: LIMIT }),
  fc.bigInt({ min: 0n, max: 2n ** 33n }),
  fc.bigInt({ min: -(2n ** 20n), max: 2n ** 20n }),
);
const RUNS = { numRuns: 20_000 };

describe("fast I32F32 arithmetic agrees with the bigint reference", () => {
  it("mul: floor of the exact product, or FastRangeError outside the exact range", () => {
    fc.assert(
      fc.property(bits, bits, (a, b) => {
        const want = satMul(I32F32, a, b);
        if (want > LIMIT || want < -LIMIT || a * b >= 2n ** 85n || a * b <= -(2n ** 85n)) {
          expect(() => F.mul(Number(a), Number(b))).toThrow(F.FastRangeError);
        } else {
          expect(BigInt(F.mul(Number(a), Number(b)))).toBe(want);
        }
      }),
      RUNS,
    );
  });

  it("mulProp: the same floor as mul for a ∈ [0, 2^33), |b| < 2^36", () => {
    const a = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 33n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 32n }), fc.constantFrom(0n, 1n, 2n ** 32n, 2n ** 33n - 1n));
    const b = fc.oneof(fc.bigInt({ min: -(2n ** 36n) + 1n, max: 2n ** 36n - 1n }), fc.bigInt({ min: -(2n ** 32n), max: 2n ** 32n }), fc.constantFrom(0n, -1n, 2n ** 32n, -(2n ** 32n), 2n ** 36n - 1n));
    fc.assert(
      fc.property(a, b, (x, y) => {
        expect(BigInt(F.mulProp(Number(x), Number(y)))).toBe(satMul(I32F32, x, y));
      }),
      RUNS,
    );
  });

  it("divProp: (a << 32) / b for 0 ≤ a ≤ 2b, given fl(2^32 / b)", () => {
    const b = fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 45n }), fc.bigInt({ min: 1n, max: 2n ** 33n }), fc.bigInt({ min: 1n, max: 1000n }));
    const pair = b.chain((d) => fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: 2n * d }), fc.constantFrom(0n, d, 2n * d, d - 1n)), fc.constant(d)));
    fc.assert(
      fc.property(pair, ([x, d]) => {
        const r = 2 ** 32 / Number(d);
        expect(BigInt(F.divProp(Number(x), Number(d), r))).toBe(checkedDiv(I32F32, x, d));
      }),
      RUNS,
    );
    // Quotients at and next to integers take the exact path.
    for (const d of [3n, 7n, 65535n, 2n ** 32n + 1n, 2n ** 40n - 3n]) {
      for (const x of [d, d - 1n, d + 1n, 2n * d, d / 2n, d / 3n]) {
        if (x < 0n || x > 2n * d) continue;
        expect(BigInt(F.divProp(Number(x), Number(d), 2 ** 32 / Number(d)))).toBe(checkedDiv(I32F32, x, d));
      }
    }
  });

  it("div: (a << 32) / b truncated toward zero", () => {
    fc.assert(
      fc.property(bits, bits, (a, b) => {
        fc.pre(b !== 0n);
        const want = checkedDiv(I32F32, a, b); // null: beyond I32F32 altogether
        if (want === null || want > LIMIT || want < -LIMIT) expect(() => F.div(Number(a), Number(b))).toThrow(F.FastRangeError);
        else expect(BigInt(F.div(Number(a), Number(b)))).toBe(want);
      }),
      RUNS,
    );
  });

  it("divInt: raw bits divided by a small integer, truncated", () => {
    fc.assert(
      fc.property(bits, fc.integer({ min: 1, max: 1000 }), (a, i) => {
        expect(BigInt(F.divInt(Number(a), i))).toBe(a / BigInt(i));
      }),
      RUNS,
    );
  });

  it("expFast: the same series as substrate-fixed's exp on [-14, 14]", () => {
    const x = fc.bigInt({ min: -14n << 32n, max: 14n << 32n });
    fc.assert(fc.property(x, (v) => {
        expect(BigInt(expFast(Number(v)))).toBe(exp(I32F32, v));
      }), { numRuns: 3_000 });
    for (const v of [0n, 1n << 32n, -(1n << 32n), 5n << 32n, -(5n << 32n)]) expect(BigInt(expFast(Number(v)))).toBe(exp(I32F32, v));
    expect(() => expFast(15 * 2 ** 32)).toThrow(F.FastRangeError);
  });

  it("refuses values it cannot hold exactly", () => {
    expect(() => F.fromBits(2n ** 53n)).toThrow(/exact range/);
    expect(() => F.add(2 ** 52, 2 ** 52)).toThrow(F.FastRangeError);
  });
});
