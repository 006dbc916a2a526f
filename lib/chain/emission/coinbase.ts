/**
 * The per-block coinbase arithmetic of dTAO subtensor, as pure functions over plain data
 * (coinbase/run_coinbase.rs, subnet_emissions.rs, stake_utils.rs, subnets/mechanism.rs,
 * coinbase/root.rs). Amounts are U96F32 where subtensor computes in U96F32 and are floored to
 * rao where it stores them. Spec: reference/subtensor-spec.md §5, §2.7, §7.4.
 */
import { I32F32, I96F32, U64F64, U96F32, convert, fromInt, safeDiv, satAdd, satMul, satSub, toU64 } from "../math/fixed";
import { exp, log2 } from "../math/transcendental";

const ZERO = 0n;
const u96 = (v: bigint | number) => fromInt(U96F32, v);
const u64f64 = (v: bigint | number) => fromInt(U64F64, v);
/** `U96F32::from_num(0.5)`. */
const HALF_U96 = U96F32.one >> 1n;

// ---------------------------------------------------------------------------------------------
// Subnet shares of the block emission (§5.3)
// ---------------------------------------------------------------------------------------------

export interface SubnetShareInput {
  /** `get_moving_alpha_price` (U64F64): 1 for root and stable subnets. */
  movingPrice: bigint;
  /** `MinerBurned` (U64F64 fraction of the last tempo's miner incentive burned). */
  minerBurned: bigint;
  /** `SubnetEmissionEnabled`. */
  emissionEnabled: boolean;
}

/**
 * `get_shares` (price EMA, current main): moving-price shares weighted by `1 − min(1, burned)`
 * and renormalised (unweighted if every weight is 0), then disabled subnets zeroed and the rest
 * renormalised. Returns U64F64 shares in input order.
 */
export function subnetShares(subnets: readonly SubnetShareInput[]): bigint[] {
  const total = subnets.reduce((a, s) => satAdd(U64F64, a, s.movingPrice), ZERO);
  const shares = subnets.map((s) => (total === ZERO ? ZERO : safeDiv(U64F64, s.movingPrice, total)));
  const one = U64F64.one;
  const weighted = shares.map((sh, i) => {
    const burned = subnets[i]!.minerBurned < one ? subnets[i]!.minerBurned : one;
    return satMul(U64F64, sh, satSub(U64F64, one, burned));
  });
  const normalize = (v: bigint[]) => {
    const sum = v.reduce((a, b) => satAdd(U64F64, a, b), ZERO);
    return sum === ZERO ? null : v.map((x) => safeDiv(U64F64, x, sum));
  };
  const priced = normalize(weighted) ?? shares;
  const enabled = priced.map((sh, i) => (subnets[i]!.emissionEnabled ? sh : ZERO));
  return subnets.every((s) => s.emissionEnabled) ? priced : (normalize(enabled) ?? enabled);
}

/** TAO emission per subnet this block: `block_emission · share` (U96F32). */
export function subnetTaoEmissions(blockEmission: bigint, shares: readonly bigint[]): bigint[] {
  return shares.map((sh) => satMul(U96F32, u96(blockEmission), convert(U64F64, U96F32, sh)));
}

// ---------------------------------------------------------------------------------------------
// Injection terms (§5.4) and the split of alpha_out (§5.5)
// ---------------------------------------------------------------------------------------------

export interface SubnetTermsInput {
  /** This subnet's TAO emission (U96F32). */
  taoEmission: bigint;
  /** `get_block_emission_for_issuance(alpha issuance)` in rao. */
  alphaEmission: bigint;
  /** Current spot price (U96F32; 0 for an empty pool). */
  price: bigint;
  /** `root_proportion` (U96F32). */
  rootProportion: bigint;
}

export interface SubnetTerms {
  taoIn: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  excessTao: bigint;
}

/**
 * `get_subnet_terms`: the TAO and alpha injected into the pool, capped at root_prop × alpha
 * emission (the TAO that can no longer be injected becomes excess TAO for chain buys), and the
 * alpha minted for participants. U96F32.
 */
export function subnetTerms(t: SubnetTermsInput): SubnetTerms {
  const alphaEmission = u96(t.alphaEmission);
  let taoIn = t.taoEmission;
  let alphaIn = t.price === ZERO ? ZERO : safeDiv(U96F32, t.taoEmission, t.price);
  const cap = satMul(U96F32, t.rootProportion, alphaEmission);
  if (alphaIn > cap) {
    alphaIn = cap;
    taoIn = satMul(U96F32, alphaIn, t.price);
  }
  return { taoIn, alphaIn, alphaOut: alphaEmission, excessTao: satSub(U96F32, t.taoEmission, taoIn) };
}

