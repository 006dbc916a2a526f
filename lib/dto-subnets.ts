/**
 * What the subnet list, subnet pages and the home page's overview send (zod schemas, so the
 * OpenAPI document can list them; the types are their `z.infer`). Amounts are rao as decimal
 * strings, block numbers decimal strings, accounts SS58 (prefix 42) unless a field says hex.
 */
import { z } from "zod";
import { blockNumberString as blockNo, named, raoString as rao, subnetShape } from "./dto";

const ss58 = z.string().describe("SS58 address (prefix 42)");
/** TAO per alpha with 9 decimals, as the Subnet row keeps it. */
const price = z.string().regex(/^\d+\.\d+$/).describe("τ per α, 9 decimals");

export const SUBNET_SORTS = ["netuid", "emission", "price", "tao", "alpha", "burn", "uids", "tempo", "owner", "age"] as const;
export type SubnetSort = (typeof SUBNET_SORTS)[number];

export const pricePointSchema = z.object({ block: blockNo, price });

/** One subnet of `GET /api/subnets`: the stored subnet (its fields unchanged) and the list's figures. */
export const subnetListItemSchema = named("SubnetListItem", z.object({
  ...subnetShape,
  /** The owner coldkey as SS58, or null when the subnet has none (seed2024 genesis subnets). */
  ownerSs58: ss58.nullable(),
  emission: z.object({
    /** τ the subnet received at the head block (dTAO: its SubnetEmission share; seed2024: its root-epoch EmissionValue). */
    perBlock: rao,
    /** perBlock ÷ the head block's emission, 0..1. */
    share: z.number(),
  }),
  /** Spot price after each stored epoch of the last 7 days (50,400 blocks), oldest first, at most 48 points. */
  sparkline: z.array(pricePointSchema),
  age: z.object({
    blocks: blockNo,
    /** Milliseconds from the registration block's timestamp to the head's (null when the block is not stored). */
    ms: z.string().nullable(),
  }),
}));
export type SubnetListItemDto = z.infer<typeof subnetListItemSchema>;

export const subnetListSchema = named("SubnetFigureList", z.array(subnetListItemSchema));

/** One hyperparameter, named as subtensor's `SubnetHyperparameters` and btcli name it. */
export const hyperparamSchema = z.object({
  name: z.string(),
  /** The stored value: numbers and bigints as decimal text, booleans as true/false. */
  value: z.string(),
  /** What the value counts: blocks, epochs, u16 (÷ 65535), per million, rao of τ, ... (null: a flag or a count). */
  unit: z.string().nullable(),
  /** The value in its unit for people (65535-scaled shares as fractions, rao as τ). */
  display: z.string(),
  description: z.string(),
});
export const hyperparamsSchema = named("Hyperparameters", z.object({ netuid: z.number().int(), era: z.enum(["dtao", "seed2024"]), block: blockNo, params: z.array(hyperparamSchema) }));
export type HyperparamDto = z.infer<typeof hyperparamSchema>;
export type HyperparamsDto = z.infer<typeof hyperparamsSchema>;

/** A hotkey taking a uid: a new uid (append) or a replacement that pruned `replaced`. */
export const registrationSchema = z.object({
  uid: z.number().int(),
  block: blockNo,
  hotkey: ss58,
  coldkey: ss58.nullable(),
  replaced: ss58.nullable(),
});
export const registrationsSchema = named("RegistrationPage", z.object({
  netuid: z.number().int(),
  items: z.array(registrationSchema),
  /** Cursor `{block}-{uid}` for older rows, or null at the end. */
  next: z.string().nullable(),
}));
export type RegistrationDto = z.infer<typeof registrationSchema>;
export type RegistrationsDto = z.infer<typeof registrationsSchema>;

