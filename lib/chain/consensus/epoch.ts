/**
 * One subnet epoch, exactly as subtensor's sparse `epoch_mechanism` computes it
 * (pallets/subtensor/src/epoch/run_epoch.rs). Pure: plain data in, plain data out.
 * Each step cites the section of reference/subtensor-spec.md it mirrors.
 *
 * I32F32 values are raw bits in exact doubles (../math/fast.ts); the I64F64 stake and the
 * I96F32 emission amounts, which need more range, are computed in bigint.
 */
import * as F from "../math/fast";
import { I32F32, I64F64, I96F32, U64_MAX, U96F32, convert, fromInt, safeDiv, satAdd, satDiv, satMul, toU64 } from "../math/fixed";
import {
  type Csr,
  CsrBuilder,
  colClipSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  maskDiagSparse,
  maskDiagSparseExceptIndex,
  maskRowsSparse,
  matEmaAlphaSparse,
  matEmaSparse,
  matVecMulSparse,
  matmulSparse,
  matmulTransposeSparse,
  rowHadamardSparse,
  rowSumSparse,
  scalarVecMaskSparseMatrix,
  vecMaskSparseMatrix,
  weightedMedianColSparse,
} from "../math/sparse";
import { exp, expFast, inFastExpRange } from "../math/transcendental";
import {
  type Vec,
  fixedProportionToU16,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalizeUsingSum,
  isTopkNonzero,
  isZero,
  normalize,
  sum,
  u16ProportionToFixed,
  vecMul,
  vecdiv,
  isTopk,
} from "../math/vector";
import { inplaceNormalize64, vecMaxUpscaleToU16 } from "../math/wide";

import { type U16Matrix, type U16Row, isU16Matrix, u16MatrixFromRows } from "./u16-matrix";

export type { U16Matrix, U16Row };

export interface EpochParams {
  /** Subnet tempo in blocks. */
  tempo: number;
  /** Activity cutoff in blocks (see {@link activityCutoffBlocks}). */
  activityCutoff: number;
  /** `Kappa` (u16; majority = kappa/65535). */
  kappa: number;
  /** `BondsPenalty` (u16). */
  bondsPenalty: number;
  /** `BondsMovingAverage` (per million). */
  bondsMovingAverage: number;
  maxAllowedValidators: number;
  /** `Yuma3On`. */
  yuma3: boolean;
  /** `LiquidAlphaOn`. */
  liquidAlpha: boolean;
  /** `AlphaValues` (u16 low, u16 high). */
  alphaLow: number;
  alphaHigh: number;
  /** `AlphaSigmoidSteepness` (i16). */
  alphaSigmoidSteepness: number;
  /** `StakeThreshold` in rao of weighted stake. */
  stakeThreshold: bigint;
  /** `TaoWeight` as u64 (fraction = taoWeight / u64::MAX). */
  taoWeight: bigint;
  /** Commit-reveal weights enabled: then `commitBlocks` masks weights (§2.3 step 5). */
  commitReveal: boolean;
  /**
   * Which subtensor's epoch: `"dtao"` (current main, the default) or `"2024"` (v1.1.3, the
   * seed2024 preset; subtensor-2024-spec.md §5.2): permits by plain top-k, bonds masked by the
   * outdated rule, rank/trust/pruning scores stored, bond rows kept for uids without permits.
   */
  era?: "dtao" | "2024";
}

export interface EpochInput {
  /** Current block number. */
  block: bigint;
  params: EpochParams;
  /** Per uid: the hotkey's alpha stake on the subnet (rao, after child/parent inheritance). */
  alphaStake: readonly bigint[];
  /** Per uid: the hotkey's root (TAO) stake; the epoch weights it by `taoWeight`. Omitted means zero. */
  taoStake?: readonly bigint[];
  lastUpdate: readonly bigint[];
  blockAtRegistration: readonly bigint[];
  /** Validator permits from the previous epoch. */
  validatorPermit: readonly boolean[];
  /** `Weights` (max-upscaled u16, explicit zeros kept); rows may list uids in any order. */
  weights: U16Matrix | readonly U16Row[];
  /** `Bonds` (u16). */
  bonds: U16Matrix | readonly U16Row[];
  /** The subnet owner's uid, if its hotkey is registered. */
  ownerUid: number | null;
  /** Per uid: earliest unexpired commit block, `U64_MAX` for none (used when commit-reveal is on). */
  commitBlocks?: readonly bigint[];
  /** `LastMechansimStepBlock`: 0 when the epoch runs outside coinbase. */
  lastMechanismStepBlock: bigint;
  /** Alpha (rao) to distribute: server + validator (+ root) pending emission. */
  raoEmission: bigint;
}

