/** Events as Substrate names them: `Pallet.EventName`, with the phase they happened in. */

export type Phase = { kind: "Initialization" } | { kind: "ApplyExtrinsic"; index: number } | { kind: "Finalization" };

/**
 * Event data: amounts and other 64-bit+ integers as decimal strings, accounts as 0x-hex keys;
 * a per-account breakdown as a record of account → amount.
 */
export type EventData = Readonly<Record<string, string | number | boolean | null | Readonly<Record<string, string>>>>;

/**
 * Every event the engine emits, as `Pallet.EventName`. Emitters take an `EventName`, so a new
 * event is added here or it does not compile; the explorer's event filter offers this list.
 */
export const EVENT_NAMES = [
  "Balances.Burned",
  "Balances.Deposit",
  "Balances.DustLost",
  "Balances.Endowed",
  "Balances.Transfer",
  "Balances.Withdraw",
  "SubtensorModule.AxonServed",
  "SubtensorModule.BlockEmission",
  "SubtensorModule.DelegateAdded",
  "SubtensorModule.EmissionDrained",
  "SubtensorModule.EmissionValuesSet",
  "SubtensorModule.EpochDistributed",
  "SubtensorModule.EpochDropped",
  "SubtensorModule.FirstEmissionBlockNumberSet",
  "SubtensorModule.HyperparameterSet",
  "SubtensorModule.NetworkAdded",
  "SubtensorModule.NetworkRemoved",
  "SubtensorModule.NeuronRegistered",
  "SubtensorModule.OwnerCutPaid",
  "SubtensorModule.RootDividendsPaid",
  "SubtensorModule.StakeAdded",
  "SubtensorModule.StakeMoved",
  "SubtensorModule.StakeRemoved",
  "SubtensorModule.SubnetEmission",
  "SubtensorModule.TakeDecreased",
  "SubtensorModule.TakeIncreased",
  "SubtensorModule.WeightsCommitted",
  "SubtensorModule.WeightsRevealed",
  "SubtensorModule.WeightsSet",
  "System.ExtrinsicFailed",
  "System.ExtrinsicSuccess",
  "System.KilledAccount",
  "System.NewAccount",
  "TransactionPayment.TransactionFeePaid",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];
/** The pallets that emit events. */
export const EVENT_PALLETS: readonly string[] = [...new Set(EVENT_NAMES.map((n) => n.split(".")[0]!))];

/** Records an event of the current phase. */
export type Emit = (name: EventName, data: EventData) => void;

export interface ChainEvent {
  phase: Phase;
  name: string;
  data: EventData;
}
