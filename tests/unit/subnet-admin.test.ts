/**
 * Subnet operations signed by hotkeys and owners: commit-reveal weights, serve_axon, and the
 * AdminUtils hyperparameter setters with their origins, rate limit and freeze window.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { toHex } from "@/lib/chain/keys/ss58";
import type { Block } from "@/lib/chain/runtime/block";
import { HYPERPARAMETER_SETTERS, adminCalls } from "@/lib/chain/runtime/admin";
import { inAdminFreezeWindow } from "@/lib/chain/runtime/schedule";
import { weightsCommitHash } from "@/lib/chain/runtime/weights";
import { type ChainDriver, TAO, errorsOf, freeOf, storedData, testChain } from "../helpers/chain-driver";

const [alice, bob, charlie] = ["//Alice", "//Bob", "//Charlie"].map(keypairFromUri) as [Keypair, Keypair, Keypair];
const ownerHot = keypairFromUri("//adminhot0");
const minerHot = keypairFromUri("//adminhot1");
const author = keypairFromUri("//Eve").publicKeyHex;
const FREEZE = 2n; // the test preset's AdminFreezeWindow

/** Subnet 1 (Alice's, owner hotkey uid 0) with Charlie's miner as uid 1; Bob is the sudo key. */
function subnetChain(): ChainDriver {
  const c = testChain([[alice, 10_000n], [bob, 1000n], [charlie, 1000n]], author, bob);
  c.submit(alice, "SubtensorModule.register_network", { hotkey: ownerHot.publicKeyHex });
  c.block();
  c.submit(charlie, "SubtensorModule.burned_register", { netuid: 1, hotkey: minerHot.publicKeyHex });
  expect(errorsOf(c.block())).toEqual([null]);
  return c;
}

/** Produce empty blocks until the next block is outside subnet 1's admin freeze window. */
function toOpenWindow(c: ChainDriver): void {
  while (inAdminFreezeWindow(c.s.subnets.get(1)!, c.s.block + 1n, FREEZE)) c.block();
}

/** Produce blocks until subnet 1's epoch counter reaches `epoch`. */
function toEpoch(c: ChainDriver, epoch: number): void {
  while (c.s.subnets.get(1)!.epochIndex < epoch) c.block();
}

const admin = (c: ChainDriver, from: Keypair, name: string, args: Record<string, unknown>) => c.submit(from, `AdminUtils.sudo_set_${name}`, { netuid: 1, ...args });
const events = (b: Block, name: string) => b.events.filter((e) => e.name === name).map(storedData);

