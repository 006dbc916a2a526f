/**
 * Exact I32F32 arithmetic on doubles. A value is its raw I32F32 bits held as an integer-valued
 * double; while |bits| < 2^53 (|value| < 2^21) every operation below returns exactly the bits
 * substrate-fixed returns. Products and quotients are computed with error-free transformations
 * (Dekker's TwoProduct and an exact remainder), so nothing is rounded. An operation whose result
 * would leave the exact range throws {@link FastRangeError} rather than round.
 *
 * Saturation never triggers inside this range (I32F32 saturates at ±2^63), so saturating,
 * checked and plain operations coincide here.
 */

export const TWO32 = 4294967296;
/** 1.0 in I32F32 bits. */
export const ONE = TWO32;
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
const TWO85 = 2 ** 85;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's constant for doubles

export class FastRangeError extends RangeError {
  constructor(what: string) {
    super(`${what} leaves the exact range of I32F32-on-double arithmetic (|bits| < 2^53)`);
    this.name = "FastRangeError";
  }
}

/** The rounding error of `p = fl(a·b)`: `a·b = p + e` exactly (Dekker, no FMA needed). */
function productError(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** `(a·b) >> 32`: the floor of the exact product, as substrate-fixed multiplies. */
export function mul(a: number, b: number): number {
  const p = a * b;
  if (p < MAX_EXACT && p > -MAX_EXACT) return Math.floor(p / TWO32); // the product itself was exact
  if (!(p < TWO85 && p > -TWO85)) throw new FastRangeError("a product");
  const e = productError(a, b, p);
  const high = Math.floor(p / TWO32);
  const low = p - high * TWO32; // exact, in [0, 2^32)
  return high + Math.floor((low + e) / TWO32);
}

const TWO52 = 2 ** 52;

/**
 * floor(n / d) for non-negative exact integers n and d > 0, exactly; throws when the quotient
 * passes 2^53. The remainder is exact for n < 2^85 and d ≤ 2^52; larger operands (never met by
 * the epoch) take bigint.
 */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  if (q > MAX_EXACT) throw new FastRangeError("a quotient");
  if (d > TWO52 || n >= TWO85) return Number(BigInt(n) / BigInt(d));
  const p = q * d;
  let r = n - p - productError(q, d, p);
  // fl(n/d) is correctly rounded, so q is off by at most one; the loops run at most once.
  while (r < 0) {
    q -= 1;
    r += d;
  }
  while (r >= d) {
    q += 1;
    r -= d;
  }
  return q;
}

/**
 * `(a << 32) / b`, truncating toward zero: substrate-fixed's division. `b` must be non-zero;
 * callers implement `safe_div`'s zero rule.
 */
export function div(a: number, b: number): number {
  const neg = a < 0 !== b < 0;
  const q = floorDiv(Math.abs(a) * TWO32, Math.abs(b));
  return neg ? -q : q;
}

/** `safe_div`: 0 for a zero divisor. (Overflow cannot happen in the exact range.) */
export function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : div(a, b);
}

/**
 * `(a << 32) / (b << 32)` for a positive integer `b`: plain truncating division of raw bits by
 * an integer. `q·b` stays within `|a| + b`, so the correction is exact without TwoProduct.
 */
export function divInt(a: number, b: number): number {
  const n = Math.abs(a);
  let q = Math.floor(n / b);
  if (q * b > n) q -= 1;
  else if ((q + 1) * b <= n) q += 1;
  return a < 0 ? -q : q;
}

/** Exact sum; throws when it leaves the exact range. */
export function add(a: number, b: number): number {
  const s = a + b;
  if (s > MAX_EXACT || s < -MAX_EXACT) throw new FastRangeError("a sum");
  return s;
}

/** Raw bits (bigint) → double, exactly or not at all. */
export function fromBits(bits: bigint): number {
  const n = Number(bits);
  if (n > MAX_EXACT || n < -MAX_EXACT) throw new FastRangeError(`the value with bits ${bits}`);
  return n;
}

export function toBits(x: number): bigint {
  return BigInt(x);
}

/** An integer value as I32F32 bits. */
export function fromInt(n: number): number {
  return add(n * TWO32, 0);
}

/** Approximate decimal value, for display. */
export function toDecimal(x: number): number {
  return x / TWO32;
}

/** `saturating_to_num::<u16>()` of I32F32 bits: floor, clamped to [0, 65535]. */
export function toU16(x: number): number {
  const v = Math.floor(x / TWO32);
  return v < 0 ? 0 : v > 65535 ? 65535 : v;
}

const TWO16 = 65536;
const INV16 = 1 / TWO16;
const INV32 = 1 / TWO32;

/**
 * {@link mul} for a ∈ [0, 2^33) and |b| < 2^36 (proportions, and differences of them), unchecked
 * and without TwoProduct: with a = ah·2^16 + al, x = ah·b and x = xh·2^16 + xl, a·b = xh·2^32 +
 * (xl·2^16 + al·b). Every term is an integer below 2^53 (|ah·b| < 2^17·2^36, |al·b| < 2^16·2^36)
 * and the scalings are by powers of two, so the floor of a·b / 2^32 is xh plus the floor of the
 * rest, all exact. Callers guarantee the range; outside it the result is meaningless. A
 * product below 2^53 (a stake share times a weight, mostly) is exact as it is.
 */
export function mulProp(a: number, b: number): number {
  const p = a * b;
  if (p < MAX_EXACT && p > -MAX_EXACT) return Math.floor(p * INV32); // the product itself was exact
  const ah = Math.floor(a * INV16);
  const x = ah * b;
  const xh = Math.floor(x * INV16);
  return xh + Math.floor(((x - xh * TWO16) * TWO16 + (a - ah * TWO16) * b) * INV32);
}

const DIV_MARGIN = 2 ** -18;

/**
 * {@link div} for 0 ≤ a ≤ 2b (a quotient of at most 2 = 2^33 bits), given r = fl(2^32 / b):
 * x = fl(a·r) is within 2^33·2^-52 < 2^-19 of the exact quotient, so when x is farther than
 * 2^-18 from an integer its floor is the quotient's; otherwise it is {@link div}. Unchecked.
 */
export function divProp(a: number, b: number, r: number): number {
  const x = a * r;
  const q = Math.floor(x);
  const f = x - q;
  return f > DIV_MARGIN && f < 1 - DIV_MARGIN ? q : div(a, b);
}
