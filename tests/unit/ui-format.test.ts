/**
 * The UI's display rules, on literal inputs: which unit an event or call field is in (from the
 * chain's own emit() records), short amounts, and the supply chart's axis labels.
 */
import { describe, expect, it } from "vitest";
import { axisTicks, formatCompact, formatRaoShort, formatTauAxis } from "@/components/format";
import { formatAgo } from "@/components/ListPager";
import { amountUnit, fieldKind } from "@/components/units";

describe("amount units", () => {
  it("reads τ and α from the event or call and the field", () => {
    expect(amountUnit("Balances.Transfer", "amount", {})).toBe("τ");
    expect(amountUnit("TransactionPayment.TransactionFeePaid", "actualFee", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.StakeAdded", "tao", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.StakeAdded", "alpha", {})).toBe("α");
    expect(amountUnit("SubtensorModule.StakeAdded", "fee", {})).toBe("τ"); // buy: fee on the TAO in
    expect(amountUnit("SubtensorModule.StakeRemoved", "fee", {})).toBe("α"); // sell: fee on the alpha in
    expect(amountUnit("SubtensorModule.StakeRemoved", "alphaBurned", {})).toBe("α");
    expect(amountUnit("SubtensorModule.NeuronRegistered", "swapFee", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.SubnetEmission", "excessTao", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.SubnetEmission", "recycled", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.OwnerCutPaid", "amount", {})).toBe("α");
    // The same event name in two eras: v1.1.3 (tuples, no alpha) pays TAO, dynamic TAO alpha.
    expect(amountUnit("SubtensorModule.EpochDistributed", "emission", { tuples: 3 })).toBe("τ");
    expect(amountUnit("SubtensorModule.EpochDistributed", "incentive", { epoch: 2 })).toBe("α");
    expect(amountUnit("SubtensorModule.EpochDistributed", "epoch", { epoch: 2 })).toBeUndefined();
    // Calls.
    expect(amountUnit("Balances.transfer_keep_alive", "value", {})).toBe("τ");
    expect(amountUnit("SubtensorModule.add_stake", "amount_staked", { netuid: 1 })).toBe("τ");
    expect(amountUnit("SubtensorModule.remove_stake", "amount_unstaked", { netuid: 1 })).toBe("α");
    expect(amountUnit("SubtensorModule.remove_stake", "amount_unstaked", { hotkey: "0x" })).toBe("τ"); // v1.1.3
    expect(amountUnit("SubtensorModule.move_stake", "alpha_amount", {})).toBe("α");
    // An amount-like field of unknown unit stays in rao; a non-amount is no amount.
    expect(amountUnit("SubtensorModule.Unknown", "amount", {})).toBeNull();
    expect(amountUnit("SubtensorModule.HyperparameterSet", "value", {})).toBeUndefined();
    expect(amountUnit("SubtensorModule.WeightsSet", "uid", {})).toBeUndefined();
  });

  it("tells accounts from hashes and prices", () => {
    const key = `0x${"ab".repeat(32)}`;
    expect(fieldKind("Balances.Transfer", "from", key, {})).toEqual({ kind: "account" });
    expect(fieldKind("SubtensorModule.WeightsCommitted", "commitHash", key, {})).toEqual({ kind: "hash" });
    expect(fieldKind("SubtensorModule.add_stake_limit", "limit_price", "1500000000", {})).toEqual({ kind: "price" });
    expect(fieldKind("SubtensorModule.TakeIncreased", "take", 11796, {})).toEqual({ kind: "take" });
    expect(fieldKind("SubtensorModule.WeightsSet", "netuid", 1, {})).toEqual({ kind: "plain" });
  });
});

describe("short amounts and axis labels", () => {
  it("cuts amounts to four decimals, keeping a tiny non-zero amount visible", () => {
    expect(formatRaoShort("1234567891234")).toBe("1,234.5678");
    expect(formatRaoShort("3400000000")).toBe("3.4");
    expect(formatRaoShort("0")).toBe("0");
    expect(formatRaoShort("500")).toBe("0.0000005");
    expect(formatRaoShort("162000", 6)).toBe("0.000162");
  });

  it("labels in M, k or plain τ, always telling ticks apart", () => {
    expect(formatCompact(1_800_323.9)).toBe("1.8M");
    expect(formatCompact(289.8)).toBe("289.8");
    expect(formatCompact(12_500)).toBe("12.5k");
    const wide = axisTicks(0, 7_200_000);
    expect(wide).toEqual([0, 2_000_000, 4_000_000, 6_000_000, 8_000_000]);
    expect(wide.map(formatTauAxis(wide))).toEqual(["0\u00a0τ", "2M\u00a0τ", "4M\u00a0τ", "6M\u00a0τ", "8M\u00a0τ"]);
    const narrow = axisTicks(1_800_300, 1_800_325);
    expect(narrow).toEqual([1_800_300, 1_800_310, 1_800_320, 1_800_330]);
    expect(narrow.map(formatTauAxis(narrow))).toEqual(["1,800,300\u00a0τ", "1,800,310\u00a0τ", "1,800,320\u00a0τ", "1,800,330\u00a0τ"]);
    const mid = axisTicks(1_500_000, 2_500_000);
    expect(mid.map(formatTauAxis(mid))).toEqual(["1.5M\u00a0τ", "1.75M\u00a0τ", "2M\u00a0τ", "2.25M\u00a0τ", "2.5M\u00a0τ"].slice(0, mid.length));
  });
});

describe("formatAgo", () => {
  const now = Date.UTC(2026, 11, 3, 12, 0, 0);
  it("says how long ago, in the largest whole unit", () => {
    expect(formatAgo(now, now)).toBe("0 s ago");
    expect(formatAgo(now - 59_000, now)).toBe("59 s ago");
    expect(formatAgo(now - 60_000, now)).toBe("1 min ago");
    expect(formatAgo(now - 7_200_000, now)).toBe("2 h ago");
    expect(formatAgo(now - 3 * 86_400_000, now)).toBe("3 d ago");
  });
  it("says how far ahead a timestamp past the clock is", () => {
    expect(formatAgo(now + 12_000, now)).toBe("in 12 s");
    expect(formatAgo(now + 360_000, now)).toBe("in 6 min");
  });
});
