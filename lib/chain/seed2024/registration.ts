/**
 * 2024 registration economics (subtensor v1.1.3): the burn and POW-difficulty adjustment at
 * each interval, the subnet lock cost and the choice of subnet to replace.
 * Spec: reference/subtensor-2024-spec.md §7.6–7.8.
 */
import { I110F18, U64_MAX, fromInt, safeDiv, satMul } from "../math/fixed";

export interface AdjustmentInput {
  /** Value to adjust (burn in rao, or difficulty). */
  current: bigint;
  /** `RegistrationsThisInterval`. */
  registrations: bigint;
  /** `TargetRegistrationsPerInterval`. */
  target: bigint;
  /** `AdjustmentAlpha` (u64; fraction = alpha / u64::MAX). */
  alpha: bigint;
  min: bigint;
  max: bigint;
}

/**
 * `upgraded_burn` / `upgraded_difficulty`: `a·x + (1−a)·x·(r+t)/(2t)` in I110F18 (every product
 * floored to 2^-18), clamped to [min, max].
 */
export function upgradedValue(a: AdjustmentInput): bigint {
  const x = fromInt(I110F18, a.current);
  const updated = safeDiv(I110F18, satMul(I110F18, x, fromInt(I110F18, a.registrations + a.target)), fromInt(I110F18, 2n * a.target));
  const alpha = safeDiv(I110F18, fromInt(I110F18, a.alpha), fromInt(I110F18, U64_MAX));
  const next = satMul(I110F18, alpha, x) + satMul(I110F18, I110F18.one - alpha, updated);
  if (next >= fromInt(I110F18, a.max)) return a.max;
  if (next <= fromInt(I110F18, a.min)) return a.min;
  return next >> I110F18.frac;
}

export interface RegistrationTerms {
  burn: bigint;
  difficulty: bigint;
}

export interface IntervalCounts {
  /** r: registrations this interval. */
  registrations: bigint;
  /** P: POW registrations this interval. */
  pow: bigint;
  /** B: burned registrations this interval. */
  burned: bigint;
}

export interface AdjustmentParams {
  target: bigint;
  alpha: bigint;
  minBurn: bigint;
  maxBurn: bigint;
  minDifficulty: bigint;
  maxDifficulty: bigint;
}

/**
 * `adjust_registration_terms_for_networks` when the interval has elapsed: depending on the
 * registration mix (cases A–F of §7.6) the difficulty, the burn or both move by
 * {@link upgradedValue}.
 */
export function adjustRegistrationTerms(terms: RegistrationTerms, counts: IntervalCounts, p: AdjustmentParams): RegistrationTerms {
  const moved = (current: bigint, min: bigint, max: bigint) =>
    upgradedValue({ current, registrations: counts.registrations, target: p.target, alpha: p.alpha, min, max });
  const burn = () => moved(terms.burn, p.minBurn, p.maxBurn);
  const difficulty = () => moved(terms.difficulty, p.minDifficulty, p.maxDifficulty);
  const { pow, burned } = counts;
  if (counts.registrations > p.target) {
    // Too many registrations: make the more used path dearer.
    if (pow > burned) return { burn: terms.burn, difficulty: difficulty() };
    if (pow < burned) return { burn: burn(), difficulty: terms.difficulty };
    return { burn: burn(), difficulty: difficulty() };
  }
  // Not enough: make the *other* path cheaper (the 2024 code's crossed branches).
  if (pow > burned) return { burn: burn(), difficulty: terms.difficulty };
  if (pow < burned) return { burn: terms.burn, difficulty: difficulty() };
  return { burn: burn(), difficulty: difficulty() };
}

export interface LockCost2024 {
  lastLock: bigint;
  /** `NetworkLastRegistered` (0 before any registration). */
  lastRegistered: bigint;
  now: bigint;
  minLock: bigint;
  reductionInterval: bigint;
}

/** `get_network_lock_cost` (2024): doubled after a registration, decaying linearly, saturating u64. */
export function networkLockCost2024(c: LockCost2024): bigint {
  const mult = c.lastRegistered === 0n ? 1n : 2n;
  const doubled = c.lastLock * mult > U64_MAX ? U64_MAX : c.lastLock * mult;
  const perBlock = c.reductionInterval === 0n ? 0n : c.lastLock / c.reductionInterval;
  const elapsed = c.now > c.lastRegistered ? c.now - c.lastRegistered : 0n;
  const decay = perBlock * elapsed;
  const cost = doubled > decay ? doubled - decay : 0n;
  return cost > c.minLock ? cost : c.minLock;
}

export interface SubnetAge {
  netuid: number;
  registeredAt: bigint;
  emissionValue: bigint;
}

/**
 * `get_subnet_to_prune`: among subnets out of immunity, the lowest `EmissionValues`, then the
 * oldest registration, then the highest netuid; 0 when every subnet is immune.
 */
export function subnetToPrune(subnets: readonly SubnetAge[], now: bigint, immunityPeriod: bigint): number {
  const candidates = subnets.filter((s) => s.netuid !== 0 && now - s.registeredAt >= immunityPeriod);
  // Stable sort: emission descending, then registration descending; the last one loses.
  const sorted = [...candidates].sort((a, b) =>
    a.emissionValue !== b.emissionValue ? (a.emissionValue > b.emissionValue ? -1 : 1) : a.registeredAt !== b.registeredAt ? (a.registeredAt > b.registeredAt ? -1 : 1) : 0,
  );
  return sorted.at(-1)?.netuid ?? 0;
}
