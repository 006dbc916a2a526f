/**
 * Every call a preset dispatches has a weight, so no call's fee throws (a missing weight was a
 * RangeError that aborted the whole block), and fees follow subtensor's rule:
 * floor(0.0005 · (ExtrinsicBaseWeight 125,000,000 + call weight)) + encoded length.
 */
import { describe, expect, it } from "vitest";
import { callNames } from "@/lib/chain/runtime/block";
import { FEELESS_CALLS, callWeight, feeFor } from "@/lib/chain/runtime/fees";
import type { PresetName } from "@/lib/chain/runtime/state";

const PRESETS: PresetName[] = ["mainnet", "test", "seed2024"];

describe("call weights", () => {
  for (const preset of PRESETS) {
    it(`gives every ${preset} call a weight and a fee`, () => {
      const names = callNames(preset);
      expect(names.length).toBeGreaterThan(10);
      for (const call of names) {
        expect(() => callWeight(call), call).not.toThrow();
        expect(callWeight(call), call).toBeGreaterThanOrEqual(0n);
        const fee = feeFor(call, 100, preset);
        if (FEELESS_CALLS.has(call) || (preset === "seed2024" && call.startsWith("SubtensorModule."))) expect(fee, call).toBe(0n);
        else expect(fee, call).toBeGreaterThan(100n); // more than the length part alone
      }
    });
  }

  it("prices calls by subtensor's weight-to-fee rule", () => {
    // (125,000,000 + 60,000,000) × 500,000 / 10^9 = 92,500, plus 100 bytes.
    expect(feeFor("Balances.transfer_keep_alive", 100, "mainnet")).toBe(92_600n);
    // (125,000,000 + 200,000,000) × 0.0005 = 162,500, plus 150 bytes.
    expect(feeFor("SubtensorModule.add_stake", 150, "mainnet")).toBe(162_650n);
    // An AdminUtils setter: (125,000,000 + 20,000,000) × 0.0005 = 72,500, plus 80 bytes.
    expect(feeFor("AdminUtils.sudo_set_tempo", 80, "mainnet")).toBe(72_580n);
    // Pays::No calls are free; on seed2024 every SubtensorModule call is.
    expect(feeFor("SubtensorModule.set_weights", 500, "mainnet")).toBe(0n);
    expect(feeFor("SubtensorModule.add_stake", 150, "seed2024")).toBe(0n);
  });

  it("refuses a call it has no weight for, naming it", () => {
    expect(() => callWeight("SubtensorModule.swap_hotkey")).toThrow("no weight for call SubtensorModule.swap_hotkey");
  });
});
