/**
 * The presets' parameters (lib/chain/runtime/params.ts, lib/chain/seed2024/runtime.ts) are
 * frozen to their nested records: a test or a caller cannot change a rule for every chain in the
 * process by writing into them. The dynamic-TAO set is refused on seed2024, naming why.
 */
import { describe, expect, it } from "vitest";
import { InvariantError } from "@/lib/chain/errors";
import { paramsFor } from "@/lib/chain/eras/presets";
import { PARAMS_2024 } from "@/lib/chain/seed2024/runtime";

describe("preset parameters", () => {
  it.each(["mainnet", "test"] as const)("%s: frozen, nested records included", (preset) => {
    const p = paramsFor(preset);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.hyper)).toBe(true);
    expect(Object.isFrozen(p.burnParams)).toBe(true);
    expect(() => ((p as { subnetLimit: number }).subnetLimit = 1)).toThrow(TypeError);
    expect(() => ((p.hyper as { kappa: number }).kappa = 1)).toThrow(TypeError);
  });

  it("seed2024: its own set frozen; the dynamic-TAO set refused with the reason", () => {
    expect(Object.isFrozen(PARAMS_2024)).toBe(true);
    expect(Object.isFrozen(PARAMS_2024.root)).toBe(true);
    expect(() => paramsFor("seed2024")).toThrow(InvariantError);
    expect(() => paramsFor("seed2024")).toThrow("the dynamic-TAO parameters were asked for on the seed2024 preset, whose v1.1.3 rules have their own (PARAMS_2024)");
  });
});
