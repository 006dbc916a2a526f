/**
 * One subnet epoch, exactly as subtensor's sparse `epoch_mechanism` computes it
 * (pallets/subtensor/src/epoch/run_epoch.rs). Pure: plain data in, plain data out.
 * Each step cites the section of reference/subtensor-spec.md it mirrors.
 */
import {
  I32F32,
  I64F64,
  I96F32,
  U64_MAX,
  convert,
  fromInt,
  safeDiv,
  satAdd,
  satDiv,
  satMul,
  satSub,
  toU64,
} from "../math/fixed";
import {
  type FixedVec,
  fixedProportionToU16,
  fixedToFixedU16Proportion,
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalize64,
  inplaceNormalizeUsingSum,
  isTopkNonzero,
  isZero,
  normalize,
  sum,
  u16ProportionToFixed,
  u16ToFixed,
  vecFixed64ToFixed32,
  vecMul,
  weightedMedianColSparse,
} from "../math/vector";
import {
  type SparseMatrix,
  type SparseRow,
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
} from "../math/sparse";
import { safeExp } from "../math/transcendental";

/** A stored sparse row of u16 values (`Weights` / `Bonds` storage): `[uid, u16]`. */
export type U16Row = (readonly [number, number])[];

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
}

export interface EpochInput {
  /** Current block number. */
  block: bigint;
  params: EpochParams;
  /** Per uid: the hotkey's alpha stake on the subnet (rao, after child/parent inheritance). */
  alphaStake: readonly bigint[];
  /** Per uid: the hotkey's root (TAO) stake, weighted by `taoWeight`. Omitted means zero. */
  taoStake?: readonly bigint[];
  lastUpdate: readonly bigint[];
  blockAtRegistration: readonly bigint[];
  /** Validator permits from the previous epoch. */
  validatorPermit: readonly boolean[];
  /** `Weights` rows (max-upscaled u16, explicit zeros kept). */
  weights: readonly U16Row[];
  /** `Bonds` rows (u16). */
  bonds: readonly U16Row[];
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
  /** New `Bonds` rows; empty for uids without a new permit. */
  bonds: U16Row[];
  /** Rao to miners (incentive share of `raoEmission`). */
  serverEmission: bigint[];
  /** Rao to validators (dividend share). */
  validatorEmission: bigint[];
  /** `Emission` storage: the combined normalised emission × `raoEmission`. */
  emission: bigint[];
}

/** `get_activity_cutoff_blocks`: `max(1, floor(factor_milli · tempo / 1000))`. */
export function activityCutoffBlocks(factorMilli: number, tempo: number): number {
  return Math.max(1, Math.floor((factorMilli * tempo) / 1000));
}

/** `BondsMovingAverage` (per million) → EMA alpha: `1 − I32F32(I64F64(x)/1e6)` (§2.4). */
export function bondsEmaAlpha(bondsMovingAverage: number): bigint {
  const ratio = safeDiv(I64F64, fromInt(I64F64, bondsMovingAverage), fromInt(I64F64, 1_000_000));
  return satSub(I32F32, I32F32.one, convert(I64F64, I32F32, ratio));
}

const HALF = I32F32.one >> 1n;
const MINUS_HUNDRED = fromInt(I32F32, -100);

function clamp(v: bigint, lo: bigint, hi: bigint): bigint {
  const capped = v < hi ? v : hi;
  return capped > lo ? capped : lo;
}

/** `alpha_sigmoid` (§2.5): the per-bond EMA rate of liquid alpha. */
export function alphaSigmoid(
  consensus: bigint,
  weight: bigint,
  bond: bigint,
  alphaLow: bigint,
  alphaHigh: bigint,
  steepness: bigint,
): bigint {
  const one = I32F32.one;
  const diffBuy = clamp(satSub(I32F32, weight, consensus), 0n, one);
  const diffSell = clamp(satSub(I32F32, bond, weight), 0n, one);
  const d = weight >= bond ? diffBuy : diffSell;
  const exponent = satMul(I32F32, satDiv(I32F32, steepness, MINUS_HUNDRED), satSub(I32F32, d, HALF));
  const sigmoid = satDiv(I32F32, one, satAdd(I32F32, one, safeExp(exponent)));
  const alpha = satAdd(I32F32, alphaLow, satMul(I32F32, sigmoid, satSub(I32F32, alphaHigh, alphaLow)));
  return clamp(alpha, alphaLow, alphaHigh);
}