describe("commit_weights / reveal_weights", () => {
  it("hashes the SCALE encoding of (hotkey, netuid, uids, values, salt, version_key) with blake2b-256", () => {
    const hotkey = `0x${"01".repeat(32)}`;
    // AccountId32, u16 netuid 3, Vec<u16> [1, 2], Vec<u16> [65535, 7], Vec<u16> [9], u64 5, all little-endian.
    const scale = "01".repeat(32) + "0300" + "08" + "0100" + "0200" + "08" + "ffff" + "0700" + "04" + "0900" + "0500000000000000";
    const bytes = Uint8Array.from(scale.match(/../g)!.map((h) => parseInt(h, 16)));
    expect(weightsCommitHash(hotkey, 3, [1, 2], [65535, 7], [9], 5n)).toBe(toHex(blake2b(bytes, { dkLen: 32 })));
  });

  it("reveals in exactly the epoch after the reveal period, sets the weights, and expires later commits", () => {
    const c = subnetChain();
    const hk = ownerHot.publicKeyHex;
    toOpenWindow(c);
    admin(c, alice, "commit_reveal_weights_enabled", { enabled: true });
    expect(errorsOf(c.block())).toEqual([null]);
    expect(c.s.subnets.get(1)!.hyper.commitReveal).toBe(true);

    const salt = [7, 8, 9];
    const hash = weightsCommitHash(hk, 1, [1], [65535], salt, 0n);
    const reveal = { netuid: 1, uids: [1], values: [65535], salt, version_key: "0" };
    c.submit(ownerHot, "SubtensorModule.set_weights", { netuid: 1, dests: [1], weights: [65535], version_key: "0" });
    c.submit(ownerHot, "SubtensorModule.reveal_weights", reveal);
    c.submit(ownerHot, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: hash });
    let b = c.block();
    expect(errorsOf(b)).toEqual(["SubtensorModule.CommitRevealEnabled", "SubtensorModule.NoWeightsCommitFound", null]);
    const commitEpoch = c.s.subnets.get(1)!.commits[hk]![0]!.epoch;
    expect(events(b, "SubtensorModule.WeightsCommitted")).toEqual([{ hotkey: hk, netuid: 1, commitHash: hash, epoch: commitEpoch, revealEpoch: commitEpoch + 1 }]);
    expect(c.s.subnets.get(1)!.neurons[0]!.lastUpdate).toBe(c.s.block); // the commit counts as the update
    expect(freeOf(c.s, hk)).toBe(0n); // Pays::No: the hotkey holds nothing and still commits

    c.submit(ownerHot, "SubtensorModule.reveal_weights", reveal);
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.RevealTooEarly"]);

    toEpoch(c, commitEpoch + 1);
    c.submit(ownerHot, "SubtensorModule.reveal_weights", { ...reveal, salt: [1, 2, 3] });
    c.submit(ownerHot, "SubtensorModule.reveal_weights", reveal);
    c.submit(ownerHot, "SubtensorModule.reveal_weights", reveal);
    b = c.block();
    expect(errorsOf(b)).toEqual(["SubtensorModule.InvalidRevealCommitHashNotMatch", null, "SubtensorModule.NoWeightsCommitFound"]);
    expect(c.s.subnets.get(1)!.neurons[0]!.weights).toEqual([[1, 65535]]);
    expect(c.s.subnets.get(1)!.commits[hk]).toBeUndefined();
    expect(events(b, "SubtensorModule.WeightsRevealed")).toEqual([{ hotkey: hk, netuid: 1, commitHash: hash }]);

    // A commit not revealed in its reveal epoch expires.
    const late = weightsCommitHash(hk, 1, [1], [100], salt, 0n);
    while (c.s.block - c.s.subnets.get(1)!.neurons[0]!.lastUpdate < 2n) c.block(); // the test preset's weights rate limit
    c.submit(ownerHot, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: late });
    expect(errorsOf(c.block())).toEqual([null]);
    const lateEpoch = c.s.subnets.get(1)!.commits[hk]![0]!.epoch;
    toEpoch(c, lateEpoch + 2);
    c.submit(ownerHot, "SubtensorModule.reveal_weights", { ...reveal, values: [100] });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.ExpiredWeightCommit"]);
  });

  it("refuses commits while commit-reveal is off and commits too soon after the last", () => {
    const c = subnetChain();
    const hash = weightsCommitHash(ownerHot.publicKeyHex, 1, [1], [1], [1], 0n);
    c.submit(ownerHot, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: hash });
    c.submit(ownerHot, "SubtensorModule.reveal_weights", { netuid: 1, uids: [1], values: [1], salt: [1], version_key: "0" });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.CommitRevealDisabled", "SubtensorModule.CommitRevealDisabled"]);
    toOpenWindow(c);
    admin(c, alice, "commit_reveal_weights_enabled", { enabled: true });
    c.block();
    c.submit(minerHot, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: hash });
    c.submit(minerHot, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: hash });
    c.submit(bob, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: hash });
    expect(errorsOf(c.block())).toEqual([null, "SubtensorModule.CommittingWeightsTooFast", "SubtensorModule.HotKeyNotRegisteredInSubNet"]);
  });
});

describe("serve_axon", () => {
  const axon = { netuid: 1, version: 7, ip: String(0x0a000001), port: 8091, ip_type: 4, protocol: 4, placeholder1: 0, placeholder2: 0 };

  it("stores the axon of a registered hotkey without a fee, then rate-limits it", () => {
    const c = subnetChain();
    c.submit(minerHot, "SubtensorModule.serve_axon", axon);
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(c.s.subnets.get(1)!.axons[minerHot.publicKeyHex]).toEqual({ block: c.s.block, version: 7, ip: "167772161", port: 8091, ipType: 4, protocol: 4, placeholder1: 0, placeholder2: 0 });
    expect(events(b, "SubtensorModule.AxonServed")).toEqual([{ netuid: 1, hotkey: minerHot.publicKeyHex, ip: "167772161", port: 8091, ipType: 4, version: 7 }]);
    expect(freeOf(c.s, minerHot.publicKeyHex)).toBe(0n);
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, port: 9000 });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.ServingRateLimitExceeded"]); // ServingRateLimit 2 on the test preset
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, port: 9000 });
    expect(errorsOf(c.block())).toEqual([null]);
    expect(c.s.subnets.get(1)!.axons[minerHot.publicKeyHex]!.port).toBe(9000);
  });

  it("names each invalid axon", () => {
    const c = subnetChain();
    c.submit(bob, "SubtensorModule.serve_axon", axon);
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, ip_type: 5 });
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, ip: String(0x7f000001) });
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, ip_type: 6, ip: "1" });
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, port: 0 });
    c.submit(minerHot, "SubtensorModule.serve_axon", { ...axon, netuid: 4 });
    expect(errorsOf(c.block())).toEqual([
      "SubtensorModule.HotKeyNotRegisteredInNetwork",
      "SubtensorModule.InvalidIpType",
      "SubtensorModule.InvalidIpAddress",
      "SubtensorModule.InvalidIpAddress",
      "SubtensorModule.InvalidPort",
      "SubtensorModule.SubnetNotExists",
    ]);
    expect(c.s.subnets.get(1)!.axons).toEqual({});
  });
});

