/**
 * The neuron registration price (`Burn`): a per-block exponential decay with half-life
 * `BurnHalfLife`, a multiplicative bump on each registration, both clamped to
 * [`MinBurn`, `MaxBurn`]. Spec: reference/subtensor-spec.md §7.1
 * (subnets/registration.rs: update_registration_prices_for_networks,
 * bump_registration_price_after_registration, decay_factor_q32).
 */
import { U64F64, U64_MAX, fromInt, satMul, toU64 } from "../math/fixed";

const ONE_Q32 = 1n << 32n;
const HALF_Q32 = 1n << 31n;

/** `mul_by_q32`: `(value · factor) >> 32`, saturated to u64. */
export function mulByQ32(value: bigint, factorQ32: bigint): bigint {
  const shifted = (value * factorQ32) >> 32n;
  return shifted > U64_MAX ? U64_MAX : shifted;
}

/** `pow_q32`: `base^exp` in Q32 by squaring, every product through {@link mulByQ32}. */
export function powQ32(baseQ32: bigint, exp: number): bigint {
  let result = ONE_Q32;
  let factor = baseQ32;
  let power = exp;
  while (power > 0) {
    if (power & 1) result = mulByQ32(result, factor);
    power >>>= 1;
    if (power > 0) factor = mulByQ32(factor, factor);
  }
  return result;
}

const decayFactors = new Map<number, bigint>();

/**
 * `decay_factor_q32`: the largest Q32 factor f with `pow_q32(f, half_life) ≤ 1/2`, found by
 * bisection (1.0 for a zero half-life). Memoised: it depends on the half-life alone.
 */
export function decayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return ONE_Q32;
  const cached = decayFactors.get(halfLife);
  if (cached !== undefined) return cached;
  let lo = 0n;
  let hi = ONE_Q32;
  while (lo + 1n < hi) {
    const mid = lo + ((hi - lo) >> 1n);
    if (powQ32(mid, halfLife) > HALF_Q32) hi = mid;
    else lo = mid;
  }
  decayFactors.set(halfLife, lo);
  return lo;
}

export interface BurnParams {
  /** `BurnHalfLife` in blocks (u16); 0 disables the decay. */
  halfLife: number;
  /** `BurnIncreaseMult` as U64F64 bits (values below 1.0 act as 1.0). */
  increaseMult: bigint;
  minBurn: bigint;
  maxBurn: bigint;
}

function clamp(burn: bigint, p: BurnParams): bigint {
  if (burn < p.minBurn) return p.minBurn;
  if (burn > p.maxBurn) return p.maxBurn;
  return burn;
}

/** The per-block step of `update_registration_prices_for_networks` at `block` (no decay at block ≤ 1). */
export function decayBurn(burn: bigint, p: BurnParams, block: bigint): bigint {
  const decayed = p.halfLife > 0 && block > 1n ? mulByQ32(burn, decayFactorQ32(p.halfLife)) : burn;
  return clamp(decayed, p);
}

/** `bump_registration_price_after_registration`: `burn · max(mult, 1)` floored, then clamped. */
export function bumpBurn(burn: bigint, p: BurnParams): bigint {
  const one = fromInt(U64F64, 1);
  const mult = p.increaseMult > one ? p.increaseMult : one;
  return clamp(toU64(U64F64, satMul(U64F64, fromInt(U64F64, burn), mult)), p);
}

/** A subnet's registration price state as the block step sees it. */
export interface RegistrationPrice {
  burn: bigint;
  /** `RegistrationsThisBlock`: registrations so far in the current block. */
  registrationsThisBlock: number;
}

/** `on_initialize` for one subnet: decay the price, start the block's registration count at 0. */
export function onInitialize(state: RegistrationPrice, p: BurnParams, block: bigint): RegistrationPrice {
  return { burn: decayBurn(state.burn, p, block), registrationsThisBlock: 0 };
}

/** A successful registration: the price bumps at once and the block's count grows. */
export function onRegistered(state: RegistrationPrice, p: BurnParams): RegistrationPrice {
  return { burn: bumpBurn(state.burn, p), registrationsThisBlock: state.registrationsThisBlock + 1 };
}
