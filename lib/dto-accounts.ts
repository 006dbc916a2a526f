/**
 * JSON shapes of the accounts rich list, the account page (coldkey and hotkey roles) and the
 * validators list: rao amounts as decimal strings, block numbers as strings, keys as both forms.
 */
import type { Page } from "./dto";

/** An account key in both forms: SS58 (prefix 42) and the 0x-hex public key. */
export interface KeyDto {
  ss58: string;
  hex: string;
}

export const ACCOUNT_SORTS = ["total", "free", "staked"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** One rich-list row: free balance, staked (its positions' value in τ) and their total, rao. */
export interface RichListItemDto {
  key: KeyDto;
  free: string;
  staked: string;
  total: string;
  /** The block its figures last changed. */
  updatedAt: string;
}

export interface RichListDto extends Page<RichListItemDto> {
  sort: AccountSort;
  head: string;
}

/** Alpha (or τ) a coldkey holds through a hotkey on a subnet, and what it is worth in τ now. */
export interface StakePositionDto {
  netuid: number;
  hotkey: KeyDto;
  coldkey: KeyDto;
  /** What the position holds, rao of `unit`: α on a dTAO subnet, τ on the root network and on seed2024. */
  amount: string;
  unit: "α" | "τ";
  /** Its value in τ (rao): floor(α × spot price) on a dTAO subnet, the amount itself otherwise. */
  value: string;
}

export interface AccountExtrinsicDto {
  /** `{block}-{index:04}`. */
  id: string;
  block: string;
  index: number;
  call: string;
  fee: string;
  success: boolean;
  error: string | null;
}

export interface TransferDto {
  /** The event's id, `{block}-{event index:04}`. */
  id: string;
  block: string;
  /** The extrinsic that made it, `{block}-{index:04}`, if any. */
  extrinsic: string | null;
  from: KeyDto;
  to: KeyDto;
  amount: string;
  /** Seen from the account the page is about. */
  direction: "in" | "out" | "self";
}

/** The account's free balance at a block (the chart's points, evenly spaced). */
export interface BalancePointDto {
  block: string;
  free: string;
}

/** A uid the hotkey holds. */
export interface HotkeyNeuronDto {
  netuid: number;
  uid: number;
  /** The hotkey's stake on the subnet: α on dTAO, τ on seed2024 (shared by all its subnets there). */
  stake: string;
  stakeUnit: "α" | "τ";
  incentive: number;
  dividends: number;
  validatorTrust: number;
  validatorPermit: boolean;
  emission: string;
  lastUpdate: string;
}

export interface DividendsPointDto {
  netuid: number;
  uid: number;
  epoch: number;
  block: string;
  /** u16 share of the subnet's dividends. */
  dividends: number;
  /** Alpha rao (τ on seed2024) the uid was emitted at that epoch. */
  emission: string;
}

export interface HotkeyRoleDto {
  /** Its coldkey, as its uids name it (null when it holds no uid). */
  owner: KeyDto | null;
  /** `Delegates` take in u16 parts of 65535; null when it is not a delegate (seed2024). */
  take: number | null;
  neurons: HotkeyNeuronDto[];
  /** Every coldkey staked on it, by value in τ (largest first). */
  nominators: StakePositionDto[];
  /** Sum of the nominators' values, rao of τ. */
  totalStake: string;
  /** Its uids' newest stored epochs, oldest first. */
  dividends: DividendsPointDto[];
}

export interface ColdkeyRoleDto {
  free: string;
  nonce: number;
  /** Sum of the positions' values, rao of τ. */
  staked: string;
  total: string;
  positions: StakePositionDto[];
  extrinsics: Page<AccountExtrinsicDto>;
  transfers: Page<TransferDto>;
  balanceHistory: BalancePointDto[];
}

export interface AccountDto {
  key: KeyDto;
  head: string;
  era: "dtao" | "seed2024";
  coldkey: ColdkeyRoleDto;
  /** Null when the key is no hotkey (no uid, no stake on it, no take set). */
  hotkey: HotkeyRoleDto | null;
}

export const VALIDATOR_SORTS = ["stake", "nominators", "take", "return"] as const;
export type ValidatorSort = (typeof VALIDATOR_SORTS)[number];

export interface ValidatorSubnetDto {
  netuid: number;
  uid: number;
  validatorPermit: boolean;
  validatorTrust: number;
  dividends: number;
  lastUpdate: string;
  /** head − lastUpdate. */
  updatedBlocksAgo: string;
}

export interface ValidatorDto {
  key: KeyDto;
  owner: KeyDto | null;
  /** Value of all stake on it in τ (rao). */
  totalStake: string;
  /** Coldkeys other than its owner staked on it. */
  nominators: number;
  take: number | null;
  /**
   * τ (rao) a nominator would earn per 1,000 τ staked per day: see `RETURN_DEFINITION`. Null when
   * it has no stake or the chain has no block after genesis.
   */
  returnPer1000: string | null;
  subnets: ValidatorSubnetDto[];
}

export interface ValidatorsDto extends Page<ValidatorDto> {
  sort: ValidatorSort;
  head: string;
  /** The blocks the return is measured over: (head − window, head]. */
  windowBlocks: string;
  count: number;
  /** `RETURN_DEFINITION`. */
  returnDefinition: string;
}

/** What the validators list's return column means (shown on the page and kept here with the computation). */
export const RETURN_DEFINITION =
  "Return per 1,000 τ per day = 1,000 τ × E × (1 − take) ÷ S × 7,200 ÷ W. E is the τ value of everything the hotkey's uids were emitted at the epochs stored in the last W blocks (W = 7,200, one day of 12-second blocks, or the chain's length if shorter): each epoch's emission in α valued at that epoch's pool price (τ as it is on seed2024). S is the τ value of all stake on the hotkey now. It is what a nominator's stake earned, at the current stake, scaled to a day; it counts any incentive the hotkey earns as a miner, which nominators do not share.";