describe("AdminUtils setters", () => {
  it("allows root-only setters to the sudo key and owner setters to the owner or the sudo key", () => {
    const c = subnetChain();
    toOpenWindow(c);
    admin(c, alice, "kappa", { kappa: 40_000 });
    admin(c, bob, "kappa", { kappa: 40_000 });
    admin(c, charlie, "immunity_period", { immunity_period: 7 });
    admin(c, alice, "immunity_period", { immunity_period: 7 });
    admin(c, bob, "min_allowed_weights", { min_allowed_weights: 2 });
    c.submit(bob, "AdminUtils.sudo_set_kappa", { netuid: 9, kappa: 1 });
    const b = c.block();
    expect(errorsOf(b)).toEqual(["BadOrigin", null, "BadOrigin", null, null, "AdminUtils.SubnetDoesNotExist"]);
    const s = c.s.subnets.get(1)!;
    expect([s.hyper.kappa, s.immunityPeriod, s.hyper.minAllowedWeights]).toEqual([40_000, 7n, 2]);
    expect(events(b, "SubtensorModule.HyperparameterSet")).toEqual([
      { netuid: 1, name: "kappa", value: "40000", by: "root" },
      { netuid: 1, name: "immunity_period", value: "7", by: "owner" },
      { netuid: 1, name: "min_allowed_weights", value: "2", by: "root" },
    ]);
  });

  it("rate-limits the owner per hyperparameter for two tempos, but not the sudo key", () => {
    const c = subnetChain();
    toOpenWindow(c);
    admin(c, alice, "immunity_period", { immunity_period: 7 });
    expect(errorsOf(c.block())).toEqual([null]);
    const setAt = c.s.block;
    toOpenWindow(c);
    admin(c, alice, "immunity_period", { immunity_period: 8 });
    admin(c, alice, "serving_rate_limit", { serving_rate_limit: "5" }); // another hyperparameter: its own limit
    admin(c, bob, "immunity_period", { immunity_period: 9 });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.TxRateLimitExceeded", null, null]);
    expect(c.s.subnets.get(1)!.immunityPeriod).toBe(9n);
    while (c.s.block + 1n < setAt + 20n || inAdminFreezeWindow(c.s.subnets.get(1)!, c.s.block + 1n, FREEZE)) c.block(); // 2 × tempo 10
    admin(c, alice, "immunity_period", { immunity_period: 10 });
    expect(errorsOf(c.block())).toEqual([null]);
  });

  it("refuses setters in the freeze window before an epoch, except those subtensor leaves unchecked", () => {
    const c = subnetChain();
    while (!inAdminFreezeWindow(c.s.subnets.get(1)!, c.s.block + 1n, FREEZE)) c.block();
    admin(c, alice, "immunity_period", { immunity_period: 7 });
    admin(c, bob, "bonds_penalty", { bonds_penalty: 1 });
    admin(c, bob, "kappa", { kappa: 1 });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.AdminActionProhibitedDuringWeightsWindow", "SubtensorModule.AdminActionProhibitedDuringWeightsWindow", null]);
    expect(c.s.subnets.get(1)!.hyper.kappa).toBe(1);
  });

  it("checks each setter's bounds", () => {
    const c = subnetChain();
    toOpenWindow(c);
    admin(c, alice, "bonds_moving_average", { bonds_moving_average: "980000" });
    admin(c, bob, "bonds_moving_average", { bonds_moving_average: "980000" });
    admin(c, alice, "alpha_values", { alpha_low: 2000, alpha_high: 60_000 });
    admin(c, alice, "max_allowed_uids", { max_allowed_uids: 1 });
    admin(c, alice, "max_allowed_uids", { max_allowed_uids: 17 });
    admin(c, bob, "max_allowed_validators", { max_allowed_validators: 17 });
    admin(c, alice, "min_burn", { min_burn: String(TAO) });
    admin(c, alice, "max_burn", { max_burn: String(TAO / 10n) });
    admin(c, alice, "burn_half_life", { burn_half_life: 0 });
    admin(c, alice, "commit_reveal_weights_interval", { interval: "0" });
    admin(c, alice, "commit_reveal_weights_interval", { interval: "101" });
    admin(c, alice, "alpha_sigmoid_steepness", { steepness: -5 });
    admin(c, bob, "alpha_sigmoid_steepness", { steepness: -5 });
    expect(errorsOf(c.block())).toEqual([
      "AdminUtils.BondsMovingAverageMaxReached",
      null,
      "SubtensorModule.LiquidAlphaDisabled",
      "AdminUtils.MaxAllowedUIdsLessThanCurrentUIds",
      "AdminUtils.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
      "AdminUtils.MaxValidatorsLargerThanMaxUIds",
      "AdminUtils.ValueNotInBounds",
      "AdminUtils.ValueNotInBounds",
      "AdminUtils.InvalidValue",
      "SubtensorModule.RevealPeriodTooSmall",
      "SubtensorModule.RevealPeriodTooLarge",
      "AdminUtils.NegativeSigmoidSteepness",
      null,
    ]);
    const h = c.s.subnets.get(1)!.hyper;
    expect([h.bondsMovingAverage, h.alphaSigmoidSteepness]).toEqual([980_000, -5]);

    admin(c, bob, "liquid_alpha_enabled", { enabled: true });
    admin(c, bob, "alpha_values", { alpha_low: 1000, alpha_high: 60_000 });
    admin(c, bob, "alpha_values", { alpha_low: 2000, alpha_high: 1000 });
    admin(c, bob, "alpha_values", { alpha_low: 2000, alpha_high: 60_000 });
    expect(errorsOf(c.block())).toEqual([null, "SubtensorModule.AlphaLowOutOfRange", "SubtensorModule.AlphaHighTooLow", null]);
    expect([c.s.subnets.get(1)!.hyper.alphaLow, c.s.subnets.get(1)!.hyper.alphaHigh]).toEqual([2000, 60_000]);
  });

  it("restarts the epoch cycle when the sudo key sets the tempo", () => {
    const c = subnetChain();
    toOpenWindow(c);
    admin(c, bob, "tempo", { tempo: 3 });
    c.block();
    const setAt = c.s.block;
    expect(c.s.subnets.get(1)!.lastEpochBlock).toBe(setAt);
    const epochsAt: bigint[] = [];
    for (let i = 0; i < 7; i++) if (events(c.block(), "SubtensorModule.EpochDistributed").length > 0) epochsAt.push(c.s.block);
    expect(epochsAt).toEqual([setAt + 3n, setAt + 6n]);
  });
});

