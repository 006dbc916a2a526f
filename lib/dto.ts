/**
 * What the API sends and the UI reads. Amounts are rao as decimal strings (u64 sums do not fit a
 * JS number); u16 consensus figures are raw (divide by 65535 to show a share); block numbers are
 * decimal strings too.
 */

export interface BlockSummaryDto {
  number: string;
  hash: string;
  parentHash: string;
  stateRoot: string;
  extrinsicsRoot: string;
  /** Milliseconds since the Unix epoch. */
  timestamp: string;
  author: string;
  extrinsicCount: number;
  eventCount: number;
}

export interface NetworkFiguresDto {
  block: string;
  issuance: string;
  free: string;
  /** TAO value of all alpha stake at each subnet's spot price, plus the TAO staked on root. */
  staked: string;
  /** TAO in subnet pools. */
  pooled: string;
  /** TAO staked on the root network. */
  rootStaked: string;
  recycled: string;
  blockEmission: string;
}

export interface HeadDto {
  head: BlockSummaryDto;
  figures: NetworkFiguresDto;
  totals: { extrinsics: string; events: string; accounts: number; subnets: number };
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}

export interface ExtrinsicDto {
  id: string;
  index: number;
  hash: string;
  call: string;
  signer: string;
  nonce: number;
  args: unknown;
  fee: string;
  success: boolean;
  error: string | null;
  errorDetail: string | null;
}

export interface EventDto {
  index: number;
  phase: string;
  extrinsicIndex: number | null;
  name: string;
  data: unknown;
}

export interface BlockDetailDto extends BlockSummaryDto {
  extrinsics: ExtrinsicDto[];
  events: EventDto[];
}

export interface SubnetDto {
  netuid: number;
  owner: string;
  ownerHotkey: string;
  registeredAt: string;
  tempo: number;
  neuronCount: number;
  maxAllowedUids: number;
  emissionEnabled: boolean;
  taoReserve: string;
  alphaReserve: string;
  alphaOut: string;
  price: string;
  movingPrice: string;
  burn: string;
  epochIndex: number;
  lastEpochBlock: string;
  hyperparams: Record<string, unknown>;
}

/** One uid of a metagraph, with the Bittensor SDK's columns. */
export interface NeuronDto {
  uid: number;
  hotkey: string;
  coldkey: string;
  stake: string;
  consensus: number;
  incentive: number;
  dividends: number;
  validatorTrust: number;
  emission: string;
  validatorPermit: boolean;
  active: boolean;
  lastUpdate: string;
  registeredAt: string;
  axon: { ip: string; port: number; ipType: number; version: number } | null;
}

/**
 * A subnet as it was at one of its stored epochs: the figures that epoch's snapshot holds. A
 * snapshot written before a figure was recorded there gives it as null (unknown), never today's
 * value; the netuid and the registration block identify the subnet and do not change.
 */
export type SubnetAtEpochDto = { [K in keyof SubnetDto]: K extends "netuid" | "registeredAt" | "epochIndex" ? SubnetDto[K] : SubnetDto[K] | null };

export interface MetagraphDto {
  /** The latest subnet, or with `epoch` set the subnet's figures at that epoch. */
  subnet: SubnetDto | SubnetAtEpochDto;
  /** The epoch shown: the latest state (`null`) or a stored snapshot. */
  epoch: number | null;
  block: string;
  neurons: NeuronDto[];
}

/** The history fast-forward a new network runs before it goes live (lib/node/history.ts). */
export interface SyncDto {
  phase: "history" | "live";
  /** History blocks committed so far, and the history target. */
  done: number;
  total: number;
  /** Blocks a second over the last few seconds (null when not measured: not yet, or not the producer). */
  blocksPerSecond: number | null;
  /** Seconds until live at that rate (null while unknown; 0 when live). */
  etaSeconds: number | null;
}

