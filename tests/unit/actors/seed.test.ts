import { describe, expect, it } from "vitest";
import { mixSeed } from "@/lib/actors/seed";

describe("mixSeed", () => {
  it("is a u32 that depends on every part and on their order", () => {
    const a = mixSeed(1, 2, 3);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(mixSeed(1, 2, 3)).toBe(a);
    expect(mixSeed(3, 2, 1)).not.toBe(a);
    expect(mixSeed(1, 2)).not.toBe(a);
    // the high half of a part above 2^32 counts: 5 and 5 + 2^32 differ
    expect(mixSeed(5)).not.toBe(mixSeed(5 + 2 ** 32));
  });

  it("gives distinct seeds to 10,000 consecutive tempos of one actor", () => {
    // Injective by construction: with the other parts fixed, each step is a bijection of u32
    // (xor with a constant, murmur3's finaliser, adding a constant), so no two tempos below 2^32 collide.
    const seeds = new Set(Array.from({ length: 10_000 }, (_, t) => mixSeed(42, t, 1)));
    expect(seeds.size).toBe(10_000);
  });

  it("error: refuses a negative or fractional part, naming its position", () => {
    expect(() => mixSeed(1, -1)).toThrow(new RangeError("seed part 1 must be a non-negative safe integer, got -1"));
    expect(() => mixSeed(0.5)).toThrow(/seed part 0/);
  });
});