/** What subtensor persists from an epoch, per uid (spec §2.7). */
export interface EpochOutput {
  active: boolean[];
  stakeWeight: number[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  validatorTrust: number[];
  newValidatorPermit: boolean[];
  /** New `Bonds`; rows of uids without a new permit are empty. */
  bonds: U16Matrix;
  /** Rao to miners (incentive share of `raoEmission`). */
  serverEmission: bigint[];
  /** Rao to validators (dividend share). */
  validatorEmission: bigint[];
  /** `Emission` storage: the combined normalised emission × `raoEmission`. */
  emission: bigint[];
  /** 2024 era only: `Rank` (u16 of normalised ranks, equal to incentive). */
  rank?: number[];
  /** 2024 era only: `Trust` = ranks after clipping / ranks before. */
  trust?: number[];
  /** 2024 era only: `PruningScores` = vec_max_upscale_to_u16(combined emission). */
  pruningScores?: number[];
}

/**
 * The intermediate values of one epoch, in the order the chain computes them (spec §2.3), for
 * explaining an epoch. Pass an empty object to {@link runEpoch} and it is filled; without one
 * nothing is recorded or copied. Vectors are I32F32 bits (divide by 2^32); matrices are Csr of
 * I32F32 bits; each matrix is a snapshot of that step (later in-place steps do not change it).
 */
export interface EpochTrace {
  /** §2.3.1 */
  cutoff?: number;
  active?: boolean[];
  /** §2.3.2: `tao_weight` (I64F64 bits), per uid the weighted stake alpha + tao_weight·tao (I64F64 bits) before the threshold, after it, and normalised (I32F32). */
  taoWeight?: bigint;
  stakeRaw?: bigint[];
  stakeFiltered?: bigint[];
  stake?: Vec;
  /** §2.3.3 */
  permitPrev?: boolean[];
  newPermit?: boolean[];
  /** §2.3.4 */
  activeStake?: Vec;
  /** §2.3.5: the weights as loaded (u16 values as integers, I32F32 bits), after each mask, and row-normalised (`W`). */
  weightsLoaded?: Csr;
  weightsPermitMasked?: Csr;
  weightsDiagMasked?: Csr;
  weightsOutdatedMasked?: Csr;
  weightsCommitMasked?: Csr;
  weights?: Csr;
  /** §2.3.6: kappa as I32F32 bits, consensus per uid. */
  kappa?: number;
  consensus?: Vec;
  /** §2.3.7 */
  clipped?: Csr;
  validatorTrust?: Vec;
  /** §2.3.8 */
  ranks?: Vec;
  incentive?: Vec;
  /** §2.3.9: the bonds penalty as I32F32 bits and `Wb`. */
  bondsPenalty?: number;
  weightsForBonds?: Csr;
  /** §2.3.10: the block bonds of uids registered since are masked from, the bonds as loaded, masked (and column-normalised in original Yuma). */
  lastTempo?: number;
  bondsLoaded?: Csr;
  bondsMasked?: Csr;
  /** Original Yuma: ΔB column-normalised, the fixed EMA alpha. */
  bondsDelta?: Csr;
  emaAlpha?: number;
  /** Yuma3 with liquid alpha: α per entry of `weightsForBonds`. */
  liquidAlpha?: Float64Array;
  /** The EMA bonds (original Yuma: column-normalised, before the max-upscale). */
  emaBonds?: Csr;
  /** Yuma3: the column-normalised EMA and each validator's bonds · incentive. */
  emaBondsNormalized?: Csr;
  totalBondsPerValidator?: Vec;
  dividends?: Vec;
  /** §2.6 */
  emissionSum?: number;
  serverNorm?: Vec;
  validatorNorm?: Vec;
  combinedNorm?: Vec;
  /** Which fallback the zero-sum rule took: none, the active stake or the stake. */
  emissionFallback?: "none" | "activeStake" | "stake";
  /** 2024: the ranks before clipping (their ratio with `ranks` is trust). */
  preRanks?: Vec;
  /** §2.7: what runEpoch returns. */
  output?: EpochOutput;
}

/** `get_activity_cutoff_blocks`: `max(1, floor(factor_milli · tempo / 1000))`. */
export function activityCutoffBlocks(factorMilli: number, tempo: number): number {
  return Math.max(1, Math.floor((factorMilli * tempo) / 1000));
}

/** `BondsMovingAverage` (per million) → EMA alpha: `1 − I32F32(I64F64(x)/1e6)` (§2.4). */
export function bondsEmaAlpha(bondsMovingAverage: number): number {
  const ratio = safeDiv(I64F64, fromInt(I64F64, bondsMovingAverage), fromInt(I64F64, 1_000_000));
  return F.ONE - Number(ratio >> 32n);
}

const HALF = F.ONE / 2;
const MINUS_HUNDRED = -100 * F.ONE;

/** `steepness / −100` (saturating_div, truncated), the same for every bond of an epoch. */
let lastSteepness = NaN;
let lastFactor = 0;
function steepnessFactor(steepness: number): number {
  if (steepness !== lastSteepness) {
    lastFactor = F.div(steepness, MINUS_HUNDRED);
    lastSteepness = steepness;
  }
  return lastFactor;
}

function clamp(v: number, lo: number, hi: number): number {
  const capped = v < hi ? v : hi;
  return capped > lo ? capped : lo;
}

/** `1 / (1 + safe_exp(z))` with saturating ops; wide exponents go through bigint. */
function logistic(z: number): number {
  if (inFastExpRange(z)) return F.div(F.ONE, F.ONE + expFast(z));
  const e = exp(I32F32, BigInt(z)) ?? 0n; // safe_exp: 0 on error
  return Number(satDiv(I32F32, I32F32.one, satAdd(I32F32, I32F32.one, e)));
}

/** Logistic values already computed this epoch, keyed by exponent, with the last one at hand. */
export class LogisticMemo {
  private readonly values = new Map<number, number>();
  private lastZ = NaN;
  private lastValue = 0;