export interface HealthDto {
  status: "ok" | "starting" | "error";
  head: string | null;
  database: "sqlite" | "postgres";
  producing: boolean;
  sync: SyncDto;
  error?: string;
}

/** A subnet's figures after one of its epochs (the history behind `?epoch=N`). */
export interface SubnetEpochDto {
  epoch: number;
  block: string;
  emission: string;
  taoReserve: string;
  alphaReserve: string;
  price: string;
  neuronCount: number;
}

/** Network figures at evenly spaced blocks from genesis to the head, for supply and staking charts. */
export interface NetworkHistoryDto {
  points: NetworkFiguresDto[];
}

/** `POST /api/extrinsics`'s answer: where the extrinsic stands in the mempool. */
export interface SubmittedExtrinsicDto {
  hash: string;
  /** `ready`: the next block takes it; `future`: its nonce waits for the signer's earlier ones. */
  status: "ready" | "future";
  /** The block it goes into (when ready). */
  queuedFor?: string;
  /** The last block it can be included in; a future one still waiting then is dropped. */
  expiresAt: string;
}

/** A pending extrinsic (`GET /api/mempool`, `GET /api/mempool/:hash`). */
export interface PendingExtrinsicDto {
  hash: string;
  /** The signer's public key, 0x-hex, and its SS58 address. */
  signer: string;
  signerAddress: string;
  call: string;
  nonce: number;
  status: "ready" | "future";
  /** The head when it was accepted. */
  submittedAt: string;
  expiresAt: string;
}

/** An extrinsic that left the mempool without being included, and why. */
export interface DroppedExtrinsicDto {
  hash: string;
  signer: string;
  signerAddress: string;
  call: string;
  nonce: number;
  submittedAt: string;
  /** The block after which it was dropped. */
  droppedAt: string;
  /** `Expired`, `Stale` (its nonce used by another extrinsic) or the block's refusal (`Payment`, ...). */
  cause: string;
  reason: string;
}

export interface MempoolDto {
  head: string;
  pendingCount: number;
  /** Pending extrinsics in acceptance order (at most `?limit=`). */
  pending: PendingExtrinsicDto[];
  /** The most recently dropped, newest first (the last `limits.droppedKept`). */
  dropped: DroppedExtrinsicDto[];
  limits: { capacity: number; expiryBlocks: number; droppedKept: number };
}

export type MempoolLookupDto = ({ state: "pending" } & PendingExtrinsicDto) | ({ state: "dropped" } & DroppedExtrinsicDto);

/** One uid's bar in an incentive or dividends distribution. */
export interface DistributionBarDto {
  uid: number;
  /** SS58 (prefix 42). */
  hotkey: string;
  /** The u16 value (65535 = 1.0). */
  value: number;
  /** value ÷ the column's total over all uids. */
  share: number;
}

/** How one u16 column (incentive or dividends) is spread over a subnet's uids at an epoch. */
export interface DistributionSeriesDto {
  column: "incentive" | "dividends";
  /** All uids of the subnet. */
  n: number;
  /** Σ of the u16 values. */
  total: number;
  /** n-normalised Gini over all n uids (zeros included): Σ|xi − xj| / (2 n Σx). */
  gini: number;
  top1Share: number;
  top10Share: number;
  /** Uids with a value above zero. */
  earning: number;
  /** Every uid, largest value first (ties by uid). */
  bars: DistributionBarDto[];
  /** n + 1 points [population share, value share], poorest first. */
  lorenz: [number, number][];
}

/** One part of an epoch's emission, in the subnet's token and in TAO at the epoch's pool price. */
export interface EmissionPartDto {
  key: "owner" | "miners" | "burned" | "validatorTake" | "nominators" | "root" | "unallocated";
  label: string;
  /** Rao of alpha (of TAO on seed2024). */
  amount: string;
  /** Rao of TAO: amount × price, floored. */
  tao: string;
}

