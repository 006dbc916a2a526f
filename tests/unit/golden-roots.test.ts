/**
 * Golden roots: committed state roots and block hashes of fixed, seeded chains, one per preset
 * with synthetic traffic, and one per call registry with every call it dispatches. Dropping,
 * adding or reordering anything the state root or the block header hashes changes the literals
 * here, and so does any rule change that changes a state these chains reach (a field that stays
 * at its default in all of them is pinned only by its encoding). After an intended change,
 * re-pin: run
 *
 *   TAOSCOPE_REPIN=1 npx vitest run tests/unit/golden-roots.test.ts
 *
 * which prints the new literals (and still fails on the old ones); check that the change is the
 * one intended, then paste them below (README, "Golden roots").
 *
 * Everything is deterministic: keys come from fixed secret URIs, traffic from the seeded
 * generator (lib/chain/rng), signing randomness from that generator or fixed zero bytes (the
 * signatures, which the extrinsics root and so the block hash cover, are reproducible), and
 * timestamps are fixed. Each chain's root is also recomputed from scratch over a checkpoint
 * round trip, so a stale cache in the incremental root would show as a mismatch.
 *
 * Beside the roots, `stored` pins what the store writes that no root covers: every event's name,
 * phase and data JSON, and every extrinsic's outcome (error, detail, fee), over the whole chain;
 * a change to an event's fields, their order or their encoding changes it.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { type Block, type GenesisCall, type GenesisInput, callNames, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { eventDataJson } from "@/lib/chain/runtime/events";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { weightsCommitHash } from "@/lib/chain/runtime/weights";
import { eraOf, meetsDifficulty, sealHash } from "@/lib/chain/seed2024/runtime";
import { toHex } from "@/lib/chain/keys/ss58";
import { type ChainState, type PresetName, restoreState, serializeState, stateRoot } from "@/lib/chain/runtime/state";
import { createActivity } from "@/lib/chain/sim/activity";
import { activity2024 } from "@/lib/chain/sim/activity2024";
import { type ChainDriver, TAO, T0, driver } from "../helpers/chain-driver";

const REPIN = process.env.TAOSCOPE_REPIN === "1";

interface Pinned {
  genesisHash: string;
  stateRoot: string;
  blockHash: string;
  /** sha256 of the chain's events and extrinsic outcomes as the store writes them (`storedDigest`). */
  stored: string;
}

/** A running sha256 of each block's events (name, phase, data as stored) and extrinsic outcomes. */
function storedDigest() {
  const h = createHash("sha256");
  return {
    add(b: Block): void {
      for (const e of b.events) h.update(`${e.name}\t${JSON.stringify(e.phase)}\t${eventDataJson(e.data)}\n`);
      for (const x of b.extrinsics) h.update(`${x.error}\t${x.errorDetail}\t${x.fee}\t${x.success}\n`);
    },
    hex: () => h.digest("hex"),
  };
}

/** What a chain ended at; with TAOSCOPE_REPIN=1 also printed, ready to paste. */
function pinned(name: string, genesisHash: string, s: ChainState, last: Block, stored: string): Pinned {
  const got = { genesisHash, stateRoot: last.header.stateRoot, blockHash: last.hash, stored };
  if (REPIN) console.log(`golden root ${name}: ${JSON.stringify(got, null, 2)}`);
  // The incremental root (memoised by object identity) equals the root of the same state rebuilt from its checkpoint.
  expect(stateRoot(restoreState(serializeState(s), s.rules)), `${name}: root from scratch`).toBe(last.header.stateRoot);
  expect(last.header.number, `${name}: head`).toBe(s.block);
  return got;
}

// ---------------------------------------------------------------------------------------------
// Traffic chains: a small staked network per preset, driven by the synthetic traffic generator.
// ---------------------------------------------------------------------------------------------

const SUBNETS = 2;
const VALIDATORS = 2;
const MINERS = 5;

interface TrafficNetwork {
  genesis: GenesisInput;
  author: string;
  coldkeys: Keypair[];
  hotkeys: Keypair[];
}