  get(z: number): number {
    if (z === this.lastZ) return this.lastValue;
    let v = this.values.get(z);
    if (v === undefined) {
      v = logistic(z);
      this.values.set(z, v);
    }
    this.lastZ = z;
    this.lastValue = v;
    return v;
  }
}

/**
 * `alpha_sigmoid` (§2.5): the per-bond EMA rate of liquid alpha. All values I32F32 bits.
 * A {@link LogisticMemo} spares the exp series where bonds share an exponent, as most do at
 * steady state; the result is the same either way.
 */
export function alphaSigmoid(
  consensus: number,
  weight: number,
  bond: number,
  alphaLow: number,
  alphaHigh: number,
  steepness: number,
  memo?: LogisticMemo,
): number {
  const diffBuy = clamp(weight - consensus, 0, F.ONE);
  const diffSell = clamp(bond - weight, 0, F.ONE);
  const d = weight >= bond ? diffBuy : diffSell;
  const z = F.mul(steepnessFactor(steepness), d - HALF);
  const sigmoid = memo ? memo.get(z) : logistic(z);
  return clamp(alphaLow + F.mul(sigmoid, alphaHigh - alphaLow), alphaLow, alphaHigh);
}

/**
 * `compute_liquid_alpha_values_sparse`, one α per entry of the new weights. Subtensor fills a
 * dense n×n matrix, but `mat_ema_alpha_sparse` only reads α where the new row has an entry, so
 * only those are computed.
 */
function liquidAlpha(weights: Csr, bonds: Csr, consensus: Vec, p: EpochParams): Float64Array {
  const low = u16ProportionToFixed(p.alphaLow);
  const high = u16ProportionToFixed(p.alphaHigh);
  const steepness = p.alphaSigmoidSteepness * F.ONE;
  const alpha = new Float64Array(weights.val.length);
  const memo = new LogisticMemo();
  for (let i = 0; i < weights.rows; i++) {
    let kb = bonds.ptr[i]!;
    const eb = bonds.ptr[i + 1]!;
    for (let k = weights.ptr[i]!; k < weights.ptr[i + 1]!; k++) {
      const j = weights.col[k]!;
      while (kb < eb && bonds.col[kb]! < j) kb++;
      const bond = kb < eb && bonds.col[kb] === j ? bonds.val[kb]! : 0;
      alpha[k] = alphaSigmoid(consensus[j]!, weights.val[k]!, bond, low, high, steepness, memo);
    }
  }
  return alpha;
}

/** Stored u16 rows → Csr over the first n rows and columns, values mapped. */
function loadSparse(stored: U16Matrix | readonly U16Row[], n: number, map: (v: number) => number): Csr {
  const m = isU16Matrix(stored) ? stored : u16MatrixFromRows(stored);
  const b = new CsrBuilder(n, m.col.length);
  for (let i = 0; i < n; i++) {
    if (i < m.rows) {
      for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) if (m.col[k]! < n) b.push(m.col[k]!, map(m.val[k]!));
    }
    b.endRow();
  }
  return b.build();
}