export interface AlphaOutSplit {
  /** Rao added to `PendingOwnerCut`. */
  ownerCut: bigint;
  /** Rao added to `PendingServerEmission`. */
  server: bigint;
  /** Rao added to `PendingValidatorEmission`. */
  validator: bigint;
  /** Rao of root alpha: to `PendingRootAlphaDivs` when root sells, else recycled. */
  rootAlpha: bigint;
  rootSell: boolean;
}

/** `get_float_subnet_owner_cut`: `SubnetOwnerCut / 65535` in U96F32. */
export function ownerCutFraction(ownerCutU16: number): bigint {
  return safeDiv(U96F32, u96(ownerCutU16), u96(65535));
}

/**
 * `emit_to_subnets`, step 3: owner cut first (if enabled), then half of the rest to miners, and
 * of the validators' half the root proportion goes to root stakers.
 */
export function splitAlphaOut(alphaOut: bigint, ownerCutU16: number, ownerCutEnabled: boolean, rootProportion: bigint, rootSell: boolean): AlphaOutSplit {
  let rest = alphaOut;
  let ownerCut = ZERO;
  if (ownerCutEnabled) {
    const cut = satMul(U96F32, rest, ownerCutFraction(ownerCutU16));
    rest = satSub(U96F32, rest, cut);
    ownerCut = toU64(U96F32, cut);
  }
  const rootAlpha = satMul(U96F32, satMul(U96F32, rootProportion, rest), HALF_U96);
  const server = satMul(U96F32, rest, HALF_U96);
  const validator = satSub(U96F32, satSub(U96F32, rest, server), rootAlpha);
  return { ownerCut, server: toU64(U96F32, server), validator: toU64(U96F32, validator), rootAlpha: toU64(U96F32, rootAlpha), rootSell };
}

/** `get_network_root_sell_flag`: root alpha is sold only while Σ moving prices > 1. */
export function rootSellFlag(movingPrices: readonly bigint[]): boolean {
  return movingPrices.reduce((a, p) => satAdd(U64F64, a, p), ZERO) > U64F64.one;
}

// ---------------------------------------------------------------------------------------------
// Moving price (§5.7)
// ---------------------------------------------------------------------------------------------

export interface MovingPriceInput {
  /** `SubnetMovingPrice` (I96F32). */
  moving: bigint;
  /** Current spot price (U64F64). */
  spotPrice: bigint;
  block: bigint;
  /** `FirstEmissionBlockNumber` (0 when unset). */
  firstEmissionBlock: bigint;
  /** `SubnetMovingAlpha` (I96F32). */
  movingAlpha: bigint;
  /** `EMAPriceHalvingBlocks`. */
  halvingBlocks: bigint;
}

/**
 * `update_moving_price`: `α = SubnetMovingAlpha · b/(b+h)` with b the blocks since start_call,
 * then `α·min(price, 1) + (1−α)·moving`, in U64F64, stored as I96F32 (fraction floored).
 */
export function updateMovingPrice(m: MovingPriceInput): bigint {
  const startCall = m.firstEmissionBlock > 0n ? m.firstEmissionBlock - 1n : 0n;
  const b = u64f64(m.block > startCall ? m.block - startCall : 0n);
  const alpha = satMul(U64F64, convert(I96F32, U64F64, m.movingAlpha), safeDiv(U64F64, b, satAdd(U64F64, b, u64f64(m.halvingBlocks))));
  const oneMinus = satSub(U64F64, U64F64.one, alpha);
  const price = m.spotPrice < U64F64.one ? m.spotPrice : U64F64.one;
  const next = satAdd(U64F64, satMul(U64F64, alpha, price), satMul(U64F64, oneMinus, convert(I96F32, U64F64, m.moving)));
  return convert(U64F64, I96F32, next);
}

// ---------------------------------------------------------------------------------------------
// Flow-share normalisation (subnet_emissions.rs; the TAO-flow share path)
// ---------------------------------------------------------------------------------------------

/** `I32F32::from_str("1.442695")`: the decimal rounded to nearest. */
const LOG2_E = (1_442_695n * (1n << 32n) + 500_000n) / 1_000_000n;

/** substrate-fixed `ln` for I32F32: `log2(x) / 1.442695`; null for x ≤ 0. */
export function lnI32F32(x: bigint): bigint | null {
  const l2 = log2(I32F32, x);
  return l2 === null ? null : (l2 << 32n) / LOG2_E;
}

