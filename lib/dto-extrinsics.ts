/**
 * What the extrinsics and events lists and the extrinsic page send (`GET /api/extrinsics`,
 * `/api/extrinsics/:id`, `/api/events`) and render, as zod schemas (types inferred; listed in
 * the OpenAPI document). Amounts are rao as decimal strings, block numbers decimal strings, keys
 * both as SS58 (prefix 42) and 0x-hex.
 */
import { z } from "zod";
import { blockNumberString, eventsPrunedField, hexString, keySchema, named, raoString } from "./dto";

export type { KeyDto } from "./dto";

/** A keyset page, newest first: `next` the cursor of older rows (`?before=`), `prev` of newer ones (`?after=`). */
export interface KeysetPage<T> {
  items: T[];
  /** Pass as `before` for the next (older) page; null at the oldest. */
  next: string | null;
  /** Pass as `after` for the previous (newer) page; null at the newest. */
  prev: string | null;
}
const keysetPage = <T extends z.ZodType>(id: string, item: T) =>
  named(
    id,
    z.object({
      items: z.array(item),
      next: z.string().nullable().describe("pass as `before` for the next (older) page; null at the oldest"),
      prev: z.string().nullable().describe("pass as `after` for the previous (newer) page; null at the newest"),
    }),
  );

const timestamp = z.string().regex(/^\d+$/).describe("the block's time, ms since the Unix epoch");

export const extrinsicSummarySchema = named(
  "ExtrinsicSummary",
  z.object({
    id: z.string().describe("{block}-{index:04}"),
    blockNumber: blockNumberString,
    index: z.number().int(),
    timestamp,
    hash: hexString,
    call: z.string(),
    signer: keySchema,
    nonce: z.number().int(),
    fee: raoString.describe("rao of TAO"),
    success: z.boolean(),
    error: z.string().nullable().describe("subtensor's error name (Pallet.Error) when it failed"),
  }),
);
export type ExtrinsicSummaryDto = z.infer<typeof extrinsicSummarySchema>;

export const eventItemSchema = named(
  "EventItem",
  z.object({
    id: z.string().describe("{block}-{index:04}, as Substrate explorers write event ids"),
    blockNumber: blockNumberString,
    index: z.number().int(),
    timestamp,
    phase: z.string(),
    extrinsicIndex: z.number().int().nullable(),
    extrinsicId: z.string().nullable().describe("{block}-{extrinsicIndex:04} of the extrinsic that emitted it, or null outside ApplyExtrinsic"),
    name: z.string().describe("Pallet.EventName"),
    pallet: z.string(),
    data: z.unknown(),
  }),
);
export type EventItemDto = z.infer<typeof eventItemSchema>;

export const extrinsicDetailSchema = named(
  "ExtrinsicDetail",
  extrinsicSummarySchema.extend({
    blockHash: hexString,
    args: z.record(z.string(), z.unknown()).describe("the arguments as signed (canonical JSON values: amounts as decimal strings)"),
    signature: hexString,
    errorDetail: z.string().nullable().describe("what was wrong, in a sentence, when it failed"),
    events: z.array(eventItemSchema).describe("its events (phase ApplyExtrinsic with its index), in order"),
    eventsPruned: eventsPrunedField,
  }),
  "One extrinsic with everything it did.",
);
export type ExtrinsicDetailDto = z.infer<typeof extrinsicDetailSchema>;

export const extrinsicPageSchema = keysetPage("ExtrinsicPage", extrinsicSummarySchema);
export const eventPageSchema = keysetPage("EventPage", eventItemSchema);

/**
 * `GET /api/extrinsics/by-hash/{hash}`: where a submitted extrinsic is, as one of three answers
 * told apart by `status`. What a wallet polls after `POST /api/extrinsics` (its `track` URL).
 */
export const trackPendingSchema = named(
  "TrackPending",
  z.object({
    hash: hexString,
    status: z.literal("pending"),
    pending: z.object({
      status: z.enum(["ready", "future"]).describe("ready: the next block takes it; future: its nonce waits for the signer's earlier ones"),
      submittedAt: blockNumberString.describe("the head when it was accepted"),
      expiresAt: blockNumberString.describe("the last block it can be included in"),
      queuedFor: blockNumberString.optional().describe("the block it goes into (when ready)"),
    }),
  }),
  "In the mempool, not yet in a block.",
);
export const trackIncludedSchema = named(
  "TrackIncluded",
  z.object({
    hash: hexString,
    status: z.literal("included"),
    block: blockNumberString,
    index: z.number().int(),
    id: z.string().describe("{block}-{index:04}, for GET /api/extrinsics/{id}"),
    success: z.boolean(),
    error: z.object({ name: z.string().describe("subtensor's error name (Pallet.Error)"), message: z.string().describe("what was wrong, in a sentence") }).optional().describe("when it failed (it still paid its fee)"),
    fee: raoString.describe("rao of TAO"),
    events: z.array(eventItemSchema).describe("its events (phase ApplyExtrinsic with its index), in order"),
    eventsPruned: eventsPrunedField,
  }),
  "In a block (the newest, if several hold this hash), with its outcome and events.",
);
export const trackDroppedSchema = named(
  "TrackDropped",
  z.object({
    hash: hexString,
    status: z.literal("dropped"),
    dropped: z.object({
      cause: z.string().describe("Expired, Stale (its nonce used by another extrinsic, or made stale by a restart), or the block's refusal (Payment, ...)"),
      reason: z.string(),
      droppedAt: blockNumberString.describe("the block after which it was dropped"),
      submittedAt: blockNumberString,
    }),
  }),
  "Left the mempool without being included, with why.",
);
export const extrinsicTrackSchema = named("ExtrinsicTrack", z.discriminatedUnion("status", [trackPendingSchema, trackIncludedSchema, trackDroppedSchema]));
export type ExtrinsicTrackDto = z.infer<typeof extrinsicTrackSchema>;