function checkLengths(input: EpochInput, n: number): void {
  const vectors: [string, readonly unknown[]][] = [
    ["lastUpdate", input.lastUpdate],
    ["blockAtRegistration", input.blockAtRegistration],
    ["validatorPermit", input.validatorPermit],
  ];
  if (input.taoStake) vectors.push(["taoStake", input.taoStake]);
  if (input.commitBlocks) vectors.push(["commitBlocks", input.commitBlocks]);
  for (const [name, v] of vectors) {
    if (v.length !== n) throw new RangeError(`epoch: ${name} has ${v.length} entries for ${n} uids`);
  }
  if (input.ownerUid !== null && (input.ownerUid < 0 || input.ownerUid >= n)) {
    throw new RangeError(`epoch: ownerUid ${input.ownerUid} is not a uid of a ${n}-uid subnet`);
  }
}

/** Block numbers as doubles for the masks: exact below 2^53, and u64::MAX stays the largest. */
const blocks = (v: readonly bigint[]) => Float64Array.from(v, Number);

/**
 * `get_tao_weight`: `TaoWeight / u64::MAX` computed in U96F32 (u64::MAX does not fit I64F64, so
 * the division must not happen there). Returns U96F32 bits.
 */
export function taoWeightFraction(taoWeight: bigint): bigint {
  return safeDiv(U96F32, fromInt(U96F32, taoWeight), fromInt(U96F32, U64_MAX));
}

/** `tao_weight` as the stake weights use it: {@link taoWeightFraction} in I64F64 bits. */
export function taoWeightI64F64(taoWeight: bigint): bigint {
  return convert(U96F32, I64F64, taoWeightFraction(taoWeight));
}

/**
 * A hotkey's weighted stake `alpha + tao_weight·tao` in I64F64 bits
 * (`get_stake_weights_for_hotkey_on_subnet`), for the epoch's stake weights and set_weights'
 * stake check alike; `taoWeight` from {@link taoWeightI64F64}.
 */
export function weightedStake(alpha: bigint, tao: bigint, taoWeight: bigint): bigint {
  return satAdd(I64F64, fromInt(I64F64, alpha), satMul(I64F64, taoWeight, fromInt(I64F64, tao)));
}

