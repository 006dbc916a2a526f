/**
 * set_weights and the epoch in the block step: validator permits from stake, weights setting
 * with subtensor's checks, epochs at the tempo, and the distribution of pending emission to
 * miners, validators (with the take) and the subnet owner. `test` preset: tempo 10.
 */
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import type { Block } from "@/lib/chain/runtime/block";
import { runEpochs } from "@/lib/chain/runtime/block-step";
import { type ChainEvent, type Emit, chainEvent } from "@/lib/chain/runtime/events";
import { setSubnet } from "@/lib/chain/runtime/state";
import { stakeOf } from "@/lib/chain/runtime/staking";
import { type ChainDriver, TAO, errorsOf, storedData, supplyHeld, testChain } from "../helpers/chain-driver";

const [alice, bob, charlie] = ["//Alice", "//Bob", "//Charlie"].map(keypairFromUri) as Keypair[];
const [owner, validator, miner1, miner2] = ["//owner-hot", "//validator-hot", "//miner1-hot", "//miner2-hot"].map(keypairFromUri) as Keypair[];
const author = keypairFromUri("//Eve").publicKeyHex;

const epochEvents = (b: Block) => b.events.filter((e) => e.name === "SubtensorModule.EpochDistributed").map(storedData);

/**
 * Subnet 1: Alice owns it (owner hotkey uid 0); Bob's validator hotkey is uid 1 with 100 TAO of
 * stake; Charlie's miners are uids 2 and 3. Returns after the first epoch (block 10), which
 * gives the validator its permit.
 */
function network(): ChainDriver {
  const d = testChain([[alice!, 10_000n], [bob!, 1000n], [charlie!, 1000n]], author);
  d.submit(alice!, "SubtensorModule.register_network", { hotkey: owner!.publicKeyHex });
  d.block(); // 1
  d.submit(bob!, "SubtensorModule.burned_register", { netuid: 1, hotkey: validator!.publicKeyHex });
  d.submit(charlie!, "SubtensorModule.burned_register", { netuid: 1, hotkey: miner1!.publicKeyHex });
  d.submit(charlie!, "SubtensorModule.burned_register", { netuid: 1, hotkey: miner2!.publicKeyHex });
  expect(errorsOf(d.block())).toEqual([null, null, null]); // 2
  d.block(); // 3
  d.submit(alice!, "SubtensorModule.start_call", { netuid: 1 });
  d.block(); // 4
  d.submit(bob!, "SubtensorModule.add_stake", { hotkey: validator!.publicKeyHex, netuid: 1, amount_staked: String(100n * TAO) });
  expect(errorsOf(d.block())).toEqual([null]); // 5
  while (d.s.block < 10n) d.block();
  return d;
}

/** Alpha outside the pool: staked, pending or the protocol's, up to rounding dust. */
function alphaDust(d: ChainDriver): bigint {
  const n = d.s.subnets.get(1)!;
  const staked = Object.values(n.stake).reduce((a, p) => a + p.value, 0n);
  return n.alphaOut - staked - n.pending.server - n.pending.validator - n.pending.ownerCut - n.pending.root - n.protocolAlpha;
}

describe("epochs at the tempo", () => {
  it("run every 10 blocks from the subnet's staggered start and hand the validator its permit", () => {
    const d = network();
    const sn = d.s.subnets.get(1)!;
    expect(sn.epochIndex).toBe(1); // the epoch of block 10
    expect(sn.lastEpochBlock).toBe(10n);
    expect(sn.neurons.map((x) => x.validatorPermit)).toEqual([true, true, false, false]); // the stake holders (owner cut staked to uid 0)
    const at: bigint[] = [];
    for (let i = 0; i < 25; i++) {
      const b = d.block();
      if (epochEvents(b).length) {
        at.push(b.header.number);
        // The coinbase runs before the epoch in the block step, so the epoch drains this block's share too.
        expect(d.s.subnets.get(1)!.pending).toEqual({ server: 0n, validator: 0n, ownerCut: 0n, root: 0n });
      } else expect(d.s.subnets.get(1)!.pending.server).toBeGreaterThan(0n);
    }
    expect(at).toEqual([20n, 30n]);
  });

  it("defers epochs beyond MaxEpochsPerBlock to the next block", () => {
    const d = network();
    const sn = d.s.subnets.get(1)!;
    for (const netuid of [2, 3]) setSubnet(d.s, { ...sn, netuid });
    const events: ChainEvent[] = [];
    const emit: Emit = (name, data) => void events.push(chainEvent({ kind: "Initialization" }, name, data));
    runEpochs(d.s, 20n, emit);
    expect(events.map((e) => storedData(e).netuid)).toEqual([1, 2]);
    expect(d.s.subnets.get(3)!.pendingEpochAt).toBe(21n);
    runEpochs(d.s, 21n, emit);
    expect(events.map((e) => storedData(e).netuid)).toEqual([1, 2, 3]);
    expect(d.s.subnets.get(3)!).toMatchObject({ pendingEpochAt: 0n, lastEpochBlock: 21n });
  });
});