/** What one epoch distributed (the `EpochDistributed` event's emission) and to whom. */
export interface EmissionSplitDto {
  /** "α" on dynamic-TAO subnets, "τ" on seed2024 (its amounts are TAO). */
  unit: "α" | "τ";
  /** TAO per alpha at the epoch's pool price ("1" on seed2024). */
  price: string;
  /** The event's emission: the parts but the owner's sum to it. */
  emission: string;
  /** The owner cut, on top of `emission`. */
  ownerCut: string;
  parts: EmissionPartDto[];
}

/** A subnet's incentive and dividends distribution and emission split at one stored epoch. */
export interface DistributionDto {
  netuid: number;
  epoch: number;
  block: string;
  era: "dynamic" | "seed2024";
  incentive: DistributionSeriesDto;
  dividends: DistributionSeriesDto;
  /** Null for epochs stored before splits were kept. */
  split: EmissionSplitDto | null;
}

/** One uid's figures after one stored epoch. */
export interface NeuronEpochDto {
  epoch: number;
  block: string;
  hotkey: string;
  /** Rao (alpha; TAO on seed2024). */
  stake: string;
  incentive: number;
  dividends: number;
  /** Rao of the epoch's emission to the uid. */
  emission: string;
  consensus: number;
  validatorTrust: number;
}

/** A hotkey taking a uid. */
export interface UidRegistrationDto {
  block: string;
  /** SS58. */
  hotkey: string;
  coldkey: string;
  /** SS58 of the hotkey it replaced, or null when the uid was new. */
  replaced: string | null;
}

/** A weight between two uids at an epoch (u16, as stored: max-upscaled). */
export interface WeightDto {
  uid: number;
  hotkey: string;
  value: number;
}

/** A uid's history on a subnet: figures per stored epoch, its holders, and weights at one epoch. */
export interface NeuronHistoryDto {
  netuid: number;
  uid: number;
  era: "dynamic" | "seed2024";
  /** Oldest first; at most `limit` epochs, the newest ones. */
  points: NeuronEpochDto[];
  /** Cursor: pass as `before` for older epochs, null at the start. */
  next: string | null;
  /** Newest first. */
  registrations: UidRegistrationDto[];
  /** The epoch the weights are from (the latest stored by default), or null before any. */
  epoch: number | null;
  /** Weights this uid set (as a validator) at that epoch. */
  weightsSet: WeightDto[];
  /** Weights other uids set on this uid at that epoch. */
  weightsReceived: WeightDto[];
}

// ---------------------------------------------------------------------------------------------
// Epoch explainer (`/api/subnets/N/epochs/E/explain`). Fixed-point values are I32F32 raw bits
// (`value = bits / 2^32`, exact integers in a JSON number); u16 values are as the chain stores
// them (share = u16 / 65535); stake sums in I64F64 are bit strings (`value = bits / 2^64`).

/** One weight a validator set, and what each step of the epoch made of it. */
export interface ExplainWeightDto {
  /** The other end: the miner (in a validator's row) or the validator (in a miner's column). */
  uid: number;
  /** The u16 as stored (max-upscaled by set_weights). */
  set: number;
  /** The mask that removed it (`permit`, `self`, `outdated`, `commitReveal`), or null if it counted. */
  removedBy: "permit" | "self" | "outdated" | "commitReveal" | null;
  /** After row normalisation (`W`), clipping at consensus (`Wc`), and the miner's consensus. */
  normalized: number;
  clipped: number;
  consensus: number;
  /** The validator's active stake `A_i`, and for a miner's column the active stake at or above this weight. */
  activeStake: number;
  stakeAtOrAbove: number;
}