/** A subnet's figures after a stored epoch, for its price and registration-cost charts. */
export const subnetHistoryPointSchema = z.object({
  epoch: z.number().int(),
  block: blockNo,
  price,
  taoReserve: rao,
  alphaReserve: rao,
  /** The registration price at the epoch (null for rows stored before it was kept). */
  burn: rao.nullable(),
});
export const subnetHistorySchema = named("SubnetHistory", z.object({
  netuid: z.number().int(),
  era: z.enum(["dtao", "seed2024"]),
  range: z.enum(["week", "all"]),
  /** Evenly spaced stored epochs, oldest first, ending at the newest. */
  points: z.array(subnetHistoryPointSchema),
}));
export type SubnetHistoryDto = z.infer<typeof subnetHistorySchema>;

export const latestExtrinsicSchema = z.object({ id: z.string().describe("{block}-{index:04}"), block: blockNo, index: z.number().int(), call: z.string(), signer: ss58, success: z.boolean(), error: z.string().nullable() });
export const topValidatorSchema = z.object({
  hotkey: ss58,
  /** τ value of all stake on the hotkey: root stake 1:1, each subnet's alpha at its spot price. */
  stake: rao,
  /** Subnets where it holds a validator permit. */
  permits: z.array(z.number().int()),
});
export const nextHalvingSchema = z.object({
  /** k-th halving: issuance reaches 21M·(1 − 2^−k). */
  k: z.number().int(),
  threshold: rao,
  issuance: rao,
  /** threshold − issuance. */
  left: rao,
  blockEmission: rao,
  /** Estimated block and date (ms) at 12 s a block, every block minting its full emission. */
  block: blockNo,
  blocksLeft: blockNo,
  timestamp: z.string(),
});
export const overviewSchema = named("Overview", z.object({
  head: blockNo,
  latestExtrinsics: z.array(latestExtrinsicSchema),
  topSubnets: z.array(z.object({ netuid: z.number().int(), share: z.number(), perBlock: rao })),
  topValidators: z.array(topValidatorSchema),
  nextHalving: nextHalvingSchema.nullable(),
}));
export type OverviewDto = z.infer<typeof overviewSchema>;
export type TopValidatorDto = z.infer<typeof topValidatorSchema>;
export type NextHalvingDto = z.infer<typeof nextHalvingSchema>;

/**
 * A stored epoch's metagraph under the Bittensor SDK's names (`GET
 * /api/subnets/:netuid/metagraph/export?epoch=N&format=json`; `format=csv` has the same columns
 * but weights and bonds, one row per uid). Stake and emission are decimal τ/α (9 decimals:
 * the SDK's float TAO, exact); u16 columns are the SDK's normalised floats (u16 / 65535).
 */
export const metagraphExportSchema = named("MetagraphExport", z.object({
  netuid: z.number().int(),
  epoch: z.number().int(),
  block: blockNo,
  n: z.number().int(),
  /** "τ" on seed2024 (stake is TAO), "α" on dynamic TAO. */
  unit: z.enum(["τ", "α"]),
  uids: z.array(z.number().int()),
  hotkeys: z.array(ss58),
  coldkeys: z.array(ss58.nullable()),
  stake: z.array(z.string()),
  /** seed2024 (subtensor v1.1.3) only: the dTAO chain no longer computes them. */
  ranks: z.array(z.number()).optional(),
  trust: z.array(z.number()).optional(),
  pruning_scores: z.array(z.number()).optional(),
  consensus: z.array(z.number()),
  incentive: z.array(z.number()),
  dividends: z.array(z.number()),
  emission: z.array(z.string()),
  validator_trust: z.array(z.number()),
  validator_permit: z.array(z.boolean()),
  active: z.array(z.boolean()),
  last_update: z.array(z.number().int()),
  block_at_registration: z.array(z.number().int()),
  axons: z.array(z.object({ ip: z.string(), port: z.number().int(), ip_type: z.number().int(), version: z.number().int() }).nullable()),
  /** Sparse rows `[uid, u16]` as stored (max-upscaled weights; bonds u16). */
  weights: z.array(z.array(z.tuple([z.number().int(), z.number().int()]))),
  bonds: z.array(z.array(z.tuple([z.number().int(), z.number().int()]))),
}));
export type MetagraphExportDto = z.infer<typeof metagraphExportSchema>;
