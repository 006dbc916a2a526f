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

export interface MetagraphDto {
  subnet: SubnetDto;
  /** The epoch shown: the latest state (`null`) or a stored snapshot. */
  epoch: number | null;
  block: string;
  neurons: NeuronDto[];
}

export interface HealthDto {
  status: "ok" | "starting" | "error";
  head: string | null;
  database: "sqlite" | "postgres";
  producing: boolean;
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
