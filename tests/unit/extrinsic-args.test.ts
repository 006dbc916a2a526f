/**
 * Extrinsic arguments as stored (lib/db/extrinsic-args.ts): u16 lists moved out of the JSON into
 * binary and put back, the documented bytes (literals worked out by hand), the canonical JSON of
 * the arguments read back byte-identical to the signed one (so a replayed extrinsic verifies and
 * hashes alike), keys back in canonical order, what stays in the JSON, and damaged bytes refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/chain/runtime/extrinsic";
import { decodeExtrinsicArgs, encodeExtrinsicArgs } from "@/lib/db/extrinsic-args";

describe("stored extrinsic arguments", () => {
  it("writes set_weights' lists as the documented bytes", () => {
    const args = { netuid: 3, dests: [0, 1, 2, 3, 4], weights: [65535, 0, 7, 4095, 1], version_key: "0" };
    const [json, bytes] = encodeExtrinsicArgs(args);
    expect(json).toBe(`{"netuid":3,"version_key":"0"}`);
    // "dests": length 5, "dests", kind 1 (run), count 5, first 0. "weights": length 7, "weights", kind 0, count 5, values.
    const dests = "05" + Buffer.from("dests").toString("hex") + "01" + "05000000" + "0000";
    const weights = "07" + Buffer.from("weights").toString("hex") + "00" + "05000000" + "ffff" + "0000" + "0700" + "ff0f" + "0100";
    expect(bytes!.toString("hex")).toBe(dests + weights);
    const back = decodeExtrinsicArgs(json, bytes);
    expect(back).toEqual(args);
    expect(Object.keys(back)).toEqual(["dests", "netuid", "version_key", "weights"]); // canonical order, as args held it
    expect(JSON.stringify(back)).toBe(`{"dests":[0,1,2,3,4],"netuid":3,"version_key":"0","weights":[65535,0,7,4095,1]}`);
    expect(canonicalJson(back)).toBe(canonicalJson(args));
  });

  it("leaves arguments without u16 lists, short lists and other lists in the JSON", () => {
    const args = { hotkey: "0x01", netuid: 1, amount_staked: "5", short: [1, 2, 3], big: [1, 2, 3, 70000], neg: [1, -1, 2, 3], mixed: [1, "2", 3, 4], nested: { dests: [1, 2, 3, 4] } };
    const [json, bytes] = encodeExtrinsicArgs(args);
    expect(bytes).toBeNull();
    expect(json).toBe(canonicalJson(args));
    expect(decodeExtrinsicArgs(json, null)).toEqual(args);
  });

  it("gives back the canonical JSON that was signed, for any arguments", () => {
    const u16s = fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 300 });
    const run = fc.tuple(fc.integer({ min: 0, max: 65000 }), fc.integer({ min: 0, max: 500 })).map(([a, n]) => Array.from({ length: n }, (_, i) => a + i));
    const value = fc.oneof(u16s, run, fc.integer(), fc.string(), fc.array(fc.integer()), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/), value, { maxKeys: 6 }), (args) => {
        const [json, bytes] = encodeExtrinsicArgs(args);
        const back = decodeExtrinsicArgs(json, bytes);
        expect(canonicalJson(back)).toBe(canonicalJson(args));
        expect(JSON.stringify(back)).toBe(canonicalJson(args)); // key order too: the API's JSON is as before
      }),
      { numRuns: 400 },
    );
  });

  it("refuses damaged bytes", () => {
    const [json, bytes] = encodeExtrinsicArgs({ netuid: 1, dests: [5, 9, 2, 7], weights: [1, 2, 3, 4] });
    expect(() => decodeExtrinsicArgs(json, bytes!.subarray(0, bytes!.length - 1))).toThrow(new TypeError("stored extrinsic arguments: the u16 lists end 1 bytes early"));
    const twice = Buffer.concat([bytes!, bytes!]);
    expect(() => decodeExtrinsicArgs(json, twice)).toThrow(new TypeError("stored extrinsic arguments: dests is stored twice"));
    expect(() => decodeExtrinsicArgs(`{"dests":1}`, bytes)).toThrow(new TypeError("stored extrinsic arguments: dests is stored twice"));
    const kind = Buffer.from(bytes!);
    kind[1 + 5] = 7;
    expect(() => decodeExtrinsicArgs(json, kind)).toThrow(new TypeError("stored extrinsic arguments: dests has an unknown kind 7"));
    const run = Buffer.from("05" + Buffer.from("dests").toString("hex") + "01" + "02000000" + "ffff", "hex");
    expect(() => decodeExtrinsicArgs(json, run)).toThrow(new TypeError("stored extrinsic arguments: dests's run passes 65535"));
    expect(() => decodeExtrinsicArgs(`[1]`, null)).toThrow(new TypeError("stored extrinsic arguments: the JSON is not an object"));
  });
});
