/**
 * The binary weight and bond rows of MetagraphSnapshot and EpochInput (lib/db/packed-rows.ts,
 * encodeU16Rows / decodeU16Rows): the documented bytes (literals worked out by hand: u16 LE row
 * count, row heads (length, bit 15 for a row stored by the uids it lacks), the uids or missing
 * uids, then every value), edge cases (empty matrix, empty rows, full rows, a row lacking one
 * uid, value 65535, uid 4095 and 65535), damaged
 * bytes refused with the field named, and a round trip over random matrices checked against a
 * decoding of the layout done here with Buffer readers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { u16MatrixFromRows, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { decodeU16Rows, encodeU16Rows } from "@/lib/db/packed-rows";

// Rows [[1 → 65535], [], [0 → 2, 2 → 258]]: count 3; lengths 1, 0, 2; uids 1, 0, 2; values 65535, 2, 258.
const ROWS: [number, number][][] = [[[1, 65535]], [], [[0, 2], [2, 258]]];
const BYTES = "0300" + "0100" + "0000" + "0200" + "0100" + "0000" + "0200" + "ffff" + "0200" + "0201";

describe("binary u16 rows", () => {
  it("writes the documented bytes, from pairs or from a matrix", () => {
    expect(encodeU16Rows(ROWS).toString("hex")).toBe(BYTES);
    expect(encodeU16Rows(u16MatrixFromRows(ROWS)).toString("hex")).toBe(BYTES);
    expect(encodeU16Rows([]).toString("hex")).toBe("0000");
    expect(encodeU16Rows([[], []]).toString("hex")).toBe("020000000000");
    // Rows stored by their missing uids: [0, 1, 2] lacks none (head 0x8003, g = 0); [0, 1, 3, 4]
    // lacks uid 2 (head 0x8004, g = 1, 2). [0] and [1] are shorter as uids. Values follow.
    const dense: [number, number][][] = [[[0, 5], [1, 6], [2, 7]], [[0, 9]], [[1, 4]], [[0, 1], [1, 2], [3, 3], [4, 4]]];
    expect(encodeU16Rows(dense).toString("hex")).toBe(
      "0400" + "0380" + "0100" + "0100" + "0480" + "0000" + "0000" + "0100" + "0100" + "0200" + "0500" + "0600" + "0700" + "0900" + "0400" + "0100" + "0200" + "0300" + "0400",
    );
    expect(u16MatrixToRows(decodeU16Rows(encodeU16Rows(dense), "w"))).toEqual(dense);
  });

  it("reads them back, edge values included", () => {
    expect(u16MatrixToRows(decodeU16Rows(Buffer.from(BYTES, "hex"), "w"))).toEqual(ROWS);
    expect(u16MatrixToRows(decodeU16Rows(Buffer.from("0000", "hex"), "w"))).toEqual([]);
    const edge: [number, number][][] = [[], [[0, 0], [4095, 65535]], [[65535, 1]], []];
    const bytes = encodeU16Rows(edge);
    expect(bytes.length).toBe(2 + 2 * 4 + 4 * 3);
    expect(bytes.toString("hex")).toBe("0400" + "0000" + "0200" + "0100" + "0000" + "0000" + "ff0f" + "ffff" + "0000" + "ffff" + "0100");
    expect(u16MatrixToRows(decodeU16Rows(bytes, "w"))).toEqual(edge);
    // A Uint8Array view at an offset into a larger buffer (as a driver may hand one back).
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(u16MatrixToRows(decodeU16Rows(padded.subarray(3), "w"))).toEqual(edge);
  });

  it("refuses damaged bytes with the field and what is wrong", () => {
    const bad: [string, string][] = [
      ["", "stored w: 0 bytes, not a row count and whole u16s"],
      ["03", "stored w: 1 bytes, not a row count and whole u16s"],
      [BYTES + "00", "stored w: 21 bytes, not a row count and whole u16s"],
      ["0500" + "0100", "stored w: 5 rows but 1 u16s after the count"],
      [BYTES + "0000", "stored w: the rows hold 3 entries, the bytes 4 values for them"],
      [BYTES.slice(0, -8), "stored w: the rows hold 3 entries, the bytes 1 values for them"],
      // Row 2 of BYTES flagged (0x8002) with g = 0: uids 0, 1, one u16 fewer used, one too many left.
      ["0300" + "0100" + "0000" + "0280" + "0100" + "0000" + "0200" + "ffff" + "0200" + "0201", "stored w: the rows hold 3 entries, the bytes 4 values for them"],
      // One row of 2 lacking uids 3 and 1: not ascending.
      ["0100" + "0280" + "0200" + "0300" + "0100" + "0100" + "0200", "stored w: row 0's missing uids are not ascending"],
      // One row of 2 lacking uid 7: past its last uid (2).
      ["0100" + "0280" + "0100" + "0700" + "0100" + "0200", "stored w: row 0's missing uids are not below its last uid"],
      // Cut inside the uids.
      ["0100" + "0280" + "0200", "stored w: the bytes end before the rows do"],
      ["0080", "stored w: 32768 rows, more than 32767"],
      // Row 2's uids as 2, 0: descending.
      ["0300" + "0100" + "0000" + "0200" + "0100" + "0200" + "0000" + "ffff" + "0200" + "0201", "stored w: row 2's uids are not ascending"],
      // Row 2's uids as 2, 2: a repeated uid.
      ["0300" + "0100" + "0000" + "0200" + "0100" + "0200" + "0200" + "ffff" + "0200" + "0201", "stored w: row 2's uids are not ascending"],
    ];
    for (const [hex, message] of bad) expect(() => decodeU16Rows(Buffer.from(hex, "hex"), "w"), message).toThrow(new TypeError(message));
    expect(() => decodeU16Rows("0300" as unknown as Uint8Array, "w")).toThrow(new TypeError("stored w is not binary"));
  });

  it("round-trips any u16 matrix, matching an independent reading of the layout", () => {
    const sparseRow = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 0, max: 65535 })), { selector: (e) => e[0], maxLength: 40 }).map((r) => r.sort((a, b) => a[0] - b[0]));
    // Full rows with a few uids left out (a validator's own, deregistered ones).
    const nearlyFull = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 4 }))
      .map(([vs, out]) => vs.map((v, j) => [j, v] as [number, number]).filter(([j]) => !out.includes(j)));
    fc.assert(
      fc.property(fc.array(fc.oneof(sparseRow, nearlyFull), { maxLength: 30 }), (rows) => {
        const bytes = encodeU16Rows(rows);
        // The encoder's choice, worked out here: by missing uids when 1 + missing < entries.
        const missing = (r: [number, number][]) => (r.length === 0 ? [] : Array.from({ length: r.at(-1)![0] + 1 }, (_, j) => j).filter((j) => !r.some(([u]) => u === j)));
        const complement = (r: [number, number][]) => r.length > 0 && 1 + missing(r).length < r.length;
        const nnz = rows.reduce((a, r) => a + r.length, 0);
        const uidWords = rows.reduce((a, r) => a + (complement(r) ? 1 + missing(r).length : r.length), 0);
        expect(bytes.length).toBe(2 + 2 * rows.length + 2 * uidWords + 2 * nnz);
        expect(bytes.readUInt16LE(0)).toBe(rows.length);
        let c = 2 + 2 * rows.length;
        let v = c + 2 * uidWords;
        rows.forEach((r, i) => {
          expect(bytes.readUInt16LE(2 + 2 * i)).toBe(r.length | (complement(r) ? 0x8000 : 0));
          const uids = complement(r) ? [missing(r).length, ...missing(r)] : r.map(([u]) => u);
          for (const u of uids) {
            expect(bytes.readUInt16LE(c)).toBe(u);
            c += 2;
          }
          for (const [, value] of r) {
            expect(bytes.readUInt16LE(v)).toBe(value);
            v += 2;
          }
        });
        expect(u16MatrixToRows(decodeU16Rows(bytes, "w"))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
