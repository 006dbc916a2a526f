/**
 * The benchmark network shared by bench:chain and bench:node: the `mainnet` preset with
 * `subnets` subnets of `uids` uids from genesis, `validators` validator hotkeys registered on
 * every subnet (one hotkey validating on many subnets, as large validators do), each staked in
 * the first blocks and setting weights on each subnet once per tempo (spread evenly over the
 * tempo), plus per block two stakes, one unstake and one registration. Every extrinsic is signed.
 * `bench2024Network` is the same for the seed2024 preset, on the node's own genesis and traffic.
 */
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { type Block, createGenesis } from "@/lib/chain/runtime/block";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState } from "@/lib/chain/runtime/state";
import { shareValue } from "@/lib/chain/staking/share-pool";
import { activity2024 } from "@/lib/chain/sim/activity2024";
import { buildNetwork } from "@/lib/node/network";

const TAO = 1_000_000_000n;

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

export interface BenchNetwork {
  state: ChainState;
  genesis: Block;
  author: string;
  /** The validator hotkeys, registered on every subnet. */
  validators: Keypair[];
  /** The signed extrinsics for block `block` (1-based), given the state before it. */
  extrinsicsFor(block: number): SignedExtrinsic[];
}

/**
 * `weights`: `synthetic` (default) signs the validators' weights here, spread over the tempo;
 * `none` leaves them out, for a caller that brings its own (bench:chain's PoI actors).
 */
export function benchNetwork(subnets: number, uids: number, validatorCount: number, weights: "synthetic" | "none" = "synthetic"): BenchNetwork {
  if (validatorCount + 1 > uids) throw new Error("--validators must leave room for the owner uid");
  const rng = createRng(2024);
  const hex = () => `0x${Array.from({ length: 32 }, () => rng.int(256).toString(16).padStart(2, "0")).join("")}`;
  const validators = Array.from({ length: validatorCount }, (_, i) => keypairFromUri(`//bench-validator-${i}`));
  const validatorColdkey = keypairFromUri("//bench-validators");
  const stakers = Array.from({ length: 8 }, (_, i) => keypairFromUri(`//bench-staker-${i}`));
  const owners = Array.from({ length: subnets }, () => hex());
  const { state, block: genesis } = createGenesis({
    preset: "mainnet",
    timestamp: 1_700_000_000_000n,
    endowments: [...stakers, validatorColdkey].map((k) => [k.publicKeyHex, 10_000_000n * TAO] as [string, bigint]),
    subnets: owners.map((owner) => ({
      owner,
      ownerHotkey: hex(),
      started: true,
      neurons: [
        ...validators.map((v) => ({ hotkey: v.publicKeyHex, coldkey: validatorColdkey.publicKeyHex })),
        ...Array.from({ length: uids - 1 - validatorCount }, () => ({ hotkey: hex(), coldkey: hex() })),
      ],
    })),
  });

  const nonces = new Map<string, number>();
  const sign = (key: (typeof stakers)[number], call: string, args: Record<string, unknown>): SignedExtrinsic => {
    const nonce = nonces.get(key.publicKeyHex) ?? state.accounts.get(key.publicKeyHex)?.nonce ?? 0;
    nonces.set(key.publicKeyHex, nonce + 1);
    return signExtrinsic(key, { call, args: args as never }, nonce, state.genesisHash, new Uint8Array(32));
  };

  function extrinsicsFor(block: number): SignedExtrinsic[] {
    nonces.clear();
    const out: SignedExtrinsic[] = [];
    const tempo = state.subnets.get(1)!.tempo;
    if (block <= subnets) {
      // Warm-up: the validators' coldkey stakes 1000 TAO to each validator on subnet `block`.
      for (const v of validators) out.push(sign(validatorColdkey, "SubtensorModule.add_stake", { hotkey: v.publicKeyHex, netuid: block, amount_staked: String(1000n * TAO) }));
      return out;
    }
    for (let s = 1; s <= subnets && weights === "synthetic"; s++) {
      const subnet = state.subnets.get(s)!;
      validators.forEach((v, i) => {
        if ((block + s * 7 + i * Math.floor(tempo / validatorCount)) % tempo !== 0) return;
        const uid = subnet.neurons.findIndex((n) => n.hotkey === v.publicKeyHex);
        if (uid < 0 || !subnet.neurons[uid]!.validatorPermit) return;
        const dests: number[] = [];
        const weights: number[] = [];
        for (let m = 0; m < subnet.neurons.length; m++) {
          if (m === uid) continue;
          dests.push(m);
          weights.push(1 + ((m * 2654435761 + i * 97) % 65535));
        }
        out.push(sign(v, "SubtensorModule.set_weights", { netuid: s, dests, weights, version_key: "0" }));
      });
    }
    for (let k = 0; k < 2; k++) {
      const from = stakers[rng.int(stakers.length)]!;
      out.push(sign(from, "SubtensorModule.add_stake", { hotkey: validators[rng.int(validatorCount)]!.publicKeyHex, netuid: 1 + rng.int(subnets), amount_staked: String(BigInt(1 + rng.int(100)) * TAO) }));
    }
    const unstaker = stakers[rng.int(stakers.length)]!;
    const netuid = 1 + rng.int(subnets);
    const hotkey = validators[rng.int(validatorCount)]!.publicKeyHex;
    const pool = state.subnets.get(netuid)!.stake[hotkey];
    const held = pool ? shareValue(pool, unstaker.publicKeyHex) : 0n;
    if (held > 0n) out.push(sign(unstaker, "SubtensorModule.remove_stake", { hotkey, netuid, amount_unstaked: String(held / 2n) }));
    const registrant = stakers[rng.int(stakers.length)]!;
    out.push(sign(registrant, "SubtensorModule.burned_register", { netuid: 1 + rng.int(subnets), hotkey: hex() }));
    return out;
  }

  return { state, genesis, author: stakers[0]!.publicKeyHex, validators, extrinsicsFor };
}

/**
 * The `seed2024` bench network: the node's own seed2024 genesis (lib/node/network.ts: `subnets`
 * subnets of `uids` uids, its validators staked and delegating, root weights) driven by the
 * node's synthetic 2024 traffic (lib/chain/sim/activity2024.ts), a generator per block seeded by
 * the block number, miners' hidden quality from a hash of their hotkey.
 */
export function bench2024Network(subnets: number, uids: number): BenchNetwork {
  const net = buildNetwork({ version: 2, preset: "seed2024", seed: 2024, subnets, uids, timestamp: "1700000000000", historyBlocks: 0 });
  const { state, block: genesis } = createGenesis(net.genesis);
  const quality = (hotkey: string) => (Number.parseInt(hotkey.slice(2, 10), 16) % 1000) / 1000;
  return {
    state,
    genesis,
    author: net.author.publicKeyHex,
    validators: net.validators,
    extrinsicsFor: (block) => activity2024(createRng(block), { coldkeys: net.coldkeys, hotkeys: net.hotkeys, quality }, state),
  };
}
