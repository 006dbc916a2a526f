/**
 * What the API sends and the UI reads, as zod schemas: the TypeScript types below are inferred
 * from them, and the OpenAPI document (lib/api/openapi.ts) is generated from them, so the three
 * cannot drift apart. Amounts are rao as decimal strings (u64 sums do not fit a JS number); u16
 * consensus figures are raw (divide by 65535 to show a share); block numbers are decimal strings.
 */
import { z } from "zod";

/** A block number (or a count of blocks) as a decimal string. */
export const blockNumberString = z.string().regex(/^\d+$/).describe("block number, decimal string");
/** Rao (10^-9 τ, or of a subnet's α) as a decimal string. */
export const raoString = z.string().regex(/^\d+$/).describe("rao (1 τ = 10^9 rao), decimal string");
/** A u16 figure as the chain stores it (65535 = 1.0). */
export const u16 = z.number().int().min(0).max(65535);
/** A 0x-prefixed hex string. */
export const hexString = z.string().regex(/^0x[0-9a-f]*$/);
/** A decimal fixed-point or fractional figure as a string (prices: τ per α). */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/);

/**
 * The named schemas: the OpenAPI document's components. A registry of this module's own, not
 * zod's global one: a server bundle may hold its own copy of this module, and two copies would
 * put two schemas under each id into one global registry.
 */
export const namedSchemas = z.registry<{ id: string }, z.ZodType>();

/** A named schema: listed once in the OpenAPI document's components (and referred to by `$ref` wherever it is used). */
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  const s = (description ? schema.describe(description) : schema) as T;
  namedSchemas.add(s, { id });
  return s;
}

/** An account key in both forms: SS58 (prefix 42) and the 0x-hex public key. */
export const keySchema = named("Key", z.object({ ss58: z.string().describe("SS58 address, prefix 42"), hex: z.string().regex(/^0x[0-9a-f]{64}$/).describe("0x-hex public key") }));
export type KeyDto = z.infer<typeof keySchema>;

export const blockSummarySchema = named(
  "BlockSummary",
  z.object({
    number: blockNumberString,
    hash: hexString,
    parentHash: hexString,
    stateRoot: hexString,
    extrinsicsRoot: hexString,
    timestamp: z.string().regex(/^\d+$/).describe("milliseconds since the Unix epoch"),
    author: hexString,
    extrinsicCount: z.number().int(),
    eventCount: z.number().int(),
  }),
);
export type BlockSummaryDto = z.infer<typeof blockSummarySchema>;

export const networkFiguresSchema = named(
  "NetworkFigures",
  z.object({
    block: blockNumberString,
    issuance: raoString,
    free: raoString,
    staked: raoString.describe("TAO value of all alpha stake at each subnet's spot price, plus the TAO staked on root"),
    pooled: raoString.describe("TAO in subnet pools"),
    rootStaked: raoString.describe("TAO staked on the root network"),
    recycled: raoString,
    blockEmission: raoString,
  }),
);
export type NetworkFiguresDto = z.infer<typeof networkFiguresSchema>;

export const headSchema = named(
  "Head",
  z.object({
    head: blockSummarySchema,
    genesisHash: hexString.describe("block 0's hash: every extrinsic's signature covers it (a signature from another network does not verify here)"),
    figures: networkFiguresSchema,
    totals: z.object({ extrinsics: z.string().regex(/^\d+$/), events: z.string().regex(/^\d+$/), accounts: z.number().int(), subnets: z.number().int() }),
  }),
);
export type HeadDto = z.infer<typeof headSchema>;