function trafficNetwork(preset: PresetName): TrafficNetwork {
  const base = `//taoscope-golden/${preset}`;
  const sudo = keypairFromUri(`${base}/sudo`);
  const coldkeys = Array.from({ length: 4 }, (_, i) => keypairFromUri(`${base}/coldkey/${i}`));
  const validators = Array.from({ length: VALIDATORS }, (_, i) => keypairFromUri(`${base}/validator/${i}`));
  const owners = Array.from({ length: SUBNETS }, (_, i) => keypairFromUri(`${base}/owner-hotkey/${i}`));
  const miners = Array.from({ length: SUBNETS * MINERS }, (_, i) => keypairFromUri(`${base}/miner/${i}`));
  const spare = Array.from({ length: 4 }, (_, i) => keypairFromUri(`${base}/spare/${i}`));
  const staker = coldkeys[0]!;
  const calls: GenesisCall[] = [];
  if (preset === "seed2024") {
    for (const [i, v] of validators.entries()) {
      calls.push({ signer: staker.publicKeyHex, call: "SubtensorModule.become_delegate", args: { hotkey: v.publicKeyHex } });
      calls.push({ signer: staker.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: v.publicKeyHex, amount_staked: String(BigInt(1000 - 300 * i) * TAO) } });
    }
  } else {
    for (const [i, v] of validators.entries()) {
      for (let netuid = 1; netuid <= SUBNETS; netuid++) calls.push({ signer: staker.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: v.publicKeyHex, netuid, amount_staked: String(BigInt(100 - 30 * i) * TAO) } });
      calls.push({ signer: staker.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: v.publicKeyHex, netuid: 0, amount_staked: String(BigInt(500 - 200 * i) * TAO) } });
    }
    calls.push({ signer: staker.publicKeyHex, call: "SubtensorModule.root_register", args: { hotkey: validators[0]!.publicKeyHex } });
  }
  const genesis: GenesisInput = {
    preset,
    timestamp: T0,
    endowments: [[sudo.publicKeyHex, 10_000n * TAO], ...coldkeys.map((k) => [k.publicKeyHex, 10_000n * TAO] as const)],
    sudo: sudo.publicKeyHex,
    subnets: owners.map((owner, s) => ({
      owner: coldkeys[1 + s]!.publicKeyHex,
      ownerHotkey: owner.publicKeyHex,
      started: true,
      ...(preset === "seed2024" ? { powRegistration: s === 0 } : {}),
      neurons: [
        ...validators.map((v) => ({ hotkey: v.publicKeyHex, coldkey: staker.publicKeyHex })),
        ...miners.slice(s * MINERS, (s + 1) * MINERS).map((m, j) => ({ hotkey: m.publicKeyHex, coldkey: coldkeys[1 + ((s + 1 + j) % 3)]!.publicKeyHex })),
      ],
    })),
    calls,
  };
  return { genesis, author: sudo.publicKeyHex, coldkeys, hotkeys: [...validators, ...owners, ...miners, ...spare] };
}

/** A hotkey's hidden quality as a miner: its first four key bytes as a fraction (no generator state). */
const quality = (hotkey: string) => Number.parseInt(hotkey.slice(2, 10), 16) / 2 ** 32;

function runTraffic(preset: PresetName, seed: number, blocks: number) {
  const net = trafficNetwork(preset);
  const { state: s, block: genesis } = createGenesis(net.genesis);
  const rng = createRng(seed);
  const keys = { coldkeys: net.coldkeys, hotkeys: net.hotkeys, quality };
  const activity = preset === "seed2024" ? null : createActivity(rng, keys);
  let last = genesis;
  const stored = storedDigest();
  stored.add(genesis);
  let succeeded = 0;
  let epochs = 0;
  const calls = new Set<string>();
  for (let b = 1; b <= blocks; b++) {
    const exts: SignedExtrinsic[] = activity ? activity.next(s) : activity2024(rng, keys, s);
    const { block, rejected } = produceBlock(s, { timestamp: T0 + BigInt(b) * 12_000n, author: net.author, extrinsics: exts });
    expect(rejected.map((r) => r.reason.message), `block ${b}`).toEqual([]);
    succeeded += block.extrinsics.filter((x) => x.success).length;
    epochs += block.epochs?.length ?? 0;
    for (const x of block.extrinsics) if (x.success) calls.add(x.ext.call);
    stored.add(block);
    last = block;
  }
  return { s, genesisHash: genesis.hash, last, succeeded, epochs, calls, stored: stored.hex() };
}

