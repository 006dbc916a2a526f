/**
 * The subnet pool beyond the vectors: invariants of the weighted pool, limit orders and errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64F64, toNumber } from "@/lib/chain/math/fixed";
import { powRatioScaled } from "@/lib/chain/math/bigmath";
import { powRatioScaled as powRatioScaledReference } from "../helpers/bigmath-reference";
import {
  ACCURACY,
  BalancerError,
  EQUAL_WEIGHTS,
  calculatePrice,
  initialQuoteWeight,
  perquintillFromRational,
  quoteWeightAfterAdding,
} from "@/lib/chain/swap/balancer";
import { MAX_PRICE_RAO, MIN_PRICE_RAO, type Pool, SwapError, currentPrice, limitPriceFromRao, swap } from "@/lib/chain/swap/swap";

const TAO = 1_000_000_000n;
const pool = (tao: bigint, alpha: bigint, quoteWeight = EQUAL_WEIGHTS): Pool => ({ taoReserve: tao, alphaReserve: alpha, quoteWeight });
const price = (p: Pool) => toNumber(U64F64, currentPrice(p));

describe("pow_ratio_scaled", () => {
  it("matches the crate's documented example and its exact path", () => {
    expect(powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n)).toBe(816n); // floor(sqrt(2/3)·1000)
    expect(powRatioScaled(1n, 4n, 1n, 2n, 0, ACCURACY)).toBe(ACCURACY / 2n);
    expect(powRatioScaled(5n, 0n, 1n, 2n, 0, 1000n)).toBeNull();
    expect(powRatioScaled(0n, 3n, 1n, 2n, 0, 1000n)).toBe(0n);
  });

  it("agrees between the exact path and the series path near the same exponent", () => {
    const exact = powRatioScaled(9n, 10n, 1n, 2n, 1024, ACCURACY)!; // sqrt(0.9)
    const series = powRatioScaled(9n, 10n, ACCURACY / 2n + 1n, ACCURACY, 1024, ACCURACY)!;
    expect(Number(series - exact)).toBeLessThan(1e3); // exponents differ by 1e-18
    expect(series).toBeLessThanOrEqual(exact);
  });
});

describe("pow_ratio_scaled against its reference (tests/helpers/bigmath-reference.ts: the crate's operations one for one)", () => {
  const u64 = fc.bigInt({ min: 1n, max: (1n << 64n) - 1n });
  it("equal on the swap's series path: reserves, trades and weights of every size, each input twice (the ln memo)", () => {
    fc.assert(
      fc.property(u64, fc.bigInt({ min: 0n, max: 1n << 50n }), fc.bigInt({ min: ACCURACY / 100n, max: ACCURACY - ACCURACY / 100n }), fc.boolean(), (x, dx, quote, baseQuote) => {
        const [w1, w2] = baseQuote ? [ACCURACY - quote, quote] : [quote, ACCURACY - quote];
        const want = powRatioScaledReference(x, x + dx, w1, w2, 1024, ACCURACY);
        expect(powRatioScaled(x, x + dx, w1, w2, 1024, ACCURACY)).toBe(want);
        expect(powRatioScaled(x, x + dx, w1, w2, 1024, ACCURACY)).toBe(want);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it("equal at other precisions, scales, exponents and iteration bounds, on both paths, and where it returns null", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 80n }),
        fc.bigInt({ min: 0n, max: 1n << 80n }),
        fc.bigInt({ min: 0n, max: 1n << 40n }),
        fc.bigInt({ min: 0n, max: 1n << 40n }),
        fc.integer({ min: 0, max: 300 }),
        fc.bigInt({ min: 0n, max: 1n << 70n }),
        fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        (bn, bd, en, ed, precision, scale, iters) => {
          expect(powRatioScaled(bn, bd, en, ed, precision, scale, iters)).toBe(powRatioScaledReference(bn, bd, en, ed, precision, scale, iters));
        },
      ),
      { numRuns: 150, seed: 15 },
    );
  });
});

describe("weighted pool", () => {
  it("prices y/x at equal weights and the requested price when initialised with one", () => {
    expect(price(pool(TAO, 4n * TAO))).toBe(0.25);
    const p = pool(TAO, 4n * TAO, initialQuoteWeight(TAO, 4n * TAO, (1n << 64n) / 5n));
    expect(price(p)).toBeCloseTo(0.2, 9);
  });

  it("pays the constant-product amount, to the pallet's 1e-18 precision", () => {
    fc.assert(
      // Pools priced within [1e-3, 1e3] and trades up to 10× the input reserve, so the default
      // price limits (1e-6, 1e6) cannot stop a trade part way.
      fc.property(fc.bigInt({ min: 10n ** 7n, max: 10n ** 15n }), fc.integer({ min: -3, max: 3 }), fc.double({ min: 0, max: 10, noNaN: true }), fc.boolean(), (tao, logRatio, share, buy) => {
        const alpha = logRatio >= 0 ? tao * 10n ** BigInt(logRatio) : tao / 10n ** BigInt(-logRatio);
        fc.pre(alpha >= 10n ** 7n);
        const amount = BigInt(Math.floor(Number(buy ? tao : alpha) * share)) + 1n;
        const [rin, rout] = buy ? [tao, alpha] : [alpha, tao];
        // Exact output y·Δ/(x+Δ); the pallet floors (x/(x+Δ)) at 1e18 scale first, which can add
        // up to rout·1e-18 before the final floor.
        const exact = (Number(rout) * Number(amount)) / Number(rin + amount);
        const slack = Number(rout) * 1e-18 + exact * 1e-12;
        let out: bigint;
        try {
          out = swap(pool(tao, alpha), buy ? "buy" : "sell", amount, limitPriceFromRao(buy ? MAX_PRICE_RAO : MIN_PRICE_RAO), 0).amountPaidOut;
        } catch (e) {
          expect(e).toEqual(new SwapError("ReservesTooLow")); // refused only when it would pay nothing
          out = 0n;
        }
        expect(Number(out)).toBeLessThanOrEqual(exact + slack);
        expect(Number(out)).toBeGreaterThan(exact - 1 - slack);
      }),
      { numRuns: 300 },
    );
  });

  it("stops a buy at the limit price and charges the fee on what it used", () => {
    const p = pool(100n * TAO, 100n * TAO); // price 1.0
    const limit = limitPriceFromRao(1_100_000_000n); // 1.1 TAO per alpha
    const r = swap(p, "buy", 50n * TAO, limit);
    expect(r.amountPaidIn).toBeLessThan(50n * TAO);
    const after = pool(100n * TAO + r.amountPaidIn, 100n * TAO - r.amountPaidOut);
    expect(price(after)).toBeLessThanOrEqual(1.1 + 1e-9);
    expect(price(after)).toBeGreaterThan(1.09);
    // Reaching 1.1 from 1.0 with constant product takes y·(sqrt(1.1) − 1) ≈ 4.88 TAO.
    expect(Number(r.amountPaidIn) / 1e9).toBeCloseTo(100 * (Math.sqrt(1.1) - 1), 4);
  });

  it("keeps the price when liquidity is added out of proportion", () => {
    const before = pool(10n * TAO, 40n * TAO);
    const quote = quoteWeightAfterAdding(before.quoteWeight, before.taoReserve, before.alphaReserve, 2n * TAO, 1n * TAO);
    const after = pool(12n * TAO, 41n * TAO, quote);
    expect(price(after)).toBeCloseTo(price(before), 12);
    expect(() => quoteWeightAfterAdding(EQUAL_WEIGHTS, TAO, TAO, 0n, 10_000n * TAO)).toThrow(BalancerError);
  });

  it("refuses swaps the pallet refuses", () => {
    expect(() => swap(pool(TAO, 999_999n), "buy", TAO, limitPriceFromRao(MAX_PRICE_RAO))).toThrow(new SwapError("ReservesTooLow"));
    expect(() => swap(pool(TAO, TAO), "buy", TAO, limitPriceFromRao(500_000_000n))).toThrow(new SwapError("PriceLimitExceeded"));
    expect(() => swap(pool(TAO, TAO), "sell", TAO, limitPriceFromRao(2n * TAO))).toThrow(new SwapError("PriceLimitExceeded"));
  });

  it("rounds Perquintill ratios down and prices zero alpha as zero", () => {
    expect(perquintillFromRational(1n, 3n)).toBe(333_333_333_333_333_333n);
    expect(perquintillFromRational(1n, 0n)).toBe(ACCURACY);
    expect(calculatePrice(EQUAL_WEIGHTS, 0n, TAO)).toBe(0n);
  });
});