/**
 * `compute_liquid_alpha_values_sparse`: α for each bond entry. Subtensor fills a dense n×n
 * matrix, but `mat_ema_alpha_sparse` only reads α where the new row has an entry, so only
 * those are computed; the others are left 0 and never read.
 */
function liquidAlphaMatrix(
  weights: SparseMatrix,
  bonds: SparseMatrix,
  consensus: FixedVec,
  p: EpochParams,
): bigint[][] {
  const n = consensus.length;
  const low = u16ProportionToFixed(p.alphaLow);
  const high = u16ProportionToFixed(p.alphaHigh);
  const steepness = fromInt(I32F32, p.alphaSigmoidSteepness);
  return weights.map((wRow, i) => {
    const alpha: bigint[] = new Array(n).fill(0n);
    const bondOf = new Map<number, bigint>();
    for (const [j, b] of bonds[i] ?? []) bondOf.set(j, b);
    for (const [j, w] of wRow) {
      if (j < n) alpha[j] = alphaSigmoid(consensus[j]!, w, bondOf.get(j) ?? 0n, low, high, steepness);
    }
    return alpha;
  });
}

function loadSparse(rows: readonly U16Row[], n: number, map: (v: number) => bigint): SparseMatrix {
  const out: SparseMatrix = [];
  for (let i = 0; i < n; i++) {
    const row: SparseRow = [];
    for (const [j, v] of rows[i] ?? []) if (j < n) row.push([j, map(v)]);
    out.push(row);
  }
  return out;
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

/** Run `epoch_mechanism` for one mechanism of one subnet. */
export function runEpoch(input: EpochInput): EpochOutput {
  const p = input.params;
  const n = input.alphaStake.length;
  checkLengths(input, n);
  const block = input.block;
  const owner = input.ownerUid;

  // §2.3.1 Activity: inactive when last_update + cutoff < block.
  const cutoff = BigInt(p.activityCutoff);
  const active = input.lastUpdate.map((u) => !(u + cutoff < block));
  const inactive = active.map((a) => !a);

  // §2.3.2 Stake: alpha + tao_weight · tao in I64F64, threshold filter, normalise, cast.
  const taoWeight = safeDiv(I64F64, fromInt(I64F64, p.taoWeight), fromInt(I64F64, U64_MAX));
  const rawStake = input.alphaStake.map((alpha, i) => {
    const tao = input.taoStake?.[i] ?? 0n;
    const s = satAdd(I64F64, fromInt(I64F64, alpha), satMul(I64F64, taoWeight, fromInt(I64F64, tao)));
    if (i !== owner && toU64(I64F64, s) < p.stakeThreshold) return 0n;
    return s;
  });
  inplaceNormalize64(rawStake);
  const stake = vecFixed64ToFixed32(rawStake);

  // §2.3.3 Validator permits: last epoch's mask this one; new ones from top-k stake.
  const permitPrev = input.validatorPermit.map((v, i) => v || i === owner);
  const forbids = permitPrev.map((v) => !v);
  const newPermit = isTopkNonzero(stake, p.maxAllowedValidators);
  if (owner !== null) newPermit[owner] = true;

  // §2.3.4 Active stake.
  const activeStake = stake.slice();
  inplaceMaskVector(inactive, activeStake);
  inplaceMaskVector(forbids, activeStake);
  inplaceNormalize(activeStake);

  // §2.3.5 Weights: load, mask rows, diagonal, outdated, commit-reveal, row-normalise.
  let weights = loadSparse(input.weights, n, u16ToFixed);
  weights = maskRowsSparse(forbids, weights);
  weights = owner !== null ? maskDiagSparseExceptIndex(weights, owner) : maskDiagSparse(weights);
  weights = vecMaskSparseMatrix(weights, input.lastUpdate, input.blockAtRegistration, (u, r) => u <= r);
  if (p.commitReveal) {
    const commits = input.commitBlocks ?? new Array<bigint>(n).fill(U64_MAX);
    weights = vecMaskSparseMatrix(weights, commits, input.blockAtRegistration, (cb, r) => cb < r);
  }
  inplaceRowNormalizeSparse(weights);

  // §2.3.6 Consensus: stake-weighted median per column.
  const kappa = u16ProportionToFixed(p.kappa);
  const consensus = weightedMedianColSparse(activeStake, weights, n, kappa);

  // §2.3.7 Clip at consensus; validator trust = row sums of clipped weights.
  const clipped = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clipped);

  // §2.3.8 Incentive = normalised ranks of clipped weights.
  const incentive = normalize(matmulSparse(clipped, activeStake, n));

  // §2.3.9 Weights for bonds: interpolate towards the clipped weights by the bonds penalty.
  const beta = u16ProportionToFixed(p.bondsPenalty);
  const weightsForBonds = interpolateSparse(weights, clipped, n, beta);

  // §2.3.10 Bonds and dividends. Mask bonds to uids registered since the last epoch.
  const lastTempo =
    input.lastMechanismStepBlock === 0n
      ? block > BigInt(p.tempo) ? block - BigInt(p.tempo) : 0n
      : input.lastMechanismStepBlock + 1n;
  let emaBonds: SparseMatrix;
  let dividends: FixedVec;
  if (p.yuma3) {
    // §2.5 Yuma3: bonds as u16 proportions, EMA (liquid alpha or fixed), no upscale.
    let bonds = loadSparse(input.bonds, n, (v) => fixedToFixedU16Proportion(u16ToFixed(v)));
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, input.blockAtRegistration, (t, r) => t <= r);
    if (p.liquidAlpha && consensus.some((c) => c !== 0n)) {
      emaBonds = matEmaAlphaSparse(weightsForBonds, bonds, liquidAlphaMatrix(weightsForBonds, bonds, consensus, p));
    } else {
      emaBonds = matEmaSparse(weightsForBonds, bonds, bondsEmaAlpha(p.bondsMovingAverage));
    }
    const emaNorm = emaBonds.map((r) => r.slice());
    inplaceColNormalizeSparse(emaNorm, n);
    const totalBondsPerValidator = rowSumSparse(matVecMulSparse(emaNorm, incentive));
    dividends = vecMul(totalBondsPerValidator, activeStake);
    inplaceNormalize(dividends);
  } else {
    // §2.4 Original Yuma: bonds as integers, column-normalised, EMA with ΔB = W∘A.
    let bonds = loadSparse(input.bonds, n, u16ToFixed);
    bonds = scalarVecMaskSparseMatrix(bonds, lastTempo, input.blockAtRegistration, (t, r) => t <= r);
    inplaceColNormalizeSparse(bonds, n);
    const delta = rowHadamardSparse(weightsForBonds, activeStake);
    inplaceColNormalizeSparse(delta, n);
    emaBonds = matEmaSparse(delta, bonds, bondsEmaAlpha(p.bondsMovingAverage));
    inplaceColNormalizeSparse(emaBonds, n);
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    inplaceColMaxUpscaleSparse(emaBonds, n);
  }

  // §2.6 Emission split, with the zero-sum fallbacks to active stake, then stake.
  const combined = incentive.map((x, i) => satAdd(I32F32, x, dividends[i] ?? 0n));
  const emissionSum = sum(combined);
  const serverNorm = incentive.slice();
  let validatorNorm = dividends.slice();
  let combinedNorm = combined.slice();
  inplaceNormalizeUsingSum(serverNorm, emissionSum);
  inplaceNormalizeUsingSum(validatorNorm, emissionSum);
  inplaceNormalize(combinedNorm);
  if (emissionSum === 0n) {
    const fallback = isZero(activeStake) ? stake : activeStake;
    validatorNorm = fallback.slice();
    combinedNorm = fallback.slice();
  }
  const raoFixed = fromInt(I96F32, input.raoEmission);
  const toRao = (norm: bigint) => toU64(I96F32, satMul(I96F32, norm, raoFixed));

  // §2.7 Outputs as persisted.
  return {
    active,
    stakeWeight: stake.map(fixedProportionToU16),
    consensus: consensus.map(fixedProportionToU16),
    incentive: incentive.map(fixedProportionToU16),
    dividends: dividends.map(fixedProportionToU16),
    validatorTrust: validatorTrust.map(fixedProportionToU16),
    newValidatorPermit: newPermit,
    bonds: emaBonds.map((row, i) =>
      newPermit[i] ? row.map(([j, v]) => [j, fixedProportionToU16(v)] as const) : [],
    ),
    serverEmission: serverNorm.map(toRao),
    validatorEmission: validatorNorm.map(toRao),
    emission: combinedNorm.map(toRao),
  };
}
