/**
 * Subnet and neuron registration through signed extrinsics on the `test` preset: lock cost,
 * rate and slot limits, the burn price with decay and bump, the pool swap, pruning, and the
 * supply invariant (free balances plus pool TAO equal issuance).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { U64F64, fromInt } from "@/lib/chain/math/fixed";
import { bumpBurn, decayBurn } from "@/lib/chain/registration/burn";
import { createRng } from "@/lib/chain/rng";
import { type Block, createGenesis } from "@/lib/chain/runtime/block";
import { paramsFor } from "@/lib/chain/eras/presets";
import { type ChainState, type Subnet, newNeuron, restoreState, serializeState, setSubnet, stateRoot } from "@/lib/chain/runtime/state";
import { EQUAL_WEIGHTS } from "@/lib/chain/swap/balancer";
import { dissolveSubnet, medianAlphaPrice, neuronToPrune } from "@/lib/chain/runtime/subnets";
import { shareValue } from "@/lib/chain/staking/share-pool";
import { MAX_PRICE_RAO, currentPrice, limitPriceFromRao, feeFor as swapFeeFor } from "@/lib/chain/swap/swap";
import { type ChainDriver, T0, TAO, driver, errorsOf, freeOf, storedData, supplyHeld, txFee } from "../helpers/chain-driver";

const [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keypairFromUri) as Keypair[];
const hot = Array.from({ length: 24 }, (_, i) => keypairFromUri(`//hot${i}`).publicKeyHex);
const author = keypairFromUri("//Eve").publicKeyHex;
const RANDOM = new Uint8Array(32).fill(7);
const P = paramsFor("test");

function genesis(): ChainState {
  return createGenesis({
    preset: "test",
    timestamp: T0,
    endowments: [
      [alice!.publicKeyHex, 10_000n * TAO],
      [bob!.publicKeyHex, 1000n * TAO],
      [charlie!.publicKeyHex, 1000n * TAO],
      [dave!.publicKeyHex, 50n * TAO],
    ],
  }).state;
}

const d0 = (s: ChainState) => driver(s, author, RANDOM);
const registerNetwork = (d: ChainDriver, from: Keypair, hotkey: string) => d.submit(from, "SubtensorModule.register_network", { hotkey });
const burnedRegister = (d: ChainDriver, from: Keypair, netuid: number, hotkey: string) => d.submit(from, "SubtensorModule.burned_register", { netuid, hotkey });

describe("register_network", () => {
  it("locks the minimum cost into a new pool priced at 1.0 and makes the owner hotkey uid 0", () => {
    const d = d0(genesis());
    const ext = registerNetwork(d, alice!, hot[0]!);
    const b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(freeOf(d.s, alice!.publicKeyHex)).toBe(10_000n * TAO - 100n * TAO - txFee(ext));
    const sn = d.s.subnets.get(1)!;
    expect(sn).toMatchObject({ owner: alice!.publicKeyHex, ownerHotkey: hot[0], registeredAt: 1n, locked: 100n * TAO, burn: TAO, tempo: 10 });
    expect(sn.pool.taoReserve).toBe(100n * TAO);
    expect(sn.pool.alphaReserve).toBe(100n * TAO);
    expect(currentPrice(sn.pool)).toBe(fromInt(U64F64, 1));
    expect(sn.neurons).toEqual([newNeuron(hot[0]!, alice!.publicKeyHex, 1n)]);
    expect(sn.lastEpochBlock).toBe(0n); // registered at block 1, staggered by netuid 1 mod tempo 10
    expect(d.s.hotkeyOwner.get(hot[0]!)).toBe(alice!.publicKeyHex);
    const added = b.events.find((e) => e.name === "SubtensorModule.NetworkAdded")!;
    expect(storedData(added)).toMatchObject({ netuid: 1, lock: (100n * TAO).toString(), poolTao: (100n * TAO).toString() });
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
  });

  it("doubles the last lock and decays it linearly; enforces the rate limit, the slot limit and affordability", () => {
    const d = d0(genesis());
    registerNetwork(d, alice!, hot[0]!);
    d.block(); // block 1: lock 100 TAO
    registerNetwork(d, alice!, hot[1]!);
    expect(errorsOf(d.block())).toEqual(["SubtensorModule.NetworkTxRateLimitExceeded"]); // block 2 < 1 + 5
    for (let i = 3; i < 6; i++) d.block();
    // Block 6: 2·100 TAO − floor(100 TAO / 100 blocks)·(6 − 1) = 195 TAO (interval 100 at 1 TAO per block).
    const before = freeOf(d.s, alice!.publicKeyHex);
    const ext = registerNetwork(d, alice!, hot[1]!);
    expect(errorsOf(d.block())).toEqual([null]);
    expect(before - freeOf(d.s, alice!.publicKeyHex)).toBe(195n * TAO + txFee(ext));
    expect(d.s.subnets.get(2)!.locked).toBe(195n * TAO);
    // A second pool at price 1.0 keeps the median at 1.0.
    expect(medianAlphaPrice(d.s)).toBe(fromInt(U64F64, 1));

    for (let i = 7; i < 11; i++) d.block();
    registerNetwork(d, dave!, hot[2]!); // 50 TAO cannot pay 2·195 − 1.95·5 TAO
    expect(errorsOf(d.block())).toEqual(["SubtensorModule.CannotAffordLockCost"]);
    registerNetwork(d, bob!, hot[0]!); // Alice's hotkey
    expect(errorsOf(d.block())).toEqual(["SubtensorModule.NonAssociatedColdKey"]);
    registerNetwork(d, alice!, hot[2]!);
    expect(errorsOf(d.block())).toEqual([null]);
    expect([...d.s.subnets.keys()]).toEqual([1, 2, 3]);
    for (let i = 0; i < 5; i++) d.block();
    const full = d.s.totalIssuance;
    registerNetwork(d, alice!, hot[3]!);
    expect(errorsOf(d.block())).toEqual(["SubtensorModule.SubnetLimitReached"]);
    expect(d.s.subnets.size).toBe(P.subnetLimit);
    expect(supplyHeld(d.s)).toBe(full);
  });

  it("dissolves the lowest-priced non-immune subnet when full, pays its stakers pro rata, and reuses its netuid", () => {
    const d = d0(genesis());
    registerNetwork(d, alice!, hot[0]!); // subnet 1 at block 1
    d.block();
    for (let i = 0; i < 4; i++) d.block();
    registerNetwork(d, alice!, hot[1]!); // subnet 2 at block 6, never started: moving price stays 0
    d.submit(alice!, "SubtensorModule.start_call", { netuid: 1 });
    expect(errorsOf(d.block())).toEqual([null, null]);
    d.submit(bob!, "SubtensorModule.add_stake", { hotkey: hot[0]!, netuid: 1, amount_staked: String(10n * TAO) });
    d.submit(charlie!, "SubtensorModule.add_stake", { hotkey: hot[0]!, netuid: 1, amount_staked: String(30n * TAO) });
    expect(errorsOf(d.block())).toEqual([null, null]);
    for (let i = 0; i < 4; i++) d.block();
    registerNetwork(d, alice!, hot[2]!); // subnet 3 at block 12: all slots taken
    d.block();
    while (d.s.block + 1n < 1n + P.networkImmunityPeriod) d.block();
    registerNetwork(d, charlie!, hot[3]!); // block 31: only subnet 1 is past its immunity
    let b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(b.events.filter((e) => e.name === "SubtensorModule.NetworkRemoved").map((e) => storedData(e).netuid)).toEqual([1]);
    expect(d.s.subnets.get(1)!.owner).toBe(charlie!.publicKeyHex); // netuid 1 reused
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);

    // Later subnets 1, 2 and 3 are all past immunity: the lowest moving price goes, whatever its age.
    while (d.s.block + 1n < 31n + P.networkImmunityPeriod) d.block();
    const prices = [1, 2, 3].map((n) => d.s.subnets.get(n)!.movingPrice);
    const cheapest = [1, 2, 3].reduce((a, n) => (prices[n - 1]! < prices[a - 1]! ? n : a), 1);
    expect(prices[2]! > prices[cheapest - 1]!).toBe(true); // subnet 3, started and staked, is dearer
    const pot = d.s.subnets.get(cheapest)!.pool.taoReserve;
    registerNetwork(d, alice!, hot[4]!);
    b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    const removed = storedData(b.events.find((e) => e.name === "SubtensorModule.NetworkRemoved")!);
    expect(removed).toMatchObject({ netuid: cheapest, taoReturned: "0" }); // no stakers: all the protocol's, recycled
    expect(BigInt((removed as { taoRecycled: string }).taoRecycled) >= pot).toBe(true); // plus what the block step added
    expect(d.s.subnets.get(cheapest)!.ownerHotkey).toBe(hot[4]);
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
  });

  it("shares a dissolved pool among stakers by alpha value, largest remainder first", () => {
    const d = d0(genesis());
    registerNetwork(d, alice!, hot[0]!);
    d.block();
    for (let i = 0; i < 3; i++) d.block();
    d.submit(alice!, "SubtensorModule.start_call", { netuid: 1 });
    d.block();
    d.submit(bob!, "SubtensorModule.add_stake", { hotkey: hot[0]!, netuid: 1, amount_staked: String(10n * TAO) });
    d.submit(charlie!, "SubtensorModule.add_stake", { hotkey: hot[0]!, netuid: 1, amount_staked: String(30n * TAO) });
    d.block();
    for (let i = 0; i < 5; i++) d.block();
    registerNetwork(d, alice!, hot[1]!);
    d.block();
    for (let i = 0; i < 5; i++) d.block();
    registerNetwork(d, alice!, hot[2]!);
    d.block();
    while (d.s.block + 1n < 1n + P.networkImmunityPeriod) d.block();
    // Dissolve subnet 1 directly on a copy of the state, to compare against the pro-rata shares.
    const state = restoreState(serializeState(d.s), d.s.rules);
    const sn = state.subnets.get(1)!;
    const valueOf = (coldkey: string) => Object.values(sn.stake).reduce((a, pool) => a + (pool.shares[coldkey] ? shareValue(pool, coldkey) : 0n), 0n);
    const holders = [alice!, bob!, charlie!].map((k) => k.publicKeyHex).filter((k) => valueOf(k) > 0n);
    expect(holders.length).toBeGreaterThanOrEqual(2);
    const total = holders.reduce((a, k) => a + valueOf(k), sn.pool.alphaReserve + sn.protocolAlpha);
    const before = holders.map((k) => freeOf(state, k));
    const issuance = state.totalIssuance;
    const emitted: string[] = [];
    dissolveSubnet({ state, signer: alice!.publicKeyHex, block: state.block + 1n, author, emit: (name) => emitted.push(name) }, 1);
    let paid = 0n;
    holders.forEach((k, i) => {
      const got = freeOf(state, k) - before[i]!;
      const floor = (sn.pool.taoReserve * valueOf(k)) / total;
      expect(got === floor || got === floor + 1n, `${got} vs ${floor}`).toBe(true); // + 1 rao at most, by largest remainder
      paid += got;
    });
    expect(state.subnets.has(1)).toBe(false);
    expect(state.totalIssuance).toBe(issuance - (sn.pool.taoReserve - paid));
    expect(supplyHeld(state)).toBe(state.totalIssuance);
    expect(emitted).toContain("SubtensorModule.NetworkRemoved");
  });
});

describe("burned_register", () => {
  function withSubnet() {
    const d = d0(genesis());
    registerNetwork(d, alice!, hot[0]!);
    d.block();
    return d;
  }

  it("takes the whole price when the pool reaches its maximum price mid-swap, burning what it could not swap", () => {
    const d = withSubnet();
    // A pool priced just under the maximum (10^6 TAO per alpha): 1 999 999.9 TAO for 2 alpha.
    const old = d.s.subnets.get(1)!;
    setSubnet(d.s, { ...old, pool: { taoReserve: 1_999_999_900_000_000n, alphaReserve: 2n * TAO, quoteWeight: EQUAL_WEIGHTS } });
    d.s.totalIssuance += 1_999_999_900_000_000n - old.pool.taoReserve; // as if that TAO had been staked
    const issuance = d.s.totalIssuance;
    const price = decayBurn(d.s.subnets.get(1)!.burn, P.burnParams, 3n);
    burnedRegister(d, bob!, 1, hot[5]!);
    const b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    const reg = storedData(b.events.find((e) => e.name === "SubtensorModule.NeuronRegistered")!) as Record<string, string>;
    const burned = BigInt((storedData(b.events.find((e) => e.name === "Balances.Burned" && storedData(e).who === bob!.publicKeyHex)!) as { amount: string }).amount);
    expect(burned).toBeGreaterThan(0n);
    expect(BigInt(reg.taoToPool!) + BigInt(reg.swapFee!) + burned).toBe(price); // the whole price is taken
    expect(currentPrice(d.s.subnets.get(1)!.pool) <= limitPriceFromRao(MAX_PRICE_RAO)).toBe(true);
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
    expect(d.s.totalIssuance < issuance + TAO).toBe(true); // the burn left circulation (the block minted at most 1 TAO)
  });

  it("charges the decayed price, moves it into the pool less the swap fee, burns the alpha bought and bumps the price", () => {
    const d = withSubnet();
    const before = d.s.subnets.get(1)!;
    const price = decayBurn(before.burn, P.burnParams, 2n); // on_initialize of block 2
    const ext = burnedRegister(d, bob!, 1, hot[5]!);
    const bobBefore = freeOf(d.s, bob!.publicKeyHex);
    const authorBefore = freeOf(d.s, author);
    const b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    const swapFee = swapFeeFor(price, 33);
    expect(price).toBe(933_032_991n); // 1 TAO · 2^(−1/10) = 933 032 991.5… rao, floored
    expect(freeOf(d.s, bob!.publicKeyHex)).toBe(bobBefore - price - txFee(ext));
    expect(freeOf(d.s, author)).toBe(authorBefore + swapFee + txFee(ext));
    const after = d.s.subnets.get(1)!;
    expect(after.pool.taoReserve).toBe(before.pool.taoReserve + price - swapFee);
    const reg = storedData(b.events.find((e) => e.name === "SubtensorModule.NeuronRegistered")!) as Record<string, string>;
    expect(reg).toMatchObject({ netuid: 1, uid: 1, hotkey: hot[5], burn: price.toString(), swapFee: swapFee.toString() });
    expect(after.pool.alphaReserve).toBe(before.pool.alphaReserve - BigInt(reg.alphaBurned!));
    expect(after.alphaOut).toBe(0n); // bought and burned
    expect(after.burn).toBe(bumpBurn(price, P.burnParams));
    expect(after.neurons[1]).toEqual(newNeuron(hot[5]!, bob!.publicKeyHex, 2n));
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
  });

  it("names every refusal as subtensor does and changes nothing but the fee", () => {
    const d = withSubnet();
    burnedRegister(d, bob!, 1, hot[5]!);
    d.block();
    for (let i = 3; i < 6; i++) d.block();
    registerNetwork(d, alice!, hot[9]!); // Alice's hot[9] is on subnet 2 only
    d.block();
    const before = restoreState(serializeState(d.s), d.s.rules);
    burnedRegister(d, bob!, 1, hot[5]!);
    burnedRegister(d, bob!, 9, hot[6]!);
    burnedRegister(d, bob!, 0, hot[6]!);
    burnedRegister(d, charlie!, 1, hot[9]!);
    const b = d.block();
    expect(errorsOf(b)).toEqual([
      "SubtensorModule.HotKeyAlreadyRegisteredInSubNet",
      "SubtensorModule.SubnetNotExists",
      "SubtensorModule.RegistrationNotPermittedOnRootSubnet",
      "SubtensorModule.NonAssociatedColdKey",
    ]);
    // The price decays by one block; nothing else about subnets or hotkeys moved.
    const sn = before.subnets.get(1)!;
    expect(d.s.subnets.get(1)).toEqual({ ...sn, burn: decayBurn(sn.burn, P.burnParams, d.s.block) });
    expect(d.s.hotkeyOwner).toEqual(before.hotkeyOwner);
    expect(d.s.totalIssuance).toBe(before.totalIssuance);
  });

  it("refuses a coldkey that cannot pay the price and keep its account alive", () => {
    const s = createGenesis({ preset: "test", timestamp: T0, endowments: [[alice!.publicKeyHex, 10_000n * TAO], [dave!.publicKeyHex, 600_000_000n]] }).state;
    const d = d0(s);
    registerNetwork(d, alice!, hot[0]!);
    d.block();
    burnedRegister(d, dave!, 1, hot[7]!);
    expect(errorsOf(d.block())).toEqual(["SubtensorModule.NotEnoughBalanceToStake"]);
    expect(d.s.hotkeyOwner.has(hot[7]!)).toBe(false);
  });

  it("fills the subnet, then replaces by the pruning rule and never the owner", () => {
    const d = withSubnet();
    for (let i = 1; i < P.maxAllowedUids; i++) {
      burnedRegister(d, i % 2 ? bob! : charlie!, 1, hot[i]!);
      d.block();
    }
    expect(d.s.subnets.get(1)!.neurons).toHaveLength(P.maxAllowedUids);
    // Weights to uid 1 from three rows: one positive, one an explicit zero, one without it.
    const full = d.s.subnets.get(1)!;
    const planted = [...full.neurons];
    planted[2] = { ...planted[2]!, weights: [[0, 7], [1, 500], [3, 9]] };
    planted[3] = { ...planted[3]!, weights: [[1, 0], [2, 4]] };
    planted[4] = { ...planted[4]!, weights: [[0, 1], [2, 65535]] };
    setSubnet(d.s, { ...full, neurons: planted });
    // All uids are immune (registered within 20 blocks), all have zero emission: the oldest
    // non-owner registration, uid 1, goes.
    burnedRegister(d, bob!, 1, hot[20]!);
    const b = d.block();
    expect(errorsOf(b)).toEqual([null]);
    const reg = storedData(b.events.find((e) => e.name === "SubtensorModule.NeuronRegistered")!);
    expect(reg).toMatchObject({ uid: 1, hotkey: hot[20], replacedHotkey: hot[1] });
    const after = d.s.subnets.get(1)!.neurons;
    expect(after[0]!.hotkey).toBe(hot[0]);
    // replace_neuron: the weight to uid 1 becomes 0 and stays an entry; other rows are untouched.
    expect(after[2]!.weights).toEqual([[0, 7], [1, 0], [3, 9]]);
    expect(after[3]).toBe(planted[3]);
    expect(after[4]).toBe(planted[4]);
    expect(after[1]).toMatchObject({ hotkey: hot[20], weights: [], bonds: [] });
    expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
  });
});

describe("neuronToPrune (spec §7.3)", () => {
  const owner = "0x" + "aa".repeat(32);
  const other = "0x" + "bb".repeat(32);
  const key = (i: number) => "0x" + i.toString(16).padStart(64, "0");
  function subnet(neurons: [coldkey: string, registeredAt: bigint, emission: bigint][]): Subnet {
    return {
      netuid: 1, owner, ownerHotkey: key(0), registeredAt: 0n, firstEmissionBlock: null, tempo: 10, immunityPeriod: 100n, maxAllowedUids: neurons.length,
      registrationAllowed: true, burn: TAO, burnParams: P.burnParams, pool: { taoReserve: TAO, alphaReserve: TAO, quoteWeight: 0n }, alphaOut: 0n, locked: 0n,
      emissionEnabled: true, movingPrice: 0n, minerBurned: 0n, protocolAlpha: 0n, pending: { server: 0n, validator: 0n, ownerCut: 0n, root: 0n },
      lastEpochBlock: 0n, pendingEpochAt: 0n, epochIndex: 0, lastMechanismStepBlock: 0n,
      neurons: neurons.map(([coldkey, registeredAt, emission], i) => ({ ...newNeuron(key(i), coldkey, registeredAt), emission })),
      stake: {}, hyper: P.hyper, axons: {}, commits: {}, ownerHparamLast: {},
    };
  }

  it("takes the lowest emission among non-immune uids while enough of them remain", () => {
    const s = subnet([[owner, 0n, 0n], [other, 0n, 50n], [other, 10n, 20n], [other, 5n, 20n], [other, 990n, 0n]]);
    // uids 1-3 are out of immunity at block 1000 (3 > 2 = MinNonImmuneUids); uid 4 is immune.
    expect(neuronToPrune(s, 1000n, 1, 2)).toBe(3); // emission 20 twice: older registration wins
    // With only 3 non-immune uids and a floor of 3, the best immune uid goes instead.
    expect(neuronToPrune(s, 1000n, 1, 3)).toBe(4);
  });

  it("breaks full ties by lower uid and spares the owner's earliest hotkeys up to the limit", () => {
    const s = subnet([[owner, 0n, 0n], [owner, 0n, 0n], [other, 0n, 0n], [other, 0n, 0n]]);
    expect(neuronToPrune(s, 1000n, 1, 0)).toBe(1);
    expect(neuronToPrune(s, 1000n, 2, 0)).toBe(2);
    expect(neuronToPrune(subnet([[owner, 0n, 0n]]), 1000n, 1, 0)).toBeNull();
  });
});

describe("invariants over seeded registration traffic", () => {
  const keys = [alice!, bob!, charlie!, dave!];

  function run(seed: number, blocks: number, restoreAt?: number, events: Block["events"] = []): ChainState {
    const rng = createRng(seed);
    let s = genesis();
    for (let b = 1; b <= blocks; b++) {
      if (b === restoreAt) s = restoreState(serializeState(s), s.rules);
      const d = d0(s);
      for (let k = 0; k < 2; k++) {
        const from = keys[rng.int(keys.length)]!;
        const roll = rng.int(10);
        if (roll === 0) registerNetwork(d, from, hot[rng.int(hot.length)]!);
        else if (roll < 7) burnedRegister(d, from, 1 + rng.int(3), hot[rng.int(hot.length)]!);
        else d.submit(from, "Balances.transfer_keep_alive", { dest: keys[rng.int(keys.length)]!.publicKeyHex, value: String(rng.int(5_000_000_000)) });
      }
      events.push(...d.block().events);
    }
    return s;
  }

  it("keeps free balances plus pool TAO equal to issuance, with no negative amount", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const events: Block["events"] = [];
        const s = run(seed, 15, undefined, events);
        expect(supplyHeld(s)).toBe(s.totalIssuance);
        // Every balance and pool change is in the events: replaying them alone gives the state.
        const g = genesis();
        const balances = new Map([...g.accounts].map(([k, a]) => [k, a.free]));
        const pools = new Map<number, bigint>();
        const add = (who: unknown, amount: string | undefined, sign = 1n) => balances.set(who as string, (balances.get(who as string) ?? 0n) + sign * BigInt(amount!));
        for (const ev of events) {
          const { name } = ev;
          const e = storedData(ev) as Record<string, string> & { netuid: number };
          if (name === "Balances.Withdraw") add(e.who, e.amount, -1n);
          if (name === "Balances.Deposit") add(e.who, e.amount);
          if (name === "Balances.Transfer") (add(e.from, e.amount, -1n), add(e.to, e.amount));
          if (name === "Balances.DustLost") add(e.account, e.amount, -1n);
          if (name === "SubtensorModule.NetworkAdded") pools.set(e.netuid, BigInt(e.poolTao!));
          if (name === "SubtensorModule.NeuronRegistered" && e.taoToPool) pools.set(e.netuid, pools.get(e.netuid)! + BigInt(e.taoToPool));
        }
        for (const [who, amount] of balances) expect(amount, who).toBe(freeOf(s, who));
        expect(pools).toEqual(new Map([...s.subnets].map(([id, n]) => [id, n.pool.taoReserve])));
        for (const a of s.accounts.values()) expect(a.free >= 0n).toBe(true);
        for (const n of s.subnets.values()) {
          expect(n.pool.alphaReserve > 0n && n.pool.taoReserve > 0n).toBe(true);
          expect(new Set(n.neurons.map((x) => x.hotkey)).size).toBe(n.neurons.length);
        }
      }),
      { numRuns: 8 },
    );
  });

  it("is deterministic across a serialise/restore", () => {
    const s = run(7, 12);
    expect(stateRoot(run(7, 12, 6))).toBe(stateRoot(s));
    // The incrementally maintained root equals one computed from scratch on a fresh copy.
    expect(stateRoot(restoreState(serializeState(s), s.rules))).toBe(stateRoot(s));
    // The traffic really registers: seed 7 creates a subnet and four more uids join it.
    expect([...s.subnets.values()].map((n) => n.neurons.length)).toEqual([5]);
  });
});

describe("genesis subnets", () => {
  const spec = (neurons: { hotkey: string; coldkey: string }[] = [], started = true) => ({ owner: alice!.publicKeyHex, ownerHotkey: hot[0]!, neurons, started });

  it("start with the minimum lock minted into a pool at price 1 and their neurons registered at block 0", () => {
    const s = createGenesis({
      preset: "test",
      timestamp: T0,
      endowments: [[alice!.publicKeyHex, 10n * TAO]],
      subnets: [spec([{ hotkey: hot[1]!, coldkey: bob!.publicKeyHex }]), { ...spec([], false), ownerHotkey: hot[2]! }],
    }).state;
    expect([...s.subnets.keys()]).toEqual([1, 2]);
    const sn = s.subnets.get(1)!;
    expect(sn.pool.taoReserve).toBe(P.networkMinLock);
    expect(currentPrice(sn.pool)).toBe(fromInt(U64F64, 1));
    expect(sn.neurons.map((n) => [n.hotkey, n.coldkey, n.registeredAt])).toEqual([[hot[0], alice!.publicKeyHex, 0n], [hot[1], bob!.publicKeyHex, 0n]]);
    expect([sn.firstEmissionBlock, s.subnets.get(2)!.firstEmissionBlock]).toEqual([1n, null]);
    expect(s.hotkeyOwner.get(hot[1]!)).toBe(bob!.publicKeyHex);
    expect(s.totalIssuance).toBe(10n * TAO + 2n * P.networkMinLock);
    expect(supplyHeld(s)).toBe(s.totalIssuance);
  });

  it("refuse impossible configurations with the reason", () => {
    const make = (subnets: ReturnType<typeof spec>[]) => () => createGenesis({ preset: "test", timestamp: T0, endowments: [], subnets });
    expect(make([spec([{ hotkey: hot[1]!, coldkey: bob!.publicKeyHex }, { hotkey: hot[1]!, coldkey: bob!.publicKeyHex }])])).toThrow(/hotkey 0x[0-9a-f]+ appears twice/);
    expect(make([spec([{ hotkey: hot[0]!, coldkey: alice!.publicKeyHex }])])).toThrow(/appears twice/); // the owner hotkey is uid 0 already
    expect(make([spec([{ hotkey: hot[1]!, coldkey: bob!.publicKeyHex }]), spec([{ hotkey: hot[1]!, coldkey: alice!.publicKeyHex }])])).toThrow(
      /genesis subnet 2: hotkey 0x[0-9a-f]+ belongs to 0x[0-9a-f]+, not 0x/,
    );
    expect(make([spec(hot.slice(1, 17).map((h) => ({ hotkey: h, coldkey: bob!.publicKeyHex })))])).toThrow(/has 17 neurons; at most 16 fit/);
    expect(make([spec(), spec(), spec(), spec()])).toThrow(/4 subnets; the test preset has 3 slots/);
  });
});
