/**
 * The stored form of weights and bonds (lib/db/packed-rows.ts): the bytes it writes (literals
 * worked out by hand from the format: u16 little-endian row lengths, then col, value cells),
 * the earlier pairs still reading, damaged values refused with the field named, and a round
 * trip over random sparse matrices.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { u16MatrixFromRows, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { packRows, unpackRows } from "@/lib/db/packed-rows";

// Rows [[1 → 65535], [], [0 → 2, 2 → 258]]: lengths 1, 0, 2 = bytes 01 00 00 00 02 00; cells
// 1, 65535, 0, 2, 2, 258 = bytes 01 00 ff ff 00 00 02 00 02 00 02 01.
const ROWS: [number, number][][] = [[[1, 65535]], [], [[0, 2], [2, 258]]];
const PACKED = { rows: 3, lengths: "AQAAAAIA", cells: "AQD//wAAAgACAAIB" };

describe("packed weight and bond rows", () => {
  it("writes the documented bytes, from pairs or from a matrix", () => {
    expect(packRows(ROWS)).toEqual(PACKED);
    expect(packRows(u16MatrixFromRows(ROWS))).toEqual(PACKED);
    expect(packRows([])).toEqual({ rows: 0, lengths: "", cells: "" });
  });

  it("reads them back, and reads the pairs written before packing", () => {
    expect(u16MatrixToRows(unpackRows(PACKED, "w"))).toEqual(ROWS);
    expect(u16MatrixToRows(unpackRows(ROWS, "w"))).toEqual(ROWS);
    expect(u16MatrixToRows(unpackRows({ rows: 0, lengths: "", cells: "" }, "w"))).toEqual([]);
  });

  it("refuses a damaged value with the field and what is wrong", () => {
    const bad: [unknown, string][] = [
      [undefined, "stored w is missing or malformed"],
      [{ ...PACKED, rows: -1 }, "stored w is missing or malformed"],
      [{ ...PACKED, lengths: "not base64!" }, "stored w: lengths is not base64 text"],
      [{ ...PACKED, cells: "AQID" }, "stored w: cells holds 3 bytes, not a whole number of u16s"],
      [{ ...PACKED, rows: 2 }, "stored w: 3 row lengths for 2 rows"],
      [{ ...PACKED, cells: "AQD//w==" }, "stored w: the rows hold 3 entries, the cells 1"],
      // Row 2 as 2 → 2, 0 → 258: uids descending.
      [{ ...PACKED, cells: "AQD//wIAAgAAAAIB" }, "stored w: row 2's uids are not ascending"],
      [[[[1, 2, 3]]], "stored w: an entry is not a [uid, u16] pair"],
      [[[[1, 70000]]], "stored w: row 0, uid 1: 70000 is not a u16"],
      [[7], "stored w: a row is not an array"],
    ];
    for (const [v, message] of bad) expect(() => unpackRows(v, "w"), message).toThrow(new TypeError(message));
  });

  it("round-trips any sparse u16 matrix", () => {
    const row = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })), { selector: (e) => e[0], maxLength: 12 }).map((r) => r.sort((a, b) => a[0] - b[0]));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        expect(u16MatrixToRows(unpackRows(JSON.parse(JSON.stringify(packRows(rows))), "w"))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
