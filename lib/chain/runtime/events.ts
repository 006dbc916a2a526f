/** Events as Substrate names them: `Pallet.EventName`, with the phase they happened in. */
import type { DispatchErrorCode } from "../errors";

export type Phase = { kind: "Initialization" } | { kind: "ApplyExtrinsic"; index: number } | { kind: "Finalization" };

/**
 * Every event the engine emits, as `Pallet.EventName`. Emitters take an `EventName` and that
 * event's `EventFields`, so a new event is added here and there or it does not compile; the
 * explorer's event filter offers this list.
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

type Account = string;
/** A per-account breakdown: 0x-hex key → rao (only accounts with a non-zero amount). */
type PerAccount = Readonly<Record<Account, bigint>>;

/**
 * The data of each event, by name: accounts as lower-case 0x-hex keys, amounts and other u64+
 * integers as bigint (stored and served as decimal strings: `eventDataJson`), netuids, uids,
 * takes and epochs as numbers. Where the two eras' calls emit an event of one name with different
 * data, its type is the union of both (dTAO's first). The fields are listed in the order the
 * emitters write them, which is the order of the stored JSON (the type does not enforce it; the
 * `stored` digests in tests/unit/golden-roots.test.ts pin the stored JSON of the golden chains).
 */
export interface EventFields {
  "Balances.Burned": { who: Account; amount: bigint };
  "Balances.Deposit": { who: Account; amount: bigint };
  "Balances.DustLost": { account: Account; amount: bigint };
  "Balances.Endowed": { account: Account; freeBalance: bigint };
  "Balances.Transfer": { from: Account; to: Account; amount: bigint };
  "Balances.Withdraw": { who: Account; amount: bigint };
  /** `ip` as the axon stores it: the u128 in decimal. */
  "SubtensorModule.AxonServed": { netuid: number; hotkey: Account; ip: string; port: number; ipType: number; version: number };
  "SubtensorModule.BlockEmission": { blockEmission: bigint; minted: bigint; issuance: bigint };
  "SubtensorModule.DelegateAdded": { coldkey: Account; hotkey: Account; take: number };
  "SubtensorModule.EmissionDrained": { netuid: number; minted: bigint; incentive: bigint; take: bigint; nominators: bigint };
  /** seed2024's root epoch: each subnet's `EmissionValues`, by netuid (as text). */
  "SubtensorModule.EmissionValuesSet": Readonly<Record<string, bigint>>;
  "SubtensorModule.EpochDistributed":
    | { netuid: number; epoch: number; emission: bigint; incentive: PerAccount; take: PerAccount; nominators: PerAccount; ownerCut: bigint; burnedIncentive: bigint; rootDividends: PerAccount }
    | { netuid: number; emission: bigint; tuples: number };
  "SubtensorModule.EpochDropped": { netuid: number; pending: bigint };
  "SubtensorModule.FirstEmissionBlockNumberSet": { netuid: number; block: bigint };
  /** `value` as the setter shows it: a number in decimal, a list joined by commas, or a boolean. */
  "SubtensorModule.HyperparameterSet": { netuid: number; name: string; value: string | boolean; by: "root" | "owner" };
  "SubtensorModule.NetworkAdded": { netuid: number; mechid: number; owner: Account; hotkey: Account; lock: bigint; poolTao: bigint; poolAlpha: bigint } | { netuid: number; owner: Account; lock: bigint };
  "SubtensorModule.NetworkRemoved": { netuid: number; taoReturned: bigint; taoRecycled: bigint; alphaDestroyed: bigint } | { netuid: number };
  "SubtensorModule.NeuronRegistered": {
    netuid: number;
    uid: number;
    hotkey: Account;
    coldkey?: Account;
    burn?: bigint;
    taoToPool?: bigint;
    swapFee?: bigint;
    alphaBurned?: bigint;
    /** seed2024's POW `register`. */
    pow?: true;
    /** The hotkey the registration pruned. */
    replacedHotkey?: Account;
  };
  "SubtensorModule.OwnerCutPaid": { netuid: number; owner: Account; amount: bigint };
  "SubtensorModule.RootDividendsPaid": { netuid: number; hotkey: Account; alpha: bigint; tao: bigint };
  "SubtensorModule.StakeAdded": { coldkey: Account; hotkey: Account; tao: bigint; alpha: bigint; netuid: number; fee: bigint; taoToPool: bigint } | { coldkey: Account; hotkey: Account; tao: bigint };
  "SubtensorModule.StakeMoved": { coldkey: Account; originHotkey: Account; originNetuid: number; destinationHotkey: Account; destinationNetuid: number; tao: bigint; alpha?: bigint };
  "SubtensorModule.StakeRemoved":
    | { coldkey: Account; hotkey: Account; tao: bigint; alpha: bigint; netuid: number; fee: bigint; taoFromPool: bigint; alphaBurned: bigint }
    | { coldkey: Account; hotkey: Account; tao: bigint };
  /** excessSpent: the excess TAO the swap took (minted); rootRecycled: root alpha not emitted (no root sell). */
  "SubtensorModule.SubnetEmission": { netuid: number; taoIn: bigint; alphaIn: bigint; excessTao: bigint; alphaBought: bigint; recycled: bigint; alphaOut: bigint; excessSpent: bigint; rootRecycled: bigint };
  "SubtensorModule.TakeDecreased": { coldkey: Account; hotkey: Account; take: number };
  "SubtensorModule.TakeIncreased": { coldkey: Account; hotkey: Account; take: number };
  "SubtensorModule.WeightsCommitted": { hotkey: Account; netuid: number; commitHash: string; epoch: number; revealEpoch: number };
  "SubtensorModule.WeightsRevealed": { hotkey: Account; netuid: number; commitHash: string };
  "SubtensorModule.WeightsSet": { netuid: number; uid: number };
  "System.ExtrinsicFailed": { error: DispatchErrorCode };
  "System.ExtrinsicSuccess": Readonly<Record<string, never>>;
  "System.KilledAccount": { account: Account };
  "System.NewAccount": { account: Account };
  "TransactionPayment.TransactionFeePaid": { who: Account; actualFee: bigint; tip: bigint };
}

