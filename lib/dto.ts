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
