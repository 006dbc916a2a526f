/** Gini, Lorenz and top-k shares against hand-computed values. */
import { describe, expect, it } from "vitest";
import { gini, lorenz, positiveCount, topShare } from "@/lib/analytics/inequality";

describe("gini (n-normalised: Σ|xi − xj| / (2 n Σx))", () => {
  it("is 0.75 when one of four holds everything", () => {
    expect(gini([0, 0, 0, 1])).toBe(0.75);
    expect(gini([0, 65535, 0, 0])).toBe(0.75); // order does not matter
  });
  it("is 0 for equal values, a single value, all zeros and nothing", () => {
    expect(gini([7, 7, 7, 7, 7])).toBe(0);
    expect(gini([42])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });
  it("matches hand-computed literals", () => {
    // [1, 2, 3, 4]: Σ|xi − xj| over ordered pairs = 2·(1+2+3+1+2+1) = 20; 20 / (2·4·10) = 0.25.
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 15);
    // [0, 1]: 2 / (2·2·1) = 0.5.
    expect(gini([1, 0])).toBe(0.5);
    // [1, 1, 4]: pairs |1−1|=0, |1−4|=3, |1−4|=3 → 2·6 = 12; 12 / (2·3·6) = 1/3.
    expect(gini([1, 4, 1])).toBeCloseTo(1 / 3, 15);
  });
  it("refuses negative values", () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
  });
});

describe("lorenz", () => {
  it("runs from (0,0) to (1,1), poorest first", () => {
    expect(lorenz([3, 1, 0, 4])).toEqual([
      [0, 0],
      [0.25, 0],
      [0.5, 0.125],
      [0.75, 0.5],
      [1, 1],
    ]);
  });
  it("is the diagonal for equal values and flat at zero for all zeros", () => {
    expect(lorenz([5, 5])).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ]);
    expect(lorenz([0, 0])).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
  });
});

describe("top-k shares and earners", () => {
  it("takes the k largest over the total", () => {
    const v = [10, 0, 30, 20, 40]; // total 100
    expect(topShare(v, 1)).toBe(0.4);
    expect(topShare(v, 2)).toBe(0.7);
    expect(topShare(v, 10)).toBe(1);
    expect(topShare([0, 0], 1)).toBe(0);
    expect(positiveCount(v)).toBe(4);
    expect(positiveCount([0, 0])).toBe(0);
  });
});
