/**
 * The stored epoch input (lib/db/epoch-input.ts): what it decodes runs the same epoch as the
 * input it was encoded from, its matrices are packed, and a row written before packing (weights
 * and bonds as `[uid, u16]` pairs) decodes to the same input.
 */
import { describe, expect, it } from "vitest";
import { type EpochInput, runEpoch } from "@/lib/chain/consensus/epoch";
import { isU16Matrix, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { decodeEpochInput, encodeEpochInput } from "@/lib/db/epoch-input";
import { epochFixture } from "@/bench/epoch-fixtures";
import { storedMatrixRows } from "../helpers/stored-rows";

const input = epochFixture("stored input n=64", 64, 16, 64, 3).input;
const rowsOf = (m: EpochInput["weights"]) => (isU16Matrix(m) ? u16MatrixToRows(m) : m.map((r) => r.map(([j, v]) => [j, v])));

describe("stored epoch input", () => {
  it("packs the weights and bonds, and decodes to an input that runs the same epoch", () => {
    const text = encodeEpochInput(input);
    const d = JSON.parse(text) as Record<string, unknown>;
    expect(storedMatrixRows(d.weights)).toEqual(rowsOf(input.weights));
    expect(storedMatrixRows(d.bonds)).toEqual(rowsOf(input.bonds));
    expect(rowsOf(input.weights).flat().length).toBeGreaterThan(500); // a real matrix, not an empty one
    const back = decodeEpochInput(text);
    expect(rowsOf(back.weights)).toEqual(rowsOf(input.weights));
    expect(rowsOf(back.bonds)).toEqual(rowsOf(input.bonds));
    expect(runEpoch(back)).toEqual(runEpoch(input));
  });

  it("decodes an input stored before packing (pairs) to the same input", () => {
    const d = JSON.parse(encodeEpochInput(input)) as Record<string, unknown>;
    const legacy = JSON.stringify({ ...d, weights: rowsOf(input.weights), bonds: rowsOf(input.bonds) });
    const a = decodeEpochInput(legacy);
    const b = decodeEpochInput(encodeEpochInput(input));
    expect(rowsOf(a.weights)).toEqual(rowsOf(b.weights));
    expect(runEpoch(a)).toEqual(runEpoch(b));
  });

  it("names the field of a damaged matrix", () => {
    const d = JSON.parse(encodeEpochInput(input)) as Record<string, { cells: string }>;
    expect(() => decodeEpochInput(JSON.stringify({ ...d, bonds: { ...d.bonds, cells: "AQID" } }))).toThrow("stored epoch input: bonds: cells holds 3 bytes, not a whole number of u16s");
    expect(() => decodeEpochInput(JSON.stringify({ ...d, weights: 5 }))).toThrow("stored epoch input: weights is missing or malformed");
  });
});
