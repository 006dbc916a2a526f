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
  u16ProportionTable,
  u16ProportionToFixed,
  vecMul,
  weightedMedian,
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
  return alphaOfDiff(sigmoidDiff(consensus, weight, bond), alphaLow, alphaHigh, steepness, memo);
}

/** `alpha_sigmoid`'s `d`: the buy or the sell difference, whichever the bond's side takes. */
function sigmoidDiff(consensus: number, weight: number, bond: number): number {
  const diffBuy = clamp(weight - consensus, 0, F.ONE);
  const diffSell = clamp(bond - weight, 0, F.ONE);
  return weight >= bond ? diffBuy : diffSell;
}

/** The rest of `alpha_sigmoid`, a function of `d` alone. */
function alphaOfDiff(d: number, alphaLow: number, alphaHigh: number, steepness: number, memo?: LogisticMemo): number {
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

/**
 * {@link stakeWeights} in doubles where no root stake counts (`tao_weight·tao` is 0 for every
 * uid) and the alpha kept past the threshold sums below 2^53; null elsewhere. There each
 * weighted stake is alpha·2^64 in I64F64, `inplace_normalize_64` gives floor(alpha·2^64 / Σ)
 * and the cast to I32F32 floors that by 2^32: floor(alpha·2^32 / Σ) by the nesting of floored
 * integer divisions, which is `F.div(alpha, Σ)` on exact integers.
 */
function stakeWeightsWithoutRoot(input: EpochInput): Vec | null {
  const p = input.params;
  const tao = input.taoStake;
  if (tao && taoWeightI64F64(p.taoWeight) !== 0n) for (let i = 0; i < tao.length; i++) if (tao[i] !== 0n) return null;
  const n = input.alphaStake.length;
  const out: Vec = new Array<number>(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const alpha = input.alphaStake[i]!;
    const kept = i === input.ownerUid || !(alpha < p.stakeThreshold) ? Number(alpha) : 0;
    out[i] = kept;
    total += kept;
  }
  if (!(total <= F.MAX_EXACT)) return null; // an alpha past 2^53 takes the total there too
  for (let i = 0; i < n; i++) out[i] = total === 0 ? 0 : F.div(out[i]!, total);
  return out;
}

/** A snapshot of a matrix a later step changes in place. */
const snap = (m: Csr): Csr => ({ rows: m.rows, ptr: m.ptr, col: m.col, val: m.val.slice() });

/**
 * Run `epoch_mechanism` for one mechanism of one subnet. With `trace`, every intermediate step
 * is recorded into it as well ({@link EpochTrace}); the result is the same.
 */
export function runEpoch(input: EpochInput, trace?: EpochTrace): EpochOutput {
  if (!trace && input.params.era !== "2024") {
    checkLengths(input, input.alphaStake.length);
    return runEpochFused(input);
  }
  return runEpochSteps(input, trace);
}

/**
 * The epoch step by step, one helper of `epoch/math.rs` per step as the Rust calls them: the
 * reference the fused kernel ({@link runEpochFused}) is tested against, and the path that
 * records a trace and runs the 2024 epoch.
 */
export function runEpochSteps(input: EpochInput, trace?: EpochTrace): EpochOutput {
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

// ---------------------------------------------------------------------------------------------
// The fused kernel
// ---------------------------------------------------------------------------------------------

/**
 * Scratch of {@link runEpochFused}, grown on demand and reused by every call: per-uid vectors
 * (`u*`, n or n + 1 long) and per-entry ones (`e*`, as long as the stored weights and bonds
 * together). The kernel runs to completion without calling out, so one set serves all calls;
 * everything it returns is freshly allocated, never a view of these.
 */
let uidCap = -1;
let entryCap = -1;
let uLastUpdate = new Float64Array(0);
let uRegistered = new Float64Array(0);
let uCommit = new Float64Array(0);
let uPermit = new Uint8Array(0);
let uHas = new Uint8Array(0);
let uActiveStake = new Float64Array(0);
let uPos = new Int32Array(0);
let uUseStake = new Float64Array(0);
let uColScore = new Float64Array(0);
let uCount = new Int32Array(0);
let uFill = new Int32Array(0);
let uConsensus = new Float64Array(0);
let uTrust = new Float64Array(0);
let uRanks = new Float64Array(0);
let uIncentive = new Float64Array(0);
let uDividends = new Float64Array(0);
let uColSum = new Float64Array(0);
let uColInv = new Float64Array(0);
let uBondRow = new Float64Array(0);
let uWPtr = new Int32Array(0);
let uBPtr = new Int32Array(0);
let uEPtr = new Int32Array(0);
let eWCol = new Int32Array(0);
let eWVal = new Float64Array(0);
let eBCol = new Int32Array(0);
let eBVal = new Float64Array(0);
let eECol = new Int32Array(0);
let eEVal = new Float64Array(0);
let eMedPos = new Int32Array(0);
let eMedVal = new Float64Array(0);

function ensureScratch(n: number, entries: number): void {
  if (n > uidCap) {
    const c = Math.max(n, 2 * uidCap, 16);
    uLastUpdate = new Float64Array(c);
    uRegistered = new Float64Array(c);
    uCommit = new Float64Array(c);
    uPermit = new Uint8Array(c);
    uHas = new Uint8Array(c);
    uActiveStake = new Float64Array(c);
    uPos = new Int32Array(c);
    uUseStake = new Float64Array(c);
    uColScore = new Float64Array(c);
    uCount = new Int32Array(c + 1);
    uFill = new Int32Array(c);
    uConsensus = new Float64Array(c);
    uTrust = new Float64Array(c);
    uRanks = new Float64Array(c);
    uIncentive = new Float64Array(c);
    uDividends = new Float64Array(c);
    uColSum = new Float64Array(c);
    uColInv = new Float64Array(c);
    uBondRow = new Float64Array(c);
    uWPtr = new Int32Array(c + 1);
    uBPtr = new Int32Array(c + 1);
    uEPtr = new Int32Array(c + 1);
    uidCap = c;
  }
  if (entries > entryCap) {
    const c = Math.max(entries, 2 * entryCap, 64);
    eWCol = new Int32Array(c);
    eWVal = new Float64Array(c);
    eBCol = new Int32Array(c);
    eBVal = new Float64Array(c);
    eECol = new Int32Array(c);
    eEVal = new Float64Array(c);
    eMedPos = new Int32Array(c);
    eMedVal = new Float64Array(c);
    entryCap = c;
  }
}

/**
 * floor(w·2^32 / d) for a u16 w and an integer 0 < d < 2^32, given inv = fl(2^32 / d):
 * fl(w·inv) is within two ulps of the quotient (below 2^48), so within 1/16 of it, and its floor
 * is off by at most one; q·d stays below 2^53, so the correction compares exact integers.
 */
function quotient(w: number, d: number, inv: number): number {
  const num = w * F.TWO32;
  let q = Math.floor(w * inv);
  if (q * d > num) q -= 1;
  else if ((q + 1) * d <= num) q += 1;
  return q;
}

/** Ping-pong partitions of {@link columnMedian}: scores and stakes side by side. */
let medScore: Float64Array[] = [];
let medStake: Float64Array[] = [];

/**
 * `weighted_median` over one dense column of k scores (`score` from `offset`, by position among the
 * positive-stake rows) with the median stake (`stake`, likewise): the loop of {@link weightedMedian}
 * with the same pivots, order and comparisons, holding each partition's scores and stakes
 * instead of indices into them.
 */
function columnMedian(score: Float64Array, offset: number, stake: Float64Array, k: number, minority: number, stakeSum: number): number {
  if (medScore.length === 0 || medScore[0]!.length < k) {
    const c = Math.max(k, 16);
    medScore = [new Float64Array(c), new Float64Array(c), new Float64Array(c)];
    medStake = [new Float64Array(c), new Float64Array(c), new Float64Array(c)];
  }
  let cur = 0;
  let curScore: Float64Array = score;
  let off = offset; // the first level reads the column in place; the partitions start at 0
  let curStake: Float64Array = stake;
  let n = k;
  let lo = 0;
  let hi = stakeSum;
  for (;;) {
    if (n === 0) return 0;
    if (n === 1) return curScore[off]!;
    const pivot = curScore[off + (n >> 1)]!;
    const l = cur === 1 ? 0 : 1;
    const u = cur === 2 ? 0 : 2;
    const lowerScore = medScore[l]!;
    const lowerStake = medStake[l]!;
    const upperScore = medScore[u]!;
    const upperStake = medStake[u]!;
    let nl = 0;
    let nu = 0;
    let loStake = 0;
    let hiStake = 0;
    for (let q = 0; q < n; q++) {
      const sc = curScore[off + q]!;
      if (sc < pivot) {
        const st = curStake[q]!;
        loStake += st;
        lowerScore[nl] = sc;
        lowerStake[nl++] = st;
      } else if (sc > pivot) {
        const st = curStake[q]!;
        hiStake += st;
        upperScore[nu] = sc;
        upperStake[nu++] = st;
      }
    }
    const loEdge = F.add(lo, loStake);
    const hiEdge = F.add(hi, -hiStake);
    if (loEdge <= minority && minority < hiEdge) return pivot;
    if (minority < loEdge && nl > 0) {
      cur = l;
      off = 0;
      curScore = lowerScore;
      curStake = lowerStake;
      n = nl;
      hi = loEdge;
    } else if (hiEdge <= minority && nu > 0) {
      cur = u;
      off = 0;
      curScore = upperScore;
      curStake = upperStake;
      n = nu;
      lo = hiEdge;
    } else {
      return pivot;
    }
  }
}

/** What the fused pass does with each entry of the weights for bonds. */
const KEEP_WB = 0;
const LIQUID_EMA = 1;
const FIXED_EMA = 2;

/**
 * The largest k×n block of column scores the median reads densely (8 MiB); larger subnets
 * take per-column lists. Tests lower it to reach both.
 */
export const fusedKernelLimits = { denseMedian: 1 << 20 };
let denseBlock = new Float64Array(0);

/** The dense column-score block, zeroed over its first `size` entries. */
function denseScores(size: number): Float64Array {
  if (denseBlock.length < size) denseBlock = new Float64Array(Math.max(size, 2 * denseBlock.length));
  else denseBlock.fill(0, 0, size);
  return denseBlock;
}

/** §2.7 stored bonds from an EMA matrix: rows of uids with a new permit as u16, the others empty. */
function storedBonds(ema: Csr, newPermit: readonly boolean[], n: number): U16Matrix {
  let count = 0;
  for (let i = 0; i < n; i++) if (newPermit[i]) count += ema.ptr[i + 1]! - ema.ptr[i]!;
  const ptr = new Int32Array(n + 1);
  const col = new Uint16Array(count);
  const val = new Uint16Array(count);
  let nb = 0;
  for (let i = 0; i < n; i++) {
    if (newPermit[i]) {
      for (let e = ema.ptr[i]!, end = ema.ptr[i + 1]!; e < end; e++) {
        col[nb] = ema.col[e]!;
        val[nb++] = fixedProportionToU16(ema.val[e]!);
      }
    }
    ptr[i + 1] = nb;
  }
  return { rows: n, ptr, col, val };
}

/** `inplace_normalize` of the first n entries of a scratch vector. */
function normalizeScratch(v: Float64Array, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i]!;
  if (s > F.MAX_EXACT || s < -F.MAX_EXACT) throw new F.FastRangeError("a vector sum");
  if (s !== 0) for (let i = 0; i < n; i++) v[i] = F.div(v[i]!, s);
}

const TWO52 = 2 ** 52;

/**
 * `I96F32(norm) · I96F32(rao)` floored to u64: `floor(norm·rao / 2^32)`. That is `F.mul` of the
 * two as integers, exact while the product is below 2^85 and the result below 2^53: so for a
 * share norm ∈ [0, 2^33] and rao < 2^52. Otherwise bigint.
 */
function raoShare(norm: number, rao: number, raoFixed: bigint): bigint {
  if (rao < TWO52 && norm >= 0 && norm <= 2 * F.ONE) return BigInt(F.mul(norm, rao));
  return toU64(I96F32, satMul(I96F32, BigInt(norm), raoFixed));
}

/**
 * {@link runEpochSteps} for the dTAO epoch without a trace, bit for bit, in three fused passes
 * over typed scratch reused across calls. The first loads, masks and row-normalises the
 * weights (the masks only drop entries, so applied together they keep what applied in turn
 * they keep) and lays the median's columns out; then the column medians. The second clips
 * the weights at consensus, sums trust and ranks, forms the weights for bonds and, for Yuma3,
 * their EMA with the stored bonds (read through the u16 proportion table). The third divides
 * the EMA by its column sums, sums dividends and writes the stored bonds. Sums are of
 * non-negative exact integers, so their order does not change them; every product and
 * quotient is of proportions, in the range of `mulProp`/`divProp`, which match `mul`/`div`
 * exactly there. Original Yuma shares the first two passes and then calls the step helpers.
 * Inputs the proportions argument does not cover (a bonds moving average past 1e6) take the
 * step path whole.
 */
export function runEpochFused(input: EpochInput): EpochOutput {
  const p = input.params;
  const n = input.alphaStake.length;
  const owner = input.ownerUid;
  const block = input.block;
  // Every product below is of proportions in [0, 1] (or their differences), in mulProp's range;
  // a moving average past 1e6 would take the fixed EMA alpha out of it.
  const emaAlpha = bondsEmaAlpha(p.bondsMovingAverage);
  if (!(emaAlpha >= 0 && emaAlpha <= F.ONE)) return runEpochSteps(input);
  const weights = isU16Matrix(input.weights) ? input.weights : u16MatrixFromRows(input.weights);
  const stored = isU16Matrix(input.bonds) ? input.bonds : u16MatrixFromRows(input.bonds);
  ensureScratch(n, weights.col.length + stored.col.length);
  // Scratch in locals: module bindings cost a context load and a hole check at each use.
  const lastUpdate = uLastUpdate;
  const registered = uRegistered;
  const commit = uCommit;
  const permitted = uPermit;
  const hasEntries = uHas;
  const activeStake = uActiveStake;
  const position = uPos;
  const useStake = uUseStake;
  const colScore = uColScore;
  const count = uCount;
  const fill = uFill;
  const consensus = uConsensus;
  const trust = uTrust;
  const ranks = uRanks;
  const incentive = uIncentive;
  const dividends = uDividends;
  const colSum = uColSum;
  const colInv = uColInv;
  const bondRow = uBondRow;
  const wPtr = uWPtr;
  const bPtr = uBPtr;
  const ePtr = uEPtr;
  const wCol = eWCol;
  const wVal = eWVal;
  const bCol = eBCol;
  const bVal = eBVal;
  const eCol = eECol;
  const eVal = eEVal;
  const medPos = eMedPos;
  const medVal = eMedVal;

  // §2.3.1 Activity; block numbers as doubles for the masks (exact below 2^53, u64::MAX stays the largest).
  const cutoff = BigInt(p.activityCutoff);
  const active: boolean[] = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const u = input.lastUpdate[i]!;
    active[i] = !(u + cutoff < block);
    lastUpdate[i] = Number(u);
    registered[i] = Number(input.blockAtRegistration[i]!);
  }
  const commitReveal = p.commitReveal;
  if (commitReveal) {
    const commits = input.commitBlocks;
    for (let i = 0; i < n; i++) commit[i] = commits ? Number(commits[i]!) : Number(U64_MAX);
  }

  // §2.3.2–4 Stake, permits, active stake.
  const stake = stakeWeightsWithoutRoot(input) ?? stakeWeights(input);
  const newPermit = isTopkNonzero(stake, p.maxAllowedValidators);
  if (owner !== null) newPermit[owner] = true;
  for (let i = 0; i < n; i++) {
    const permit = input.validatorPermit[i] || i === owner;
    permitted[i] = permit ? 1 : 0;
    activeStake[i] = active[i] && permit ? stake[i]! : 0;
  }
  normalizeScratch(activeStake, n);

  // The median's stake: the positive active stakes, renormalised, by position.
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (activeStake[i]! > 0) {
      position[i] = k;
      useStake[k++] = activeStake[i]!;
    } else position[i] = -1;
  }
  normalizeScratch(useStake, k);
  let stakeSum = 0;
  for (let q = 0; q < k; q++) stakeSum += useStake[q]!;
  stakeSum = F.add(stakeSum, 0);
  const minority = F.add(stakeSum, -u16ProportionToFixed(p.kappa));

  // §2.3.5 Weights: every mask at once, then row-normalised in integer units: a row sum of u16
  // values is below 2^32, so w·2^32 / sum is a quotient of exact integers below 2^53.
  // §2.3.6 reads each column's scores over the positive-stake rows: with few enough of them
  // (k·n ≤ denseMedian) they go straight into a dense column-major k×n block, else into
  // per-column lists (counted here, filled after).
  const dense = k * n <= fusedKernelLimits.denseMedian;
  const scores = dense ? denseScores(k * n) : colScore;
  if (!dense) count.fill(0, 0, n + 1);
  hasEntries.fill(0, 0, n);
  let nw = 0;
  wPtr[0] = 0;
  for (let i = 0; i < n; i++) {
    const start = nw;
    if (permitted[i] === 1 && i < weights.rows) {
      const lu = lastUpdate[i]!;
      const cb = commitReveal ? commit[i]! : 0;
      let rowSum = 0;
      for (let e = weights.ptr[i]!, end = weights.ptr[i + 1]!; e < end; e++) {
        const j = weights.col[e]!;
        if (j >= n || (j === i && i !== owner)) continue;
        const r = registered[j]!;
        if (lu <= r || (commitReveal && cb < r)) continue;
        const w = weights.val[e]!;
        wCol[nw] = j;
        wVal[nw++] = w;
        rowSum += w;
      }
      // A zero sum leaves the row as loaded: all zeros.
      if (rowSum > 0) {
        const inv = F.TWO32 / rowSum;
        for (let e = start; e < nw; e++) wVal[e] = quotient(wVal[e]!, rowSum, inv);
      }
      const pos = position[i]!;
      if (pos >= 0) {
        for (let e = start; e < nw; e++) {
          const j = wCol[e]!;
          hasEntries[j] = 1;
          if (dense) scores[j * k + pos] = wVal[e]!;
          else count[j + 1]!++;
        }
      }
    }
    wPtr[i + 1] = nw;
  }

  // §2.3.6 Consensus: per column with entries, the same weighted median search as the step
  // path over its k scores (0 where a row has none); a column without is 0 either way.
  let anyConsensus = false;
  if (dense) {
    for (let c = 0; c < n; c++) {
      const m = hasEntries[c] === 1 ? columnMedian(scores, c * k, useStake, k, minority, stakeSum) : 0;
      consensus[c] = m;
      if (m !== 0) anyConsensus = true;
    }
  } else {
    for (let c = 0; c < n; c++) count[c + 1]! += count[c]!;
    for (let c = 0; c < n; c++) fill[c] = count[c]!;
    for (let i = 0; i < n; i++) {
      const pos = position[i]!;
      if (pos < 0) continue;
      for (let e = wPtr[i]!, end = wPtr[i + 1]!; e < end; e++) {
        const f = fill[wCol[e]!]!++;
        medPos[f] = pos;
        medVal[f] = wVal[e]!;
      }
    }
    scores.fill(0, 0, k);
    for (let c = 0; c < n; c++) {
      const start = count[c]!;
      const end = count[c + 1]!;
      if (start === end) {
        consensus[c] = 0;
        continue;
      }
      for (let e = start; e < end; e++) scores[medPos[e]!] = medVal[e]!;
      const m = columnMedian(scores, 0, useStake, k, minority, stakeSum);
      consensus[c] = m;
      if (m !== 0) anyConsensus = true;
      for (let e = start; e < end; e++) scores[medPos[e]!] = 0;
    }
  }

  // §2.3.7–9 and the Yuma3 EMA (§2.5) in one pass: clip at consensus; trust (row sums), ranks
  // (A·Wc) and the weights for bonds (interpolated by the penalty: W itself at 0, Wc at 1);
  // then at once each Wb entry's EMA with its stored bond (read through the u16 proportion
  // table, masked to uids registered before lastTempo): with liquid α only Wb's entries, with
  // the fixed α the union, as mat_ema_sparse merges. Original Yuma keeps Wb for the helpers.
  const lastTempo =
    input.lastMechanismStepBlock === 0n
      ? Number(block > BigInt(p.tempo) ? block - BigInt(p.tempo) : 0n)
      : Number(input.lastMechanismStepBlock + 1n);
  const beta = u16ProportionToFixed(p.bondsPenalty);
  const mode = !p.yuma3 ? KEEP_WB : p.liquidAlpha && anyConsensus ? LIQUID_EMA : FIXED_EMA;
  const proportion = u16ProportionTable();
  const low = u16ProportionToFixed(p.alphaLow);
  const high = u16ProportionToFixed(p.alphaHigh);
  const steepness = p.alphaSigmoidSteepness * F.ONE;
  const memo = new LogisticMemo();
  let lastD = NaN;
  let alpha = 0;
  let alphaHigh = 0;
  let alphaLow = 0;
  let restHigh = 0;
  let restLow = 0;
  const oneMinus = F.ONE - emaAlpha;
  ranks.fill(0, 0, n);
  colSum.fill(0, 0, n);
  if (mode === LIQUID_EMA) bondRow.fill(0, 0, n); // each row clears what it set; this survives a throw
  let nb = 0;
  let ne = 0;
  bPtr[0] = 0;
  ePtr[0] = 0;
  for (let i = 0; i < n; i++) {
    const a = activeStake[i]!;
    let t = 0;
    let kb = i < stored.rows ? stored.ptr[i]! : 0;
    const eb = i < stored.rows ? stored.ptr[i + 1]! : 0;
    if (mode === LIQUID_EMA) {
      // The row's bonds by column (0 where absent or masked: the EMA treats both alike).
      for (let x = kb; x < eb; x++) {
        const jb = stored.col[x]!;
        if (jb < n && !(lastTempo <= registered[jb]!)) bondRow[jb] = proportion[stored.val[x]!]!;
      }
    }
    for (let e = wPtr[i]!, end = wPtr[i + 1]!; e < end; e++) {
      const j = wCol[e]!;
      const v = wVal[e]!;
      const c = consensus[j]!;
      let clipped = v;
      let kept = true;
      if (c < v) {
        if (c > 0) clipped = c;
        else kept = false;
      }
      if (kept) {
        t += clipped;
        if (a !== 0) ranks[j] = ranks[j]! + F.mulProp(a, clipped);
      }
      let wb: number;
      if (beta === 0) wb = v;
      else if (beta === F.ONE) {
        if (!kept) continue;
        wb = clipped;
      } else {
        wb = v + F.mulProp(beta, (kept ? clipped : 0) - v);
        if (!(wb > 0)) continue;
      }
      if (mode === KEEP_WB) {
        bCol[nb] = j;
        bVal[nb++] = wb;
      } else if (mode === LIQUID_EMA) {
        // mat_ema_alpha_sparse: min(1, (1−α)·B + max(0, α·Wb)), α = alpha_sigmoid(C, Wb, B);
        // an absent bond decays to nothing, as a zero one does.
        const bond = bondRow[j]!;
        const d = sigmoidDiff(c, wb, bond);
        if (d !== lastD) {
          alpha = alphaOfDiff(d, low, high, steepness, memo); // α depends on the entry through d only
          lastD = d;
          alphaHigh = Math.floor(alpha / 65536);
          alphaLow = alpha - alphaHigh * 65536;
          restHigh = Math.floor((F.ONE - alpha) / 65536);
          restLow = F.ONE - alpha - restHigh * 65536;
        }
        // α·Wb and (1−α)·B as mulProp computes them (all in [0, 1]), with α and 1−α split once.
        const p1 = alphaHigh * wb;
        const p1h = Math.floor(p1 / 65536);
        let x = p1h + Math.floor(((p1 - p1h * 65536) * 65536 + alphaLow * wb) / F.TWO32);
        if (x < 0) x = 0;
        const p2 = restHigh * bond;
        const p2h = Math.floor(p2 / 65536);
        x += p2h + Math.floor(((p2 - p2h * 65536) * 65536 + restLow * bond) / F.TWO32);
        if (x > F.ONE) x = F.ONE;
        if (x > 0) {
          eCol[ne] = j;
          eVal[ne++] = x;
          colSum[j] = colSum[j]! + x;
        }
      } else {
        // mat_ema_sparse: α·Wb + (1−α)·B over the union, positive results kept.
        let old = 0;
        for (; kb < eb && stored.col[kb]! <= j; kb++) {
          const jb = stored.col[kb]!;
          if (lastTempo <= registered[jb]!) continue; // masked: as if absent
          if (jb === j) {
            old = proportion[stored.val[kb]!]!;
            continue;
          }
          const x = F.mulProp(oneMinus, proportion[stored.val[kb]!]!);
          if (x > 0) {
            eCol[ne] = jb;
            eVal[ne++] = x;
            colSum[jb] = colSum[jb]! + x;
          }
        }
        const x = F.mulProp(emaAlpha, wb) + F.mulProp(oneMinus, old);
        if (x > 0) {
          eCol[ne] = j;
          eVal[ne++] = x;
          colSum[j] = colSum[j]! + x;
        }
      }
    }
    if (mode === LIQUID_EMA) for (let x = kb; x < eb; x++) if (stored.col[x]! < n) bondRow[stored.col[x]!] = 0;
    if (mode === FIXED_EMA) {
      for (; kb < eb; kb++) {
        const jb = stored.col[kb]!;
        if (jb >= n || lastTempo <= registered[jb]!) continue;
        const x = F.mulProp(oneMinus, proportion[stored.val[kb]!]!);
        if (x > 0) {
          eCol[ne] = jb;
          eVal[ne++] = x;
          colSum[jb] = colSum[jb]! + x;
        }
      }
    }
    trust[i] = F.add(t, 0);
    bPtr[i + 1] = nb;
    ePtr[i + 1] = ne;
  }
  for (let j = 0; j < n; j++) incentive[j] = F.add(ranks[j]!, 0);
  normalizeScratch(incentive, n);

  // §2.3.10 Dividends, and the stored bonds: rows of uids with a new permit, the others emptied.
  let bonds: U16Matrix;
  if (mode !== KEEP_WB) {
    // Yuma3: Σ_j (EMA_ij / column sum_j) · I_j, times the active stake, normalised. An entry is
    // at most its column's sum (all are non-negative), so divProp takes the quotient. The
    // stored bonds are the raw EMA as u16.
    for (let j = 0; j < n; j++) {
      if (colSum[j]! > F.MAX_EXACT) throw new F.FastRangeError("a row or column sum");
      colInv[j] = F.TWO32 / colSum[j]!;
    }
    let bondCount = 0;
    for (let i = 0; i < n; i++) if (newPermit[i]) bondCount += ePtr[i + 1]! - ePtr[i]!;
    const bondPtr = new Int32Array(n + 1);
    const bondCol = new Uint16Array(bondCount);
    const bondVal = new Uint16Array(bondCount);
    let nbo = 0;
    for (let i = 0; i < n; i++) {
      const keep = newPermit[i];
      let total = 0;
      for (let e = ePtr[i]!, end = ePtr[i + 1]!; e < end; e++) {
        const j = eCol[e]!;
        const s = colSum[j]!;
        const v = eVal[e]!;
        total += F.mulProp(s !== 0 ? F.divProp(v, s, colInv[j]!) : v, incentive[j]!);
        if (keep) {
          bondCol[nbo] = j;
          bondVal[nbo++] = fixedProportionToU16(v);
        }
      }
      bondPtr[i + 1] = nbo;
      dividends[i] = F.mulProp(F.add(total, 0), activeStake[i]!);
    }
    normalizeScratch(dividends, n);
    bonds = { rows: n, ptr: bondPtr, col: bondCol, val: bondVal };
  } else {
    // §2.4 Original Yuma, through the step helpers from the weights for bonds on.
    const wb: Csr = { rows: n, ptr: bPtr.subarray(0, n + 1), col: bCol.subarray(0, nb), val: bVal.subarray(0, nb) };
    let b = loadSparse(stored, n, (x) => x * F.TWO32);
    b = scalarVecMaskSparseMatrix(b, lastTempo, registered.subarray(0, n), (t, r) => t <= r);
    inplaceColNormalizeSparse(b, n);
    const delta = rowHadamardSparse(wb, Array.from(activeStake.subarray(0, n)));
    inplaceColNormalizeSparse(delta, n);
    const ema = matEmaSparse(delta, b, emaAlpha);
    inplaceColNormalizeSparse(ema, n);
    const d = matmulTransposeSparse(ema, Array.from(incentive.subarray(0, n)));
    for (let i = 0; i < n; i++) dividends[i] = d[i]!;
    normalizeScratch(dividends, n);
    inplaceColMaxUpscaleSparse(ema, n);
    bonds = storedBonds(ema, newPermit, n);
  }

  // §2.6 Emission split, with the zero-sum fallbacks to active stake, then stake.
  let emissionSum = 0;
  for (let i = 0; i < n; i++) emissionSum += incentive[i]! + dividends[i]!;
  emissionSum = F.add(emissionSum, 0);
  let activeSum = 0;
  for (let i = 0; i < n; i++) activeSum += activeStake[i]!;
  const fallback = emissionSum !== 0 ? null : F.add(activeSum, 0) === 0 ? null : activeStake;
  const raoBig = input.raoEmission;
  const raoFixed = fromInt(I96F32, raoBig);
  const rao = Number(raoBig);
  const serverEmission: bigint[] = new Array<bigint>(n);
  const validatorEmission: bigint[] = new Array<bigint>(n);
  const emission: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const inc = incentive[i]!;
    const div = dividends[i]!;
    let serverNorm = inc;
    let validatorNorm = div;
    let combinedNorm = inc + div;
    if (emissionSum !== 0) {
      serverNorm = F.div(inc, emissionSum);
      validatorNorm = F.div(div, emissionSum);
      combinedNorm = F.div(combinedNorm, emissionSum);
    } else {
      validatorNorm = combinedNorm = fallback ? fallback[i]! : stake[i]!;
    }
    serverEmission[i] = raoShare(serverNorm, rao, raoFixed);
    validatorEmission[i] = raoShare(validatorNorm, rao, raoFixed);
    emission[i] = raoShare(combinedNorm, rao, raoFixed);
  }

  const stakeWeight: number[] = new Array<number>(n);
  const consensusU16: number[] = new Array<number>(n);
  const incentiveU16: number[] = new Array<number>(n);
  const dividendsU16: number[] = new Array<number>(n);
  const trustU16: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    stakeWeight[i] = fixedProportionToU16(stake[i]!);
    consensusU16[i] = fixedProportionToU16(consensus[i]!);
    incentiveU16[i] = fixedProportionToU16(incentive[i]!);
    dividendsU16[i] = fixedProportionToU16(dividends[i]!);
    trustU16[i] = fixedProportionToU16(trust[i]!);
  }
  return {
    active,
    stakeWeight,
    consensus: consensusU16,
    incentive: incentiveU16,
    dividends: dividendsU16,
    validatorTrust: trustU16,
    newValidatorPermit: newPermit,
    bonds,
    serverEmission,
    validatorEmission,
    emission,
  };
}
