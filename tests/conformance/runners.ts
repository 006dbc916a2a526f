/**
 * One runner per subtensor function that the vectors exercise. A runner decodes a case's
 * inputs exactly as subtensor's test did, calls Taoscope's implementation and asserts the
 * expected values at the case's tolerance. `findRunner` maps a case's `function` text to its
 * runner; a case with none fails naming the function.
 */
import { expect } from "vitest";
import * as M from "@/lib/chain/math";
import { I32F32, I64F64, I96F32, U64F64, U96F32, convert, fromF64, fromInt, safeDiv, satSub, toU64 } from "@/lib/chain/math/fixed";
import { fromBits } from "@/lib/chain/math/fast";
import { alphaSigmoid, bondsEmaAlpha } from "@/lib/chain/consensus/epoch";
import { type ScenarioEra, runScenario } from "@/lib/chain/consensus/scenario";
import { runners2024 } from "./runners-2024";
import { checkEpoch } from "@/lib/chain/consensus/check";
import { blocksUntilNextAutoEpoch, legacyBlocksUntilNextEpoch } from "@/lib/chain/consensus/schedule";
import { blockEmissionForIssuance } from "@/lib/chain/emission/block-emission";
import { createRng } from "@/lib/chain/rng";
import { EQUAL_WEIGHTS, initialQuoteWeight } from "@/lib/chain/swap/balancer";
import {
  inplacePowNormalize,
  networkLockCost,
  splitAlphaOut,
  splitEmissions,
  subnetShares,
  subnetTaoEmissions,
  subnetTerms,
  updateMovingPrice,
} from "@/lib/chain/emission/coinbase";
import { calculateDividendDistribution, distributeEmission } from "@/lib/chain/emission/distribution";
import { runEpoch } from "@/lib/chain/consensus/epoch";
import { MAX_PRICE_RAO, MIN_PRICE_RAO, type Pool, currentPrice, limitPriceFromRao, swap } from "@/lib/chain/swap/swap";
import {
  type BurnParams,
  type RegistrationPrice,
  bumpBurn,
  decayBurn,
  decayFactorQ32,
  onInitialize,
  onRegistered,
  powQ32,
} from "@/lib/chain/registration/burn";
import { type Lit, type VectorCase, approx, csrOf, denseOf, expectedNumber, fixedOf, literalOf, nvecOf, sparseOf, u64Of, vecOf } from "./vectors";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Runner = (c: VectorCase, inputs: Json) => void;

/** Numeric tolerance of a case, or null for an exact comparison. */
export function toleranceOf(c: VectorCase): number | null {
  return typeof c.tolerance === "number" ? c.tolerance : null;
}

/**
 * Subtensor's `assert_*_compare` helpers compare in fixed point: |actual − target| ≤ epsilon
 * with target built from the test literal and epsilon = `I32F32::from_num(tol)`.
 */
function within(actual: bigint, target: bigint, tol: number): boolean {
  const diff = actual > target ? actual - target : target - actual;
  return diff <= fromF64(I32F32, tol);
}

function lit(inputs: Json, fallback: Lit = "f32"): Lit {
  return literalOf(inputs.literal_type, fallback);
}

/** Expected values are literals of the same kind as the inputs unless the tolerance says otherwise. */
function expectedLit(c: VectorCase, inputs: Json): Lit {
  const tol = typeof c.tolerance === "string" ? c.tolerance : "";
  if (/as f64/.test(tol)) return "f64";
  if (/f32/.test(tol)) return "f32";
  return lit(inputs);
}

/** Compare a vector (bigint bits, or bits in exact doubles) with the expected literals. */
export function expectVec(c: VectorCase, actualIn: readonly (bigint | number)[], expected: unknown, elit: Lit): void {
  const actual = actualIn.map((a) => BigInt(a));
  const tol = toleranceOf(c);
  const want = expected as unknown[];
  expect(actual.length, `${c.id}: length`).toBe(want.length);
  const target = vecOf(want, elit);
  if (tol === null) expect(actual, c.id).toEqual(target);
  else actual.forEach((a, i) => expect(within(a, target[i]!, tol), `${c.id}[${i}]: ${approx(a)} vs ${String(want[i])}`).toBe(true));
}

function expectDense(c: VectorCase, actual: bigint[][], expected: unknown, elit: Lit = "f32"): void {
  const want = denseOf(expected, elit);
  const tol = toleranceOf(c);
  expect(actual.length, `${c.id}: rows`).toBe(want.length);
  if (tol === null) {
    expect(actual, c.id).toEqual(want);
    return;
  }
  actual.forEach((row, i) => {
    expect(row.length, `${c.id}: row ${i} length`).toBe(want[i]!.length);
    row.forEach((v, j) => expect(within(v, want[i]![j]!, tol), `${c.id}[${i}][${j}]: ${approx(v)} vs ${approx(want[i]![j]!)}`).toBe(true));
  });
}

function expectSparse(c: VectorCase, result: M.Csr, expected: unknown, elit: Lit = "f32"): void {
  const actual = M.csrToRows(result).map((row) => row.map(([j, v]) => [j, BigInt(v)] as const));
  const tol = toleranceOf(c);
  const want = sparseOf(expected, elit);
  expect(actual.length, `${c.id}: rows`).toBe(want.length);
  actual.forEach((row, i) => {
    const w = want[i]!;
    expect(row.map(([j]) => j), `${c.id}: columns of row ${i}`).toEqual(w.map(([j]) => j));
    row.forEach(([, v], k) => {
      if (tol === null) expect(v, `${c.id}[${i}][${k}]`).toBe(w[k]![1]);
      else expect(within(v, w[k]![1], tol), `${c.id}[${i}][${k}]: ${approx(v)} vs ${approx(w[k]![1])}`).toBe(true);
    });
  });
}

const RELATIONS: Record<string, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
};

function relationOf(text: string): (a: number, b: number) => boolean {
  const m = /^a\s*(<=|>=|==|<|>)\s*b$/.exec(text.trim());
  if (!m) throw new Error(`unknown mask relation ${JSON.stringify(text)}`);
  return RELATIONS[m[1]!]!;
}

