/**
 * The u16 conversion against hand-computed examples of the SDK's rule
 * (bittensor/utils/weight_utils.py, convert_weights_and_uids_for_emit): divide by the largest,
 * multiply by 65535, Python's round (ties to even), drop zeros.
 */
import { describe, expect, it } from "vitest";
import { convertWeightsAndUidsForEmit, roundHalfEven } from "@/lib/actors/weights";

describe("convertWeightsAndUidsForEmit", () => {
  it("max-upscales [0.1, 0.2, 0.4] to [16384, 32768, 65535]", () => {
    // 0.25·65535 = 16383.75 → 16384; 0.5·65535 = 32767.5, a tie, → 32768 (the even neighbour).
    expect(convertWeightsAndUidsForEmit([0, 1, 2], [0.1, 0.2, 0.4])).toEqual({ uids: [0, 1, 2], values: [16384, 32768, 65535] });
  });

  it("rounds a tie to the even neighbour, as Python's round does (not up, as Math.round)", () => {
    // 5/131070·65535 and 9/131070·65535 are exactly 2.5 and 4.5 in doubles (checked here first).
    expect((5 / 131070) * 65535).toBe(2.5);
    expect((9 / 131070) * 65535).toBe(4.5);
    expect(convertWeightsAndUidsForEmit([3, 4, 5], [5, 9, 131070])).toEqual({ uids: [3, 4, 5], values: [2, 4, 65535] });
  });

  it("leaves out uids whose value rounds to 0 and keeps the order given", () => {
    // 1/200000·65535 = 0.33 → 0: uid 9 is dropped; 100000/200000 → 32767.5 → 32768.
    expect(convertWeightsAndUidsForEmit([7, 9, 2], [200000, 1, 100000])).toEqual({ uids: [7, 2], values: [65535, 32768] });
  });

  it("gives nothing to set for all-zero weights", () => {
    expect(convertWeightsAndUidsForEmit([0, 1], [0, 0])).toEqual({ uids: [], values: [] });
  });

  it("is scale-free: [1, 2, 4] gives what [0.1, 0.2, 0.4] gives", () => {
    expect(convertWeightsAndUidsForEmit([0, 1, 2], [1, 2, 4]).values).toEqual([16384, 32768, 65535]);
  });

  it("error: refuses a negative weight, a bad uid or lengths that differ, naming them", () => {
    expect(() => convertWeightsAndUidsForEmit([0, 1], [0.5, -0.1])).toThrow(new RangeError("weights[1] must be a finite non-negative number, got -0.1"));
    expect(() => convertWeightsAndUidsForEmit([0, 70000], [1, 1])).toThrow(/uids\[1\] must be an integer in \[0, 65535\], got 70000/);
    expect(() => convertWeightsAndUidsForEmit([0], [1, 2])).toThrow(/same length, got 1 and 2/);
  });
});

describe("roundHalfEven", () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [2.4999999999999996, 2],
    [2.5000000000000004, 3],
    [65535, 65535],
    [0, 0],
  ])("round(%d) = %d", (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});
