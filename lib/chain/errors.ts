/**
 * Chain errors: what a call fails with, and what the engine should never reach.
 *
 * A `DispatchError` is a call's failure as subtensor names it (`Pallet.Error`): the extrinsic is
 * still included, as `System.ExtrinsicFailed` with that code, paying its fee and changing nothing
 * else. The codes are one `as const` list, so a misspelt name does not compile; they are data
 * (they name an outcome stored with the block), not API errors.
 *
 * An `InvariantError` is a state the engine should never reach (a broken rule of its own, not
 * bad input): nothing catches it as an outcome, a block that hits it is undone, and the API
 * answers it as a generic 500 (lib/server/errors.ts) without its message.
 */

/** Every dispatch error Taoscope raises, as subtensor names it (the pallet prefix as stored). */
export const DISPATCH_ERRORS = [
  // Substrate's own `DispatchError::BadOrigin` (no pallet).
  "BadOrigin",
  // pallet_admin_utils
  "AdminUtils.BondsMovingAverageMaxReached",
  "AdminUtils.InvalidValue",
  "AdminUtils.MaxAllowedUIdsLessThanCurrentUIds",
  "AdminUtils.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
  "AdminUtils.MaxValidatorsLargerThanMaxUIds",
  "AdminUtils.NegativeSigmoidSteepness",
  "AdminUtils.SubnetDoesNotExist",
  "AdminUtils.ValueNotInBounds",
  // pallet_balances
  "Balances.ExistentialDeposit",
  "Balances.InsufficientBalance",
  "Balances.KeepAlive",
  // pallet_subtensor
  "SubtensorModule.AdminActionProhibitedDuringWeightsWindow",
  "SubtensorModule.AllNetworksInImmunity",
  "SubtensorModule.AlphaHighTooLow",
  "SubtensorModule.AlphaLowOutOfRange",
  "SubtensorModule.AmountTooLow",
  "SubtensorModule.CanNotSetRootNetworkWeights",
  "SubtensorModule.CannotAffordLockCost",
  "SubtensorModule.CommitRevealDisabled",
  "SubtensorModule.CommitRevealEnabled",
  "SubtensorModule.CommittingWeightsTooFast",
  "SubtensorModule.DelegateTakeTooHigh",
  "SubtensorModule.DelegateTakeTooLow",
  "SubtensorModule.DelegateTxRateLimitExceeded",
  "SubtensorModule.DuplicateUids",
  "SubtensorModule.ExpiredWeightCommit",
  "SubtensorModule.FirstEmissionBlockNumberAlreadySet",
  "SubtensorModule.HotKeyAccountNotExists",
  "SubtensorModule.HotKeyAlreadyDelegate",
  "SubtensorModule.HotKeyAlreadyRegisteredInSubNet",
  "SubtensorModule.HotKeyNotDelegateAndSignerNotOwnHotKey",
  "SubtensorModule.HotKeyNotRegisteredInNetwork",
  "SubtensorModule.HotKeyNotRegisteredInSubNet",
  "SubtensorModule.IncorrectWeightVersionKey",
  "SubtensorModule.InsufficientLiquidity",
  "SubtensorModule.InvalidDifficulty",
  "SubtensorModule.InvalidIpAddress",
  "SubtensorModule.InvalidIpType",
  "SubtensorModule.InvalidPort",
  "SubtensorModule.InvalidRevealCommitHashNotMatch",
  "SubtensorModule.InvalidSeal",
  "SubtensorModule.InvalidWorkBlock",
  "SubtensorModule.LiquidAlphaDisabled",
  "SubtensorModule.MaxWeightExceeded",
  "SubtensorModule.NeedWaitingMoreBlocksToStarCall",
  "SubtensorModule.NetworkTxRateLimitExceeded",
  "SubtensorModule.NeuronNoValidatorPermit",
  "SubtensorModule.NoNeuronIdAvailable",
  "SubtensorModule.NoWeightsCommitFound",
  "SubtensorModule.NonAssociatedColdKey",
  "SubtensorModule.NotEnoughBalanceToStake",
  "SubtensorModule.NotEnoughStakeToSetWeights",
  "SubtensorModule.NotEnoughStakeToWithdraw",
  "SubtensorModule.NotRootSubnet",
  "SubtensorModule.RegistrationNotPermittedOnRootSubnet",
  "SubtensorModule.RevealPeriodTooLarge",
  "SubtensorModule.RevealPeriodTooSmall",
  "SubtensorModule.RevealTooEarly",
  "SubtensorModule.SameNetuid",
  "SubtensorModule.ServingRateLimitExceeded",
  "SubtensorModule.SettingWeightsTooFast",
  "SubtensorModule.SlippageTooHigh",
  "SubtensorModule.StakeRateLimitExceeded",
  "SubtensorModule.StakeToWithdrawIsZero",
  "SubtensorModule.StakeTooLowForRoot",
  "SubtensorModule.SubNetRegistrationDisabled",
  "SubtensorModule.SubNetworkDoesNotExist",
  "SubtensorModule.SubnetLimitReached",
  "SubtensorModule.SubnetNotExists",
  "SubtensorModule.SubtokenDisabled",
  "SubtensorModule.TooManyRegistrationsThisBlock",
  "SubtensorModule.TooManyRegistrationsThisInterval",
  "SubtensorModule.TooManyUnrevealedCommits",
  "SubtensorModule.TransactorAccountShouldBeHotKey",
  "SubtensorModule.TxRateLimitExceeded",
  "SubtensorModule.UidVecContainInvalidOne",
  "SubtensorModule.UidsLengthExceedUidsInSubNet",
  "SubtensorModule.UnstakeRateLimitExceeded",
  "SubtensorModule.WeightVecLengthIsLow",
  "SubtensorModule.WeightVecNotEqualSize",
  // the swap (subtensor's `pallet_subtensor_swap`; `SwapError` in lib/chain/swap/swap.ts)
  "Swap.InsufficientLiquidity",
  "Swap.PriceLimitExceeded",
  "Swap.ReservesTooLow",
] as const;

export type DispatchErrorCode = (typeof DISPATCH_ERRORS)[number];

/** The error names of one pallet without its prefix: `PalletError<"Balances">` is `"InsufficientBalance" | ...`. */
export type PalletError<P extends string> = DispatchErrorCode extends infer C ? (C extends `${P}.${infer N}` ? N : never) : never;

/** A named dispatch error, as subtensor names it (e.g. `Balances.InsufficientBalance`), and what was wrong in words. */
export class DispatchError extends Error {
  constructor(
    readonly code: DispatchErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "DispatchError";
  }
}

/** A state the engine should never reach: a bug, never a user's mistake (see the file comment). */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantError";
  }
}
