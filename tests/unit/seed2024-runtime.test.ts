/**
 * The seed2024 runtime end to end through signed extrinsics: root registration and weights set
 * each subnet's emission at the root epoch; every block pays the owner 18% and queues the rest;
 * the subnet's 2024 epoch splits it and the next block pays it into stake. Supply is conserved:
 * issuance = free + stake + locks, as subtensor v1.1.3 counts it.
 */
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { I96F32, fromInt, safeDiv, satMul, toU64 } from "@/lib/chain/math/fixed";
import { type Block, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { createRng } from "@/lib/chain/rng";
import { activity2024 } from "@/lib/chain/sim/activity2024";
import { buildNetwork } from "@/lib/node/network";
import { type ChainState, restoreState, serializeState, stateRoot } from "@/lib/chain/runtime/state";
import { blocksUntilNextEpoch2024 } from "@/lib/chain/seed2024/root";
import { PARAMS_2024, eraOf, meetsDifficulty, sealHash } from "@/lib/chain/seed2024/runtime";
import { toHex } from "@/lib/chain/keys/ss58";
import { totalHotkeyStake, totalStake2024 } from "@/lib/chain/seed2024/state";
import { type ChainDriver, T0, TAO, driver, errorsOf, freeOf, storedData } from "../helpers/chain-driver";

const [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keypairFromUri) as [Keypair, Keypair, Keypair, Keypair];
const validator = keypairFromUri("//s24-validator");
const miners = [keypairFromUri("//s24-miner-1"), keypairFromUri("//s24-miner-2")];
const author = keypairFromUri("//Eve").publicKeyHex;
const events = (b: Block, name: string) => b.events.filter((e) => e.name === name).map((e) => storedData(e) as Record<string, string | number>);

/** Supply as v1.1.3 counts it: free balances, stake and subnet locks (pending emission is not minted yet). */
function held(s: ChainState): bigint {
  let free = 0n;
  for (const a of s.accounts.values()) free += a.free;
  return free + totalStake2024(eraOf(s)) + eraOf(s).subnets.reduce((a, x) => a + x.locked, 0n);
}

/** Two genesis subnets owned by Alice and Bob; Charlie's validator and Dave's miners on both. */
function chain(): ChainDriver {
  const s = createGenesis({
    preset: "seed2024",
    timestamp: T0,
    endowments: [alice, bob, charlie, dave].map((k) => [k.publicKeyHex, 100_000n * TAO] as const),
    subnets: [alice, bob].map((owner) => ({
      owner: owner.publicKeyHex,
      ownerHotkey: owner.publicKeyHex,
      neurons: [{ hotkey: validator.publicKeyHex, coldkey: charlie.publicKeyHex }, ...miners.map((m) => ({ hotkey: m.publicKeyHex, coldkey: dave.publicKeyHex }))],
    })),
  }).state;
  return driver(s, author);
}

describe("seed2024 runtime", () => {
  it("turns root weights into emission values, pays owners 18% each block, and pays epochs into stake", () => {
    const c = chain();
    expect(eraOf(c.s).subnets.map((s) => [s.netuid, s.neurons.length, s.tempo])).toEqual([[1, 3, 360], [2, 3, 360]]);
    c.submit(charlie, "SubtensorModule.root_register", { hotkey: validator.publicKeyHex });
    c.submit(charlie, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(1000n * TAO) });
    let b = c.block();
    expect(errorsOf(b)).toEqual([null, null]);
    expect(b.extrinsics.map((x) => x.fee)).toEqual([0n, 0n]); // SubtensorModule calls are free
    expect(totalHotkeyStake(eraOf(c.s), validator.publicKeyHex)).toBe(1000n * TAO);
    expect(c.s.delegateTake.get(validator.publicKeyHex)!.take).toBe(11_796); // root members are delegates

    // Root weights: the rate limit counts from registration (block 1), so the first may come at 101.
    c.submit(charlie, "SubtensorModule.set_root_weights", { netuid: 0, hotkey: validator.publicKeyHex, dests: [1, 2], weights: [65535, 32768], version_key: "0" });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.SettingWeightsTooFast"]);
    while (c.s.block < 100n) c.block(); // the root epoch at block 99 saw no weights: nothing changed
    expect(eraOf(c.s).subnets.map((s) => s.emissionValue)).toEqual([0n, 0n]);
    c.submit(charlie, "SubtensorModule.set_root_weights", { netuid: 0, hotkey: validator.publicKeyHex, dests: [1, 2], weights: [65535, 32768], version_key: "0" });
    expect(errorsOf(c.block())).toEqual([null]); // block 101, 100 blocks after the registration
    while (blocksUntilNextEpoch2024(0n, BigInt(PARAMS_2024.root.tempo), c.s.block + 1n) !== 0n) c.block();
    b = c.block(); // block 200: the root epoch ((block + 1) mod 101 = 100)
    expect(c.s.block).toBe(200n);
    const values = events(b, "SubtensorModule.EmissionValuesSet")[0]!;
    const [e1, e2] = [BigInt(values["1"]!), BigInt(values["2"]!)];
    expect(e1 + e2 <= TAO && e1 + e2 > TAO - 10n).toBe(true); // the whole block emission, less flooring
    expect(Number(e1) / Number(e2)).toBeCloseTo(65535 / 32768, 3);

    // Next block: owners get floor(E·11796/65535) each, the rest is queued.
    const aliceBefore = freeOf(c.s, alice.publicKeyHex);
    const pendingBefore = eraOf(c.s).subnets[0]!.pendingEmission;
    b = c.block();
    const cut = toU64(I96F32, safeDiv(I96F32, satMul(I96F32, fromInt(I96F32, e1), fromInt(I96F32, 11_796)), fromInt(I96F32, 65_535)));
    expect(events(b, "SubtensorModule.OwnerCutPaid")[0]).toEqual({ netuid: 1, owner: alice.publicKeyHex, amount: cut.toString() });
    expect(freeOf(c.s, alice.publicKeyHex)).toBe(aliceBefore + cut);
    const perBlock = eraOf(c.s).subnets[0]!.pendingEmission - pendingBefore;
    expect(perBlock).toBe(e1 - cut - ((e1 * 11_796n) % 65_535n === 0n ? 0n : 1n)); // §5.1
    expect(held(c.s)).toBe(c.s.totalIssuance);

    // Subnet 1's epoch runs when 360 − (block + 2) mod 361 is 0 (block 358), its tuples are paid the block after.
    while (blocksUntilNextEpoch2024(1n, 360n, c.s.block + 1n) !== 0n) c.block();
    const pending = eraOf(c.s).subnets[0]!.pendingEmission + perBlock;
    b = c.block();
    expect(c.s.block).toBe(358n);
    expect(events(b, "SubtensorModule.EpochDistributed")[0]).toMatchObject({ netuid: 1, emission: pending.toString(), tuples: 3 });
    const loaded = eraOf(c.s).subnets[0]!.loadedEmission;
    const queued = loaded.reduce((a, t) => a + t.server + t.validator, 0n);
    expect(queued <= pending && pending - queued < 10n).toBe(true);
    const stakeBefore = totalStake2024(eraOf(c.s));
    const issuanceBefore = c.s.totalIssuance;
    b = c.block(); // block 359: the drain mints the tuples into stake
    expect(events(b, "SubtensorModule.EmissionDrained")).toContainEqual(expect.objectContaining({ netuid: 1, minted: queued.toString() }));
    expect(totalStake2024(eraOf(c.s)) - stakeBefore).toBe(queued);
    expect(c.s.totalIssuance - issuanceBefore).toBe(queued + events(b, "SubtensorModule.OwnerCutPaid").reduce((a, e) => a + BigInt(e.amount as string), 0n));
    // No weights on subnet 1 yet, so the stake-weighted fallback pays the validator (the only staked uid).
    expect(loaded.find((t) => t.hotkey === validator.publicKeyHex)!.validator).toBe(queued);
    expect(held(c.s)).toBe(c.s.totalIssuance);
    expect(stateRoot(restoreState(serializeState(c.s), c.s.rules))).toBe(stateRoot(c.s));
  });

  it("splits a weighted subnet's emission about 18% owner / 41% miners / 41% validators", () => {
    const c = chain();
    c.submit(charlie, "SubtensorModule.root_register", { hotkey: validator.publicKeyHex });
    c.submit(charlie, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(1000n * TAO) });
    c.block();
    while (c.s.block < 100n) c.block();
    c.submit(charlie, "SubtensorModule.set_root_weights", { netuid: 0, hotkey: validator.publicKeyHex, dests: [1], weights: [65535], version_key: "0" });
    c.block();
    // Epochs of subnet 1 at blocks 358, 719, 1080: the first grants permits, then the validator
    // weights the miners; bonds form at 719, so 1080 pays both sides.
    const tuples: { server: bigint; validator: bigint }[][] = [];
    let ownerCut = 0n;
    while (c.s.block < 1081n) {
      const s = eraOf(c.s).subnets[0]!;
      const uid = s.neurons.findIndex((n) => n.hotkey === validator.publicKeyHex);
      const n = s.neurons[uid]!;
      if (n.validatorPermit && c.s.block + 1n - n.lastUpdate >= s.weightsSetRateLimit && c.s.block < 1000n) {
        c.submit(validator, "SubtensorModule.set_weights", { netuid: 1, dests: [1, 2], weights: [65535, 65535], version_key: "0" });
      }
      const b = c.block();
      if (c.s.block > 719n) ownerCut += events(b, "SubtensorModule.OwnerCutPaid").filter((e) => e.netuid === 1).reduce((a, e) => a + BigInt(e.amount as string), 0n);
      if (events(b, "SubtensorModule.EpochDistributed").some((e) => e.netuid === 1)) tuples.push([...eraOf(c.s).subnets[0]!.loadedEmission]);
      expect(held(c.s)).toBe(c.s.totalIssuance);
    }
    expect(tuples.length).toBe(3);
    const last = tuples[2]!;
    const server = last.reduce((a, t) => a + t.server, 0n);
    const validatorPart = last.reduce((a, t) => a + t.validator, 0n);
    const total = Number(server + validatorPart + ownerCut);
    expect(Number(ownerCut) / total).toBeCloseTo(0.18, 2);
    expect(Number(server) / total).toBeCloseTo(0.41, 2);
    expect(Number(validatorPart) / total).toBeCloseTo(0.41, 2);
  });

  it("runs the same 2024 traffic to the same blocks, hashes included", () => {
    const run = () => {
      const n = buildNetwork({ version: 1, preset: "seed2024", seed: 3, subnets: 2, uids: 8, timestamp: "0" });
      const { state } = createGenesis(n.genesis);
      const rng = createRng(9);
      const hashes: string[] = [];
      for (let b = 1; b <= 40; b++) {
        const extrinsics = activity2024(rng, { coldkeys: n.coldkeys, hotkeys: n.hotkeys, quality: () => 0.5 }, state);
        hashes.push(produceBlock(state, { timestamp: BigInt(b) * 12_000n, author: n.author.publicKeyHex, extrinsics }).block.hash);
      }
      return hashes;
    };
    const first = run();
    expect(run()).toEqual(first); // the keys are rebuilt each run: soft-derived keys sign alike
  });

  it("checks staking, delegation, registration and network registration as v1.1.3 does", () => {
    const c = chain();
    c.submit(alice, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(TAO) }); // not a delegate, not Alice's
    c.submit(charlie, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(TAO) });
    c.submit(charlie, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(TAO) }); // one per 360 blocks
    c.submit(charlie, "SubtensorModule.become_delegate", { hotkey: validator.publicKeyHex }); // TxRateLimit after staking
    c.submit(charlie, "SubtensorModule.set_root_weights", { netuid: 1, hotkey: validator.publicKeyHex, dests: [1], weights: [1], version_key: "0" });
    c.submit(charlie, "SubtensorModule.remove_stake", { hotkey: validator.publicKeyHex, amount_unstaked: "0" });
    expect(errorsOf(c.block())).toEqual([
      "SubtensorModule.HotKeyNotDelegateAndSignerNotOwnHotKey",
      null,
      "SubtensorModule.StakeRateLimitExceeded",
      "SubtensorModule.DelegateTxRateLimitExceeded",
      "SubtensorModule.NotRootSubnet",
      "SubtensorModule.StakeToWithdrawIsZero",
    ]);

    // A burned registration (uid 3 of 256) removes the burn from issuance; one per block.
    const issuance = c.s.totalIssuance;
    const burn = eraOf(c.s).subnets[0]!.burn;
    const hot = keypairFromUri("//s24-new").publicKeyHex;
    c.submit(bob, "SubtensorModule.burned_register", { netuid: 1, hotkey: hot });
    c.submit(alice, "SubtensorModule.burned_register", { netuid: 1, hotkey: keypairFromUri("//s24-new-2").publicKeyHex });
    let b = c.block();
    expect(errorsOf(b)).toEqual([null, "SubtensorModule.TooManyRegistrationsThisBlock"]);
    expect(events(b, "SubtensorModule.NeuronRegistered")[0]).toMatchObject({ netuid: 1, uid: 3, hotkey: hot });
    expect(c.s.totalIssuance).toBe(issuance - burn);
    expect(held(c.s)).toBe(c.s.totalIssuance);

    // Registering a network locks 1 000 TAO (the minimum), doubled for the next one.
    const bobFree = freeOf(c.s, bob.publicKeyHex);
    c.submit(bob, "SubtensorModule.register_network", {});
    b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    expect(events(b, "SubtensorModule.NetworkAdded")[0]).toEqual({ netuid: 3, owner: bob.publicKeyHex, lock: String(1000n * TAO) });
    expect(freeOf(c.s, bob.publicKeyHex)).toBe(bobFree - 1000n * TAO);
    expect(eraOf(c.s).subnets.map((s) => s.netuid)).toEqual([1, 2, 3]);
    expect(held(c.s)).toBe(c.s.totalIssuance);
    c.submit(alice, "SubtensorModule.register_network", {});
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.NetworkTxRateLimitExceeded"]);
  });

  it("registers by proof of work on a subnet that allows it, checking block, difficulty and seal", () => {
    const s0 = createGenesis({
      preset: "seed2024",
      timestamp: T0,
      endowments: [[alice.publicKeyHex, 1000n * TAO]],
      subnets: [{ owner: alice.publicKeyHex, ownerHotkey: alice.publicKeyHex, neurons: [], powRegistration: true }, { owner: alice.publicKeyHex, ownerHotkey: alice.publicKeyHex, neurons: [] }],
    }).state;
    const c = driver(s0, author);
    c.block();
    c.block(); // block 2: block 1's hash is known
    const hot = keypairFromUri("//s24-pow");
    const parent = c.s.parentHash; // block 2's hash, the seal's block is 2 at block 3
    // Difficulty 1 000: find a nonce whose seal, as a big-endian number, times 1 000 fits 256 bits.
    c.s.era2024 = { ...eraOf(c.s), subnets: eraOf(c.s).subnets.map((s) => ({ ...s, difficulty: 1000n })) };
    let nonce = 0n;
    while (!meetsDifficulty(sealHash(parent, hot.publicKeyHex, nonce), 1000n)) nonce++;
    const work = toHex(sealHash(parent, hot.publicKeyHex, nonce));
    const args = (over: Record<string, unknown> = {}) => ({ netuid: 1, block_number: "2", nonce: String(nonce), work, hotkey: hot.publicKeyHex, coldkey: dave.publicKeyHex, ...over });
    c.submit(hot, "SubtensorModule.register", args({ netuid: 2 }));
    c.submit(hot, "SubtensorModule.register", args({ block_number: "0" }));
    c.submit(hot, "SubtensorModule.register", args({ nonce: String(nonce + 1n) }));
    c.submit(dave, "SubtensorModule.register", args());
    c.submit(hot, "SubtensorModule.register", args());
    const b = c.block(); // block 3
    expect(errorsOf(b)).toEqual(["SubtensorModule.SubNetRegistrationDisabled", "SubtensorModule.InvalidWorkBlock", "SubtensorModule.InvalidSeal", "SubtensorModule.TransactorAccountShouldBeHotKey", null]);
    expect(b.extrinsics.map((x) => x.fee)).toEqual([0n, 0n, 0n, 0n, 0n]); // free, so a new hotkey can pay for nothing
    expect(events(b, "SubtensorModule.NeuronRegistered")[0]).toMatchObject({ netuid: 1, uid: 0, hotkey: hot.publicKeyHex, pow: true });
    expect(c.s.hotkeyOwner.get(hot.publicKeyHex)).toBe(dave.publicKeyHex);
    expect(eraOf(c.s).subnets[0]!.powRegistrationsThisInterval).toBe(1);
  });

  it("reads the seal as a big-endian 256-bit number against the difficulty", () => {
    const one = new Uint8Array(32);
    one[31] = 1;
    expect(meetsDifficulty(one, (1n << 256n) - 1n)).toBe(true);
    const half = new Uint8Array(32);
    half[0] = 0x80;
    expect(meetsDifficulty(half, 1n)).toBe(true);
    expect(meetsDifficulty(half, 2n)).toBe(false); // 2^255 · 2 overflows
    expect(meetsDifficulty(new Uint8Array(32).fill(0xff), 1n)).toBe(true);
  });

  it("replaces the uid with the lowest pruning score when a subnet is full", () => {
    const c = chain();
    const era = eraOf(c.s);
    // Shrink subnet 1 to its three uids and give them scores, as an epoch would.
    c.s.era2024 = { ...era, subnets: era.subnets.map((s) => (s.netuid === 1 ? { ...s, maxAllowedUids: 3, immunityPeriod: 0n, neurons: s.neurons.map((n, uid) => ({ ...n, pruningScore: [500, 100, 100][uid]! })) } : s)) };
    c.block();
    c.submit(bob, "SubtensorModule.burned_register", { netuid: 1, hotkey: keypairFromUri("//s24-newcomer").publicKeyHex });
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    // Ties on the lowest score go to the highest uid (§7.5); the newcomer holds 65 535 until an epoch.
    expect(events(b, "SubtensorModule.NeuronRegistered")[0]).toMatchObject({ uid: 2, replacedHotkey: miners[1]!.publicKeyHex });
    expect(eraOf(c.s).subnets[0]!.neurons[2]!.pruningScore).toBe(65_535);
  });
});