/** safe-math `checked_sqrt(epsilon)`: bisection until |x/mid − mid| ≤ ε or 128 more steps. */
export function checkedSqrtU64F64(x: bigint, epsilon: bigint): bigint {
  const one = U64F64.one;
  const two = u64f64(2);
  let [high, low] = x > one ? [x, ZERO] : [one, x];
  let middle = safeDiv(U64F64, satAdd(U64F64, high, low), two);
  let check = safeDiv(U64F64, x, middle);
  for (let iteration = 0; (check > middle ? check - middle : middle - check) > epsilon; ) {
    if (check < middle) high = middle;
    else low = middle;
    middle = safeDiv(U64F64, satAdd(U64F64, high, low), two);
    check = safeDiv(U64F64, x, middle);
    if (++iteration > 128) break;
  }
  return middle;
}

/** `safe_pow`: `exp(p · ln(v))` through I32F32; 0 when ln fails, I32F32(i32::MAX) when exp does. */
function safePow(v: bigint, p: bigint): bigint {
  const ln = lnI32F32(convert(U64F64, I32F32, v));
  if (ln === null) return ZERO;
  const e = exp(I32F32, satMul(I32F32, convert(U64F64, I32F32, p), ln)) ?? fromInt(I32F32, 2147483647);
  return convert(I32F32, U64F64, e);
}

/**
 * `inplace_pow_normalize`: scale to max 1, rescale to use I32F32's range, then `x^p / Σ x^p`.
 * Values stay merely max-scaled when they are all too small for I32F32. U64F64 in and out.
 */
export function inplacePowNormalize(flows: bigint[], p: bigint): void {
  if (flows.length === 0) return;
  let max = flows.reduce((a, b) => (b > a ? b : a), ZERO);
  const factor = safeDiv(U64F64, U64F64.one, max);
  for (let i = 0; i < flows.length; i++) flows[i] = satMul(U64F64, factor, flows[i]!);
  max = flows.reduce((a, b) => (b > a ? b : a), ZERO);
  const maxTimesCount = satMul(U64F64, u64f64(flows.length), satMul(U64F64, max, max));
  const i32Max = u64f64(2147483647);
  if (maxTimesCount < safeDiv(U64F64, i32Max, u64f64((1n << 64n) - 1n))) return;
  const epsilon = safeDiv(U64F64, U64F64.one, u64f64(1000));
  const flowFactor = checkedSqrtU64F64(safeDiv(U64F64, i32Max, maxTimesCount), epsilon);
  const powered = flows.map((f) => safePow(satMul(U64F64, flowFactor, f), p));
  const total = powered.reduce((a, b) => a + b, ZERO);
  for (let i = 0; i < flows.length; i++) flows[i] = safeDiv(U64F64, powered[i]!, total);
}

// ---------------------------------------------------------------------------------------------
// Mechanism split (§2.7) and network lock cost (§7.4)
// ---------------------------------------------------------------------------------------------

/**
 * `split_emissions`: an even integer split, or by a u16 split vector summing to 65535, with the
 * rounding remainder going to mechanism 0.
 */
export function splitEmissions(alpha: bigint, mechanismCount: number, split?: readonly number[]): bigint[] {
  if (mechanismCount <= 0) throw new RangeError("split_emissions needs at least one mechanism");
  const parts = split
    ? split.map((s) => (alpha * BigInt(s)) / 65535n)
    : new Array<bigint>(mechanismCount).fill(alpha / BigInt(mechanismCount));
  if (parts.length !== mechanismCount) throw new RangeError(`split has ${parts.length} parts for ${mechanismCount} mechanisms`);
  parts[0] = alpha - parts.slice(1).reduce((a, b) => a + b, ZERO);
  return parts;
}

export interface LockCostInput {
  lastLock: bigint;
  lastLockBlock: bigint;
  now: bigint;
  minLock: bigint;
  /** `NetworkLockReductionInterval` in blocks. */
  reductionInterval: bigint;
  /** Current block emission in rao (the interval shrinks after halvings). */
  blockEmission: bigint;
}

/**
 * `get_network_lock_cost`: the last lock doubled (once a subnet has registered), decaying
 * linearly back over the reduction interval, never below the minimum.
 */
export function networkLockCost(c: LockCostInput): bigint {
  const mult = c.lastLockBlock === 0n ? 1n : 2n;
  const interval = (c.reductionInterval * c.blockEmission) / 1_000_000_000n;
  const perBlock = interval === 0n ? 0n : c.lastLock / interval;
  const elapsed = c.now > c.lastLockBlock ? c.now - c.lastLockBlock : 0n;
  const decayed = c.lastLock * mult - perBlock * elapsed;
  return decayed > c.minLock ? decayed : c.minLock;
}