const TRAFFIC: Record<PresetName, { seed: number; blocks: number; pin: Pinned }> = {
  test: {
    seed: 14,
    blocks: 45,
    pin: {
      genesisHash: "0x269d6ce37ee644d9e1352e905be16095af0b2df151cc97d0cb04bf27f1617f09",
      stateRoot: "0x247ab4485d8cc3463a2cad2bd66210cae088db13011c6d1ae0f8d986d7e7eafa",
      blockHash: "0x0a907b2cdd8ef28d25d84fe786a5dbba6dfd1feb58fa5564be572f83e90c1bc0",
      stored: "6f5d9496a5205178d2db0001bcb7ccd70c912cc530e12ec5bb55756a09d1c5e1",
    },
  },
  mainnet: {
    seed: 14,
    blocks: 365,
    pin: {
      genesisHash: "0x2c7c9ecef5efebda6b2250fee5dfbeab740819cff560c5faa020fd53592a1d93",
      stateRoot: "0xf07a3a3d1faa62e00391c2c244d97932624aa513c618ad04e6a970c1bfe52206",
      blockHash: "0xa4e09744ebbb4d753aa31b9178408a49b7da49c6d22d3add37ad2e7ea03a2d72",
      stored: "4da7e54173c9518e9fb83ec6452f1420c3b9ba2dd548e316680c689027c05765",
    },
  },
  seed2024: {
    seed: 14,
    blocks: 365,
    pin: {
      genesisHash: "0x402f89d47c0c594879c8c14a2e3c237c014419c62c28c8f7e3b0c6e2bc999e0b",
      stateRoot: "0xc185f96dcf1f882d9f7199483558587acefe03bb32261f8b5833d0b493873e75",
      blockHash: "0x3182804b8f84a33edda8d43acc04f8a477d453d09a40b7581beb431e21f6b6aa",
      stored: "85a28138b20d1bdf6e10e14e1c821c22953688eb96ad82d82783d60545ede967",
    },
  },
};