// Every event EventFields describes is in EVENT_NAMES (the types below index EventFields by each name in it).
type Unnamed = Exclude<keyof EventFields, EventName>;
const everyEventNamed: [Unnamed] extends [never] ? true : Unnamed = true;
void everyEventNamed;

/** An event of one name, in the phase it happened in. */
export type ChainEventOf<N extends EventName> = { phase: Phase; name: N; data: EventFields[N] };

/** An event the engine emitted: narrow on `name` to read its `data`. */
export type ChainEvent = { [N in EventName]: ChainEventOf<N> }[EventName];

/** Records an event of the current phase. */
export type Emit = <N extends EventName>(name: N, data: EventFields[N]) => void;

/** The event `name` with `data` in `phase` (one place that states the pairing is sound). */
export function chainEvent<N extends EventName>(phase: Phase, name: N, data: EventFields[N]): ChainEvent {
  return { phase, name, data } as ChainEventOf<N> as ChainEvent;
}

/**
 * An event's data as it is stored and served: JSON with bigints as decimal strings, fields in
 * the order the engine wrote them.
 */
export function eventDataJson(data: ChainEvent["data"]): string {
  return JSON.stringify(data, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type FieldOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** The fields of an event's data that hold an amount (bigint) or a per-account breakdown of amounts. */
type AmountField<T> = { [K in KeysOfUnion<T>]-?: [NonNullable<FieldOf<T, K>>] extends [never] ? never : NonNullable<FieldOf<T, K>> extends bigint | PerAccount ? K : never }[KeysOfUnion<T>];

/**
 * Each event's amount fields (decimal strings in the stored JSON); `"every"` where every value
 * is one. `decodeEventData` reads them back as bigint.
 */
const AMOUNT_FIELDS = {
  "Balances.Burned": ["amount"],
  "Balances.Deposit": ["amount"],
  "Balances.DustLost": ["amount"],
  "Balances.Endowed": ["freeBalance"],
  "Balances.Transfer": ["amount"],
  "Balances.Withdraw": ["amount"],
  "SubtensorModule.AxonServed": [],
  "SubtensorModule.BlockEmission": ["blockEmission", "minted", "issuance"],
  "SubtensorModule.DelegateAdded": [],
  "SubtensorModule.EmissionDrained": ["minted", "incentive", "take", "nominators"],
  "SubtensorModule.EmissionValuesSet": "every",
  "SubtensorModule.EpochDistributed": ["emission", "incentive", "take", "nominators", "ownerCut", "burnedIncentive", "rootDividends"],
  "SubtensorModule.EpochDropped": ["pending"],
  "SubtensorModule.FirstEmissionBlockNumberSet": ["block"],
  "SubtensorModule.HyperparameterSet": [],
  "SubtensorModule.NetworkAdded": ["lock", "poolTao", "poolAlpha"],
  "SubtensorModule.NetworkRemoved": ["taoReturned", "taoRecycled", "alphaDestroyed"],
  "SubtensorModule.NeuronRegistered": ["burn", "taoToPool", "swapFee", "alphaBurned"],
  "SubtensorModule.OwnerCutPaid": ["amount"],
  "SubtensorModule.RootDividendsPaid": ["alpha", "tao"],
  "SubtensorModule.StakeAdded": ["tao", "alpha", "fee", "taoToPool"],
  "SubtensorModule.StakeMoved": ["tao", "alpha"],
  "SubtensorModule.StakeRemoved": ["tao", "alpha", "fee", "taoFromPool", "alphaBurned"],
  "SubtensorModule.SubnetEmission": ["taoIn", "alphaIn", "excessTao", "alphaBought", "recycled", "alphaOut", "excessSpent", "rootRecycled"],
  "SubtensorModule.TakeDecreased": [],
  "SubtensorModule.TakeIncreased": [],
  "SubtensorModule.WeightsCommitted": [],
  "SubtensorModule.WeightsRevealed": [],
  "SubtensorModule.WeightsSet": [],
  "System.ExtrinsicFailed": [],
  "System.ExtrinsicSuccess": [],
  "System.KilledAccount": [],
  "System.NewAccount": [],
  "TransactionPayment.TransactionFeePaid": ["actualFee", "tip"],
} as const satisfies { [N in EventName]: readonly AmountField<EventFields[N]>[] | "every" };

// Every amount field of every event is listed above: one left out does not compile.
type UnlistedAmount = { [N in EventName]: (typeof AMOUNT_FIELDS)[N] extends "every" ? never : Exclude<AmountField<EventFields[N]>, (typeof AMOUNT_FIELDS)[N][number]> }[EventName];
const everyAmountListed: [UnlistedAmount] extends [never] ? true : UnlistedAmount = true;
void everyAmountListed;

const amountOf = (v: unknown): unknown => (typeof v === "string" ? BigInt(v) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, BigInt(x as string)])) : v);

/** The data of a `name` event from its stored JSON (`eventDataJson`'s inverse): amounts as bigint again. */
export function decodeEventData<N extends EventName>(name: N, json: string): EventFields[N] {
  const data = JSON.parse(json) as Record<string, unknown>;
  const fields: readonly string[] | "every" = AMOUNT_FIELDS[name];
  for (const k of fields === "every" ? Object.keys(data) : fields) if (k in data) data[k] = amountOf(data[k]);
  return data as EventFields[N];
}