/** A keyset-paginated list: `next` is the cursor for the next (older) page, null at the end. */
export function pageSchema<T extends z.ZodType>(id: string, item: T) {
  return named(id, z.object({ items: z.array(item), next: z.string().nullable().describe("cursor for the next page (pass as `before`), null at the end") }));
}
export interface Page<T> {
  items: T[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}

export const extrinsicSchema = named(
  "Extrinsic",
  z.object({
    id: z.string().regex(/^\d+-\d{4,}$/).describe("{block}-{index:04}"),
    index: z.number().int(),
    hash: hexString,
    call: z.string(),
    signer: hexString,
    nonce: z.number().int(),
    args: z.unknown().describe("the call's arguments as submitted"),
    fee: raoString,
    success: z.boolean(),
    error: z.string().nullable().describe("subtensor's error name when the call failed"),
    errorDetail: z.string().nullable(),
  }),
);
export type ExtrinsicDto = z.infer<typeof extrinsicSchema>;

export const eventSchema = named(
  "Event",
  z.object({ index: z.number().int(), phase: z.string(), extrinsicIndex: z.number().int().nullable(), name: z.string(), data: z.unknown() }),
);
export type EventDto = z.infer<typeof eventSchema>;

/** Whether a block's events were pruned (`TAOSCOPE_PRUNING`): its `eventCount` says how many it had. */
export const eventsPrunedField = z.boolean().describe("true when this node prunes history (TAOSCOPE_PRUNING) and the events of this block were deleted; eventCount still says how many there were");
export const blockDetailSchema = named("BlockDetail", blockSummarySchema.extend({ extrinsics: z.array(extrinsicSchema), events: z.array(eventSchema), eventsPruned: eventsPrunedField }));
export type BlockDetailDto = z.infer<typeof blockDetailSchema>;

export const subnetShape = {
  netuid: z.number().int(),
  owner: z.string(),
  ownerHotkey: z.string(),
  registeredAt: blockNumberString,
  tempo: z.number().int(),
  neuronCount: z.number().int(),
  maxAllowedUids: z.number().int(),
  emissionEnabled: z.boolean(),
  taoReserve: raoString,
  alphaReserve: raoString,
  alphaOut: raoString,
  price: decimalString.describe("τ per α"),
  movingPrice: decimalString,
  burn: raoString.describe("the registration cost"),
  epochIndex: z.number().int(),
  lastEpochBlock: blockNumberString,
  hyperparams: z.record(z.string(), z.unknown()),
};
export const subnetSchema = named("Subnet", z.object(subnetShape));
export type SubnetDto = z.infer<typeof subnetSchema>;

/**
 * A subnet as it was at one of its stored epochs: the figures that epoch's snapshot holds. A
 * snapshot written before a figure was recorded there gives it as null (unknown), never today's
 * value; the netuid and the registration block identify the subnet and do not change.
 */
export const subnetAtEpochSchema = named(
  "SubnetAtEpoch",
  z.object({
    ...Object.fromEntries(Object.entries(subnetShape).map(([k, v]) => [k, v.nullable()])),
    netuid: subnetShape.netuid,
    registeredAt: subnetShape.registeredAt,
    epochIndex: subnetShape.epochIndex,
  }) as unknown as z.ZodType<{ [K in keyof SubnetDto]: K extends "netuid" | "registeredAt" | "epochIndex" ? SubnetDto[K] : SubnetDto[K] | null }>,
);
export type SubnetAtEpochDto = z.infer<typeof subnetAtEpochSchema>;

export const axonSchema = z.object({ ip: z.string(), port: z.number().int(), ipType: z.number().int(), version: z.number().int() });

export const neuronSchema = named(
  "Neuron",
  z.object({
    uid: z.number().int(),
    hotkey: z.string(),
    coldkey: z.string(),
    stake: raoString,
    consensus: u16,
    incentive: u16,
    dividends: u16,
    validatorTrust: u16,
    emission: raoString,
    validatorPermit: z.boolean(),
    active: z.boolean(),
    lastUpdate: blockNumberString,
    registeredAt: blockNumberString,
    axon: axonSchema.nullable(),
  }),
  "One uid of a metagraph, with the Bittensor SDK's columns.",
);
export type NeuronDto = z.infer<typeof neuronSchema>;

export const metagraphSchema = named(
  "Metagraph",
  z.object({
    subnet: z.union([subnetSchema, subnetAtEpochSchema]).describe("the latest subnet, or with `epoch` set the subnet's figures at that epoch"),
    epoch: z.number().int().nullable().describe("the epoch shown: the latest state (null) or a stored snapshot"),
    block: blockNumberString,
    neurons: z.array(neuronSchema),
  }),
);
export type MetagraphDto = z.infer<typeof metagraphSchema>;

export const syncSchema = named(
  "Sync",
  z.object({
    phase: z.enum(["history", "live"]),
    done: z.number().int().describe("history blocks committed so far"),
    total: z.number().int().describe("the history target"),
    blocksPerSecond: z.number().nullable().describe("over the last few seconds; null when not measured"),
    etaSeconds: z.number().nullable().describe("seconds until live at that rate (null while unknown; 0 when live)"),
  }),
  "The history fast-forward a new network runs before it goes live.",
);
export type SyncDto = z.infer<typeof syncSchema>;

export const healthSchema = named(
  "Health",
  z.object({
    status: z.enum(["ok", "starting", "error"]),
    head: blockNumberString.nullable(),
    database: z.enum(["sqlite", "postgres"]),
    producing: z.boolean(),
    sync: syncSchema,
    error: z.string().optional(),
  }),
);
export type HealthDto = z.infer<typeof healthSchema>;

export const subnetEpochSchema = named(
  "SubnetEpoch",
  z.object({ epoch: z.number().int(), block: blockNumberString, emission: raoString, taoReserve: raoString, alphaReserve: raoString, price: decimalString, neuronCount: z.number().int() }),
  "A subnet's figures after one of its epochs.",
);
export type SubnetEpochDto = z.infer<typeof subnetEpochSchema>;

export const networkHistorySchema = named("NetworkHistory", z.object({ points: z.array(networkFiguresSchema) }), "Network figures at evenly spaced blocks from genesis to the head.");
export type NetworkHistoryDto = z.infer<typeof networkHistorySchema>;

export const submittedExtrinsicSchema = named(
  "SubmittedExtrinsic",
  z.object({
    hash: hexString,
    status: z.enum(["ready", "future"]).describe("ready: the next block takes it; future: its nonce waits for the signer's earlier ones"),
    queuedFor: blockNumberString.optional().describe("the block it goes into (when ready)"),
    expiresAt: blockNumberString.describe("the last block it can be included in"),
    track: z.string().describe("the path that answers where it is (GET /api/extrinsics/by-hash/{hash}): pending, included or dropped"),
  }),
);
export type SubmittedExtrinsicDto = z.infer<typeof submittedExtrinsicSchema>;

const mempoolEntryShape = { hash: hexString, signer: hexString, signerAddress: z.string(), call: z.string(), nonce: z.number().int(), submittedAt: blockNumberString };

export const pendingExtrinsicSchema = named("PendingExtrinsic", z.object({ ...mempoolEntryShape, status: z.enum(["ready", "future"]), expiresAt: blockNumberString }));
export type PendingExtrinsicDto = z.infer<typeof pendingExtrinsicSchema>;

export const droppedExtrinsicSchema = named(
  "DroppedExtrinsic",
  z.object({
    ...mempoolEntryShape,
    droppedAt: blockNumberString.describe("the block after which it was dropped"),
    cause: z.string().describe("Expired, Stale (its nonce used by another extrinsic) or the block's refusal (Payment, ...)"),
    reason: z.string(),
  }),
);
export type DroppedExtrinsicDto = z.infer<typeof droppedExtrinsicSchema>;

export const mempoolSchema = named(
  "Mempool",
  z.object({
    head: blockNumberString,
    pendingCount: z.number().int(),
    pending: z.array(pendingExtrinsicSchema).describe("in acceptance order (at most ?limit=)"),
    dropped: z.array(droppedExtrinsicSchema).describe("the most recently dropped, newest first"),
    limits: z.object({ capacity: z.number().int(), expiryBlocks: z.number().int(), droppedKept: z.number().int() }),
  }),
);
export type MempoolDto = z.infer<typeof mempoolSchema>;

export const mempoolLookupSchema = named(
  "MempoolLookup",
  z.union([pendingExtrinsicSchema.extend({ state: z.literal("pending") }), droppedExtrinsicSchema.extend({ state: z.literal("dropped") })]),
);
export type MempoolLookupDto = z.infer<typeof mempoolLookupSchema>;

export const distributionBarSchema = z.object({
  uid: z.number().int(),
  hotkey: z.string().describe("SS58"),
  value: u16,
  share: z.number().describe("value ÷ the column's total over all uids"),
});
export type DistributionBarDto = z.infer<typeof distributionBarSchema>;

export const distributionSeriesSchema = named(
  "DistributionSeries",
  z.object({
    column: z.enum(["incentive", "dividends"]),
    n: z.number().int(),
    total: z.number().int().describe("Σ of the u16 values"),
    gini: z.number().describe("n-normalised Gini over all n uids (zeros included)"),
    top1Share: z.number(),
    top10Share: z.number(),
    earning: z.number().int().describe("uids with a value above zero"),
    bars: z.array(distributionBarSchema).describe("every uid, largest value first (ties by uid)"),
    lorenz: z.array(z.tuple([z.number(), z.number()])).describe("n + 1 points [population share, value share], poorest first"),
  }),
);
export type DistributionSeriesDto = z.infer<typeof distributionSeriesSchema>;

export const emissionPartSchema = z.object({
  key: z.enum(["owner", "miners", "burned", "validatorTake", "nominators", "root", "unallocated"]),
  label: z.string(),
  amount: raoString.describe("rao of alpha (of TAO on seed2024)"),
  tao: raoString.describe("rao of TAO: amount × price, floored"),
});
export type EmissionPartDto = z.infer<typeof emissionPartSchema>;

export const emissionSplitSchema = z.object({
  unit: z.enum(["α", "τ"]),
  price: decimalString,
  emission: raoString,
  ownerCut: raoString,
  parts: z.array(emissionPartSchema),
});
export type EmissionSplitDto = z.infer<typeof emissionSplitSchema>;

export const distributionSchema = named(
  "Distribution",
  z.object({
    netuid: z.number().int(),
    epoch: z.number().int(),
    block: blockNumberString,
    era: z.enum(["dynamic", "seed2024"]),
    incentive: distributionSeriesSchema,
    dividends: distributionSeriesSchema,
    split: emissionSplitSchema.nullable().describe("null for epochs stored before splits were kept"),
  }),
);
export type DistributionDto = z.infer<typeof distributionSchema>;

export const neuronEpochSchema = z.object({
  epoch: z.number().int(),
  block: blockNumberString,
  hotkey: z.string(),
  stake: raoString,
  incentive: u16,
  dividends: u16,
  emission: raoString,
  consensus: u16,
  validatorTrust: u16,
});
export type NeuronEpochDto = z.infer<typeof neuronEpochSchema>;

export const uidRegistrationSchema = z.object({ block: blockNumberString, hotkey: z.string(), coldkey: z.string(), replaced: z.string().nullable() });
export type UidRegistrationDto = z.infer<typeof uidRegistrationSchema>;

export const weightSchema = z.object({ uid: z.number().int(), hotkey: z.string(), value: u16 });
export type WeightDto = z.infer<typeof weightSchema>;

export const neuronHistorySchema = named(
  "NeuronHistory",
  z.object({
    netuid: z.number().int(),
    uid: z.number().int(),
    era: z.enum(["dynamic", "seed2024"]),
    points: z.array(neuronEpochSchema).describe("oldest first; at most `limit` epochs, the newest ones"),
    next: z.string().nullable(),
    registrations: z.array(uidRegistrationSchema),
    epoch: z.number().int().nullable(),
    weightsSet: z.array(weightSchema),
    weightsReceived: z.array(weightSchema),
  }),
);
export type NeuronHistoryDto = z.infer<typeof neuronHistorySchema>;

// ---------------------------------------------------------------------------------------------
// Epoch explainer (`/api/subnets/N/epochs/E/explain`). Fixed-point values are I32F32 raw bits
// (`value = bits / 2^32`, exact integers in a JSON number); u16 values are as the chain stores
// them (share = u16 / 65535); stake sums in I64F64 are bit strings (`value = bits / 2^64`).

export const explainWeightSchema = z.object({
  uid: z.number().int(),
  set: u16,
  removedBy: z.enum(["permit", "self", "outdated", "commitReveal"]).nullable(),
  normalized: z.number(),
  clipped: z.number(),
  consensus: z.number(),
  activeStake: z.number(),
  stakeAtOrAbove: z.number(),
});
export type ExplainWeightDto = z.infer<typeof explainWeightSchema>;

const outSchema = z.object({ consensus: z.number(), incentive: z.number(), dividends: z.number(), validatorTrust: z.number(), stakeWeight: z.number(), rank: z.number().nullable(), trust: z.number().nullable(), pruningScore: z.number().nullable() });
const numbers = z.array(z.number());
const strings = z.array(z.string());

export const explainFocusSchema = z.object({
  uid: z.number().int(),
  hotkey: z.string(),
  lastUpdate: blockNumberString,
  registeredAt: blockNumberString,
  active: z.boolean(),
  alphaStake: raoString,
  taoStake: raoString,
  weightedStakeBits: z.string(),
  belowThreshold: z.boolean(),
  stake: z.number(),
  stakePosition: z.number().int(),
  permitPrevious: z.boolean(),
  permitNext: z.boolean(),
  activeStake: z.number(),
  weightsSet: z.array(explainWeightSchema),
  validatorTrust: z.number(),
  weightsReceived: z.array(explainWeightSchema),
  kappa: z.number(),
  consensus: z.number(),
  rank: z.number(),
  incentive: z.number(),
  bonds: z.array(z.object({ uid: z.number().int(), before: z.number(), after: z.number(), ema: z.number(), alpha: z.number().nullable(), incentive: z.number(), term: z.number() })),
  dividends: z.number(),
  out: outSchema,
  serverEmission: raoString,
  validatorEmission: raoString,
  emission: raoString,
});
export type ExplainFocusDto = z.infer<typeof explainFocusSchema>;

export const epochExplainSchema = named(
  "EpochExplain",
  z.object({
    netuid: z.number().int(),
    epoch: z.number().int(),
    latestEpoch: z.number().int().nullable(),
    block: blockNumberString,
    era: z.enum(["dtao", "2024"]),
    n: z.number().int(),
    hotkeys: strings,
    ownerUid: z.number().int().nullable(),
    raoEmission: raoString,
    params: z.object({
      tempo: z.number(),
      activityCutoff: z.number(),
      kappa: z.number(),
      bondsPenalty: z.number(),
      bondsMovingAverage: z.number(),
      maxAllowedValidators: z.number(),
      yuma3: z.boolean(),
      liquidAlpha: z.boolean(),
      alphaLow: z.number(),
      alphaHigh: z.number(),
      alphaSigmoidSteepness: z.number(),
      stakeThreshold: z.string(),
      taoWeight: z.string(),
      commitReveal: z.boolean(),
    }),
    check: z.object({ equal: z.boolean(), compared: strings, mismatches: strings, registeredAfter: numbers }),
    uids: z.object({
      lastUpdate: strings,
      active: z.array(z.boolean()),
      alphaStake: strings,
      taoStake: strings,
      stake: numbers,
      permitPrevious: z.array(z.boolean()),
      permitNext: z.array(z.boolean()),
      activeStake: numbers,
      consensus: numbers,
      validatorTrust: numbers,
      rank: numbers,
      incentive: numbers,
      dividends: numbers,
      serverNorm: numbers,
      validatorNorm: numbers,
      serverEmission: strings,
      validatorEmission: strings,
      emission: strings,
      out: z.object({ consensus: numbers, incentive: numbers, dividends: numbers, validatorTrust: numbers, stakeWeight: numbers, rank: numbers.nullable(), trust: numbers.nullable(), pruningScores: numbers.nullable() }),
    }),
    steps: z.object({
      activeCount: z.number().int(),
      taoWeightBits: z.string(),
      belowThreshold: z.number().int(),
      weightStages: z.array(z.object({ key: z.string(), label: z.string(), entries: z.number().int() })),
      kappa: z.number(),
      bondsPenalty: z.number(),
      bondsMode: z.enum(["original", "yuma3", "yuma3-liquid-alpha"]),
      emaAlpha: z.number().nullable(),
      lastTempo: z.number().nullable(),
      bondEntries: z.object({ loaded: z.number().int(), masked: z.number().int(), after: z.number().int() }),
      emissionSum: z.number(),
      emissionFallback: z.enum(["none", "activeStake", "stake"]),
    }),
    heatmaps: z.object({ validators: numbers, weights: z.array(numbers), weightsSet: z.array(numbers), bonds: z.array(numbers), consensus: numbers }),
    focus: explainFocusSchema.nullable(),
  }),
  "An epoch re-run step by step from its stored inputs, checked against the stored metagraph.",
);
export type EpochExplainDto = z.infer<typeof epochExplainSchema>;

const packedU16Schema = named(
  "PackedU16",
  z.object({
    rows: z.number().int(),
    cols: z.number().int(),
    data: z.string().describe("rows × cols u16 values, row after row, each little-endian (2 bytes), as base64"),
  }),
  "A dense matrix of u16 values packed as base64 (lib/packed-u16.ts).",
);

/**
 * What the weights and bonds heatmaps draw, their matrices packed (lib/packed-u16.ts): the
 * explanation's `hotkeys` and `heatmaps` in the form the page sends (the subnet page asks for only this).
 */
export const epochHeatmapsSchema = named(
  "EpochHeatmaps",
  z.object({
    hotkeys: z.array(z.string()).describe("each uid's hotkey (hex), index = uid"),
    validators: z.array(z.number().int()).describe("the uid of each matrix row: every uid with a validator permit before or after the epoch"),
    consensus: z.array(z.number().int()).describe("consensus per uid as the epoch wrote it (u16), the line drawn over each miner's column"),
    weights: packedU16Schema.describe("the weights the epoch used (after its masks, row-normalised), as u16 proportions: validators × uids"),
    weightsSet: packedU16Schema.describe("the u16 weights each validator had set, before any mask: validators × uids"),
    bonds: packedU16Schema.describe("the bonds after the epoch (u16): validators × uids"),
  }),
  "An epoch's weights and bonds heatmaps, from the epoch re-run on its stored inputs.",
);
export type EpochHeatmapsDto = z.infer<typeof epochHeatmapsSchema>;

// ---- Reward flows (/api/flows) and tokenomics (/api/tokenomics). Amounts are rao strings.

export const sankeySchema = z.object({
  nodes: z.array(z.object({ id: z.string(), label: z.string(), unit: z.enum(["τ", "α"]) })),
  links: z.array(z.object({ source: z.number().int(), target: z.number().int(), value: raoString })),
});
export type SankeyDto = z.infer<typeof sankeySchema>;

export const subnetFlowsSchema = z.object({
  netuid: z.number().int(),
  epochs: z.number().int(),
  tau: z.object({ total: raoString, injected: raoString, bought: raoString, recycled: raoString }),
  alpha: z.object({
    emitted: raoString,
    rootNotEmitted: raoString,
    distributed: raoString,
    ownerCut: raoString,
    incentive: raoString,
    burnedIncentive: raoString,
    take: raoString,
    nominators: raoString,
    rootDividends: raoString,
    rootSold: raoString,
    rootSoldTao: raoString,
    rootUnsold: raoString,
    rounding: raoString,
  }),
  paid: z.object({ total: raoString, ownerCut: raoString, incentive: raoString, take: raoString, nominators: raoString, dropped: raoString }),
});
export type SubnetFlowsDto = z.infer<typeof subnetFlowsSchema>;

export const flowsSchema = named(
  "Flows",
  z.object({
    era: z.enum(["dtao", "seed2024"]),
    from: blockNumberString,
    to: blockNumberString,
    head: blockNumberString,
    range: z.enum(["tempo", "day", "week", "all"]).nullable(),
    network: z.object({ blockEmission: raoString, minted: raoString, unallocated: raoString }),
    subnets: z.array(subnetFlowsSchema),
    tau: sankeySchema,
    alpha: z.array(z.object({ netuid: z.number().int(), sankey: sankeySchema })),
  }),
  "Reward flows over a block range, exact to the rao.",
);
export type FlowsDto = z.infer<typeof flowsSchema>;

export const halvingMarkerSchema = z.object({
  k: z.number().int().describe("k-th halving: issuance reaches 21M·(1 − 2^−k)"),
  threshold: raoString,
  block: blockNumberString.describe("estimated block at which issuance reaches the threshold"),
  timestamp: z.string().regex(/^\d+$/).describe("estimated date (ms since the epoch) at 12 s a block"),
  emissionAfter: raoString,
});
export type HalvingMarkerDto = z.infer<typeof halvingMarkerSchema>;

export const tokenomicsPointSchema = z.object({
  block: blockNumberString,
  issuance: raoString,
  free: raoString,
  staked: raoString,
  pooled: raoString,
  recycled: raoString,
  blockEmission: raoString,
  stakingRatio: z.number().describe("staked ÷ issuance, 0..1 (display)"),
  reference: raoString.describe("the 2024 reference: issuance at the range's start plus 1 τ a block"),
});
export type TokenomicsPointDto = z.infer<typeof tokenomicsPointSchema>;

export const tokenomicsSchema = named(
  "Tokenomics",
  z.object({
    era: z.enum(["dtao", "seed2024"]),
    range: z.enum(["day", "week", "all"]),
    from: blockNumberString,
    to: blockNumberString,
    head: blockNumberString,
    step: z.string().regex(/^\d+$/),
    points: z.array(tokenomicsPointSchema),
    shares: z.object({ series: strings, rows: z.array(z.object({ block: blockNumberString, values: numbers })) }),
    projection: z.object({ issuance: raoString, blockEmission: raoString, markers: z.array(halvingMarkerSchema) }),
  }),
);
export type TokenomicsDto = z.infer<typeof tokenomicsSchema>;

/** Every error answer: `{ error }` naming what was wrong (a 500 adds the request id of its log line). */
export const errorSchema = named("Error", z.object({ error: z.string(), requestId: z.string().optional() }));

export const searchMatchSchema = z.object({
  kind: z.enum(["block", "extrinsic", "account", "subnet"]),
  label: z.string().describe('what the match is, in words: "Block 1,200", "Extrinsic 1200-0003 (SubtensorModule.add_stake)"'),
  href: z.string().describe("the explorer page that shows it"),
});
export type SearchMatchDto = z.infer<typeof searchMatchSchema>;

export const searchResultSchema = named(
  "SearchResult",
  z.object({ query: z.string(), matches: z.array(searchMatchSchema), invalid: z.string().nullable().describe("why nothing could match (a malformed input), or null") }),
);
export type SearchResultDto = z.infer<typeof searchResultSchema>;

/** A signed extrinsic as `POST /api/extrinsics` takes it. */
export const signedExtrinsicSchema = named(
  "SignedExtrinsic",
  z.object({
    call: z.string({ error: "must be a call name such as Balances.transfer_keep_alive" }).describe("Pallet.call_name, e.g. SubtensorModule.add_stake"),
    args: z.record(z.string(), z.unknown(), { error: "must be an object of named arguments" }).describe("the call's named arguments (amounts as rao decimal strings, accounts as SS58 or 0x)"),
    signer: z.string({ error: "must be the signer's 0x-hex public key or SS58 address" }).describe("the signer's 0x-hex public key or SS58 address"),
    nonce: z.number({ error: "must be a non-negative integer" }).int({ error: "must be a non-negative integer" }).min(0, { error: "must be a non-negative integer" }).max(Number.MAX_SAFE_INTEGER, { error: "must be a non-negative integer" }),
    signature: z.string({ error: "must be a 0x-hex 64-byte sr25519 signature" }).regex(/^0x[0-9a-fA-F]{128}$/, { error: "must be a 0x-hex 64-byte sr25519 signature" }).describe("sr25519 signature of the payload, 0x-hex (64 bytes)"),
  }),
  "Signed on the client: the node only verifies.",
);