/** The numbers that decided one uid's outcome, step by step. */
export interface ExplainFocusDto {
  uid: number;
  hotkey: string;
  lastUpdate: string;
  registeredAt: string;
  active: boolean;
  alphaStake: string;
  taoStake: string;
  /** I64F64 bits of alpha + tao_weight·tao, and whether the stake threshold zeroed it. */
  weightedStakeBits: string;
  belowThreshold: boolean;
  stake: number;
  /** 1-based position of its stake among all uids (the permit's top-k). */
  stakePosition: number;
  permitPrevious: boolean;
  permitNext: boolean;
  activeStake: number;
  /** Its row of weights (as a validator), sorted by miner uid. */
  weightsSet: ExplainWeightDto[];
  validatorTrust: number;
  /** Its column (as a miner): the weights it received, sorted by normalised weight, highest first. */
  weightsReceived: ExplainWeightDto[];
  /** Kappa (I32F32 bits): the consensus is about the highest weight with at least kappa of the active stake at or above it. */
  kappa: number;
  consensus: number;
  rank: number;
  incentive: number;
  /**
   * Its bonds before (as loaded, u16) and after the epoch (u16 as stored), the EMA the dividends
   * used, the EMA rate α (liquid alpha: per bond; null where no weight fed it), each miner's
   * incentive and the dividend term (EMA · incentive).
   */
  bonds: { uid: number; before: number; after: number; ema: number; alpha: number | null; incentive: number; term: number }[];
  dividends: number;
  /** u16 as persisted. */
  out: { consensus: number; incentive: number; dividends: number; validatorTrust: number; stakeWeight: number; rank: number | null; trust: number | null; pruningScore: number | null };
  /** Rao. */
  serverEmission: string;
  validatorEmission: string;
  emission: string;
}

export interface EpochExplainDto {
  netuid: number;
  epoch: number;
  /** The subnet's newest epoch (null when explained without the database). */
  latestEpoch: number | null;
  block: string;
  era: "dtao" | "2024";
  n: number;
  hotkeys: string[];
  ownerUid: number | null;
  /** Alpha (rao; TAO on seed2024) the epoch distributed. */
  raoEmission: string;
  params: {
    tempo: number;
    activityCutoff: number;
    kappa: number;
    bondsPenalty: number;
    bondsMovingAverage: number;
    maxAllowedValidators: number;
    yuma3: boolean;
    liquidAlpha: boolean;
    alphaLow: number;
    alphaHigh: number;
    alphaSigmoidSteepness: number;
    stakeThreshold: string;
    taoWeight: string;
    commitReveal: boolean;
  };
  /**
   * The re-run's outputs against the metagraph snapshot stored at the epoch. `registeredAfter`:
   * uids an extrinsic of the epoch's block registered after the epoch ran (the snapshot is the
   * state after the block), left out of the comparison.
   */
  check: { equal: boolean; compared: string[]; mismatches: string[]; registeredAfter: number[] };
  /** Per uid (index = uid). */
  uids: {
    lastUpdate: string[];
    active: boolean[];
    alphaStake: string[];
    taoStake: string[];
    stake: number[];
    permitPrevious: boolean[];
    permitNext: boolean[];
    activeStake: number[];
    consensus: number[];
    validatorTrust: number[];
    rank: number[];
    incentive: number[];
    dividends: number[];
    serverNorm: number[];
    validatorNorm: number[];
    /** Rao. */
    serverEmission: string[];
    validatorEmission: string[];
    emission: string[];
    /** u16 as persisted. */
    out: { consensus: number[]; incentive: number[]; dividends: number[]; validatorTrust: number[]; stakeWeight: number[]; rank: number[] | null; trust: number[] | null; pruningScores: number[] | null };
  };
  steps: {
    activeCount: number;
    /** I64F64 bits of tao_weight. */
    taoWeightBits: string;
    belowThreshold: number;
    /** Weight entries left after each step, in order. */
    weightStages: { key: string; label: string; entries: number }[];
    kappa: number;
    bondsPenalty: number;
    bondsMode: "original" | "yuma3" | "yuma3-liquid-alpha";
    /** I32F32 bits of the fixed EMA rate, when one was used. */
    emaAlpha: number | null;
    /** Bonds to uids registered at or after this block were masked (null: the 2024 outdated rule). */
    lastTempo: number | null;
    bondEntries: { loaded: number; masked: number; after: number };
    emissionSum: number;
    emissionFallback: "none" | "activeStake" | "stake";
  };
  /** The heatmaps: rows are validators (a permit before or after), columns every uid; cells u16. */
  heatmaps: { validators: number[]; weights: number[][]; weightsSet: number[][]; bonds: number[][]; consensus: number[] };
  focus: ExplainFocusDto | null;
}