/** Parses `I32F32::from_num(N)` / `I64F64::from_num(u32::MAX)` style inputs. */
function namedFixed(text: unknown, fallbackType = I32F32): bigint {
  if (typeof text === "number") return fromInt(fallbackType, text);
  const m = /^(I32F32|I64F64)::from_num\(([^)]+)\)$/.exec(String(text));
  if (!m) throw new Error(`cannot read ${JSON.stringify(text)}`);
  const t = m[1] === "I64F64" ? I64F64 : I32F32;
  const arg = m[2] === "u32::MAX" ? 4294967295 : Number(m[2]);
  return fromInt(t, arg);
}

// ---------------------------------------------------------------------------------------------
// math_helpers
// ---------------------------------------------------------------------------------------------

const mathHelpers: Record<string, Runner> = {
  vec_max_upscale_to_u16: (c, i) => expect(M.vecMaxUpscaleToU16(vecOf(i.vector, lit(i)))).toEqual(c.expected),
  vec_u16_max_upscale_to_u16: (c, i) => expect(M.vecU16MaxUpscaleToU16(i.vector)).toEqual(c.expected),
  check_vec_max_limited: (c, i) => expect(M.checkVecMaxLimited(i.vector, i.max_limit)).toBe(c.expected),
  checked_sum: (c, i) => {
    const r = M.checkedSum((i.vector as unknown[]).map(u64Of));
    expect(r === null ? null : Number(r)).toBe(c.expected);
  },
  fixed_proportion_to_u16: (c, i) => expect(M.fixedProportionToU16(fromBits(namedFixed(i.x)))).toBe(c.expected),
  fixed64_to_fixed32: (c, i) => {
    expect(c.expected).toBe("I32F32::max_value()");
    expect(M.fixed64ToFixed32(namedFixed(i.x))).toBe(I32F32.max);
  },
  fixed_to_u64: (c, i) => expect(M.fixedToU64(fromInt(I32F32, i.x))).toBe(BigInt(c.expected as number)),
  is_topk: (c, i) => expect(M.isTopk(nvecOf(i.vector, lit(i)), i.k)).toEqual(c.expected),
  is_topk_nonzero: (c, i) => expect(M.isTopkNonzero(nvecOf(i.vector, lit(i)), i.k)).toEqual(c.expected),
  normalize: (c, i) => expectVec(c, M.normalize(nvecOf(i.vector, lit(i))), c.expected, "f64"),
  inplace_normalize: (c, i) => {
    const v = nvecOf(i.vector, lit(i));
    M.inplaceNormalize(v);
    expectVec(c, v, c.expected, "f64");
  },
  inplace_normalize_64: (c, i) => {
    const v = (i.vector as number[]).map((x) => fromF64(I64F64, x));
    M.inplaceNormalize64(v);
    const tol = toleranceOf(c) ?? 0;
    v.forEach((x, k) => expect(Math.abs(M.toNumber(I64F64, x) - expectedNumber((c.expected as unknown[])[k]))).toBeLessThanOrEqual(tol));
  },
  is_zero: (c, i) => expect(M.isZero(nvecOf(i.vector, lit(i)))).toBe(c.expected),
  u16_to_fixed: (c, i) => expect(BigInt(M.u16ToFixed(i.x))).toBe(fixedOf(c.expected, "int")),
  u16_proportion_to_fixed: (c, i) => expectVec(c, [M.u16ProportionToFixed(i.x)], [c.expected], "f64"),
  fixed_to_fixed_u16_proportion: (c, i) => expectVec(c, [M.fixedToFixedU16Proportion(fromBits(fixedOf(i.x, lit(i, "int"))))], [c.expected], "f64"),
  vec_fixed64_to_fixed32: (c, i) =>
    expectVec(c, (i.vector as number[]).map((x) => M.fixed64ToFixed32(fromF64(I64F64, x))), c.expected, "f64"),
  inplace_normalize_using_sum: (c, i) => {
    const v = nvecOf(i.vector, lit(i));
    M.inplaceNormalizeUsingSum(v, fromBits(fixedOf(i.sum, lit(i))));
    expectVec(c, v, c.expected, "f64");
  },
  sum: (c, i) => expect(BigInt(M.sum(nvecOf(i.vector, lit(i))))).toBe(fixedOf(c.expected, "int")),
  vecdiv: (c, i) => expectVec(c, M.vecdiv(nvecOf(i.x), nvecOf(i.y)), c.expected, "f32"),
  vec_mul: (c, i) => expectVec(c, M.vecMul(nvecOf(i.a), nvecOf(i.b)), c.expected, "f32"),
  sigmoid_safe: (c, i) => {
    const m = /rho=([^,]+),\s*kappa=([^)]+)\)/.exec(c.function ?? "");
    if (!m) throw new Error(`${c.id}: rho/kappa not found in ${c.function}`);
    const rho = fixedOf(m[1]!.replace("I32F32::", ""), "f64");
    const kappa = fixedOf(m[2]!.replace("I32F32::", ""), "f64");
    const out = vecOf(i.x, lit(i)).map((x) => M.sigmoidSafe(x, rho, kappa));
    expectVec(c, out, c.expected, expectedLit(c, i));
  },
  exp_safe: (c, i) => {
    const exp = (x: number) => M.exp(I32F32, fromInt(I32F32, x))!;
    const expected: Record<string, bigint> = { "0": I32F32.one, "1": BigInt((c.expected as Json).exp1_bits_I32F32) };
    const clampTo = (x: unknown): bigint => {
      if (x === "I32F32::MIN") return exp(-20);
      if (x === "I32F32::MAX") return exp(20);
      const v = Number(x);
      if (v === 0 || v === 1) return expected[String(v)]!;
      return exp(Math.max(-20, Math.min(20, v)));
    };
    for (const x of i.x as unknown[]) {
      expect(M.expSafe(fixedOf(x, "int")), `exp_safe(${String(x)})`).toBe(clampTo(x));
    }
    expect(M.expSafe(fromInt(I32F32, 1))).toBe(expected["1"]);
  },
};

// ---------------------------------------------------------------------------------------------
// math_matrix_ops
// ---------------------------------------------------------------------------------------------

function ratioOf(i: Json): bigint {
  return fixedOf(i.ratio, literalOf(i.ratio_literal_type, Number.isInteger(i.ratio) ? "int" : "f64"));
}

