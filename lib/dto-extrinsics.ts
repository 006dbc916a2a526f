/**
 * What the extrinsics and events lists and the extrinsic page send (`GET /api/extrinsics`,
 * `/api/extrinsics/:id`, `/api/events`) and render. Amounts are rao as decimal strings, block
 * numbers decimal strings, keys both as SS58 (prefix 42) and 0x-hex.
 */

/** An account key in both forms. */
export interface KeyDto {
  ss58: string;
  hex: string;
}

/** A keyset page, newest first: `next` the cursor of older rows (`?before=`), `prev` of newer ones (`?after=`). */
export interface KeysetPage<T> {
  items: T[];
  /** Pass as `before` for the next (older) page; null at the oldest. */
  next: string | null;
  /** Pass as `after` for the previous (newer) page; null at the newest. */
  prev: string | null;
}

/** One extrinsic of the extrinsics list. */
export interface ExtrinsicSummaryDto {
  /** `{block}-{index:04}`. */
  id: string;
  blockNumber: string;
  index: number;
  /** The block's time, ms since the Unix epoch. */
  timestamp: string;
  hash: string;
  call: string;
  signer: KeyDto;
  nonce: number;
  /** Rao of TAO. */
  fee: string;
  success: boolean;
  /** subtensor's error name (`Pallet.Error`) when it failed. */
  error: string | null;
}

/** An event as the events list and the extrinsic page show it. */
export interface EventItemDto {
  /** `{block}-{index:04}`, as Substrate explorers write event ids. */
  id: string;
  blockNumber: string;
  index: number;
  timestamp: string;
  phase: string;
  extrinsicIndex: number | null;
  /** `{block}-{extrinsicIndex:04}` of the extrinsic that emitted it, or null outside ApplyExtrinsic. */
  extrinsicId: string | null;
  /** `Pallet.EventName`. */
  name: string;
  pallet: string;
  data: unknown;
}

/** One extrinsic with everything it did. */
export interface ExtrinsicDetailDto extends ExtrinsicSummaryDto {
  blockHash: string;
  /** The arguments as signed (canonical JSON values: amounts as decimal strings). */
  args: Record<string, unknown>;
  signature: string;
  /** What was wrong, in a sentence, when it failed. */
  errorDetail: string | null;
  /** Its events (phase ApplyExtrinsic with its index), in order. */
  events: EventItemDto[];
}

/** The filters the extrinsics list offers: the runtime's calls. */
export interface ExtrinsicFiltersDto {
  calls: string[];
}
