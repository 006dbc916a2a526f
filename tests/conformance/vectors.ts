/**
 * Loading and decoding subtensor test vectors (format: vectors/subtensor/README.md).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { I32F32, I64F64, type FixedType, U64_MAX, convert, fromF32, fromF64, fromInt, toNumber } from "@/lib/chain/math/fixed";
import { fromBits } from "@/lib/chain/math/fast";
import { type Csr, csrFromRows } from "@/lib/chain/math/sparse";
import { FixedExpressionError, evalFixedExpression } from "./expression";

/** Bigint `[col, value]` rows, as decoded from a test literal. */
export type SparseMatrix = (readonly [number, bigint])[][];

export interface VectorCase {
  id: string;
  function?: string;
  inputs?: unknown;
  expected?: unknown;
  tolerance?: unknown;
  notes?: string;
  [key: string]: unknown;
}

export interface VectorFile {
  group: string;
  file: string;
  cases: VectorCase[];
}

const REPO_ROOT = resolve(__dirname, "../..");

/** Folder of vector files: `$SUBTENSOR_VECTORS`, else `../shared/vectors/subtensor`. */
export function vectorsDir(envName = "SUBTENSOR_VECTORS", fallback = "../shared/vectors/subtensor"): string {
  return resolve(REPO_ROOT, process.env[envName] ?? fallback);
}

export function loadVectorFiles(dir: string): VectorFile[] {
  if (!existsSync(dir)) throw new Error(`vector folder ${dir} does not exist (set SUBTENSOR_VECTORS)`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const data = JSON.parse(readFileSync(join(dir, file), "utf8")) as { group?: string; cases?: VectorCase[] };
      if (!Array.isArray(data.cases)) throw new Error(`${file}: no "cases" array`);
      return { group: data.group ?? file.replace(/\.json$/, ""), file, cases: data.cases };
    });
}

export type Lit = "f32" | "f64" | "int";

/** How a test literal becomes fixed point: `literal_type` text → f32 / f64 / int. */
export function literalOf(text: unknown, fallback: Lit = "f32"): Lit {
  if (typeof text !== "string") return fallback;
  if (text.startsWith("f64")) return "f64";
  if (text.startsWith("int") || text === "mixed") return "int";
  if (text.startsWith("f32")) return "f32";
  return fallback;
}

/**
 * A decimal literal, a named constant, or an I32F32 expression as the Rust test writes it
 * (`"fixed(1.)/fixed(3.)"`, see ./expression.ts) as raw bits of `t`. An expression is evaluated
 * in I32F32 and then converted to `t`, which must hold it exactly.
 */
export function fixedOf(v: unknown, lit: Lit = "f32", t: FixedType = I32F32): bigint {
  if (typeof v === "number") {
    if (lit === "int") {
      if (!Number.isInteger(v)) throw new Error(`int literal expected, got ${v}`);
      return fromInt(t, v);
    }
    return lit === "f64" ? fromF64(t, v) : fromF32(t, v);
  }
  if (typeof v === "string") {
    const s = v.replace(/\s/g, "");
    if (/^(I32F32::)?(MAX|max_value\(\))$/.test(s)) return I32F32.max;
    if (/^(I32F32::)?(MIN|min_value\(\))$/.test(s)) return I32F32.min;
    if (/^-?\d+$/.test(s)) return fromInt(t, BigInt(s));
    if (/^-?\d*\.\d+(e-?\d+)?$/.test(s)) return fixedOf(Number(s), lit === "int" ? "f64" : lit, t);
    const bits = evalFixedExpression(v);
    if (t === I32F32) return bits;
    const out = convert(I32F32, t, bits);
    if (convert(t, I32F32, out) !== bits) throw new FixedExpressionError(v, `its value does not fit in ${t.name}`);
    return out;
  }
  throw new Error(`cannot read ${JSON.stringify(v)} as a fixed-point literal`);
}