const matrixOps: Record<string, Runner> = {
  inplace_row_normalize: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceRowNormalize(m);
    expectDense(c, m, c.expected);
  },
  inplace_row_normalize_sparse: (c, i) => {
    const m = csrOf(i.matrix);
    M.inplaceRowNormalizeSparse(m);
    expectSparse(c, m, c.expected);
  },
  inplace_col_normalize: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceColNormalize(m);
    expectDense(c, m, c.expected);
  },
  inplace_col_normalize_sparse: (c, i) => {
    const m = csrOf(i.matrix);
    M.inplaceColNormalizeSparse(m, i.columns);
    expectSparse(c, m, c.expected);
  },
  inplace_col_max_upscale: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceColMaxUpscale(m);
    expectDense(c, m, c.expected);
  },
  inplace_col_max_upscale_sparse: (c, i) => {
    const m = csrOf(i.matrix);
    M.inplaceColMaxUpscaleSparse(m, i.columns);
    expectSparse(c, m, c.expected);
  },
  inplace_mask_vector: (c, i) => {
    const v = nvecOf(i.vector);
    M.inplaceMaskVector(i.mask, v);
    expectVec(c, v, c.expected, "f32");
  },
  inplace_mask_matrix: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceMaskMatrix(i.mask, m);
    expectDense(c, m, c.expected);
  },
  inplace_mask_rows: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceMaskRows(i.mask, m);
    expectDense(c, m, c.expected);
  },
  mask_rows_sparse: (c, i) => expectSparse(c, M.maskRowsSparse(i.mask, csrOf(i.matrix)), c.expected),
  inplace_mask_diag: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceMaskDiag(m);
    expectDense(c, m, c.expected);
  },
  inplace_mask_diag_except_index: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceMaskDiagExceptIndex(m, i.except_index);
    expectDense(c, m, c.expected);
  },
  mask_diag_sparse: (c, i) => expectSparse(c, M.maskDiagSparse(csrOf(i.matrix)), c.expected),
  mask_diag_sparse_except_index: (c, i) =>
    expectSparse(c, M.maskDiagSparseExceptIndex(csrOf(i.matrix), i.except_index), c.expected),
  vec_mask_sparse_matrix: (c, i) => {
    const fnKey = Object.keys(i).find((k) => k.startsWith("mask_fn"));
    if (!fnKey) throw new Error(`${c.id}: no mask_fn`);
    expectSparse(c, M.vecMaskSparseMatrix(csrOf(i.matrix), i.first_vector, i.second_vector, relationOf(i[fnKey])), c.expected);
  },
  mat_vec_mul: (c, i) => expectDense(c, M.matVecMul(denseOf(i.matrix), vecOf(i.vector)), c.expected),
  mat_vec_mul_sparse: (c, i) => expectSparse(c, M.matVecMulSparse(csrOf(i.matrix), nvecOf(i.vector)), c.expected),
  row_hadamard: (c, i) => expectDense(c, M.rowHadamard(denseOf(i.matrix), vecOf(i.vector)), c.expected),
  row_hadamard_sparse: (c, i) => expectSparse(c, M.rowHadamardSparse(csrOf(i.matrix), nvecOf(i.vector)), c.expected),
  row_sum: (c, i) => expectVec(c, M.rowSum(denseOf(i.matrix)), c.expected, "f32"),
  row_sum_sparse: (c, i) => expectVec(c, M.rowSumSparse(csrOf(i.matrix)), c.expected, "f32"),
  matmul: (c, i) => expectVec(c, M.matmul(denseOf(i.matrix), vecOf(i.vector)), c.expected, "f32"),
  matmul_transpose: (c, i) => expectVec(c, M.matmulTranspose(denseOf(i.matrix), vecOf(i.vector)), c.expected, "f32"),
  matmul_sparse: (c, i) => expectVec(c, M.matmulSparse(csrOf(i.matrix), nvecOf(i.vector), i.columns), c.expected, "f32"),
  matmul_transpose_sparse: (c, i) => expectVec(c, M.matmulTransposeSparse(csrOf(i.matrix), nvecOf(i.vector)), c.expected, "f32"),
  inplace_col_clip: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceColClip(m, vecOf(i.col_threshold));
    expectDense(c, m, c.expected);
  },
  col_clip_sparse: (c, i) => expectSparse(c, M.colClipSparse(csrOf(i.matrix), nvecOf(i.col_threshold)), c.expected),
  interpolate: (c, i) => expectDense(c, M.interpolate(denseOf(i.mat1), denseOf(i.mat2), ratioOf(i)), c.expected),
  inplace_mask_cols: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceMaskCols(i.mask, m);
    expectDense(c, m, c.expected);
  },
  scalar_vec_mask_sparse_matrix: (c, i) => {
    const fnKey = Object.keys(i).find((k) => k.startsWith("mask_fn"));
    if (!fnKey) throw new Error(`${c.id}: no mask_fn`);
    expectSparse(c, M.scalarVecMaskSparseMatrix(csrOf(i.matrix), i.scalar, i.vector, relationOf(i[fnKey])), c.expected);
  },
  col_sum: (c, i) => expectVec(c, M.colSum(denseOf(i.matrix)), c.expected, "f32"),
  col_sum_sparse: (c, i) => expectVec(c, M.colSumSparse(csrOf(i.matrix), i.columns), c.expected, "f32"),
  hadamard: (c, i) => expectDense(c, M.hadamard(denseOf(i.mat1), denseOf(i.mat2)), c.expected),
  hadamard_sparse: (c, i) => expectSparse(c, M.hadamardSparse(csrOf(i.mat1), csrOf(i.mat2), i.columns), c.expected),
  sparse_threshold: (c, i) => expectSparse(c, M.sparseThreshold(csrOf(i.matrix), fromBits(fixedOf(i.threshold))), c.expected),
  clip: (c, i) => expectDense(c, M.clip(denseOf(i.matrix), fixedOf(i.threshold), fixedOf(i.upper), fixedOf(i.lower)), c.expected),
  inplace_clip: (c, i) => {
    const m = denseOf(i.matrix);
    M.inplaceClip(m, fixedOf(i.threshold), fixedOf(i.upper), fixedOf(i.lower));
    expectDense(c, m, c.expected);
  },
  clip_sparse: (c, i) =>
    expectSparse(c, M.clipSparse(csrOf(i.matrix), ...([i.threshold, i.upper, i.lower].map((x) => fromBits(fixedOf(x))) as [number, number, number])), c.expected),
  interpolate_sparse: (c, i) =>
    expectSparse(c, M.interpolateSparse(csrOf(i.mat1), csrOf(i.mat2), i.columns, fromBits(ratioOf(i))), c.expected),
};

