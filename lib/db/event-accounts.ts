/**
 * The accounts an event's data names, for the `EventAccount` index the events list filters by
 * account: a top-level field of ACCOUNT_FIELDS holding a 0x-hex key, and the keys of a
 * per-account record (`EpochDistributed.incentive: { hotkey: rao }`). Engine events carry keys
 * as lower-case 0x-hex (lib/chain/runtime/events.ts). Migration 0006 backfills older events
 * with the same rule written in SQL; keep the two alike.
 */
import type { Param } from "./sql";

/** Field names that hold an account in event data (grep `emit(` in lib/chain). */
export const ACCOUNT_FIELDS: ReadonlySet<string> = new Set(["who", "account", "from", "to", "dest", "owner", "coldkey", "hotkey", "replacedHotkey", "originHotkey", "destinationHotkey", "author", "signer"]);

const KEY = /^0x[0-9a-f]{64}$/;

/** Each distinct account `data` names, in first-seen order. */
export function eventAccounts(data: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  for (const [field, value] of Object.entries(data)) {
    if (typeof value === "string") {
      if (ACCOUNT_FIELDS.has(field) && KEY.test(value)) out.add(value);
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const k of Object.keys(value)) if (KEY.test(k)) out.add(k);
    }
  }
  return [...out];
}

/** `Pallet` of `Pallet.Name`. */
export const palletOf = (name: string): string => {
  const dot = name.indexOf(".");
  return dot < 0 ? "" : name.slice(0, dot);
};

/** The `EventAccount` rows (account, blockNumber, index, pallet, name) of a block's events. */
export function eventAccountRows(number: bigint, events: readonly { name: string; data: Readonly<Record<string, unknown>> }[]): Param[][] {
  const rows: Param[][] = [];
  events.forEach((e, i) => {
    for (const account of eventAccounts(e.data)) rows.push([account, number, i, palletOf(e.name), e.name]);
  });
  return rows;
}
