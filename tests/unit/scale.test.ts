/**
 * The SCALE writer's integers against a direct bigint encoding (little-endian bytes), for every
 * width the engine writes, and its refusals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScaleWriter } from "@/lib/chain/codec/scale";

function reference(v: bigint, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++, v >>= 8n) out.push(Number(v & 0xffn));
  return out;
}

describe("ScaleWriter", () => {
  it("writes fixed-width integers little-endian, from numbers or bigints alike", () => {
    for (const bytes of [1, 2, 4, 8, 16]) {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: (1n << BigInt(8 * bytes)) - 1n }), (v) => {
          const expected = reference(v, bytes);
          expect([...new ScaleWriter().uint(v, bytes).finish()]).toEqual(expected);
          if (v <= BigInt(Number.MAX_SAFE_INTEGER)) expect([...new ScaleWriter().uint(Number(v), bytes).finish()]).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    }
    expect([...new ScaleWriter().u16(0x1234).u32(0xdeadbeef).finish()]).toEqual([0x34, 0x12, 0xef, 0xbe, 0xad, 0xde]);
  });

  it("refuses values that do not fit and non-integers", () => {
    expect(() => new ScaleWriter().u16(65536)).toThrow("65536 does not fit in 2 bytes");
    expect(() => new ScaleWriter().u16(-1)).toThrow(RangeError);
    expect(() => new ScaleWriter().u16(1.5)).toThrow(RangeError);
    expect(() => new ScaleWriter().u64(1n << 64n)).toThrow(RangeError);
  });

  it("writes SCALE compact integers in each mode", () => {
    expect([...new ScaleWriter().compact(1).finish()]).toEqual([4]);
    expect([...new ScaleWriter().compact(64).finish()]).toEqual([1, 1]);
    expect([...new ScaleWriter().compact(16384).finish()]).toEqual([2, 0, 1, 0]);
    expect([...new ScaleWriter().compact(1n << 30n).finish()]).toEqual([3, 0, 0, 0, 64]);
  });
});

describe("ScaleWriter buffers", () => {
  it("keeps u64 and u128 writes right after the buffer grows, and peeks and resets without copying", () => {
    const w = new ScaleWriter(4);
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      const v = (1n << BigInt(60 + i)) + BigInt(i);
      const bytes = i % 2 ? 16 : 8;
      if (v >= 1n << BigInt(8 * bytes)) continue;
      w.uint(v, bytes);
      expected.push(...reference(v, bytes));
    }
    expect([...w.finish()]).toEqual(expected);
    expect([...w.peek()]).toEqual(expected);
    expect([...w.reset().u8(7).peek()]).toEqual([7]);
    expect(() => w.u128(1n << 128n)).toThrow("does not fit in 16 bytes");
  });
});
