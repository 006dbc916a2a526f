/**
 * Network parameters chosen by the genesis preset (spec §4). `mainnet` carries subtensor's
 * defaults as `init_new_network` sets them; `test` keeps the same rules at small sizes and short
 * periods so tests reach pruning, rate limits and slot limits in a few blocks.
 */
import { I96F32, U64F64, fromF64 } from "../math/fixed";
import type { BurnParams } from "../registration/burn";
import { InvariantError } from "../errors";
import { deepFreeze } from "../freeze";
import type { ChainState, SubnetHyperparams } from "./state";

const TAO = 1_000_000_000n;

export interface NetworkParams {
  /** `SubnetLimit`: non-root subnet slots. */
  subnetLimit: number;
  /** `NetworkMinLockCost` (rao). */
  networkMinLock: bigint;
  /** `NetworkLockReductionInterval` (blocks, before scaling by emission). */
  networkLockReductionInterval: bigint;
  /** `NetworkImmunityPeriod`: blocks after registration during which a subnet cannot be pruned. */
  networkImmunityPeriod: bigint;
  /** `NetworkRateLimit`: blocks between two subnet registrations. */
  networkRateLimit: bigint;
  /** New subnets' `Tempo`, `ImmunityPeriod`, `MaxAllowedUids` and initial `Burn`. */
  defaultTempo: number;
  immunityPeriod: bigint;
  maxAllowedUids: number;
  initialBurn: bigint;
  burnParams: BurnParams;
  /** `StartCallDelay`: blocks after registration before the owner may `start_call`. */
  startCallDelay: bigint;
  /** `DefaultMinStake` (rao). */
  minStake: bigint;
  /**
   * `SubnetEmissionEnabled` of a new subnet. subtensor starts it off until governance turns it
   * on; a local network has no governance yet, so both presets start it on.
   */
  emissionEnabledAtRegistration: boolean;
  /** `SubnetOwnerCut` (u16 parts of 65535). */
  ownerCut: number;
  /** `SubnetMovingAlpha` (I96F32 bits) and `EMAPriceHalvingBlocks` of the moving price. */
  movingAlpha: bigint;
  emaPriceHalvingBlocks: bigint;
  /** Hyperparameters of a new subnet (AdminUtils changes them per subnet). */
  hyper: SubnetHyperparams;
  /** `StakeThreshold`: weighted stake a hotkey needs to set weights and hold a permit (rao). */
  stakeThreshold: bigint;
  /** `TaoWeight` as u64 (fraction = taoWeight / u64::MAX): root stake's weight against alpha. */
  taoWeight: bigint;
  /** `MaxEpochsPerBlock`: more due epochs wait for the next block. */
  maxEpochsPerBlock: number;
  /** `AdminFreezeWindow`: the last blocks before a subnet's epoch in which admin setters are refused. */
  adminFreezeWindow: bigint;
  /** `OwnerHyperparamRateLimit`: tempos an owner waits between two changes of one hyperparameter. */
  ownerHyperparamRateLimit: bigint;
  /** `DefaultMaxAllowedUids`: the most uids an owner may allow. */
  defaultMaxAllowedUids: number;
  /** `Delegates` take of a hotkey that never set one, and the bounds of take changes (u16 parts of 65535). */
  defaultTake: number;
  minTake: number;
  maxTake: number;
  /** `TxDelegateTakeRateLimit`: blocks that must pass after a take change before an increase. */
  takeRateLimit: bigint;
  /** `MaxAllowedUids[root]`: root validator uids. */
  maxRootValidators: number;
  /** `ImmuneOwnerUidsLimit` and `MinNonImmuneUids` of the pruning rule (§7.3). */
  immuneOwnerUidsLimit: number;
  minNonImmuneUids: number;
}

export const MAINNET: NetworkParams = deepFreeze({
  subnetLimit: 128,
  networkMinLock: 1000n * TAO,
  networkLockReductionInterval: 100_800n,
  networkRateLimit: 7200n,
  networkImmunityPeriod: 1_296_000n,
  defaultTempo: 360,
  immunityPeriod: 5000n,
  maxAllowedUids: 256,
  initialBurn: TAO,
  burnParams: { halfLife: 360, increaseMult: fromF64(U64F64, 1.26), minBurn: 500_000n, maxBurn: 100n * TAO },
  startCallDelay: 50_400n,
  emissionEnabledAtRegistration: true,
  ownerCut: 11_796,
  movingAlpha: fromF64(I96F32, 0.000003),
  emaPriceHalvingBlocks: 201_600n,
  hyper: {
    kappa: 32_767,
    bondsPenalty: 65_535,
    bondsMovingAverage: 900_000,
    maxAllowedValidators: 64,
    yuma3: true,
    liquidAlpha: false,
    alphaLow: 45_875,
    alphaHigh: 58_982,
    alphaSigmoidSteepness: 1000,
    activityCutoffFactorMilli: 13_889,
    // subtensor's default is on; a local network starts with weights in the clear and an owner
    // turns commit-reveal on with AdminUtils.sudo_set_commit_reveal_weights_enabled.
    commitReveal: false,
    revealPeriodEpochs: 1,
    weightsSetRateLimit: 100n,
    minAllowedWeights: 1,
    maxWeightsLimit: 65_535,
    weightsVersionKey: 0n,
    servingRateLimit: 50n,
  },
  stakeThreshold: 0n,
  taoWeight: 971_718_665_099_567_868n,
  maxEpochsPerBlock: 2,
  adminFreezeWindow: 10n,
  ownerHyperparamRateLimit: 2n,
  defaultMaxAllowedUids: 256,
  defaultTake: 11_796,
  minTake: 0,
  maxTake: 11_796,
  takeRateLimit: 216_000n,
  minStake: 2_000_000n,
  maxRootValidators: 64,
  immuneOwnerUidsLimit: 1,
  minNonImmuneUids: 10,
});

export const TEST: NetworkParams = deepFreeze({
  ...MAINNET,
  subnetLimit: 3,
  networkMinLock: 100n * TAO, // subtensor's mock value
  networkLockReductionInterval: 100n,
  networkRateLimit: 5n,
  networkImmunityPeriod: 30n,
  defaultTempo: 10,
  immunityPeriod: 20n,
  maxAllowedUids: 16,
  burnParams: { ...MAINNET.burnParams, halfLife: 10 },
  startCallDelay: 3n,
  takeRateLimit: 5n,
  hyper: { ...MAINNET.hyper, maxAllowedValidators: 4, weightsSetRateLimit: 2n, servingRateLimit: 2n },
  adminFreezeWindow: 2n,
  maxRootValidators: 4,
  defaultMaxAllowedUids: 16,
  minNonImmuneUids: 2,
});

/**
 * The dynamic-TAO parameters the chain runs (its `rules`, chosen at genesis: the presets table's
 * `MAINNET` or `TEST`, or a test's own).
 * @throws InvariantError on a chain of another era, whose rules have parameters of their own
 *   (seed2024's `Params2024`): reaching here there is a dynamic-TAO path run on that chain
 */
export function paramsOf(state: Pick<ChainState, "rules">): NetworkParams {
  const p = state.rules.dtao;
  if (!p) throw new InvariantError(`the dynamic-TAO parameters were asked for on a chain of the ${state.rules.era.name} era, whose rules have their own`);
  return p;
}