describe("HYPERPARAMETER_SETTERS (what clients build sudo_set calls from)", () => {
  const sample: Record<string, unknown> = { u8: 1, u16: 1, u32: 1, i16: -1, amount: "1", u128: "1", bool: true };

  it("lists every AdminUtils setter with arguments its own decoder accepts, and no other", () => {
    expect(Object.values(HYPERPARAMETER_SETTERS).map((s) => s.call).sort()).toEqual(Object.keys(adminCalls).sort());
    for (const s of Object.values(HYPERPARAMETER_SETTERS)) {
      const args = Object.fromEntries([["netuid", 1], ...s.args.map((a) => [a.name, sample[a.kind]])]);
      expect(() => adminCalls[s.call]!.decode(args), s.call).not.toThrow();
      if (s.args.length) {
        const missing = { ...args };
        delete missing[s.args[0]!.name];
        expect(() => adminCalls[s.call]!.decode(missing), s.call).toThrow(/missing argument/);
      }
      expect(() => adminCalls[s.call]!.decode({ ...args, extra: 1 }), s.call).toThrow(/unknown argument "extra"/);
    }
  });

  it("names subtensor's arguments and origins", () => {
    expect(HYPERPARAMETER_SETTERS.kappa).toEqual({ name: "kappa", call: "AdminUtils.sudo_set_kappa", origin: "root", args: [{ name: "kappa", kind: "u16" }] });
    expect(HYPERPARAMETER_SETTERS.alpha_values!.args).toEqual([{ name: "alpha_low", kind: "u16" }, { name: "alpha_high", kind: "u16" }]);
    expect(HYPERPARAMETER_SETTERS.commit_reveal_weights_enabled).toMatchObject({ origin: "ownerOrRoot", args: [{ name: "enabled", kind: "bool" }] });
  });
});
