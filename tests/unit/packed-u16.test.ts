/**
 * The heatmap's packed u16 matrix: what the server packs the browser unpacks cell for cell, in
 * the little-endian layout the format names (checked against bytes written here by hand), and
 * a ragged or out-of-range matrix is refused with the cell named, never sent wrong.
 */
import { describe, expect, it, vi } from "vitest";
import { packU16, unpackU16 } from "@/lib/packed-u16";

describe("packed u16 matrix", () => {
  it("packs row after row, little-endian, as base64", () => {
    // 0x0201 = 513 → 01 02; 65535 → ff ff; 0 → 00 00; 256 → 00 01.
    const m = packU16([
      [513, 65535],
      [0, 256],
    ]);
    expect(m).toEqual({ rows: 2, cols: 2, data: Buffer.from([0x01, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01]).toString("base64") });
    expect([...unpackU16(m)]).toEqual([513, 65535, 0, 256]);
  });

  it("round-trips a 256 × 256 matrix of every kind of value", () => {
    let s = 7;
    const rows = Array.from({ length: 256 }, (_, r) => Array.from({ length: 256 }, (_, c) => (r === c ? 65535 : (s = (s * 48271) % 2147483647) % 65536)));
    const cells = unpackU16(packU16(rows));
    expect(cells.length).toBe(256 * 256);
    for (let r = 0; r < 256; r++) for (let c = 0; c < 256; c++) if (cells[r * 256 + c] !== rows[r]![c]) throw new Error(`cell (${r}, ${c}) differs`);
  });

  it("packs and unpacks the same bytes without Node's Buffer (the browser's btoa and atob)", () => {
    const rows = [
      [513, 65535, 7],
      [0, 256, 40000],
    ];
    const withBuffer = packU16(rows);
    vi.stubGlobal("Buffer", undefined);
    try {
      expect(packU16(rows)).toEqual(withBuffer);
      expect([...unpackU16(withBuffer)]).toEqual(rows.flat());
      expect(() => unpackU16({ rows: 2, cols: 2, data: "AAAA" })).toThrow("u16 matrix of 2 × 2 holds 3 bytes, not 8");
    } finally {
      vi.unstubAllGlobals();
    }
    expect(typeof Buffer).toBe("function");
  });

  it("packs an empty matrix", () => {
    expect(packU16([])).toEqual({ rows: 0, cols: 0, data: "" });
    expect(unpackU16({ rows: 0, cols: 0, data: "" }).length).toBe(0);
  });

  it("refuses what is not a u16 matrix", () => {
    expect(() => packU16([[1, 2], [3]])).toThrow("u16 matrix row 1 has 1 cells, row 0 has 2");
    expect(() => packU16([[1, 65536]])).toThrow("u16 matrix cell (0, 1) is 65536, not a u16");
    expect(() => packU16([[0.5]])).toThrow("u16 matrix cell (0, 0) is 0.5, not a u16");
    expect(() => unpackU16({ rows: 2, cols: 2, data: "AAAA" })).toThrow("u16 matrix of 2 × 2 holds 3 bytes, not 8");
  });
});
