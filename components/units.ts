/**
 * How to show one field of an extrinsic's arguments or an event's data: an account, an amount
 * in τ or α (or of unknown unit), a price, a take, a hash, or a plain value. Decided from the
 * call or event name and the field name, as lib/chain/runtime and lib/chain/seed2024 emit them
 * (grep `emit(` there). Where the chain's own data does not say, the unit is null and the
 * amount shows in rao rather than guess.
 */
import type { Unit } from "./Amount";

export type FieldKind =
  | { kind: "account" }
  | { kind: "amount"; unit: Unit }
  | { kind: "price" }
  | { kind: "take" }
  | { kind: "hash" }
  | { kind: "plain" };

const ACCOUNT_FIELDS = new Set(["who", "account", "from", "to", "dest", "owner", "coldkey", "hotkey", "signer", "author", "replacedHotkey", "originHotkey", "destinationHotkey", "origin_hotkey", "destination_hotkey", "new_coldkey", "new_hotkey"]);
/** Amount fields whose name alone does not carry the unit. */
const AMOUNT_FIELDS = new Set(["amount", "value", "fee", "actualFee", "tip", "burn", "stake", "emission", "lock", "minted", "issuance", "blockEmission", "freeBalance", "recycled", "pending", "ownerCut", "burnedIncentive", "swapFee", "amount_staked", "amount_unstaked", "min_burn", "max_burn", "incentive", "nominators", "rootDividends"]);

const taoNamed = (f: string) => /^tao([A-Z_]|$)/.test(f) || /(Tao|_tao)$/.test(f);
const alphaNamed = (f: string) => /^alpha([A-Z_]|$)/.test(f) || /(Alpha|_alpha)$/.test(f);

/**
 * The unit of amount field `field` of call or event `name` (`data` is the whole record, used
 * where the same event name differs between eras), or undefined when the field is no amount.
 */
export function amountUnit(name: string, field: string, data: Record<string, unknown>): Unit | undefined {
  const [pallet] = name.split(".");
  // Whole records in TAO: balances, fees, the coinbase; subtensor v1.1.3's per-subnet emission values.
  if (pallet === "Balances" || pallet === "TransactionPayment") return AMOUNT_FIELDS.has(field) ? "τ" : undefined;
  if (name === "SubtensorModule.EmissionValuesSet") return "τ"; // { netuid: rao per block }
  if (name === "SubtensorModule.BlockEmission" || name === "SubtensorModule.EmissionDrained") return AMOUNT_FIELDS.has(field) ? "τ" : undefined;
  if (name === "SubtensorModule.EpochDistributed") {
    if (field === "tuples" || field === "epoch" || field === "netuid") return undefined;
    // subtensor v1.1.3 (no alpha) distributes TAO; dynamic TAO distributes the subnet's alpha.
    return "tuples" in data ? "τ" : "α";
  }
  if (name === "SubtensorModule.EpochDropped") return field === "pending" ? "τ" : undefined; // v1.1.3 only
  if (name === "SubtensorModule.OwnerCutPaid") return field === "amount" ? "α" : undefined;
  if (name === "SubtensorModule.StakeAdded" && field === "fee") return "τ"; // the buy side's fee is taken from the TAO in
  if (name === "SubtensorModule.StakeRemoved" && field === "fee") return "α"; // the sell side's fee is taken from the alpha in
  if (name === "SubtensorModule.NeuronRegistered" && (field === "burn" || field === "swapFee")) return "τ";
  if (name === "SubtensorModule.NetworkAdded" && field === "lock") return "τ";
  if (name === "SubtensorModule.SubnetEmission" && field === "recycled") return "τ";
  if (name === "SubtensorModule.HyperparameterSet") return undefined;
  // Calls.
  if (/^Balances\.transfer/.test(name) && field === "value") return "τ";
  if (field === "amount_staked") return "τ";
  // Unstaking sells alpha on a dynamic-TAO subnet; v1.1.3's remove_stake (no netuid) is TAO.
  if (field === "amount_unstaked") return "netuid" in data ? "α" : "τ";
  if (/sudo_set_(min|max)_burn$/.test(name) && /_burn$/.test(field)) return "τ";
  if (taoNamed(field)) return "τ";
  if (alphaNamed(field)) return "α";
  return AMOUNT_FIELDS.has(field) ? null : undefined;
}

/** How to show `field` = `value` of call or event `name`. */
export function fieldKind(name: string, field: string, value: unknown, data: Record<string, unknown>): FieldKind {
  if (typeof value === "string") {
    if (ACCOUNT_FIELDS.has(field) && (/^0x[0-9a-fA-F]{64}$/.test(value) || /^5[1-9A-HJ-NP-Za-km-z]{46,47}$/.test(value))) return { kind: "account" };
    if (field === "limit_price" && /^\d+$/.test(value)) return { kind: "price" };
    if (/^\d+$/.test(value)) {
      const unit = amountUnit(name, field, data);
      if (unit !== undefined) return { kind: "amount", unit };
    }
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) return { kind: "hash" };
  }
  if (typeof value === "number" && field === "take") return { kind: "take" };
  return { kind: "plain" };
}

/** The unit of the amounts in a nested per-account record (`incentive: {hotkey: amount}`). */
export function recordUnit(name: string, field: string, data: Record<string, unknown>): Unit {
  return amountUnit(name, field, data) ?? null;
}
