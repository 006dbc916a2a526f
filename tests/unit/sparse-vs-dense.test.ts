/**
 * Subtensor's sparse helpers must agree with its dense ones wherever both exist (its own
 * test_512_graph_random_weights compares the two epochs). Here the dense helpers are bigint and
 * the sparse ones run on exact doubles, so agreement also cross-checks the two arithmetics.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as M from "@/lib/chain/math";
import { fromBits } from "@/lib/chain/math/fast";

const N = 6;
/** Non-negative I32F32 values up to 4.0, zero half of the time (absent in the sparse form). */
const cell = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 4n << 32n }));
const matrix = fc.array(fc.array(cell, { minLength: N, maxLength: N }), { minLength: N, maxLength: N });
const vector = fc.array(fc.bigInt({ min: 0n, max: 1n << 32n }), { minLength: N, maxLength: N });
const ratio = fc.bigInt({ min: 0n, max: 1n << 32n });

const toCsr = (m: bigint[][]) => M.csrFromRows(m.map((r) => r.flatMap((v, j) => (v > 0n ? [[j, fromBits(v)] as const] : []))));
const densify = (m: M.Csr): bigint[][] =>
  M.csrToRows(m).map((row) => {
    const out = new Array<bigint>(N).fill(0n);
    for (const [j, v] of row) out[j] = BigInt(v);
    return out;
  });
const nums = (v: bigint[]) => v.map(fromBits);
const big = (v: number[]) => v.map((x) => BigInt(x));
const positive = (m: bigint[][]) => m.map((r) => r.map((v) => (v > 0n ? v : 0n)));
const RUNS = { numRuns: 300 };

describe("sparse helpers agree with dense ones", () => {
  it("row and column normalisation, column max-upscale", () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const s = toCsr(m);
        M.inplaceRowNormalizeSparse(s);
        const d = m.map((r) => r.slice());
        M.inplaceRowNormalize(d);
        expect(densify(s)).toEqual(d);

        const c = toCsr(m);
        M.inplaceColNormalizeSparse(c, N);
        const dc = m.map((r) => r.slice());
        M.inplaceColNormalize(dc);
        expect(densify(c)).toEqual(dc);

        const u = toCsr(m);
        M.inplaceColMaxUpscaleSparse(u, N);
        const du = m.map((r) => r.slice());
        M.inplaceColMaxUpscale(du);
        expect(densify(u)).toEqual(du);
      }),
      RUNS,
    );
  });

  it("products and sums with a vector", () => {
    fc.assert(
      fc.property(matrix, vector, (m, v) => {
        const s = toCsr(m);
        expect(big(M.matmulSparse(s, nums(v), N))).toEqual(M.matmul(m, v));
        expect(big(M.matmulTransposeSparse(s, nums(v)))).toEqual(M.matmulTranspose(m, v));
        expect(big(M.rowSumSparse(s))).toEqual(M.rowSum(m));
        expect(big(M.colSumSparse(s, N))).toEqual(M.colSum(m));
        expect(densify(M.rowHadamardSparse(s, nums(v)))).toEqual(positive(M.rowHadamard(m, v)));
        expect(densify(M.matVecMulSparse(s, nums(v)))).toEqual(positive(M.matVecMul(m, v)));
      }),
      RUNS,
    );
  });

  it("clip, interpolation, EMA and Hadamard products", () => {
    fc.assert(
      fc.property(matrix, matrix, vector, ratio, (m1, m2, v, r) => {
        const clipped = m1.map((row) => row.slice());
        M.inplaceColClip(clipped, v);
        expect(densify(M.colClipSparse(toCsr(m1), nums(v)))).toEqual(positive(clipped));
        expect(densify(M.interpolateSparse(toCsr(m1), toCsr(m2), N, fromBits(r)))).toEqual(positive(M.interpolate(m1, m2, r)));
        expect(densify(M.matEmaSparse(toCsr(m1), toCsr(m2), fromBits(r)))).toEqual(positive(M.matEma(m1, m2, r)));
        expect(densify(M.hadamardSparse(toCsr(m1), toCsr(m2), N))).toEqual(positive(M.hadamard(m1, m2)));
      }),
      RUNS,
    );
  });

  it("column weighted medians", () => {
    fc.assert(
      fc.property(matrix, vector, fc.bigInt({ min: 0n, max: 1n << 32n }), (m, stake, kappa) => {
        const rowNormalized = m.map((r) => r.slice());
        M.inplaceRowNormalize(rowNormalized);
        const dense = M.weightedMedianCol(stake, rowNormalized, kappa);
        const sparse = M.weightedMedianColSparse(nums(stake), toCsr(rowNormalized), N, fromBits(kappa));
        expect(big(sparse)).toEqual(dense);
      }),
      RUNS,
    );
  });
});
