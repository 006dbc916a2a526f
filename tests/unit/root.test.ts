/**
 * The root network: TAO staked 1:1 on netuid 0, `root_register`, the root proportion that caps
 * injection, and root dividends paid into root stake.
 */
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { I96F32, U64_MAX, U96F32, fromF64 } from "@/lib/chain/math/fixed";
import { type Block, createGenesis } from "@/lib/chain/runtime/block";
import { paramsFor } from "@/lib/chain/eras/presets";
import { rootProportion, rootStakeOf, weightedStakeOf } from "@/lib/chain/runtime/root";
import { type ChainState, setSubnet } from "@/lib/chain/runtime/state";
import { stakeOf } from "@/lib/chain/runtime/staking";
import { shareValue } from "@/lib/chain/staking/share-pool";
import { type ChainDriver, T0, TAO, driver, errorsOf, freeOf, storedData, supplyHeld, testChain, txFee } from "../helpers/chain-driver";

const [alice, bob, charlie] = ["//Alice", "//Bob", "//Charlie"].map(keypairFromUri) as [Keypair, Keypair, Keypair];
const validator = keypairFromUri("//roothot-validator");
const owner = keypairFromUri("//roothot-owner");
const miners = [keypairFromUri("//roothot-miner-1"), keypairFromUri("//roothot-miner-2")];
const hot = Array.from({ length: 6 }, (_, i) => keypairFromUri(`//roothot-${i}`).publicKeyHex);
const author = keypairFromUri("//Eve").publicKeyHex;
const P = paramsFor("test");
const events = (b: Block, name: string) => b.events.filter((e) => e.name === name).map((e) => storedData(e) as Record<string, string | number>);

/** Subnet 1 from genesis (started): owner hotkey, one validator (Bob's), two miners (Charlie's). */
function network(): ChainDriver {
  const s = createGenesis({
    preset: "test",
    timestamp: T0,
    endowments: [alice, bob, charlie].map((k) => [k.publicKeyHex, 10_000n * TAO] as const),
    subnets: [
      {
        owner: alice.publicKeyHex,
        ownerHotkey: owner.publicKeyHex,
        started: true,
        neurons: [{ hotkey: validator.publicKeyHex, coldkey: bob.publicKeyHex }, ...miners.map((m) => ({ hotkey: m.publicKeyHex, coldkey: charlie.publicKeyHex }))],
      },
    ],
  }).state;
  return driver(s, author);
}

describe("root stake", () => {
  it("stakes and unstakes TAO 1:1 on netuid 0 without a swap fee", () => {
    const c = network();
    const before = freeOf(c.s, bob.publicKeyHex);
    const ext = c.submit(bob, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_staked: String(100n * TAO) });
    let b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(events(b, "SubtensorModule.StakeAdded")).toEqual([{ coldkey: bob.publicKeyHex, hotkey: validator.publicKeyHex, tao: String(100n * TAO), alpha: String(100n * TAO), netuid: 0, fee: "0", taoToPool: String(100n * TAO) }]);
    expect(rootStakeOf(c.s, validator.publicKeyHex)).toBe(100n * TAO);
    expect(c.s.root.taoReserve).toBe(100n * TAO);
    expect(freeOf(c.s, bob.publicKeyHex)).toBe(before - 100n * TAO - txFee(ext));
    expect(supplyHeld(c.s)).toBe(c.s.totalIssuance);

    c.submit(bob, "SubtensorModule.remove_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_unstaked: String(40n * TAO) });
    c.submit(bob, "SubtensorModule.add_stake_limit", { hotkey: validator.publicKeyHex, netuid: 0, amount_staked: String(TAO), limit_price: "999999999", allow_partial: false });
    c.submit(bob, "SubtensorModule.remove_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_unstaked: String(61n * TAO) });
    b = c.block();
    expect(errorsOf(b)).toEqual([null, "SubtensorModule.SlippageTooHigh", "SubtensorModule.NotEnoughStakeToWithdraw"]);
    expect(events(b, "SubtensorModule.StakeRemoved")[0]).toMatchObject({ tao: String(40n * TAO), alpha: String(40n * TAO), netuid: 0, fee: "0" });
    expect(c.s.root.taoReserve).toBe(60n * TAO);
    expect(supplyHeld(c.s)).toBe(c.s.totalIssuance);
  });

  it("moves stake between root and a subnet with one swap fee, and unstake_all empties both", () => {
    const c = network();
    c.submit(bob, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_staked: String(50n * TAO) });
    c.block();
    c.submit(bob, "SubtensorModule.move_stake", { origin_hotkey: validator.publicKeyHex, destination_hotkey: validator.publicKeyHex, origin_netuid: 0, destination_netuid: 1, alpha_amount: String(20n * TAO) });
    let b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(events(b, "SubtensorModule.StakeRemoved")[0]).toMatchObject({ netuid: 0, tao: String(20n * TAO), fee: "0" });
    const added = events(b, "SubtensorModule.StakeAdded")[0]!;
    expect(added).toMatchObject({ netuid: 1, tao: String(20n * TAO) });
    expect(added.fee).not.toBe("0"); // from root, the destination pays the fee
    expect(rootStakeOf(c.s, validator.publicKeyHex)).toBe(30n * TAO);
    expect(stakeOf(c.s.subnets.get(1)!, validator.publicKeyHex, bob.publicKeyHex)).toBe(BigInt(added.alpha!));

    const before = freeOf(c.s, bob.publicKeyHex);
    const ext = c.submit(bob, "SubtensorModule.unstake_all", { hotkey: validator.publicKeyHex });
    b = c.block();
    const removed = events(b, "SubtensorModule.StakeRemoved");
    expect(removed.map((e) => e.netuid)).toEqual([0, 1]);
    expect(rootStakeOf(c.s, validator.publicKeyHex)).toBe(0n);
    expect(freeOf(c.s, bob.publicKeyHex)).toBe(before - txFee(ext) + removed.reduce((a, e) => a + BigInt(e.tao as string), 0n));
    expect(supplyHeld(c.s)).toBe(c.s.totalIssuance);
  });
});

