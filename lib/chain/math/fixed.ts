/**
 * Binary fixed-point numbers exactly as the `substrate-fixed` crate (v0.6, encointer fork)
 * computes them. Spec: reference/subtensor-spec.md §1.1–§1.2.
 *
 * A value is its raw bits as a bigint; the type descriptor says how many of those bits are
 * fraction and what range the storage integer has. Every operation follows the crate's
 * rounding: products and narrowing conversions floor (arithmetic shift), division truncates
 * toward zero, float literals round to nearest with ties to even.
 */

export interface FixedType {
  readonly name: string;
  /** Number of fraction bits. */
  readonly frac: bigint;
  /** Smallest raw value of the storage integer. */
  readonly min: bigint;
  /** Largest raw value of the storage integer. */
  readonly max: bigint;
  /** Raw bits of 1.0. */
  readonly one: bigint;
}

function signed(name: string, intBits: number, fracBits: number): FixedType {
  const total = BigInt(intBits + fracBits);
  return {
    name,
    frac: BigInt(fracBits),
    min: -(1n << (total - 1n)),
    max: (1n << (total - 1n)) - 1n,
    one: 1n << BigInt(fracBits),
  };
}

function unsigned(name: string, intBits: number, fracBits: number): FixedType {
  const total = BigInt(intBits + fracBits);
  return { name, frac: BigInt(fracBits), min: 0n, max: (1n << total) - 1n, one: 1n << BigInt(fracBits) };
}

export const I32F32 = signed("I32F32", 32, 32);
export const I64F64 = signed("I64F64", 64, 64);
export const I96F32 = signed("I96F32", 96, 32);
export const U64F64 = unsigned("U64F64", 64, 64);
export const U96F32 = unsigned("U96F32", 96, 32);
export const U110F18 = unsigned("U110F18", 110, 18);
export const I9F23 = signed("I9F23", 9, 23);
export const I110F18 = signed("I110F18", 110, 18);

export const U16_MAX = 65535n;
export const U64_MAX = (1n << 64n) - 1n;

/** Clamp raw bits into the storage range of `t` (the `saturating_*` behaviour). */
export function saturate(t: FixedType, bits: bigint): bigint {
  if (bits > t.max) return t.max;
  if (bits < t.min) return t.min;
  return bits;
}

function inRange(t: FixedType, bits: bigint): boolean {
  return bits >= t.min && bits <= t.max;
}

/** `T::saturating_from_num(integer)`: exact, then saturated. */
export function fromInt(t: FixedType, n: bigint | number): bigint {
  return saturate(t, BigInt(n) << t.frac);
}

/**
 * `T::saturating_from_num(f64)`: the exact binary value of the double, rounded to the
 * type's fraction bits with ties to even, then saturated.
 */
export function fromF64(t: FixedType, x: number): bigint {
  if (Number.isNaN(x)) throw new RangeError(`cannot convert NaN to ${t.name}`);
  if (x === Infinity) return t.max;
  if (x === -Infinity) return t.min;
  const [mant, exp] = decomposeDouble(x); // x = mant * 2^exp exactly
  const shift = BigInt(exp) + t.frac; // bits = mant * 2^shift
  let bits: bigint;
  if (shift >= 0n) {
    bits = mant << shift;
  } else {
    bits = roundHalfEvenShift(mant, -shift);
  }
  return saturate(t, bits);
}

/** `T::saturating_from_num(f32)`: the literal is first rounded to an IEEE single. */
export function fromF32(t: FixedType, x: number): bigint {
  return fromF64(t, Math.fround(x));
}

/** Split a finite double into an integer mantissa and a power of two, exactly. */
function decomposeDouble(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) {
    exp = -1074; // subnormal
  } else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return [sign * mant, exp];
}

/** `value / 2^shift` rounded to nearest, ties to even. */
function roundHalfEvenShift(value: bigint, shift: bigint): bigint {
  const neg = value < 0n;
  const mag = neg ? -value : value;
  const q = mag >> shift;
  const rem = mag - (q << shift);
  const half = 1n << (shift - 1n);
  let r = q;
  if (rem > half || (rem === half && (q & 1n) === 1n)) r = q + 1n;
  return neg ? -r : r;
}

/** Convert between fixed types: fraction bits are dropped by flooring, the result saturates. */
export function convert(from: FixedType, to: FixedType, bits: bigint): bigint {
  const d = to.frac - from.frac;
  const raw = d >= 0n ? bits << d : bits >> -d;
  return saturate(to, raw);
}

/** `saturating_to_num::<uN>()` / `to_num`: floor toward −∞, clamped to [lo, hi]. */
export function toIntFloor(t: FixedType, bits: bigint, lo: bigint, hi: bigint): bigint {
  const v = bits >> t.frac;
  if (v < lo) return lo;
  if (v > hi) return hi;
  return v;
}

/** `saturating_to_num::<u64>()`. */
export function toU64(t: FixedType, bits: bigint): bigint {
  return toIntFloor(t, bits, 0n, U64_MAX);
}

/** `saturating_to_num::<u16>()`. */
export function toU16(t: FixedType, bits: bigint): number {
  return Number(toIntFloor(t, bits, 0n, U16_MAX));
}

export function satAdd(t: FixedType, a: bigint, b: bigint): bigint {
  return saturate(t, a + b);
}

export function satSub(t: FixedType, a: bigint, b: bigint): bigint {
  return saturate(t, a - b);
}

/** `checked_add`: null on overflow. */
export function checkedAdd(t: FixedType, a: bigint, b: bigint): bigint | null {
  const r = a + b;
  return inRange(t, r) ? r : null;
}

/** `saturating_mul`: floor of the exact product, clamped. */
export function satMul(t: FixedType, a: bigint, b: bigint): bigint {
  return saturate(t, (a * b) >> t.frac);
}

/** `checked_mul`: null on overflow. */
export function checkedMul(t: FixedType, a: bigint, b: bigint): bigint | null {
  const r = (a * b) >> t.frac;
  return inRange(t, r) ? r : null;
}

/** `checked_div`: null on a zero divisor or overflow; the quotient truncates toward zero. */
export function checkedDiv(t: FixedType, a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null;
  const r = (a << t.frac) / b;
  return inRange(t, r) ? r : null;
}

/** `safe_div` (safe-math): 0 on a zero divisor **and** on overflow. */
export function safeDiv(t: FixedType, a: bigint, b: bigint): bigint {
  return checkedDiv(t, a, b) ?? 0n;
}

/** `saturating_div`: clamps on overflow. A zero divisor saturates by the dividend's sign. */
export function satDiv(t: FixedType, a: bigint, b: bigint): bigint {
  if (b === 0n) return a === 0n ? 0n : a > 0n ? t.max : t.min;
  return saturate(t, (a << t.frac) / b);
}

/** `round()`: to nearest, ties away from zero. */
export function round(t: FixedType, bits: bigint): bigint {
  const half = t.one >> 1n;
  if (bits >= 0n) return ((bits + half) >> t.frac) << t.frac;
  return -(((-bits + half) >> t.frac) << t.frac);
}

/** Approximate decimal value, for display and tolerance checks only. */
export function toNumber(t: FixedType, bits: bigint): number {
  const whole = bits >> t.frac;
  const fracBits = bits - (whole << t.frac);
  return Number(whole) + Number(fracBits) / Number(t.one);
}