/** §2.3.2: alpha + tao_weight·tao in I64F64, the threshold filter, normalise, cast to I32F32. */
function stakeWeights(input: EpochInput, trace?: EpochTrace): Vec {
  const p = input.params;
  const taoWeight = taoWeightI64F64(p.taoWeight);
  const traced: bigint[] | null = trace ? (trace.stakeRaw = []) : null;
  const raw = input.alphaStake.map((alpha, i) => {
    const s = weightedStake(alpha, input.taoStake?.[i] ?? 0n, taoWeight);
    if (traced) traced.push(s);
    return i !== input.ownerUid && toU64(I64F64, s) < p.stakeThreshold ? 0n : s;
  });
  if (trace) {
    trace.taoWeight = taoWeight;
    trace.stakeFiltered = raw.slice();
  }
  inplaceNormalize64(raw);
  return raw.map((x) => Number(x >> 32n)); // fixed64_to_fixed32: floor; a share ≤ 1 always fits
}

/** A snapshot of a matrix a later step changes in place. */
const snap = (m: Csr): Csr => ({ rows: m.rows, ptr: m.ptr, col: m.col, val: m.val.slice() });

/**
 * Run `epoch_mechanism` for one mechanism of one subnet. With `trace`, every intermediate step
 * is recorded into it as well ({@link EpochTrace}); the result is the same.
 */