describe("root_register", () => {
  it("appends root uids while there is room, then replaces the lowest root stake only for a higher one", () => {
    const c = testChain([[alice, 10_000n], [bob, 10_000n]], author);
    // Test preset: 4 root uids. Hotkeys 0..3 with root stake 10, 20, 30, 40 TAO.
    for (let i = 0; i < 4; i++) {
      c.submit(alice, "SubtensorModule.root_register", { hotkey: hot[i] });
      c.submit(alice, "SubtensorModule.add_stake", { hotkey: hot[i], netuid: 0, amount_staked: String(BigInt(10 * (i + 1)) * TAO) });
    }
    c.submit(alice, "SubtensorModule.root_register", { hotkey: hot[0] });
    let b = c.block();
    expect(errorsOf(b)).toEqual([...Array(8).fill(null), "SubtensorModule.HotKeyAlreadyRegisteredInSubNet"]);
    expect(c.s.root.validators).toEqual(hot.slice(0, 4));
    expect(events(b, "SubtensorModule.NeuronRegistered").map((e) => [e.netuid, e.uid])).toEqual([[0, 0], [0, 1], [0, 2], [0, 3]]);

    c.submit(bob, "SubtensorModule.root_register", { hotkey: hot[4] }); // no root stake: not above 10 TAO
    c.submit(bob, "SubtensorModule.root_register", { hotkey: hot[0] }); // already a root uid (checked before ownership)
    c.submit(alice, "SubtensorModule.register_network", { hotkey: hot[5] });
    c.submit(bob, "SubtensorModule.root_register", { hotkey: hot[5] }); // Alice's hotkey
    b = c.block();
    expect(errorsOf(b)).toEqual(["SubtensorModule.StakeTooLowForRoot", "SubtensorModule.HotKeyAlreadyRegisteredInSubNet", null, "SubtensorModule.NonAssociatedColdKey"]);
    expect(c.s.hotkeyOwner.has(hot[4]!)).toBe(false); // a refused registration claims nothing
    expect(c.s.root.validators).toEqual(hot.slice(0, 4));
  });

  it("replaces the root uid with the lowest stake", () => {
    const c = testChain([[alice, 10_000n], [bob, 10_000n]], author);
    for (let i = 0; i < 4; i++) {
      c.submit(alice, "SubtensorModule.root_register", { hotkey: hot[i] });
      c.submit(alice, "SubtensorModule.add_stake", { hotkey: hot[i], netuid: 0, amount_staked: String(BigInt(10 * (i + 1)) * TAO) });
    }
    c.block();
    c.submit(alice, "SubtensorModule.move_stake", { origin_hotkey: hot[3], destination_hotkey: hot[3], origin_netuid: 0, destination_netuid: 0, alpha_amount: "1" });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.SameNetuid"]);
    // Root stake moves between hotkeys without a swap: hot[1] (uid 1) drops to 5 TAO, the lowest.
    c.submit(alice, "SubtensorModule.move_stake", { origin_hotkey: hot[1], destination_hotkey: hot[2], origin_netuid: 0, destination_netuid: 0, alpha_amount: String(15n * TAO) });
    expect(errorsOf(c.block())).toEqual([null]);
    expect([0, 1, 2].map((i) => rootStakeOf(c.s, hot[i]!))).toEqual([10n * TAO, 5n * TAO, 45n * TAO]);
    // A new hotkey exists (can take stake) once registered somewhere: here as a subnet owner hotkey.
    c.submit(alice, "SubtensorModule.register_network", { hotkey: hot[5] });
    c.block();
    c.submit(alice, "SubtensorModule.add_stake", { hotkey: hot[5], netuid: 0, amount_staked: String(6n * TAO) });
    c.submit(alice, "SubtensorModule.root_register", { hotkey: hot[5] });
    const b = c.block();
    expect(errorsOf(b)).toEqual([null, null]);
    expect(events(b, "SubtensorModule.NeuronRegistered")).toEqual([{ netuid: 0, uid: 1, hotkey: hot[5], replacedHotkey: hot[1] }]);
    expect(c.s.root.validators).toEqual([hot[0], hot[5], hot[2], hot[3]]);
  });
});

