/**
 * 2024 payout of an epoch's (server, validator) tuple through a hotkey
 * (`emit_inflation_through_hotkey_account`). Spec: reference/subtensor-2024-spec.md §5.5.
 */
import { I64F64, fromInt, safeDiv, satMul, toU64 } from "../math/fixed";

export interface HotkeyStakes {
  /** `Owner[hotkey]`. */
  owner: string;
  /** `Stake[hotkey][coldkey]` in storage order. */
  stakes: Map<string, bigint>;
  /** `Delegates[hotkey]` take (u16), or null when the hotkey is not a delegate. */
  take: number | null;
}

/**
 * Adds an emission tuple to a hotkey's stakes: all to the owner for a non-delegate; otherwise
 * the take, each staker's pro-rata share of the rest (by stake before the payout), the rounding
 * dust and the server part to the owner. Returns the new stakes.
 */
export function emitThroughHotkey(h: HotkeyStakes, server: bigint, validator: bigint): Map<string, bigint> {
  return emitThroughHotkeyParts(h, server, validator).stakes;
}

/**
 * `emitThroughHotkey` with where the validator part went: `nominators` is the sum of the
 * stakers' pro-rata shares (the owner's own stake included), `take` the rest of it (the take,
 * the rounding dust, or all of it for a non-delegate), both kept by the owner's coldkey.
 */
export function emitThroughHotkeyParts(h: HotkeyStakes, server: bigint, validator: bigint): { stakes: Map<string, bigint>; take: bigint; nominators: bigint } {
  const out = new Map(h.stakes);
  const add = (coldkey: string, amount: bigint) => out.set(coldkey, (out.get(coldkey) ?? 0n) + amount);
  if (h.take === null) {
    add(h.owner, server + validator);
    return { stakes: out, take: validator, nominators: 0n };
  }
  const total = [...h.stakes.values()].reduce((a, b) => a + b, 0n);
  const take = toU64(I64F64, satMul(I64F64, safeDiv(I64F64, fromInt(I64F64, h.take), fromInt(I64F64, 65535)), fromInt(I64F64, validator)));
  const rest = validator - take;
  let left = rest;
  for (const [coldkey, stake] of h.stakes) {
    const share = total === 0n ? 0n : toU64(I64F64, satMul(I64F64, safeDiv(I64F64, fromInt(I64F64, stake), fromInt(I64F64, total)), fromInt(I64F64, rest)));
    add(coldkey, share);
    left -= share;
  }
  add(h.owner, take + left + server);
  return { stakes: out, take: take + left, nominators: rest - left };
}
