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