// ---------------------------------------------------------------------------------------------
// weighted_median
// ---------------------------------------------------------------------------------------------

/**
 * The randomized block of `test_math_weighted_median`, replayed with a seeded generator: for
 * each majority, the result must be a weighted median found by a reference scan over scores
 * sorted ascending (the score at which the cumulative stake first exceeds the minority, or any
 * score tied at the boundary).
 */
function weightedMedianRandomized(): void {
  const rng = createRng(0x5eed);
  for (let trial = 0; trial < 20; trial++) {
    const n = 100;
    const stake = M.normalize(Array.from({ length: n }, () => fromBits(fromF64(I32F32, rng.next()))));
    const score = Array.from({ length: n }, () => fromBits(fromF64(I32F32, rng.int(20) / 20)));
    const order = score.map((_, k) => k).sort((a, b) => score[a]! - score[b]!);
    const total = M.sum(stake);
    for (const majority of [0, 1e-7, 0.25, 0.49, 0.5, 0.51, 0.9999999, 1]) {
      const minority = total - fromBits(fromF64(I32F32, majority));
      const got = M.weightedMedian(stake, score, score.map((_, k) => k), minority, 0, total);
      // Reference scan: the scores at which the cumulative stake crosses `minority`.
      let acc = 0;
      const candidates = new Set<number>();
      for (const k of order) {
        const before = acc;
        acc += stake[k]!;
        if (before <= minority && minority <= acc) candidates.add(score[k]!);
      }
      if (candidates.size === 0) candidates.add(score[order[minority < 0 ? 0 : order.length - 1]!]!);
      expect(candidates.has(got), `trial ${trial}, majority ${majority}: ${got / 2 ** 32} is not a median`).toBe(true);
    }
  }
}

const weightedMedian: Record<string, Runner> = {
  weighted_median: (c, i) => {
    if (typeof c.inputs === "string") return weightedMedianRandomized();
    const l = lit(i);
    let stake = nvecOf(i.stake, l);
    if (i.stake_preprocess === "normalize(stake)") stake = M.normalize(stake);
    const score = nvecOf(i.score, l);
    const minority = fromBits(satSub(I32F32, I32F32.one, fixedOf(i.majority, "f32")));
    const got = M.weightedMedian(stake, score, stake.map((_, k) => k), minority, 0, M.sum(stake));
    expect(BigInt(got), c.id).toBe(fixedOf(c.expected, "f32"));
  },
  weighted_median_col: (c, i) =>
    expectVec(c, M.weightedMedianCol(vecOf(i.stake), denseOf(i.score), fixedOf(i.majority)), c.expected, "f32"),
  weighted_median_col_sparse: (c, i) =>
    expectVec(c, M.weightedMedianColSparse(nvecOf(i.stake), csrOf(i.score), i.columns, fromBits(fixedOf(i.majority))), c.expected, "f32"),
};

// ---------------------------------------------------------------------------------------------
// bonds_ema
// ---------------------------------------------------------------------------------------------

function alphaMatrix(i: Json, rows: number, cols: number): bigint[][] {
  if (i.alpha_all !== undefined) {
    const a = fixedOf(i.alpha_all, "f32");
    return Array.from({ length: rows }, () => new Array<bigint>(cols).fill(a));
  }
  const alphaLit: Lit = /alpha f64|^f64/.test(String(i.literal_type ?? "f64")) ? "f64" : "f32";
  return (i.alpha as unknown[][]).map((r) => vecOf(r, alphaLit));
}

const bondsEma: Record<string, Runner> = {
  mat_ema: (c, i) => expectDense(c, M.matEma(denseOf(i.new), denseOf(i.old), fixedOf(i.alpha, literalOf(i.alpha_literal_type, "f64"))), c.expected),
  mat_ema_sparse: (c, i) =>
    expectSparse(c, M.matEmaSparse(csrOf(i.new), csrOf(i.old), fromBits(fixedOf(i.alpha, literalOf(i.alpha_literal_type, "f64")))), c.expected),
  mat_ema_alpha: (c, i) => {
    const next = denseOf(i.new);
    const old = denseOf(i.old);
    const alpha = alphaMatrix(i, next.length, next[0]?.length ?? 0);
    const result = M.matEmaAlpha(next, old, alpha);
    const relation = c.expected as Json;
    if (relation && !Array.isArray(relation) && "result[0][0]" in relation) {
      // Shape mismatch: the function hands `new` back; the test checks result[0][0] == old[0][0].
      expect(result).toEqual(next);
      expect(result[0]![0]).toBe(old[0]![0]);
      return;
    }
    expectDense(c, result, c.expected);
  },
  mat_ema_alpha_sparse: (c, i) => {
    const l = literalOf(i.literal_type);
    const next = csrOf(i.new, l);
    const old = csrOf(i.old, l);
    const shape = /dense (\d+)x(\d+)/.exec(String(i.alpha_shape ?? ""));
    const alpha = alphaMatrix(i, shape ? Number(shape[1]) : next.rows, shape ? Number(shape[2]) : 0);
    // One α per entry of `new`; NaN where the α row is too short (the Rust skips those).
    const aligned = new Float64Array(next.val.length);
    for (let r = 0; r < next.rows; r++) {
      for (let k = next.ptr[r]!; k < next.ptr[r + 1]!; k++) {
        const a = alpha[r]?.[next.col[k]!];
        aligned[k] = a === undefined ? NaN : fromBits(a);
      }
    }
    const result = alpha.length === next.rows ? M.matEmaAlphaSparse(next, old, aligned) : M.cloneCsr(next);
    expectSparse(c, result, c.expected, l);
  },
  compute_bonds: (c, i) => {
    // Dense compute_bonds with liquid alpha (alpha_low == alpha_high) against liquid alpha off.
    const w = denseOf(i.weights);
    const b = denseOf(i.bonds);
    const consensus = nvecOf(i.consensus);
    const low = M.u16ProportionToFixed(i.alpha_low_u16);
    const high = M.u16ProportionToFixed(i.alpha_high_u16);
    const steep = 1000 * 2 ** 32;
    const alphas = w.map((row, r) =>
      row.map((wv, j) => BigInt(alphaSigmoid(consensus[j]!, fromBits(wv), fromBits(b[r]![j]!), low, high, steep))),
    );
    const liquid = M.matEmaAlpha(w, b, alphas);
    const fixed = M.matEma(w, b, BigInt(bondsEmaAlpha(i.bonds_moving_average)));
    const tol = toleranceOf(c) ?? 0;
    liquid.forEach((row, r) => row.forEach((v, j) => expect(Math.abs(approx(v) - approx(fixed[r]![j]!))).toBeLessThanOrEqual(tol)));
  },
};

