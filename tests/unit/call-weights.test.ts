/**
 * Every call a preset dispatches has a weight, so no call's fee throws (a missing weight was a
 * RangeError that aborted the whole block), and fees follow subtensor's rule:
 * floor(0.0005 · (ExtrinsicBaseWeight 125,000,000 + call weight)) + encoded length.
 */
import { describe, expect, it } from "vitest";
import { callNames } from "@/lib/chain/runtime/block";
import { defineCall } from "@/lib/chain/runtime/calls";
import { FEELESS_CALLS } from "@/lib/chain/runtime/fees";
import { callWeight, feeFor } from "@/lib/chain/eras/presets";
import { callsOf } from "@/lib/chain/eras/presets";
import { CALLS_2024, DTAO_CALLS } from "@/lib/chain/runtime/registry";
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

  it("keeps each call's weight where its definition says (the values of the former weight table)", () => {
    const M = 1_000_000n;
    const weights: Record<string, bigint> = {
      "Balances.transfer_keep_alive": 60n * M,
      "Balances.transfer_allow_death": 60n * M,
      "SubtensorModule.register_network": 300n * M,
      "SubtensorModule.burned_register": 250n * M,
      "SubtensorModule.root_register": 250n * M,
      "SubtensorModule.start_call": 40n * M,
      "SubtensorModule.add_stake": 200n * M,
      "SubtensorModule.remove_stake": 200n * M,
      "SubtensorModule.set_weights": 0n,
      "SubtensorModule.commit_weights": 0n,
      "SubtensorModule.reveal_weights": 0n,
      "SubtensorModule.serve_axon": 0n,
      "SubtensorModule.add_stake_limit": 200n * M,
      "SubtensorModule.remove_stake_limit": 200n * M,
      "SubtensorModule.move_stake": 300n * M,
      "SubtensorModule.unstake_all": 400n * M,
      "SubtensorModule.increase_take": 40n * M,
      "SubtensorModule.decrease_take": 40n * M,
      "SubtensorModule.become_delegate": 79n * M,
      "SubtensorModule.register": 192n * M,
      "SubtensorModule.set_root_weights": 10_151n * M,
    };
    for (const preset of PRESETS) {
      for (const call of callNames(preset)) {
        const want = call.startsWith("AdminUtils.sudo_set_") ? 20n * M : weights[call];
        expect(callWeight(call, preset), `${preset} ${call}`).toBe(want);
      }
    }
    expect([...FEELESS_CALLS].sort()).toEqual(["SubtensorModule.commit_weights", "SubtensorModule.reveal_weights", "SubtensorModule.serve_axon", "SubtensorModule.set_weights"]);
  });

  it("defines each call once: a registry's key is its definition's name, and a name both registries hold weighs the same in each", () => {
    for (const preset of PRESETS) for (const [key, def] of Object.entries(callsOf(preset))) expect(def.name).toBe(key);
    for (const [name, def] of Object.entries(CALLS_2024)) if (Object.hasOwn(DTAO_CALLS, name)) expect(def.weight, name).toBe(DTAO_CALLS[name]!.weight);
    // seed2024: every SubtensorModule call is Pays::No, the Balances calls pay.
    for (const def of Object.values(CALLS_2024)) expect(def.pays, def.name).toBe(def.name.startsWith("SubtensorModule.") ? "No" : "Yes");
  });

  it("does not compile a call without a weight or pays", () => {
    const spec = { name: "Test.noop", read: () => ({}), dispatch: () => {} };
    // @ts-expect-error: no weight and no pays
    expect(() => defineCall(spec)).not.toThrow();
    // @ts-expect-error: no pays
    defineCall({ ...spec, weight: 1n });
    // @ts-expect-error: no weight
    defineCall({ ...spec, pays: "No" });
    expect(defineCall({ ...spec, weight: 1n, pays: "No" }).weight).toBe(1n);
  });
});