/**
 * An expected real value compared at a tolerance: a number as written, or an I32F32 expression
 * (`"fixed(1.)/fixed(3.)"`) evaluated to its value. Anything else is an error, never a pass.
 */
export function expectedNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return toNumber(I32F32, evalFixedExpression(v));
  throw new Error(`cannot read ${JSON.stringify(v)} as an expected number`);
}

/** An unsigned integer that may be written as a string, `u64::MAX`, or `u64::MAX-1`. */
export function u64Of(v: unknown): bigint {
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (v === null || v === undefined) return 0n;
  if (typeof v === "string") {
    const m = /^u64::MAX(?:-(\d+))?$/.exec(v.replace(/\s/g, ""));
    if (m) return U64_MAX - BigInt(m[1] ?? 0);
    if (/^\d+$/.test(v)) return BigInt(v);
  }
  throw new Error(`cannot read ${JSON.stringify(v)} as u64`);
}

export const I64 = I64F64;

export function vecOf(v: unknown, lit: Lit = "f32"): bigint[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v.map((x) => fixedOf(x, lit));
}

type MatrixJson = { dense?: unknown[][]; sparse?: [number, unknown][][]; flat?: number[]; rows?: number; transpose?: boolean };

/** Dense rows of a matrix object (`dense`, or built from `flat`/`rows`/`transpose`), or a bare array. */
export function denseOf(m: unknown, lit: Lit = "f32"): bigint[][] {
  if (Array.isArray(m)) return m.map((row) => vecOf(row, lit));
  const mj = m as MatrixJson;
  if (mj.dense) return mj.dense.map((row) => vecOf(row, lit));
  if (mj.flat && mj.rows) {
    const cols = mj.flat.length / mj.rows;
    const rows = Array.from({ length: mj.rows }, (_, i) => mj.flat!.slice(i * cols, (i + 1) * cols));
    const matrix = mj.transpose ? Array.from({ length: cols }, (_, j) => rows.map((r) => r[j]!)) : rows;
    return matrix.map((row) => vecOf(row, lit));
  }
  if (mj.sparse) throw new Error("dense matrix expected, got only a sparse form");
  throw new Error(`cannot read matrix ${JSON.stringify(m).slice(0, 80)}`);
}

/** Sparse rows `[col, value]` of a matrix object (`sparse`, or the positive entries of the dense form). */
export function sparseOf(m: unknown, lit: Lit = "f32"): SparseMatrix {
  if (isSparseRows(m)) return m.map((row) => row.map(([j, v]) => [j, fixedOf(v, lit)] as const));
  const mj = m as MatrixJson;
  if (mj && !Array.isArray(m) && mj.sparse) return mj.sparse.map((row) => row.map(([j, v]) => [j, fixedOf(v, lit)] as const));
  return denseOf(m, lit).map((row) => row.flatMap((v, j) => (v > 0n ? [[j, v] as const] : [])));
}

/** A vector literal as I32F32 bits in exact doubles (the epoch helpers' representation). */
export function nvecOf(v: unknown, lit: Lit = "f32"): number[] {
  return vecOf(v, lit).map(fromBits);
}

/** A sparse literal as a Csr of exact doubles. */
export function csrOf(m: unknown, lit: Lit = "f32"): Csr {
  return csrFromRows(sparseOf(m, lit).map((row) => row.map(([j, v]) => [j, fromBits(v)] as const)));
}

/** A bare array of rows of `[col, value]` pairs (how some tests write sparse literals). */
export function isSparseRows(m: unknown): m is [number, unknown][][] {
  if (!Array.isArray(m)) return false;
  const row = m.find((r) => Array.isArray(r) && r.length > 0) as unknown[] | undefined;
  return row !== undefined && Array.isArray(row[0]);
}

export function approx(bits: bigint, t: FixedType = I32F32): number {
  return toNumber(t, bits);
}