describe("set_weights", () => {
  it("needs no balance, is rate limited, and stores max-upscaled weights", () => {
    const d = network();
    expect(d.s.accounts.has(validator!.publicKeyHex)).toBe(false);
    d.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [2, 3], weights: [300, 100], version_key: "0" });
    d.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [2, 3], weights: [300, 100], version_key: "0" });
    const b = d.block();
    expect(errorsOf(b)).toEqual([null, "SubtensorModule.SettingWeightsTooFast"]);
    expect(b.extrinsics.map((x) => x.fee)).toEqual([0n, 0n]);
    const v = d.s.subnets.get(1)!.neurons[1]!;
    expect(v.weights).toEqual([[2, 65535], [3, 21845]]);
    expect(v.lastUpdate).toBe(11n);
    expect(d.s.accounts.get(validator!.publicKeyHex)).toEqual({ free: 0n, nonce: 2 });
  });

  it("names every refusal as subtensor does", () => {
    const d = network();
    const set = (key: Keypair, args: Record<string, unknown>) => d.submit(key, "SubtensorModule.set_weights", { netuid: 1, version_key: "0", ...args });
    set(validator!, { dests: [2, 3], weights: [1] });
    set(validator!, { netuid: 9, dests: [2], weights: [1] });
    set(keypairFromUri("//stranger"), { dests: [2], weights: [1] });
    set(miner1!, { dests: [3], weights: [1] });
    set(validator!, { dests: [2, 2], weights: [1, 1] });
    set(validator!, { dests: [2, 7], weights: [1, 1] });
    expect(errorsOf(d.block())).toEqual([
      "SubtensorModule.WeightVecNotEqualSize",
      "SubtensorModule.SubnetNotExists",
      "SubtensorModule.HotKeyNotRegisteredInSubNet",
      "SubtensorModule.NeuronNoValidatorPermit",
      "SubtensorModule.DuplicateUids",
      "SubtensorModule.UidVecContainInvalidOne",
    ]);
    // A miner may always weight itself alone.
    set(miner1!, { dests: [2], weights: [1] });
    expect(errorsOf(d.block())).toEqual([null]);
  });
});