describe("golden roots: seeded traffic on each preset", () => {
  for (const preset of ["test", "mainnet", "seed2024"] as const) {
    it(`${preset}: ${TRAFFIC[preset].blocks} blocks`, () => {
      const { seed, blocks, pin } = TRAFFIC[preset];
      const r = runTraffic(preset, seed, blocks);
      // The chain did something worth pinning: traffic got in (weights and stake among it) and epochs ran.
      expect(r.succeeded).toBeGreaterThan(blocks / 2);
      expect([...r.calls]).toEqual(expect.arrayContaining(["SubtensorModule.add_stake", "SubtensorModule.burned_register", "SubtensorModule.set_weights", "Balances.transfer_keep_alive"]));
      expect(r.epochs).toBeGreaterThanOrEqual(SUBNETS);
      expect(pinned(preset, r.genesisHash, r.s, r.last, r.stored)).toEqual(pin);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Every call: a scripted chain per call registry in which each call the preset dispatches
// succeeds at least once.
// ---------------------------------------------------------------------------------------------

/** Runs a scripted chain after `genesis`: `script[b]` submits block b's extrinsics; every one must succeed. */
function scripted(c: ChainDriver, genesis: Block, blocks: number, script: Record<number, (c: ChainDriver) => void>) {
  const stored = storedDigest();
  stored.add(genesis);
  const calls = new Set<string>();
  let last: Block | undefined;
  let epochs = 0;
  for (let b = 1; b <= blocks; b++) {
    script[b]?.(c);
    last = c.block();
    epochs += last.epochs?.length ?? 0;
    expect(last.extrinsics.filter((x) => !x.success).map((x) => `block ${b}: ${x.ext.call}: ${x.error} (${x.errorDetail})`)).toEqual([]);
    for (const x of last.extrinsics) calls.add(x.ext.call);
    stored.add(last);
  }
  return { calls: [...calls].sort(), last: last!, epochs, stored: stored.hex() };
}

const ALL_CALLS_PIN: Pinned = {
  genesisHash: "0x2f176f2de10e84a2da9db72d8f9dc716a697e9701b59446f82909cd3a31f7795",
  stateRoot: "0x39cb8cff5fd8bb3906a89f7bbfb2ca6b29f6b8bcad50dc064736c7b10f32058d",
  blockHash: "0x27aa3ef0bfac1bffa3da1e721bce46fe7ed5f74226c68dc4e782e1c83c7f32be",
  stored: "2aec8aa27dd38fddb054b18ced658c4f17a0b81b9813adc397ef613ff70adf2c",
};
const ALL_CALLS_2024_PIN: Pinned = {
  genesisHash: "0x5e8aaf5b6338018878f68e69597d0330ab7069a1ab1fbc31f07542adae44889c",
  stateRoot: "0x6d70365ad870f8b8c8c0533cbe31562b6324fdee1d413d4c4810150db89ca092",
  blockHash: "0x5979bb76d696992045e689f2a3524c72ae65b0210a820a0d09525b613e673fd6",
  stored: "347fb1625d2c0d9eda2d9b17d1187787349031727bd0c37bbb0dc1a38263e77a",
};

describe("golden roots: every call kind", () => {
  it("dynamic TAO (test preset): every call of the registry, 42 blocks", () => {
    const k = (name: string) => keypairFromUri(`//taoscope-golden/calls/${name}`);
    const [sudo, author, owner, staker, miners, ownerHotkey, validator, miner1, miner2, netHotkey, registrant, stranger] = ["sudo", "author", "owner", "staker", "miners", "owner-hotkey", "validator", "miner-1", "miner-2", "network-hotkey", "registrant", "stranger"].map(k) as [Keypair, ...Keypair[]];
    const { state: s0, block: g } = createGenesis({
      preset: "test",
      timestamp: T0,
      endowments: [sudo, owner, staker, miners].map((x) => [x!.publicKeyHex, 10_000n * TAO] as const),
      sudo: sudo.publicKeyHex,
      subnets: [{ owner: owner!.publicKeyHex, ownerHotkey: ownerHotkey!.publicKeyHex, started: true, neurons: [{ hotkey: validator!.publicKeyHex, coldkey: staker!.publicKeyHex }, { hotkey: miner1!.publicKeyHex, coldkey: miners!.publicKeyHex }, { hotkey: miner2!.publicKeyHex, coldkey: miners!.publicKeyHex }] }],
      calls: [{ signer: staker!.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: validator!.publicKeyHex, netuid: 1, amount_staked: String(200n * TAO) } }],
    });
    const V = validator!.publicKeyHex;
    const R = registrant!.publicKeyHex;
    const reveal = { netuid: 1, uids: [1, 2, 3], values: [30_000, 20_000, 10_000], salt: [1, 2, 3, 4], version_key: "0" };
    const root = (c: ChainDriver, name: string, args: Record<string, unknown>) => c.submit(sudo, `AdminUtils.sudo_set_${name}`, args);
    const own = (c: ChainDriver, name: string, args: Record<string, unknown>) => c.submit(owner!, `AdminUtils.sudo_set_${name}`, args);
    const r = scripted(driver(s0, author!.publicKeyHex), g, 42, {
      1: (c) => {
        c.submit(staker!, "Balances.transfer_keep_alive", { dest: miners!.publicKeyHex, value: String(10n * TAO) });
        c.submit(staker!, "Balances.transfer_allow_death", { dest: stranger!.publicKeyHex, value: String(TAO) });
        c.submit(owner!, "SubtensorModule.register_network", { hotkey: netHotkey!.publicKeyHex });
        c.submit(staker!, "SubtensorModule.add_stake", { hotkey: V, netuid: 1, amount_staked: String(10n * TAO) });
        c.submit(staker!, "SubtensorModule.add_stake_limit", { hotkey: V, netuid: 1, amount_staked: String(10n * TAO), limit_price: String(100n * TAO), allow_partial: true });
        c.submit(staker!, "SubtensorModule.add_stake", { hotkey: V, netuid: 0, amount_staked: String(50n * TAO) });
        c.submit(staker!, "SubtensorModule.root_register", { hotkey: V });
        c.submit(staker!, "SubtensorModule.decrease_take", { hotkey: V, take: 10_000 });
        c.submit(validator!, "SubtensorModule.serve_axon", { netuid: 1, version: 1, ip: String((10 << 24) | 7), port: 8091, ip_type: 4, protocol: 4, placeholder1: 0, placeholder2: 0 });
      },
      2: (c) => {
        c.submit(staker!, "SubtensorModule.remove_stake", { hotkey: V, netuid: 1, amount_unstaked: String(TAO) });
        c.submit(staker!, "SubtensorModule.remove_stake_limit", { hotkey: V, netuid: 1, amount_unstaked: String(TAO), limit_price: String(TAO / 2n), allow_partial: true });
        c.submit(staker!, "SubtensorModule.burned_register", { netuid: 1, hotkey: R });
      },
      3: (c) => {
        // Subnet 2's hyperparameters: the owner's setters signed by the owner, Root's by the sudo key.
        own(c, "serving_rate_limit", { netuid: 2, serving_rate_limit: "5" });
        own(c, "weights_version_key", { netuid: 2, weights_version_key: "3" });
        own(c, "min_allowed_weights", { netuid: 2, min_allowed_weights: 2 });
        own(c, "bonds_penalty", { netuid: 2, bonds_penalty: 30_000 });
        own(c, "bonds_moving_average", { netuid: 2, bonds_moving_average: "800000" });
        own(c, "commit_reveal_weights_enabled", { netuid: 2, enabled: true });
        own(c, "commit_reveal_weights_interval", { netuid: 2, interval: "2" });
        own(c, "liquid_alpha_enabled", { netuid: 2, enabled: true });
        own(c, "alpha_values", { netuid: 2, alpha_low: 20_000, alpha_high: 50_000 });
        own(c, "yuma3_enabled", { netuid: 2, enabled: false });
        own(c, "alpha_sigmoid_steepness", { netuid: 2, steepness: 500 });
        own(c, "immunity_period", { netuid: 2, immunity_period: 15 });
        own(c, "max_allowed_uids", { netuid: 2, max_allowed_uids: 12 });
        own(c, "min_burn", { netuid: 2, min_burn: "1000000" });
        own(c, "max_burn", { netuid: 2, max_burn: String(50n * TAO) });
        own(c, "burn_half_life", { netuid: 2, burn_half_life: 20 });
        root(c, "weights_set_rate_limit", { netuid: 2, weights_set_rate_limit: "3" });
        root(c, "kappa", { netuid: 2, kappa: 30_000 });
        root(c, "max_allowed_validators", { netuid: 2, max_allowed_validators: 3 });
        root(c, "network_registration_allowed", { netuid: 2, registration_allowed: true });
        root(c, "subnet_emission_enabled", { netuid: 2, enabled: true });
        root(c, "tempo", { netuid: 2, tempo: 12 });
      },
      4: (c) => c.submit(owner!, "SubtensorModule.start_call", { netuid: 2 }),
      5: (c) => {
        c.submit(staker!, "SubtensorModule.move_stake", { origin_hotkey: V, destination_hotkey: R, origin_netuid: 1, destination_netuid: 1, alpha_amount: String(TAO) });
        c.submit(staker!, "SubtensorModule.move_stake", { origin_hotkey: V, destination_hotkey: netHotkey!.publicKeyHex, origin_netuid: 1, destination_netuid: 2, alpha_amount: String(TAO) });
      },
      7: (c) => c.submit(staker!, "SubtensorModule.increase_take", { hotkey: V, take: 11_000 }),
      8: (c) => c.submit(staker!, "SubtensorModule.unstake_all", { hotkey: R }),
      // The epoch of block 10 gives the staked validator its permit.
      11: (c) => c.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [1, 2, 3], weights: [40_000, 20_000, 5_000], version_key: "0" }),
      12: (c) => root(c, "commit_reveal_weights_enabled", { netuid: 1, enabled: true }),
      13: (c) => c.submit(validator!, "SubtensorModule.commit_weights", { netuid: 1, commit_hash: weightsCommitHash(V, 1, reveal.uids, reveal.values, reveal.salt, 0n) }),
      // Commit in the epoch after block 10's, reveal in the next (RevealPeriodEpochs 1).
      22: (c) => c.submit(validator!, "SubtensorModule.reveal_weights", reveal),
    });
    expect(r.calls).toEqual(callNames("test"));
    // Subnet 1 at blocks 10, 20, 30, 40; subnet 2 (tempo 12 from block 3) at 15, 27, 39.
    expect(r.epochs).toBe(7);
    expect(pinned("every call (test preset)", g.hash, s0, r.last, r.stored)).toEqual(ALL_CALLS_PIN);
  });

  it("seed2024: every call of the 2024 registry, 365 blocks", () => {
    const k = (name: string) => keypairFromUri(`//taoscope-golden/calls-2024/${name}`);
    const [author, owner, staker, nominator, validator, miner, registrant, worker, stranger] = ["author", "owner", "staker", "nominator", "validator", "miner", "registrant", "worker", "stranger"].map(k) as [Keypair, ...Keypair[]];
    const { state: s0, block: g } = createGenesis({
      preset: "seed2024",
      timestamp: T0,
      endowments: [owner, staker, nominator].map((x) => [x!.publicKeyHex, 5_000n * TAO] as const),
      subnets: [{ owner: owner!.publicKeyHex, ownerHotkey: owner!.publicKeyHex, neurons: [{ hotkey: validator!.publicKeyHex, coldkey: staker!.publicKeyHex }, { hotkey: miner!.publicKeyHex, coldkey: nominator!.publicKeyHex }], powRegistration: true }],
    });
    // The one edit outside the calls: v1.1.3's starting POW difficulty (10,000,000) takes about
    // ten million seal hashes to meet; 1,000 takes about a thousand.
    s0.era2024 = { ...eraOf(s0), subnets: eraOf(s0).subnets.map((x) => ({ ...x, difficulty: 1000n })) };
    const V = validator!.publicKeyHex;
    const pow = (c: ChainDriver) => {
      const at = c.s.block; // the seal is over the last block's hash
      let nonce = 0n;
      while (!meetsDifficulty(sealHash(c.s.parentHash, worker!.publicKeyHex, nonce), 1000n)) nonce++;
      const work = toHex(sealHash(c.s.parentHash, worker!.publicKeyHex, nonce));
      c.submit(worker!, "SubtensorModule.register", { netuid: 1, block_number: String(at), nonce: String(nonce), work, hotkey: worker!.publicKeyHex, coldkey: nominator!.publicKeyHex });
    };
    const r = scripted(driver(s0, author!.publicKeyHex), g, 365, {
      1: (c) => {
        c.submit(staker!, "Balances.transfer_keep_alive", { dest: nominator!.publicKeyHex, value: String(10n * TAO) });
        c.submit(staker!, "Balances.transfer_allow_death", { dest: stranger!.publicKeyHex, value: String(TAO) });
        c.submit(staker!, "SubtensorModule.become_delegate", { hotkey: V });
        c.submit(staker!, "SubtensorModule.add_stake", { hotkey: V, amount_staked: String(1_000n * TAO) });
        c.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [0], weights: [65_535], version_key: "0" });
      },
      2: (c) => {
        c.submit(nominator!, "SubtensorModule.add_stake", { hotkey: V, amount_staked: String(500n * TAO) });
        c.submit(staker!, "SubtensorModule.burned_register", { netuid: 1, hotkey: registrant!.publicKeyHex });
        c.submit(owner!, "SubtensorModule.register_network", {});
      },
      3: (c) => {
        c.submit(staker!, "SubtensorModule.root_register", { hotkey: V });
        pow(c);
      },
      // root_register set the root uid's last update: root weights after the 100-block rate limit.
      104: (c) => c.submit(staker!, "SubtensorModule.set_root_weights", { netuid: 0, hotkey: V, dests: [1, 2], weights: [40_000, 20_000], version_key: "0" }),
      // Subnet 1's epoch (block 359) gives the validator its permit; a stake operation per pair per 360 blocks.
      362: (c) => {
        c.submit(validator!, "SubtensorModule.set_weights", { netuid: 1, dests: [1, 2, 3], weights: [30_000, 20_000, 10_000], version_key: "0" });
        c.submit(staker!, "SubtensorModule.remove_stake", { hotkey: V, amount_unstaked: String(100n * TAO) });
      },
    });
    expect(r.calls).toEqual(callNames("seed2024"));
    // v1.1.3's schedule: subnet n's epoch when (block + n + 1) % 361 == 0, so subnet 2 at 358 and subnet 1 at 359.
    expect(r.epochs).toBe(2);
    expect(pinned("every call (seed2024)", g.hash, s0, r.last, r.stored)).toEqual(ALL_CALLS_2024_PIN);
  });
});
