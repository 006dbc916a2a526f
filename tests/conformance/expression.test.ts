/**
 * The conformance checker's I32F32 expressions (vectors/subtensor/README.md: expected values
 * written as the Rust test writes them). Every expected literal below was computed by hand or
 * with exact rationals outside Taoscope (f32 rounding by IEEE single, then ties to even).
 */
import { describe, expect, it } from "vitest";
import { FixedExpressionError, evalFixedExpression } from "./expression";
import { findRunner, withEvaluatedFractions } from "./runners";
import { expectedNumber, fixedOf, vecOf } from "./vectors";

const ONE = 1n << 32n;

describe("I32F32 expressions", () => {
  it("fixed(x) rounds the literal to f32, then to I32F32 bits with ties to even", () => {
    // Math.fround(0.1) = 13421773 / 2^27, so its bits are 13421773 · 2^5 exactly.
    expect(evalFixedExpression("fixed(0.1)")).toBe(429_496_736n);
    expect(evalFixedExpression("fixed(1.)")).toBe(ONE);
    expect(evalFixedExpression("fixed(-0.5)")).toBe(-(ONE / 2n));
    expect(evalFixedExpression("fixed(1_000.)")).toBe(1000n * ONE);
    expect(evalFixedExpression("fixed(5e-1)")).toBe(ONE / 2n);
    // 2^-10 + 2^-33 is an f32 whose bits are 2^22 + 1/2: ties go to the even 2^22; 2^22 + 3/2 goes to 2^22 + 2.
    expect(evalFixedExpression("fixed(0.0009765626164153218)")).toBe(4_194_304n);
    expect(evalFixedExpression("fixed(0.0009765628492459655)")).toBe(4_194_306n);
  });

  it("I32F32::from_num(x) takes integers exactly and decimals as f64", () => {
    expect(evalFixedExpression("I32F32::from_num(0.1)")).toBe(429_496_730n); // round(0.1 · 2^32) = round(429496729.6)
    expect(evalFixedExpression("I32F32::from_num(7)")).toBe(7n * ONE);
    expect(evalFixedExpression("I32F32::from_num(-2147483648)")).toBe(-(1n << 63n));
    expect(evalFixedExpression("I32F32::MAX")).toBe((1n << 63n) - 1n);
    expect(evalFixedExpression("I32F32::min_value()")).toBe(-(1n << 63n));
  });

  it("divides truncating toward zero and multiplies flooring", () => {
    expect(evalFixedExpression("fixed(1.)/fixed(3.)")).toBe(1_431_655_765n); // floor(2^32 / 3)
    expect(evalFixedExpression("-fixed(1.)/fixed(3.)")).toBe(-1_431_655_765n); // toward zero, not −1431655766
    expect(evalFixedExpression("fixed(0.3)/fixed(0.7)")).toBe(1_840_700_374n);
    // 429496736² / 2^32 = 42949674.4…: floor is 42949674, and −42949675 for the negative product.
    expect(evalFixedExpression("fixed(0.1)*fixed(0.1)")).toBe(42_949_674n);
    expect(evalFixedExpression("fixed(0.1)*fixed(-0.1)")).toBe(-42_949_675n);
    expect(evalFixedExpression("I32F32::from_num(1) - fixed(0.51)")).toBe(2_104_534_016n); // 2^32 − 2190433280
  });

  it("binds * and / tighter than + and -, left to right, with parentheses and unary minus", () => {
    expect(evalFixedExpression("fixed(1.) + fixed(2.) * fixed(3.)")).toBe(7n * ONE);
    expect(evalFixedExpression("(fixed(1.) + fixed(2.)) * fixed(3.)")).toBe(9n * ONE);
    expect(evalFixedExpression("fixed(8.) / fixed(4.) / fixed(2.)")).toBe(ONE);
    expect(evalFixedExpression("fixed(8.) - fixed(4.) - fixed(2.)")).toBe(2n * ONE);
    expect(evalFixedExpression("--fixed(2.)")).toBe(2n * ONE);
    expect(evalFixedExpression("fixed(1.) - -fixed(2.)")).toBe(3n * ONE);
    expect(evalFixedExpression(" ( ( fixed(1.) ) ) ")).toBe(ONE);
  });

  it("throws, naming the expression, on malformed input, unknown names and what Rust would panic on", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["   ", /empty/],
      ["fixed(", /number literal/],
      ["fixed(1.", /expected "\)"/],
      ["fixed(1.))", /unexpected "\)"/],
      ["fixed(1.) /", /expected a value at the end/],
      ["fixed(1.) fixed(2.)", /unexpected "fixed"/],
      ["(fixed(1.)", /expected "\)" at the end/],
      ["1/3", /bare number 1/],
      ["fixed(1.) * 2", /bare number 2/],
      ["fixed(fixed(1.))", /number literal/],
      ["fixed(1.5f32)", /type suffixes/],
      ["fixed(1.) $ fixed(2.)", /unexpected character "\$"/],
      ["foo(1.)", /unknown name "foo"/],
      ["I64F64::from_num(1)", /unknown name "I64F64::from_num"/],
      ["fixed(1.)/fixed(0.)", /division by zero/],
      ["I32F32::MAX + fixed(1.)", /sum .* overflows/],
      ["I32F32::MIN - fixed(1.)", /difference .* overflows/],
      ["fixed(100000.) * fixed(100000.)", /product .* overflows/],
      ["fixed(65536.) / fixed(0.00001)", /quotient .* overflows/],
      ["-I32F32::MIN", /negation .* does not fit/],
      ["fixed(3e9)", /does not fit in I32F32/],
      ["fixed(1e39)", /not a finite f32/],
      ["I32F32::from_num(2147483648)", /does not fit in I32F32/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        evalFixedExpression(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(FixedExpressionError);
      expect((error as Error).message, text).toContain(JSON.stringify(text));
      expect((error as Error).message, text).toMatch(message);
    }
  });
});