describe("root proportion and root dividends", () => {
  it("computes tao_weight·R / (tao_weight·R + alpha issuance)", () => {
    const c = network();
    c.submit(bob, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_staked: String(1000n * TAO) });
    c.block();
    const s = c.s.subnets.get(1)!;
    const w = Number(P.taoWeight) / Number(U64_MAX);
    const expected = (w * 1000e9) / (w * 1000e9 + Number(s.pool.alphaReserve + s.alphaOut));
    const prop = Number(rootProportion(c.s, s)) / 2 ** 32;
    expect(Math.abs(prop - expected)).toBeLessThan(1e-9);
    expect(rootProportion(c.s, s) >> U96F32.frac).toBe(0n); // below 1
    // The stake that gates set_weights: alpha + tao_weight·root (no alpha staked here). TaoWeight
    // carries 32 fraction bits (U96F32), so the product is exact to R·2^-32 rao.
    const weighted = Number(weightedStakeOf(c.s, s, validator.publicKeyHex)) / 2 ** 64;
    expect(Math.abs(weighted - w * 1000e9)).toBeLessThan(1000e9 / 2 ** 32);
  });

  it("injects TAO into the pool once root stake exists, and pays root dividends into root stake", () => {
    const c = network();
    // A moving-price sum above 1 turns the root sell flag on (mainnet's usual state); set it for subnet 1.
    setSubnet(c.s, { ...c.s.subnets.get(1)!, movingPrice: fromF64(I96F32, 1.5) });
    c.submit(bob, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, netuid: 1, amount_staked: String(50n * TAO) });
    c.submit(bob, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, netuid: 0, amount_staked: String(5000n * TAO) });
    c.block();
    const emission = events(c.block(), "SubtensorModule.SubnetEmission")[0]!;
    expect(BigInt(emission.taoIn as string)).toBeGreaterThan(0n); // root proportion > 0 lets TAO in
    expect(c.s.subnets.get(1)!.pending.root).toBeGreaterThan(0n);

    // Epochs give the validator its permit, then its weights earn dividends with a root part.
    const uidOf = (s: ChainState) => s.subnets.get(1)!.neurons.findIndex((n) => n.hotkey === validator.publicKeyHex);
    let paid: Record<string, string | number>[] = [];
    const bobRootBefore = shareValue(c.s.root.stake[validator.publicKeyHex]!, bob.publicKeyHex);
    for (let i = 0; i < 40 && paid.length === 0; i++) {
      const uid = uidOf(c.s);
      const n = c.s.subnets.get(1)!.neurons[uid]!;
      if (n.validatorPermit && c.s.block + 1n - n.lastUpdate >= P.hyper.weightsSetRateLimit) {
        c.submit(validator, "SubtensorModule.set_weights", { netuid: 1, dests: [2, 3], weights: [40000, 20000], version_key: "0" });
      }
      const b = c.block();
      paid = events(b, "SubtensorModule.RootDividendsPaid");
      expect(supplyHeld(c.s)).toBe(c.s.totalIssuance);
    }
    expect(paid.length).toBe(1);
    expect(paid[0]).toMatchObject({ netuid: 1, hotkey: validator.publicKeyHex });
    const tao = BigInt(paid[0]!.tao as string);
    expect(tao).toBeGreaterThan(0n);
    const bobRootAfter = shareValue(c.s.root.stake[validator.publicKeyHex]!, bob.publicKeyHex);
    expect(bobRootAfter - bobRootBefore >= tao - 1n && bobRootAfter - bobRootBefore <= tao).toBe(true); // Bob is its only root staker
  });
});