describe("seed2024 state root: the 2024 storage hashed by parts", () => {
  // The root re-hashes only the parts a block replaced (memoised by identity). Every field must
  // still enter it: replacing any one part with a changed copy changes the root, putting the
  // original back gives the original root, and a from-scratch hash (a checkpoint round trip,
  // whose objects are all new) agrees with the memoised one after each change.
  it("changes with every part of the storage, and agrees with a hash from scratch", () => {
    const c = chain();
    c.submit(charlie, "SubtensorModule.root_register", { hotkey: validator.publicKeyHex });
    c.submit(charlie, "SubtensorModule.add_stake", { hotkey: validator.publicKeyHex, amount_staked: String(1000n * TAO) });
    expect(errorsOf(c.block())).toEqual([null, null]);
    const era = eraOf(c.s);
    const original = stateRoot(c.s);
    const [s1, s2] = era.subnets as [(typeof era.subnets)[number], (typeof era.subnets)[number]];
    const n0 = s1.neurons[0]!;
    const stakeRow = era.stake[validator.publicKeyHex]!;
    const changes: [string, typeof era][] = [
      ["a subnet's lock", { ...era, subnets: [{ ...s1, locked: s1.locked + 1n }, s2] }],
      ["a subnet's pending emission", { ...era, subnets: [s1, { ...s2, pendingEmission: s2.pendingEmission + 1n }] }],
      ["a neuron's rank", { ...era, subnets: [{ ...s1, neurons: [{ ...n0, rank: n0.rank + 1 }, ...s1.neurons.slice(1)] }, s2] }],
      ["a neuron's weights", { ...era, subnets: [{ ...s1, neurons: [{ ...n0, weights: [[1, 7]] }, ...s1.neurons.slice(1)] }, s2] }],
      ["a neuron's bonds", { ...era, subnets: [{ ...s1, neurons: [{ ...n0, bonds: [[2, 9]] }, ...s1.neurons.slice(1)] }, s2] }],
      ["a stake amount", { ...era, stake: { ...era.stake, [validator.publicKeyHex]: { ...stakeRow, [charlie.publicKeyHex]: stakeRow[charlie.publicKeyHex]! + 1n } } }],
      ["a stake operation count", { ...era, stakeOps: { ...era.stakeOps, [`${charlie.publicKeyHex}|${validator.publicKeyHex}`]: { count: 9, last: 1n } } }],
      ["the root's weights", { ...era, root: { ...era.root, weights: [[[1, 65535]]] } }],
      ["a coldkey's last transaction", { ...era, lastTxBlock: { ...era.lastTxBlock, [dave.publicKeyHex]: 5n } }],
      ["the network lock", { ...era, networkLastLock: era.networkLastLock + 1n }],
      ["the last registration block", { ...era, networkLastRegistered: era.networkLastRegistered + 1n }],
      ["a recent block hash", { ...era, recentBlockHashes: { ...era.recentBlockHashes, "0": `0x${"ab".repeat(32)}` } }],
    ];
    const roots = new Set([original]);
    for (const [what, changed] of changes) {
      c.s.era2024 = changed;
      const root = stateRoot(c.s);
      expect(roots.has(root), what).toBe(false);
      roots.add(root);
      expect(stateRoot(restoreState(serializeState(c.s), c.s.rules)), `${what}, from scratch`).toBe(root);
      c.s.era2024 = era;
      expect(stateRoot(c.s), `${what} undone`).toBe(original);
    }
  });
});