describe("distribution at the epoch", () => {
  it("pays miners by the validator's weights, the validator its dividends with take, the owner its cut", () => {
    const d = network();
    d.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [2, 3], weights: [3, 1], version_key: "0" });
    d.block(); // 11
    while (d.s.block < 19n) d.block();
    const before = d.s.subnets.get(1)!;
    const pending = before.pending;
    const staked = (hotkey: Keypair, coldkey: Keypair) => stakeOf(d.s.subnets.get(1)!, hotkey.publicKeyHex, coldkey.publicKeyHex);
    const validatorPool = before.stake[validator!.publicKeyHex]!.value;
    const b = d.block(); // 20: epoch
    const [e] = epochEvents(b);
    const after = d.s.subnets.get(1)!;
    expect(after.pending).toEqual({ server: 0n, validator: 0n, ownerCut: 0n, root: 0n });

    // Miners: incentive 3:1 by the only validator's weights, staked to Charlie.
    const [m1, m2] = [staked(miner1!, charlie!), staked(miner2!, charlie!)];
    expect(m1 > 0n && m2 > 0n).toBe(true);
    expect(after.neurons.slice(2).map((x) => x.incentive)).toEqual([49151, 16383]); // 3/4 and 1/4 in u16, floored
    const incentive = e!.incentive as Record<string, string>;
    expect(BigInt(incentive[miner1!.publicKeyHex]!)).toBe(m1);
    // The miners' pending half, including this block's 410 002 288 (§5.5), less per-uid flooring.
    const drained = pending.server + 410_002_288n;
    expect(drained - (m1 + m2) >= 0n && drained - (m1 + m2) <= 4n, `${drained} vs ${m1 + m2}`).toBe(true);
    // Validator: dividends raise its pool; 18% of them is staked to Bob as the take.
    const take = BigInt((e!.take as Record<string, string>)[validator!.publicKeyHex]!);
    const nominators = BigInt((e!.nominators as Record<string, string>)[validator!.publicKeyHex]!);
    expect(take * 65535n / (take + nominators)).toBeGreaterThanOrEqual(11_795n);
    expect(take * 65535n / (take + nominators)).toBeLessThanOrEqual(11_796n);
    expect(after.stake[validator!.publicKeyHex]!.value).toBe(validatorPool + take + nominators);
    // Owner: the cut is staked to Alice on the owner hotkey.
    expect(BigInt(e!.ownerCut as string)).toBeGreaterThan(pending.ownerCut);
    expect(staked(owner!, alice!)).toBeGreaterThan(0n);

    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
    const dust = alphaDust(d);
    expect(dust >= 0n && dust < 1000n).toBe(true);
  });
});

describe("delegate take", () => {
  it("rises only within bounds and the rate limit, falls freely, and is owned by the hotkey's coldkey", () => {
    const d = network();
    const take = (from: Keypair, call: "increase_take" | "decrease_take", hotkey: string, value: number) => d.submit(from, `SubtensorModule.${call}`, { hotkey, take: value });
    take(charlie!, "decrease_take", validator!.publicKeyHex, 0);
    take(bob!, "increase_take", keypairFromUri("//nobody").publicKeyHex, 100);
    take(bob!, "increase_take", validator!.publicKeyHex, 11_796);
    take(bob!, "increase_take", validator!.publicKeyHex, 20_000);
    take(bob!, "decrease_take", validator!.publicKeyHex, 11_796);
    take(bob!, "decrease_take", validator!.publicKeyHex, 1000);
    take(bob!, "increase_take", validator!.publicKeyHex, 5000);
    expect(errorsOf(d.block())).toEqual([
      "SubtensorModule.NonAssociatedColdKey",
      "SubtensorModule.HotKeyAccountNotExists",
      "SubtensorModule.DelegateTakeTooLow",
      "SubtensorModule.DelegateTakeTooHigh",
      "SubtensorModule.DelegateTakeTooLow",
      null,
      "SubtensorModule.DelegateTxRateLimitExceeded",
    ]);
    expect(d.s.delegateTake.get(validator!.publicKeyHex)).toEqual({ take: 1000, changedAt: 11n });
    while (d.s.block < 16n) d.block(); // 16 − 11 = 5 blocks: still limited
    take(bob!, "increase_take", validator!.publicKeyHex, 5000);
    expect(errorsOf(d.block())).toEqual([null]); // block 17
    expect(d.s.delegateTake.get(validator!.publicKeyHex)).toEqual({ take: 5000, changedAt: 17n });
  });

  it("with a zero take, a validator's dividends all go to its nominators", () => {
    const d = network();
    d.submit(bob!, "SubtensorModule.decrease_take", { hotkey: validator!.publicKeyHex, take: 0 });
    d.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [2, 3], weights: [3, 1], version_key: "0" });
    expect(errorsOf(d.block())).toEqual([null, null]);
    while (d.s.block < 19n) d.block();
    const pool = d.s.subnets.get(1)!.stake[validator!.publicKeyHex]!.value;
    const [e] = epochEvents(d.block());
    expect((e!.take as Record<string, string>)[validator!.publicKeyHex]).toBeUndefined();
    const nominators = BigInt((e!.nominators as Record<string, string>)[validator!.publicKeyHex]!);
    expect(nominators).toBeGreaterThan(0n);
    expect(d.s.subnets.get(1)!.stake[validator!.publicKeyHex]!.value).toBe(pool + nominators);
  });
});