export function runEpoch(input: EpochInput, trace?: EpochTrace): EpochOutput {
  const p = input.params;
  const era2024 = p.era === "2024";
  const n = input.alphaStake.length;
  checkLengths(input, n);
  if (era2024 && (input.ownerUid !== null || p.yuma3)) throw new RangeError("epoch: the 2024 epoch has no owner uid and no Yuma3");
  const block = input.block;
  const owner = input.ownerUid;
  const lastUpdate = blocks(input.lastUpdate);
  const registered = blocks(input.blockAtRegistration);

  // §2.3.1 Activity: inactive when last_update + cutoff < block.
  const cutoff = BigInt(p.activityCutoff);
  const active = input.lastUpdate.map((u) => !(u + cutoff < block));
  const inactive = active.map((a) => !a);
  if (trace) {
    trace.cutoff = p.activityCutoff;
    trace.active = active.slice();
  }

  // §2.3.2 Stake.
  const stake = stakeWeights(input, trace);

  // §2.3.3 Validator permits: last epoch's mask this one; new ones from top-k stake.
  const permitPrev = input.validatorPermit.map((v, i) => v || i === owner);
  const forbids = permitPrev.map((v) => !v);
  const newPermit = era2024 ? isTopk(stake, p.maxAllowedValidators) : isTopkNonzero(stake, p.maxAllowedValidators);
  if (owner !== null) newPermit[owner] = true;
  if (trace) {
    trace.stake = stake.slice();
    trace.permitPrev = permitPrev.slice();
    trace.newPermit = newPermit.slice();
  }

  // §2.3.4 Active stake.
  const activeStake = stake.slice();
  inplaceMaskVector(inactive, activeStake);
  inplaceMaskVector(forbids, activeStake);
  inplaceNormalize(activeStake);
  if (trace) trace.activeStake = activeStake.slice();

  // §2.3.5 Weights: load, mask rows, diagonal, outdated, commit-reveal, row-normalise.
  let weights = loadSparse(input.weights, n, (w) => w * F.TWO32);
  if (trace) trace.weightsLoaded = snap(weights);
  weights = maskRowsSparse(forbids, weights);
  if (trace) trace.weightsPermitMasked = snap(weights);
  weights = owner !== null ? maskDiagSparseExceptIndex(weights, owner) : maskDiagSparse(weights);
  if (trace) trace.weightsDiagMasked = snap(weights);
  weights = vecMaskSparseMatrix(weights, lastUpdate, registered, (u, r) => u <= r);
  if (trace) trace.weightsOutdatedMasked = snap(weights);
  if (p.commitReveal) {
    const commits = blocks(input.commitBlocks ?? new Array<bigint>(n).fill(U64_MAX));
    weights = vecMaskSparseMatrix(weights, commits, registered, (cb, r) => cb < r);
    if (trace) trace.weightsCommitMasked = snap(weights);
  }
  inplaceRowNormalizeSparse(weights);
  if (trace) trace.weights = snap(weights);

  // §2.3.6 Consensus: stake-weighted median per column.
  const consensus = weightedMedianColSparse(activeStake, weights, n, u16ProportionToFixed(p.kappa));

  // §2.3.7 Clip at consensus; validator trust = row sums of clipped weights.
  const clipped = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clipped);

  // §2.3.8 Incentive = normalised ranks of clipped weights.
  const ranks = matmulSparse(clipped, activeStake, n);
  const incentive = normalize(ranks);

  // §2.3.9 Weights for bonds: interpolate towards the clipped weights by the bonds penalty.
  const weightsForBonds = interpolateSparse(weights, clipped, n, u16ProportionToFixed(p.bondsPenalty));
  if (trace) {
    trace.kappa = u16ProportionToFixed(p.kappa);
    trace.consensus = consensus.slice();
    trace.clipped = snap(clipped);
    trace.validatorTrust = validatorTrust.slice();
    trace.ranks = ranks.slice();
    trace.incentive = incentive.slice();
    trace.bondsPenalty = u16ProportionToFixed(p.bondsPenalty);
    trace.weightsForBonds = snap(weightsForBonds);
  }

  // §2.3.10 Bonds and dividends. Mask bonds to uids registered since the last epoch.
  const lastTempo =
    input.lastMechanismStepBlock === 0n
      ? Number(block > BigInt(p.tempo) ? block - BigInt(p.tempo) : 0n)
      : Number(input.lastMechanismStepBlock + 1n);
  const recentlyRegistered = (t: number, r: number) => t <= r;
  let emaBonds: Csr;
  let dividends: Vec;
  if (trace && !era2024) trace.lastTempo = lastTempo;
  if (p.yuma3) {
    // §2.5 Yuma3: bonds as u16 proportions, EMA (liquid alpha or fixed), no upscale.
    let bonds = loadSparse(input.bonds, n, u16ProportionToFixed); // fixed_to_fixed_u16_proportion(u16)
    if (trace) trace.bondsLoaded = snap(bonds);
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, registered, recentlyRegistered);
    if (trace) trace.bondsMasked = snap(bonds);
    if (p.liquidAlpha && consensus.some((c) => c !== 0)) {
      const alpha = liquidAlpha(weightsForBonds, bonds, consensus, p);
      if (trace) trace.liquidAlpha = alpha.slice();
      emaBonds = matEmaAlphaSparse(weightsForBonds, bonds, alpha);
    } else {
      if (trace) trace.emaAlpha = bondsEmaAlpha(p.bondsMovingAverage);
      emaBonds = matEmaSparse(weightsForBonds, bonds, bondsEmaAlpha(p.bondsMovingAverage));
    }
    const emaNorm: Csr = { ...emaBonds, val: emaBonds.val.slice() };
    inplaceColNormalizeSparse(emaNorm, n);
    const totalBondsPerValidator = rowSumSparse(matVecMulSparse(emaNorm, incentive));
    dividends = vecMul(totalBondsPerValidator, activeStake);
    inplaceNormalize(dividends);
    if (trace) {
      trace.emaBonds = snap(emaBonds);
      trace.emaBondsNormalized = snap(emaNorm);
      trace.totalBondsPerValidator = totalBondsPerValidator.slice();
    }
  } else {
    // §2.4 Original Yuma: bonds as integers, column-normalised, EMA with ΔB = W∘A.
    let bonds = loadSparse(input.bonds, n, (b) => b * F.TWO32);
    if (trace) trace.bondsLoaded = snap(bonds);
    bonds = era2024
      ? vecMaskSparseMatrix(bonds, lastUpdate, registered, (u, r) => u <= r) // 2024: the outdated rule
      : scalarVecMaskSparseMatrix(bonds, lastTempo, registered, recentlyRegistered);
    inplaceColNormalizeSparse(bonds, n);
    if (trace) trace.bondsMasked = snap(bonds);
    const delta = rowHadamardSparse(weightsForBonds, activeStake);
    inplaceColNormalizeSparse(delta, n);
    emaBonds = matEmaSparse(delta, bonds, bondsEmaAlpha(p.bondsMovingAverage));
    inplaceColNormalizeSparse(emaBonds, n);
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    if (trace) {
      trace.bondsDelta = snap(delta);
      trace.emaAlpha = bondsEmaAlpha(p.bondsMovingAverage);
      trace.emaBonds = snap(emaBonds);
    }
    inplaceColMaxUpscaleSparse(emaBonds, n);
  }
  if (trace) trace.dividends = dividends.slice();

  // §2.6 Emission split, with the zero-sum fallbacks to active stake, then stake.
  const combined = incentive.map((x, i) => x + (dividends[i] ?? 0));
  const emissionSum = sum(combined);
  const serverNorm = incentive.slice();
  let validatorNorm = dividends.slice();
  let combinedNorm = combined.slice();
  inplaceNormalizeUsingSum(serverNorm, emissionSum);
  inplaceNormalizeUsingSum(validatorNorm, emissionSum);
  inplaceNormalize(combinedNorm);
  if (emissionSum === 0) {
    const fallback = isZero(activeStake) ? stake : activeStake;
    validatorNorm = fallback.slice();
    combinedNorm = fallback.slice();
  }
  if (trace) {
    trace.emissionSum = emissionSum;
    trace.serverNorm = serverNorm.slice();
    trace.validatorNorm = validatorNorm.slice();
    trace.combinedNorm = combinedNorm.slice();
    trace.emissionFallback = emissionSum !== 0 ? "none" : isZero(activeStake) ? "stake" : "activeStake";
  }
  const raoFixed = fromInt(I96F32, input.raoEmission);
  const toRao = (norm: number) => toU64(I96F32, satMul(I96F32, BigInt(norm), raoFixed));

  // §2.7 Outputs as persisted: bond rows for uids with a new permit; the others are emptied,
  // except in the 2024 epoch, which leaves rows of uids that had no permit untouched.
  const previousBonds = era2024 ? (isU16Matrix(input.bonds) ? input.bonds : u16MatrixFromRows(input.bonds)) : null;
  const capacity = emaBonds.col.length + (previousBonds?.col.length ?? 0);
  const bondPtr = new Int32Array(n + 1);
  const bondCol = new Uint16Array(capacity);
  const bondVal = new Uint16Array(capacity);
  let nb = 0;
  for (let i = 0; i < n; i++) {
    if (newPermit[i]) {
      for (let k = emaBonds.ptr[i]!; k < emaBonds.ptr[i + 1]!; k++) {
        bondCol[nb] = emaBonds.col[k]!;
        bondVal[nb++] = fixedProportionToU16(emaBonds.val[k]!);
      }
    } else if (previousBonds && !permitPrev[i] && i < previousBonds.rows) {
      for (let k = previousBonds.ptr[i]!; k < previousBonds.ptr[i + 1]!; k++) {
        bondCol[nb] = previousBonds.col[k]!;
        bondVal[nb++] = previousBonds.val[k]!;
      }
    }
    bondPtr[i + 1] = nb;
  }
  const output: EpochOutput = {
    active,
    stakeWeight: stake.map(fixedProportionToU16),
    consensus: consensus.map(fixedProportionToU16),
    incentive: incentive.map(fixedProportionToU16),
    dividends: dividends.map(fixedProportionToU16),
    validatorTrust: validatorTrust.map(fixedProportionToU16),
    newValidatorPermit: newPermit,
    bonds: { rows: n, ptr: bondPtr, col: bondCol.subarray(0, nb), val: bondVal.subarray(0, nb) },
    serverEmission: serverNorm.map(toRao),
    validatorEmission: validatorNorm.map(toRao),
    emission: combinedNorm.map(toRao),
    ...(era2024 && {
      rank: incentive.map(fixedProportionToU16),
      trust: vecdiv(ranks, matmulSparse(weights, activeStake, n)).map(fixedProportionToU16),
      pruningScores: vecMaxUpscaleToU16(combinedNorm.map((x) => BigInt(x))),
    }),
  };
  if (trace) {
    if (era2024) trace.preRanks = matmulSparse(weights, activeStake, n);
    trace.output = output;
  }
  return output;
}