describe("expected values as expressions in the checker", () => {
  it("evaluates them wherever a fixed-point literal is read", () => {
    expect(fixedOf("fixed(1.)/fixed(3.)")).toBe(1_431_655_765n);
    expect(vecOf(["fixed(1.)/fixed(3.)", 0.1, "fixed(0.1)"])).toEqual([1_431_655_765n, 429_496_736n, 429_496_736n]);
    // Into a wider type exactly; a value the type cannot hold is an error, not a saturated pass.
    expect(fixedOf("fixed(0.5)", "f32", { name: "I64F64", frac: 64n, min: -(1n << 127n), max: (1n << 127n) - 1n, one: 1n << 64n })).toBe(1n << 63n);
    expect(() => fixedOf("-fixed(0.5)", "f32", { name: "U64F64", frac: 64n, min: 0n, max: (1n << 128n) - 1n, one: 1n << 64n })).toThrow(/does not fit in U64F64/);
    expect(() => fixedOf("fixed(1.)/")).toThrow(FixedExpressionError);
    expect(expectedNumber("fixed(1.)/fixed(4.)")).toBe(0.25);
    expect(expectedNumber(0.8)).toBe(0.8);
    expect(() => expectedNumber(null)).toThrow(/expected number/);
  });

  it("compares a case's expression-valued expectations exactly: right values pass, wrong ones fail", () => {
    const vecdiv = (expected: unknown[]) => {
      const c = { id: "expression-vecdiv", function: "vecdiv", inputs: { x: [1, 1, 0.3], y: [3, 4, 0.7] }, expected, tolerance: "exact" };
      const run = findRunner(c);
      expect(run).not.toBeNull();
      run!(c, c.inputs as never);
    };
    vecdiv(["fixed(1.)/fixed(3.)", "fixed(1.)/fixed(4.)", "fixed(0.3)/fixed(0.7)"]);
    // 1/3 written as a decimal literal is not 1/3 in fixed point: the exact comparison fails.
    expect(() => vecdiv([0.3333333, "fixed(1.)/fixed(4.)", "fixed(0.3)/fixed(0.7)"])).toThrow();
    expect(() => vecdiv(["fixed(1.)/fixed(2.)", "fixed(1.)/fixed(4.)", "fixed(0.3)/fixed(0.7)"])).toThrow();
    expect(() => vecdiv(["fixed(1.)/fixed(3.", "fixed(1.)/fixed(4.)", "fixed(0.3)/fixed(0.7)"])).toThrow(FixedExpressionError);
  });

  it("evaluates an epoch scenario's dividends fractions before the replay", () => {
    const c = { id: "s", steps: [{ op: "set_block", block: 1 }, { op: "epoch", rao_emission: 1, expected: { dividends_u16: { 0: 1 }, dividends_fraction: ["fixed(1.)/fixed(4.)", 0.75] } }] };
    const out = withEvaluatedFractions(c);
    expect(out.steps).toEqual([{ op: "set_block", block: 1 }, { op: "epoch", rao_emission: 1, expected: { dividends_u16: { 0: 1 }, dividends_fraction: [0.25, 0.75] } }]);
    expect(c.steps[1]!.expected!.dividends_fraction[0]).toBe("fixed(1.)/fixed(4.)"); // the case itself is left as read
  });
});