// ---- Reward flows (/api/flows) and tokenomics (/api/tokenomics). Amounts are rao strings.

/** One Sankey: nodes with their unit, links between node indices (rao; zero links omitted). */
export interface SankeyDto {
  nodes: { id: string; label: string; unit: "τ" | "α" }[];
  links: { source: number; target: number; value: string }[];
}

/** A subnet's flows over the range (differences of the stored cumulative totals). */
export interface SubnetFlowsDto {
  netuid: number;
  epochs: number;
  /** τ stage (dTAO): the subnet's share of the block emission and where it went. */
  tau: { total: string; injected: string; bought: string; recycled: string };
  /** α stage (dTAO, this subnet's alpha): emitted per block, and what its epochs distributed. */
  alpha: {
    emitted: string;
    rootNotEmitted: string;
    distributed: string;
    ownerCut: string;
    incentive: string;
    burnedIncentive: string;
    take: string;
    nominators: string;
    rootDividends: string;
    rootSold: string;
    rootSoldTao: string;
    rootUnsold: string;
    rounding: string;
  };
  /** seed2024 (all τ): owner cut paid per block, the epochs' payouts minted, pending dropped. */
  paid: { total: string; ownerCut: string; incentive: string; take: string; nominators: string; dropped: string };
}

export interface FlowsDto {
  era: "dtao" | "seed2024";
  from: string;
  to: string;
  head: string;
  range: "tempo" | "day" | "week" | "all" | null;
  /** dTAO: Σ BlockEmission.blockEmission and .minted; unallocated = emission − Σ subnets' τ. seed2024: TAO minted. */
  network: { blockEmission: string; minted: string; unallocated: string };
  subnets: SubnetFlowsDto[];
  /** dTAO: block emission → subnets → pool / protocol buy / recycled; seed2024: emission → subnets → payouts. */
  tau: SankeyDto;
  /** dTAO only: per subnet, its distributed α → owner / miners / validators (take, nominators) / root. */
  alpha: { netuid: number; sankey: SankeyDto }[];
}

export interface HalvingMarkerDto {
  /** k-th halving: issuance reaches 21M·(1 − 2^−k). */
  k: number;
  threshold: string;
  /** Estimated block at which issuance reaches the threshold (every block minting its full emission). */
  block: string;
  /** Estimated date (ms since the epoch) at 12 s a block from the head's timestamp. */
  timestamp: string;
  /** Block emission after the halving. */
  emissionAfter: string;
}

export interface TokenomicsPointDto {
  block: string;
  issuance: string;
  free: string;
  staked: string;
  pooled: string;
  recycled: string;
  blockEmission: string;
  /** staked ÷ issuance, 0..1 (display). */
  stakingRatio: number;
  /** The 2024 reference: issuance at the range's start plus 1 τ a block. */
  reference: string;
}

export interface TokenomicsDto {
  era: "dtao" | "seed2024";
  range: "day" | "week" | "all";
  from: string;
  to: string;
  head: string;
  /** Blocks between points (the last point is always the head). */
  step: string;
  points: TokenomicsPointDto[];
  /** Per interval ending at each point but the first: each top subnet's share of the emission it received (τ), and "other". */
  shares: { series: string[]; rows: { block: string; values: number[] }[] };
  projection: { issuance: string; blockEmission: string; markers: HalvingMarkerDto[] };
}