// ---------------------------------------------------------------------------------------------
// Fixed-point conversions quoted as expressions
// ---------------------------------------------------------------------------------------------

const conversions: [RegExp, Runner][] = [
  [
    /^alpha = 1 - I32F32\(I64F64\(900000\)/,
    (c, i) => expect(BigInt(bondsEmaAlpha(i.bonds_moving_average))).toBe(BigInt((c.expected as Json).alpha_bits)),
  ],
  [
    /^alpha = 1 - I32F32\(I64F64\(I32F32::MAX\)/,
    (c) => {
      const max64 = convert(I32F32, I64F64, I32F32.max);
      const ratio = safeDiv(I64F64, max64, max64);
      expect(satSub(I32F32, I32F32.one, convert(I64F64, I32F32, ratio))).toBe(fromInt(I32F32, (c.expected as Json).alpha));
    },
  ],
  [
    /^I64F64 division by/,
    (c, i) => {
      const e = c.expected as Json;
      (i.numerators as number[]).forEach((num, k) => {
        const q = safeDiv(I64F64, fromInt(I64F64, BigInt(num)), fromInt(I64F64, BigInt(i.denominator)));
        expect(q, `I64F64 ${num}`).toBe(fromF64(I64F64, e.I64F64_results_eq_from_num[k]));
        expect(convert(I64F64, I32F32, q), `I32F32 ${num}`).toBe(fromF64(I32F32, e.I32F32_results_eq_from_num[k]));
      });
    },
  ],
];

// ---------------------------------------------------------------------------------------------
// block_emission, epoch_schedule, epoch_full
// ---------------------------------------------------------------------------------------------

const chainRules: [RegExp, Runner][] = [
  [
    /^coinbase\/block_emission\.rs::get_block_emission_for_issuance/,
    (c, i) => expect(blockEmissionForIssuance(u64Of(i.total_issuance_rao))).toBe(u64Of(c.expected)),
  ],
  [
    /^loop \d+x: total \+= get_block_emission_for_issuance/,
    (c, i) => {
      let total = u64Of(i.start);
      for (let k = 0; k < i.iterations; k++) total += blockEmissionForIssuance(total) * BigInt(i.multiplier);
      expect(total).toBe(u64Of(c.expected));
    },
  ],
  [
    /^LEGACY blocks_until_next_epoch/,
    (c, i) => expect(legacyBlocksUntilNextEpoch(u64Of(i.netuid), u64Of(i.tempo), u64Of(i.block))).toBe(u64Of(c.expected)),
  ],
  [
    /blocks_until_next_auto_epoch/,
    (c, i) =>
      expect(blocksUntilNextAutoEpoch(u64Of(i.tempo), u64Of(i.LastEpochBlock), u64Of(i.block))).toBe(u64Of(c.expected)),
  ],
];

// ---------------------------------------------------------------------------------------------
// registration_burn
// ---------------------------------------------------------------------------------------------

function burnParams(i: Json): BurnParams {
  return {
    halfLife: i.BurnHalfLife ?? 0,
    increaseMult: fixedOf(i.BurnIncreaseMult ?? 1, Number.isInteger(i.BurnIncreaseMult ?? 1) ? "int" : "f64", U64F64),
    minBurn: u64Of(i.min_burn ?? 0),
    maxBurn: u64Of(i.max_burn ?? "u64::MAX"),
  };
}

/**
 * Replays a burn case's events: "register" bumps the price in the same block, "next block"
 * runs the next block's on_initialize decay. Blocks start at 2 (decay applies after block 1).
 */
function burnEvents(c: VectorCase, i: Json): void {
  const p = burnParams(i);
  let state: RegistrationPrice = { burn: u64Of(i.initial_burn), registrationsThisBlock: 0 };
  let block = 1n;
  const seen: bigint[] = [];
  for (const event of i.events as string[]) {
    if (event.startsWith("register")) state = onRegistered(state, p);
    else if (event.startsWith("next block")) state = onInitialize(state, p, ++block);
    else throw new Error(`${c.id}: unknown burn event ${JSON.stringify(event)}`);
    seen.push(state.burn);
  }
  const expected = Object.values(c.expected as Json).map(u64Of);
  expect(seen, c.id).toEqual(expected);
}

/**
 * `test_burn_reference_impl`: the Rust test checks decay against its own Q32 reference. Here
 * the factor is checked against its definition (the largest f with f^h ≤ 1/2 in Q32, by
 * monotonicity of pow_q32) and a long decay against repeated mul_by_q32.
 */
function burnReference(): void {
  for (const h of [1, 2, 3, 7, 100, 360, 1000, 7200, 65535]) {
    const f = decayFactorQ32(h);
    expect(powQ32(f, h) <= 1n << 31n, `half-life ${h}: f^h ≤ 1/2`).toBe(true);
    expect(powQ32(f + 1n, h) > 1n << 31n, `half-life ${h}: (f+1)^h > 1/2`).toBe(true);
  }
  const p: BurnParams = { halfLife: 360, increaseMult: fromInt(U64F64, 1), minBurn: 0n, maxBurn: u64Of("u64::MAX") };
  let burn = 1_000_000_000n;
  let reference = burn;
  for (let block = 2n; block < 3602n; block++) {
    burn = decayBurn(burn, p, block);
    reference = (reference * decayFactorQ32(360)) >> 32n;
  }
  expect(burn).toBe(reference);
  // Ten half-lives: about 1/1024 of the start, and never above it (floors only lower it).
  expect(burn <= 1_000_000_000n / 1024n).toBe(true);
  expect(burn > 1_000_000_000n / 1100n).toBe(true);
}

const registrationBurn: [RegExp, Runner][] = [
  [/^bump_registration_price_after_registration/, (c, i) => expect(bumpBurn(u64Of(i.initial_burn), burnParams(i))).toBe(u64Of(c.expected))],
  [/^reference Q32 implementation/, () => burnReference()],
  [/^update_registration_prices_for_networks \(per-block/, (c, i) => {
    const p = burnParams(i);
    let burn = u64Of(i.initial_burn);
    let block = 1n;
    const seen = (i.steps as number[]).map((steps) => {
      for (let k = 0; k < steps; k++) burn = decayBurn(burn, p, ++block);
      return burn;
    });
    expect(seen).toEqual(Object.values(c.expected as Json).map(u64Of));
  }],
  [/^update_registration_prices_for_networks$/, (c, i) => {
    const e = c.expected as Json;
    // Registrations of the previous block carry no delayed bump: the bump happened in do_register.
    const before: RegistrationPrice = { burn: u64Of(i.initial_burn), registrationsThisBlock: i.RegistrationsThisBlock_before ?? 0 };
    const after = onInitialize(before, burnParams(i), 2n);
    expect(after.burn).toBe(u64Of(e.burn_after_next_block));
    expect(after.registrationsThisBlock).toBe(e.RegistrationsThisBlock_after);
  }],
  [/(^do_register bump|^decay \+ clamp)/, burnEvents],
];

// ---------------------------------------------------------------------------------------------
// swap_amm
// ---------------------------------------------------------------------------------------------

function poolOf(i: Json, price?: bigint): Pool {
  const taoReserve = u64Of(i.tao_reserve);
  const alphaReserve = u64Of(i.alpha_reserve);
  return { taoReserve, alphaReserve, quoteWeight: initialQuoteWeight(taoReserve, alphaReserve, price) };
}

const priceOf = (pool: Pool) => M.toNumber(U64F64, currentPrice(pool));

/** "U64F64 1/5" → that ratio in U64F64. */
function u64f64Ratio(text: string): bigint {
  const m = /^U64F64 (\d+)\/(\d+)$/.exec(text);
  if (!m) throw new Error(`cannot read price ${JSON.stringify(text)}`);
  return safeDiv(U64F64, fromInt(U64F64, BigInt(m[1]!)), fromInt(U64F64, BigInt(m[2]!)));
}

const swapAmm: [RegExp, Runner][] = [
  [/maybe_initialize_palswap\(None\)/, (c, i) => {
    const pool = poolOf(i);
    expect(pool.quoteWeight).toBe(EQUAL_WEIGHTS);
    expect(Math.abs(priceOf(pool) - expectedNumber((c.expected as Json).price))).toBeLessThanOrEqual(toleranceOf(c)!);
  }],
  [/maybe_initialize_palswap\(Some/, (c, i) => {
    const pool = poolOf(i, u64f64Ratio(i.price));
    expect(Math.abs(priceOf(pool) - expectedNumber((c.expected as Json).price))).toBeLessThanOrEqual(toleranceOf(c)!);
  }],
  [/do_swap with equal weights/, (c, i) => {
    // The test's own expectations are an f64 formula (see the case's "expected"); reserves are
    // reset before each order, and the default price limits apply.
    const tol = toleranceOf(c)!;
    for (const [kind, amount] of i.orders as [string, number][]) {
      const pool = poolOf(i);
      const buy = kind.startsWith("buy");
      const x = Number(pool.alphaReserve);
      const y = Number(pool.taoReserve);
      const fee = Math.floor((amount * 33) / 65535);
      const want = buy ? x * (1 - y / (y + amount - fee)) : y * (1 - x / (x + amount - fee));
      const limit = limitPriceFromRao(buy ? MAX_PRICE_RAO : MIN_PRICE_RAO);
      const r = swap(pool, buy ? "buy" : "sell", BigInt(amount), limit);
      expect(Math.abs(Number(r.fee) - fee), `${kind} ${amount}: fee`).toBeLessThanOrEqual(tol);
      expect(Math.abs(Number(r.amountPaidOut) - want), `${kind} ${amount}: out ${r.amountPaidOut} vs ${want}`).toBeLessThanOrEqual(tol);
    }
  }],
];

// ---------------------------------------------------------------------------------------------
// coinbase_and_dividends
// ---------------------------------------------------------------------------------------------

/** A key of an inputs object that starts with `prefix` (keys carry descriptions in parentheses). */
function field(i: Json, prefix: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = Object.keys(i).find((k) => k === prefix || k.startsWith(`${prefix} `));
  if (!key) throw new Error(`inputs have no "${prefix}"`);
  return i[key];
}

const leadingNumber = (v: unknown) => (typeof v === "number" ? v : Number(/^[\d.]+/.exec(String(v))?.[0]));
const u96f = (x: number) => fromF64(U96F32, x);
const u64f = (x: number) => fromF64(U64F64, x);
const sumU96 = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + M.toNumber(U96F32, b), 0);

function movingPriceRun(i: Json, updates: number): number {
  let moving = 0n;
  for (let k = 0; k < updates; k++) {
    moving = updateMovingPrice({
      moving: moving === 0n ? fromF64(I96F32, i.SubnetMovingPrice_before) : moving,
      spotPrice: u64f(i.current_price),
      block: u64Of(i.current_block),
      firstEmissionBlock: u64Of(i.FirstEmissionBlockNumber),
      movingAlpha: fromF64(I96F32, i.SubnetMovingAlpha),
      halvingBlocks: u64Of(i.EMAPriceHalvingBlocks),
    });
  }
  return M.toNumber(I96F32, moving);
}

function powNormalized(flows: Record<string, number>, p: number): Map<string, number> {
  const keys = Object.keys(flows).sort((a, b) => Number(a) - Number(b)); // BTreeMap order by netuid
  const v = keys.map((k) => u64f(flows[k]!));
  inplacePowNormalize(v, u64f(p));
  return new Map(keys.map((k, j) => [k, M.toNumber(U64F64, v[j]!)]));
}

function distributionStakeAfter(i: Json, n: number, stake: bigint): bigint[] {
  const pendingServer = u64Of(i.pending_server_alpha);
  const pendingValidator = u64Of(i.pending_validator_alpha);
  const pendingRoot = u64Of(i.pending_root_alpha);
  const epoch = runEpoch({
    block: 1n,
    params: { tempo: 1, activityCutoff: 5000, kappa: 32767, bondsPenalty: 65535, bondsMovingAverage: 900_000, maxAllowedValidators: 64, yuma3: true, liquidAlpha: false, alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000, stakeThreshold: 0n, taoWeight: 0n, commitReveal: false },
    alphaStake: new Array<bigint>(n).fill(stake),
    lastUpdate: new Array<bigint>(n).fill(1n),
    blockAtRegistration: new Array<bigint>(n).fill(1n),
    validatorPermit: new Array<boolean>(n).fill(false),
    weights: [],
    bonds: [],
    ownerUid: null,
    lastMechanismStepBlock: 0n,
    raoEmission: pendingServer + pendingValidator + pendingRoot,
  });
  // One coldkey owns every hotkey (and nominates them all), so the take stays with it.
  const neurons = Array.from({ length: n }, (_, k) => ({ hotkey: `hk${k}`, coldkey: "ck", take: 11796 }));
  const out = distributeEmission({
    epoch,
    neurons,
    stakes: new Map(neurons.map((x) => [x.hotkey, { alpha: stake, root: 0n }])),
    pendingServer,
    pendingValidator,
    pendingRoot,
    pendingOwnerCut: u64Of(i.owner_cut),
    taoWeight: 0n,
    ownerColdkey: null,
    ownerHotkey: null,
  });
  return neurons.map((x) => stake + (out.incentive.get(x.hotkey) ?? 0n) + (out.take.get(x.hotkey) ?? 0n) + (out.nominators.get(x.hotkey) ?? 0n));
}

const coinbase: [RegExp, Runner][] = [
  [/^run_coinbase\.rs::calculate_dividend_distribution/, (c, i) => {
    const stakes = new Map(Object.entries(field(i, "stake_map") as Record<string, { alpha: number; root: number }>).map(([h, v]) => [h, { alpha: BigInt(v.alpha), root: BigInt(v.root) }]));
    const dividends = new Map(Object.entries(field(i, "dividends") as Record<string, number>).map(([h, d]) => [h, fromInt(U96F32, d)]));
    const r = calculateDividendDistribution(u64Of(i.pending_validator_alpha), u64Of(i.pending_root_alpha), u96f(i.tao_weight), stakes, dividends);
    const e = c.expected as Json;
    expect(Math.abs(sumU96(r.alpha) - expectedNumber(e["sum(alpha_dividends)"]))).toBeLessThanOrEqual(toleranceOf(c)!);
    expect(Math.abs(sumU96(r.root) - expectedNumber(e["sum(root_alpha_dividends)"]))).toBeLessThanOrEqual(toleranceOf(c)!);
  }],
  [/^run_coinbase\.rs::emit_to_subnets \(one block/, (c, i) => {
    const r = splitAlphaOut(fromInt(U96F32, i.alpha_out_this_block), i.subnet_owner_cut_u16, true, u96f(leadingNumber(i.root_proportion)), i.root_sell_flag);
    const e = c.expected as Json;
    const tol = BigInt(toleranceOf(c)!);
    const near = (a: bigint, b: number) => expect((a > BigInt(b) ? a - BigInt(b) : BigInt(b) - a) <= tol, `${a} vs ${b}`).toBe(true);
    near(r.server, e.PendingServerEmission);
    near(r.validator, e.PendingValidatorEmission);
    near(r.rootAlpha, e.PendingRootAlphaDivs);
    expect(r.rootSell).toBe(true);
  }],
  [/^run_coinbase\.rs::emit_to_subnets owner cut/, (c, i) => {
    const cuts = (i.subnet_owner_cut_u16 as number[]).map((cut) => splitAlphaOut(fromInt(U96F32, i.alpha_out_this_block), cut, true, 0n, true).ownerCut);
    const e = c.expected as Json;
    expect(cuts).toEqual([u64Of(e.PendingOwnerCut_after_cut_0), u64Of(e.PendingOwnerCut_after_cut_65535)]);
  }],
  [/^stake_utils\.rs::update_moving_price x(\d+)/, (c, i) => {
    expect(Math.abs(movingPriceRun(i, i.updates) - expectedNumber((c.expected as Json).moving_price))).toBeLessThanOrEqual(toleranceOf(c)!);
  }],
  [/^stake_utils\.rs::update_moving_price$/, (c, i) => {
    const price = movingPriceRun(i, 1);
    const e = c.expected as Json;
    if ("new_moving_price_lt" in e) expect(price).toBeLessThan(expectedNumber(e.new_moving_price_lt));
    else expect(Math.abs(price - expectedNumber(e.new_moving_price))).toBeLessThanOrEqual(toleranceOf(c)!);
  }],
  [/^subnet_emissions\.rs::inplace_pow_normalize/, (c, i) => {
    const exps: number[] = Array.isArray(i.p) ? i.p : [i.p];
    for (const p of exps) {
      const got = powNormalized(i.flows, p);
      const sum = [...got.values()].reduce((a, b) => a + b, 0);
      const total = Object.values(i.flows as Record<string, number>).reduce((a, x) => a + x ** p, 0);
      if (total === 0) {
        [...got.values()].forEach((v) => expect(v).toBe(0));
        continue;
      }
      expect(Math.abs(sum - 1), `p=${p}: sum ${sum}`).toBeLessThanOrEqual(1e-12);
      for (const [k, v] of got) {
        const want = typeof c.expected === "object" && c.expected !== null && k in (c.expected as Json) ? expectedNumber((c.expected as Json)[k]) : (i.flows[k] as number) ** p / total;
        if (typeof c.tolerance === "string") expect(Math.abs(v - want) / want, `p=${p} netuid ${k}`).toBeLessThanOrEqual(0.01);
        else expect(Math.abs(v - want), `p=${p} netuid ${k}`).toBeLessThanOrEqual((c.tolerance as Json).values);
      }
    }
  }],
  [/^subnet_emissions\.rs::get_shares/, (c, i) => {
    const keys = Object.keys(i.SubnetMovingPrice);
    const shares = subnetShares(keys.map((k) => ({ movingPrice: u64f(i.SubnetMovingPrice[k]), minerBurned: u64f(i.MinerBurned[k]), emissionEnabled: true })));
    keys.forEach((k, j) => expect(Math.abs(M.toNumber(U64F64, shares[j]!) - expectedNumber((c.expected as Json)[k]))).toBeLessThanOrEqual(toleranceOf(c)!));
  }],
  [/^run_coinbase \(price-EMA shares\)/, (c, i) => {
    const keys = Object.keys(i.SubnetMovingPrice);
    const shares = subnetShares(keys.map((k) => ({ movingPrice: u64f(i.SubnetMovingPrice[k]), minerBurned: 0n, emissionEnabled: true })));
    const emissions = subnetTaoEmissions(u64Of(i.block_emission), shares);
    // root_proportion ≈ 1 (huge root stake): the injection cap does not bind.
    const terms = keys.map((k, j) => subnetTerms({ taoEmission: emissions[j]!, alphaEmission: 1_000_000_000n, price: u96f(i.SubnetMovingPrice[k]), rootProportion: U96F32.one }));
    const e = c.expected as Json;
    const tol = toleranceOf(c)!;
    keys.forEach((k, j) => {
      const subnetTao = u64Of(i.initial_SubnetTAO[k]) + toU64(U96F32, terms[j]!.taoIn);
      expect(Math.abs(Number(subnetTao) - e[`SubnetTAO_${k}`])).toBeLessThanOrEqual(tol);
    });
    const minted = terms.reduce((a, t) => a + toU64(U96F32, t.taoIn) + toU64(U96F32, t.excessTao), 0n);
    expect(Math.abs(Number(minted) - e.TotalIssuance)).toBeLessThanOrEqual(tol);
  }],
  [/^get_subnet_block_emissions \+ inject/, (c, i) => {
    const expected = c.expected as number[][];
    (i.sequence as { enabled: boolean[] }[]).forEach((step, s) => {
      const shares = subnetShares(step.enabled.map((on) => ({ movingPrice: U64F64.one, minerBurned: 0n, emissionEnabled: on })));
      const taoIn = subnetTaoEmissions(u64Of(i.block_emission), shares).map((t) => Number(toU64(U96F32, t)));
      taoIn.forEach((t, j) => expect(Math.abs(t - expected[s]![j]!), `step ${s}, subnet ${j}`).toBeLessThanOrEqual(toleranceOf(c)!));
    });
  }],
  [/^subnets\/mechanism\.rs::split_emissions/, (c, i) => {
    expect(splitEmissions(u64Of(i.alpha), i.mechanism_count, i.split ?? undefined)).toEqual((c.expected as number[]).map(BigInt));
  }],
  [/^coinbase\/root\.rs::get_network_lock_cost/, (c, i) => {
    const now = 1_000n; // "current block": the lock was paid in this very block
    const cost = networkLockCost({ lastLock: u64Of(i.NetworkLastLockCost), lastLockBlock: now, now, minLock: 100_000_000_000n, reductionInterval: 100_800n, blockEmission: 1_000_000_000n });
    expect(cost).toBe(u64Of(c.expected));
  }],
  [/^run_coinbase\.rs::distribute_emission/, (c, i) => {
    const e = c.expected as Json;
    const n = i.neurons as number;
    const after = distributionStakeAfter(i, n, u64Of(i.alpha_stake ?? i.alpha_stake_each));
    const want = u64Of(e.stake_after ?? e.stake_after_each);
    after.forEach((a) => expect(Number(a > want ? a - want : want - a)).toBeLessThanOrEqual(toleranceOf(c)!));
  }],
];

/**
 * A scenario whose `dividends_fraction` expectations (compared at a tolerance) may be I32F32
 * expressions: those are evaluated to numbers before the replay; the exact u16 and rao
 * expectations are compared as written.
 */
export function withEvaluatedFractions(c: VectorCase): VectorCase {
  if (!Array.isArray(c.steps)) return c;
  const steps = (c.steps as Json[]).map((step) => {
    const fractions = step?.expected?.dividends_fraction;
    return Array.isArray(fractions) ? { ...step, expected: { ...step.expected, dividends_fraction: fractions.map(expectedNumber) } } : step;
  });
  return { ...c, steps };
}

/** An `epoch_full` scenario: replay every step and compare every epoch's expectations. */
export function runEpochScenario(c: VectorCase, era: ScenarioEra = "dtao"): void {
  const records = runScenario(withEvaluatedFractions(c), era);
  expect(records.length, `${c.id}: no epoch ran`).toBeGreaterThan(0);
  const mismatches = records.flatMap(checkEpoch);
  expect(mismatches, `${c.id}: ${mismatches.length} mismatches`).toEqual([]);
}

const byName: Record<string, Runner> = { ...mathHelpers, ...matrixOps, ...weightedMedian, ...bondsEma };

/** The runner for a case (its file's other cases at hand), or null when Taoscope implements no function by that name. */
export function findRunner(c: VectorCase, file: VectorCase[] = [c]): Runner | null {
  if (c.function === undefined && Array.isArray(c.steps)) return (cc) => runEpochScenario(cc);
  const fn = c.function ?? "";
  // The 2024 (v1.1.3) epoch scenarios name the function they replay.
  if (Array.isArray(c.steps) && /^epoch\.rs::epoch\(/.test(fn)) return (cc) => runEpochScenario(cc, "2024");
  for (const [re, run] of [...conversions, ...chainRules, ...registrationBurn, ...swapAmm, ...coinbase, ...runners2024(file)]) {
    if (re.test(fn)) return run;
  }
  const name = /^(?:[\w/]+\.rs::)?(\w+)/.exec(fn)?.[1];
  return (name && byName[name]) || null;
}
