/**
 * Storage of the 2024 chain (subtensor v1.1.3, the seed2024 preset), as plain immutable values:
 * stake held in TAO per (hotkey, coldkey), subnets with their registration terms and emission
 * queues, and the root network with its validators' weights over subnets. Accounts, issuance,
 * hotkey owners and delegate takes live in the shared `ChainState`.
 * Spec: reference/subtensor-2024-spec.md.
 */
import type { Neuron } from "../runtime/neuron";

/**
 * A uid on a 2024 subnet (`Keys`, `BlockAtRegistration`, the epoch's stored vectors): the same
 * fields as today's neuron, without the coldkey (v1.1.3 kept none per uid), plus the 2024 epoch's
 * `Rank`, `Trust` and `PruningScores` (what registration replaces by, §7.5).
 */
export interface Neuron2024 extends Omit<Neuron, "coldkey"> {
  rank: number;
  trust: number;
  pruningScore: number;
}

/** An emission tuple an epoch queued for payout at the next block (`LoadedEmission`). */
export interface LoadedTuple {
  hotkey: string;
  server: bigint;
  validator: bigint;
}

export interface Subnet2024 {
  netuid: number;
  /** `SubnetOwner` (coldkey); genesis subnets may have none. */
  owner: string | null;
  registeredAt: bigint;
  /** `SubnetLocked`: the TAO the owner locked (refunded when the subnet is removed). */
  locked: bigint;
  tempo: number;
  immunityPeriod: bigint;
  maxAllowedUids: number;
  maxAllowedValidators: number;
  kappa: number;
  bondsMovingAverage: number;
  /** `ActivityCutoff` in blocks. */
  activityCutoff: number;
  weightsSetRateLimit: bigint;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersionKey: bigint;
  registrationAllowed: boolean;
  /** `NetworkPowRegistrationAllowed` (false for subnets registered by `register_network`). */
  powRegistrationAllowed: boolean;
  maxRegistrationsPerBlock: number;
  targetRegistrationsPerInterval: number;
  adjustmentInterval: bigint;
  /** `AdjustmentAlpha` (u64 parts of u64::MAX). */
  adjustmentAlpha: bigint;
  burn: bigint;
  minBurn: bigint;
  maxBurn: bigint;
  difficulty: bigint;
  minDifficulty: bigint;
  maxDifficulty: bigint;
  registrationsThisBlock: number;
  registrationsThisInterval: number;
  burnRegistrationsThisInterval: number;
  powRegistrationsThisInterval: number;
  lastAdjustmentBlock: bigint;
  /** `EmissionValues`: TAO per block the last root epoch gave this subnet (rao). */
  emissionValue: bigint;
  pendingEmission: bigint;
  loadedEmission: readonly LoadedTuple[];
  lastMechanismStepBlock: bigint;
  blocksSinceLastStep: bigint;
  /** Epochs run so far (Taoscope's count, for the explorer's history; v1.1.3 kept none). */
  epochIndex: number;
  neurons: readonly Neuron2024[];
}

/** The root network (netuid 0): its members, their weights over netuids and its registration counters. */
export interface Root2024 {
  /** Root uids: the hotkey of each. */
  validators: readonly string[];
  registeredAt: readonly bigint[];
  lastUpdate: readonly bigint[];
  /** Per root uid: `[netuid, u16]` weights, as stored (max-upscaled). */
  weights: readonly (readonly [number, number][])[];
  registrationsThisBlock: number;
  registrationsThisInterval: number;
  lastAdjustmentBlock: bigint;
}

export interface Era2024 {
  /** Subnets by ascending netuid (the root is `root`). */
  subnets: readonly Subnet2024[];
  root: Root2024;
  /** `Stake[hotkey][coldkey]` (TAO rao). */
  stake: Readonly<Record<string, Readonly<Record<string, bigint>>>>;
  /** `LastTxBlock[coldkey]` (become_delegate's rate limit). */
  lastTxBlock: Readonly<Record<string, bigint>>;
  /** Per `coldkey|hotkey`: stake operations this interval and the block of the last (§6.4). */
  stakeOps: Readonly<Record<string, { count: number; last: bigint }>>;
  /** `NetworkLastLockCost` and `NetworkLastRegistered`. */
  networkLastLock: bigint;
  networkLastRegistered: bigint;
  /** `BlockHash` of the last blocks, for POW seals (a block's own hash is not known while it is built). */
  recentBlockHashes: Readonly<Record<string, string>>;
}

/** `TotalHotkeyStake`: every coldkey's stake on the hotkey. */
export function totalHotkeyStake(era: Era2024, hotkey: string): bigint {
  let total = 0n;
  for (const v of Object.values(era.stake[hotkey] ?? {})) total += v;
  return total;
}

/** All TAO held as stake. */
export function totalStake2024(era: Era2024): bigint {
  let total = 0n;
  for (const row of Object.values(era.stake)) for (const v of Object.values(row)) total += v;
  return total;
}
