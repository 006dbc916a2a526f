/**
 * JSON shapes of the accounts rich list, the account page (coldkey and hotkey roles) and the
 * validators list, as zod schemas (types inferred; listed in the OpenAPI document): rao amounts
 * as decimal strings, block numbers as strings, keys as both forms.
 */
import { z } from "zod";
import { blockNumberString, keySchema, named, raoString, u16 } from "./dto";

export { keySchema, type KeyDto } from "./dto";

export const ACCOUNT_SORTS = ["total", "free", "staked"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

const page = <T extends z.ZodType>(item: T) => ({ items: z.array(item), next: z.string().nullable().describe("cursor for the next page (pass as `after`), null at the end") });

export const richListItemSchema = z.object({
  key: keySchema,
  free: raoString,
  staked: raoString.describe("its stake positions' value in τ"),
  total: raoString,
  updatedAt: blockNumberString.describe("the block its figures last changed"),
});
export type RichListItemDto = z.infer<typeof richListItemSchema>;

export const richListSchema = named("RichList", z.object({ ...page(richListItemSchema), sort: z.enum(ACCOUNT_SORTS), head: blockNumberString }));
export type RichListDto = z.infer<typeof richListSchema>;

export const stakePositionSchema = named(
  "StakePosition",
  z.object({
    netuid: z.number().int(),
    hotkey: keySchema,
    coldkey: keySchema,
    amount: raoString.describe("what the position holds, rao of `unit`: α on a dTAO subnet, τ on the root network and on seed2024"),
    unit: z.enum(["α", "τ"]),
    value: raoString.describe("its value in τ: floor(α × spot price) on a dTAO subnet, the amount itself otherwise"),
  }),
  "Alpha (or τ) a coldkey holds through a hotkey on a subnet, and what it is worth in τ now.",
);
export type StakePositionDto = z.infer<typeof stakePositionSchema>;

export const accountExtrinsicSchema = z.object({
  id: z.string().describe("{block}-{index:04}"),
  block: blockNumberString,
  index: z.number().int(),
  call: z.string(),
  fee: raoString,
  success: z.boolean(),
  error: z.string().nullable(),
});
export type AccountExtrinsicDto = z.infer<typeof accountExtrinsicSchema>;

export const transferSchema = z.object({
  id: z.string().describe("the event's id, {block}-{event index:04}"),
  block: blockNumberString,
  extrinsic: z.string().nullable().describe("the extrinsic that made it, {block}-{index:04}, if any"),
  from: keySchema,
  to: keySchema,
  amount: raoString,
  direction: z.enum(["in", "out", "self"]).describe("seen from the account the page is about"),
});
export type TransferDto = z.infer<typeof transferSchema>;

export const balancePointSchema = z.object({ block: blockNumberString, free: raoString });
export type BalancePointDto = z.infer<typeof balancePointSchema>;

export const hotkeyNeuronSchema = z.object({
  netuid: z.number().int(),
  uid: z.number().int(),
  stake: raoString.describe("the hotkey's stake on the subnet: α on dTAO, τ on seed2024 (shared by all its subnets there)"),
  stakeUnit: z.enum(["α", "τ"]),
  incentive: u16,
  dividends: u16,
  validatorTrust: u16,
  validatorPermit: z.boolean(),
  emission: raoString,
  lastUpdate: blockNumberString,
});
export type HotkeyNeuronDto = z.infer<typeof hotkeyNeuronSchema>;

export const dividendsPointSchema = z.object({
  netuid: z.number().int(),
  uid: z.number().int(),
  epoch: z.number().int(),
  block: blockNumberString,
  dividends: u16.describe("u16 share of the subnet's dividends"),
  emission: raoString.describe("alpha rao (τ on seed2024) the uid was emitted at that epoch"),
});
export type DividendsPointDto = z.infer<typeof dividendsPointSchema>;

export const hotkeyRoleSchema = z.object({
  owner: keySchema.nullable().describe("its coldkey, as its uids name it (null when it holds no uid)"),
  take: u16.nullable().describe("the delegate take in u16 parts of 65535; null when it is not a delegate (seed2024)"),
  neurons: z.array(hotkeyNeuronSchema),
  nominators: z.array(stakePositionSchema).describe("the coldkeys staked on it, by value in τ (largest first): the largest 50 unless `?positions=all`"),
  nominationCount: z.number().int().nonnegative().describe("how many positions are staked on it in all (one per coldkey and subnet); `totalStake` sums every one"),
  nominatorCount: z.number().int().nonnegative().describe("how many coldkeys besides its owner are staked on it (the validators list's `nominators`)"),
  totalStake: raoString.describe("sum of the nominators' values, rao of τ"),
  dividends: z.array(dividendsPointSchema).describe("its uids' newest stored epochs, oldest first"),
});
export type HotkeyRoleDto = z.infer<typeof hotkeyRoleSchema>;

export const coldkeyRoleSchema = z.object({
  free: raoString,
  nonce: z.number().int().describe("the account's next nonce at the head (Substrate's AccountInfo.nonce): what its next extrinsic signs; 0 for an account the chain has not seen"),
  staked: raoString.describe("sum of the positions' values, rao of τ"),
  total: raoString,
  positions: z.array(stakePositionSchema).describe("its stake positions by value in τ (largest first): the largest 50 unless `?positions=all`"),
  positionCount: z.number().int().nonnegative().describe("how many stake positions it holds in all; `staked` sums every one"),
  extrinsics: z.object(page(accountExtrinsicSchema)),
  transfers: z.object(page(transferSchema)),
  balanceHistory: z.array(balancePointSchema),
});
export type ColdkeyRoleDto = z.infer<typeof coldkeyRoleSchema>;

export const accountSchema = named(
  "Account",
  z.object({
    key: keySchema,
    head: blockNumberString,
    era: z.enum(["dtao", "seed2024"]),
    coldkey: coldkeyRoleSchema,
    hotkey: hotkeyRoleSchema.nullable().describe("null when the key is no hotkey (no uid, no stake on it, no take set)"),
  }),
);
export type AccountDto = z.infer<typeof accountSchema>;

export const VALIDATOR_SORTS = ["stake", "nominators", "take", "return"] as const;
export type ValidatorSort = (typeof VALIDATOR_SORTS)[number];

export const validatorSubnetSchema = z.object({
  netuid: z.number().int(),
  uid: z.number().int(),
  validatorPermit: z.boolean(),
  validatorTrust: u16,
  dividends: u16,
  lastUpdate: blockNumberString,
  updatedBlocksAgo: blockNumberString.describe("head − lastUpdate"),
});
export type ValidatorSubnetDto = z.infer<typeof validatorSubnetSchema>;

export const validatorSchema = z.object({
  key: keySchema,
  owner: keySchema.nullable(),
  totalStake: raoString.describe("value of all stake on it in τ"),
  nominators: z.number().int().describe("coldkeys other than its owner staked on it"),
  take: u16.nullable(),
  returnPer1000: raoString.nullable().describe("τ (rao) a nominator would earn per 1,000 τ staked per day (see returnDefinition); null when it has no stake or the chain has no block after genesis"),
  subnets: z.array(validatorSubnetSchema),
});
export type ValidatorDto = z.infer<typeof validatorSchema>;

export const validatorsSchema = named(
  "Validators",
  z.object({
    ...page(validatorSchema),
    sort: z.enum(VALIDATOR_SORTS),
    head: blockNumberString,
    windowBlocks: blockNumberString.describe("the blocks the return is measured over: (head − window, head]"),
    count: z.number().int(),
    returnDefinition: z.string(),
  }),
);
export type ValidatorsDto = z.infer<typeof validatorsSchema>;

/** What the validators list's return column means (shown on the page and kept here with the computation). */
export const RETURN_DEFINITION =
  "Return per 1,000 τ per day = 1,000 τ × E × (1 − take) ÷ S × 7,200 ÷ W. E is the τ value of everything the hotkey's uids were emitted at the epochs stored in the last W blocks (W = 7,200, one day of 12-second blocks, or the chain's length if shorter): each epoch's emission in α valued at that epoch's pool price (τ as it is on seed2024). S is the τ value of all stake on the hotkey now. It is what a nominator's stake earned, at the current stake, scaled to a day; it counts any incentive the hotkey earns as a miner, which nominators do not share.";
