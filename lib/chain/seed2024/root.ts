/**
 * The 2024 root network (subtensor v1.1.3, the seed2024 preset): root validators' weights over
 * subnets become per-block `EmissionValues`, and each block queues them as `PendingEmission`.
 * Spec: reference/subtensor-2024-spec.md §2.1, §4.4–4.5, §5.1.
 */
import { I32F32, I64F64, I96F32, U64_MAX, convert, fromInt, safeDiv, satAdd, satMul, satSub, toU64 } from "../math/fixed";
import { InvariantError } from "../errors";
import { exp } from "../math/transcendental";
import { u16ProportionToFixed } from "../math/vector";
import { inplaceNormalize64 } from "../math/wide";

/** The 2024 schedule: every `tempo + 1` blocks; tempo 0 answers 1000 (never). */
export function blocksUntilNextEpoch2024(netuid: bigint, tempo: bigint, block: bigint): bigint {
  if (tempo === 0n) return 1000n;
  return tempo - (((block + netuid + 1n) & U64_MAX) % (tempo + 1n));
}

export interface RootValidator {
  /** `TotalHotkeyStake` (rao). */
  stake: bigint;
  /** Stored root weights: `[column, u16]`, column = position of the netuid in `NetworksAdded`. */
  weights: readonly (readonly [number, number])[];
}

export interface RootEpochInput {
  /** `get_block_emission()` at the root epoch (rao). */
  blockEmission: bigint;
  /** Number of columns (`TotalNetworks`, the root included). */
  columns: number;
  validators: readonly RootValidator[];
  /** `Kappa[0]` (u16). */
  kappa: number;
  /** `Rho[0]` (integer; 10 in production, 30 in the test mock). */
  rho: number;
}

/**
 * `root_epoch`: stake-weighted ranks of the row-normalised root weights, times a κ-centred
 * sigmoid of each column's trust (the share of stake weighting it), normalised into the block
 * emission. I64F64 throughout. Returns `EmissionValues` per column, or null where subtensor
 * returns `Err` (no validators, no columns, no stake).
 */
export function rootEpoch(r: RootEpochInput): bigint[] | null {
  const n = r.validators.length;
  const k = r.columns;
  if (n === 0 || k === 0) return null;
  const stake = r.validators.map((v) => fromInt(I64F64, v.stake));
  inplaceNormalize64(stake);
  const weights = r.validators.map((v) => {
    const row = new Array<bigint>(k).fill(0n);
    for (const [j, w] of v.weights) if (j < k) row[j] = fromInt(I64F64, w);
    const sum = row.reduce((a, b) => a + b, 0n);
    return sum > 0n ? row.map((w) => safeDiv(I64F64, w, sum)) : row;
  });
  const ranks = new Array<bigint>(k).fill(0n);
  const trust = new Array<bigint>(k).fill(0n);
  let totalStake = 0n;
  weights.forEach((row, i) => {
    totalStake += stake[i]!;
    row.forEach((w, j) => {
      ranks[j] = satAdd(I64F64, ranks[j]!, satMul(I64F64, stake[i]!, w));
      if (w > 0n) trust[j] = trust[j]! + stake[i]!;
    });
  });
  if (totalStake === 0n) return null;
  const one = I64F64.one;
  const kappa = convert(I32F32, I64F64, BigInt(u16ProportionToFixed(r.kappa)));
  const rho = fromInt(I64F64, r.rho);
  const emission = trust.map((t, j) => {
    const shifted = safeDiv(I64F64, t, totalStake) - kappa; // checked_div succeeds: totalStake > 0
    const e = exp(I64F64, -satMul(I64F64, shifted, rho));
    if (e === null) throw new InvariantError(`root epoch: exp overflow at column ${j}`);
    const consensus = safeDiv(I64F64, one, one + e);
    return satMul(I64F64, consensus, ranks[j]!);
  });
  inplaceNormalize64(emission);
  const be = fromInt(I64F64, r.blockEmission);
  return emission.map((e) => toU64(I64F64, satMul(I64F64, e, be)));
}

export interface PendingSubnet {
  netuid: bigint;
  tempo: bigint;
  /** `EmissionValues[netuid]` (rao per block). */
  emissionValue: bigint;
  pending: bigint;
  /** Whether `SubnetOwner` is set (the owner cut applies). */
  hasOwner: boolean;
  /** `NetworkRegistrationAllowed` (since v1.1.3 a closed subnet accumulates nothing). */
  registrationAllowed: boolean;
}

export interface GenerateEmissionResult {
  /** Owner cut paid this block, per netuid (rao, free balance). */
  ownerCut: bigint;
  /** Pending emission handed to the epoch when it ran this block, else null. */
  drained: bigint | null;
  pending: bigint;
}

/** `generate_emission` for one non-root subnet at `block` (§5.1). */
export function generateEmission(s: PendingSubnet, ownerCutU16: number, block: bigint): GenerateEmissionResult {
  let rem = fromInt(I96F32, s.registrationAllowed ? s.emissionValue : 0n);
  let ownerCut = 0n;
  if (s.hasOwner) {
    const cut = safeDiv(I96F32, satMul(I96F32, rem, fromInt(I96F32, ownerCutU16)), fromInt(I96F32, 65535));
    rem = satSub(I96F32, rem, cut);
    ownerCut = toU64(I96F32, cut);
  }
  const pending = s.pending + toU64(I96F32, rem);
  if (blocksUntilNextEpoch2024(s.netuid, s.tempo, block) !== 0n) return { ownerCut, drained: null, pending };
  return { ownerCut, drained: pending, pending: 0n };
}
