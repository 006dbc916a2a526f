/** Events as Substrate names them: `Pallet.EventName`, with the phase they happened in. */

export type Phase = { kind: "Initialization" } | { kind: "ApplyExtrinsic"; index: number } | { kind: "Finalization" };

/**
 * Event data: amounts and other 64-bit+ integers as decimal strings, accounts as 0x-hex keys;
 * a per-account breakdown as a record of account → amount.
 */
export type EventData = Readonly<Record<string, string | number | boolean | null | Readonly<Record<string, string>>>>;

export interface ChainEvent {
  phase: Phase;
  name: string;
  data: EventData;
}

/** A named dispatch error, as subtensor names it (e.g. `Balances.InsufficientBalance`). */
export class DispatchError extends Error {
  constructor(
    readonly error: string,
    readonly detail?: string,
  ) {
    super(detail ? `${error}: ${detail}` : error);
    this.name = "DispatchError";
  }
}
