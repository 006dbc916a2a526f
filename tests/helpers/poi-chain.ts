/**
 * A small network driven in memory by the Proof-of-Intelligence traffic (lib/actors/traffic.ts):
 * the node's genesis network (lib/node/network.ts) on the test preset (tempo 10), with root
 * stake for the validators so they hold permits (the node's test-preset genesis has no stake),
 * or on mainnet as the node builds it. Every block is produced from the traffic's plan alone,
 * and the actors' memory is kept as the node keeps it.
 *
 * Test preset options for the consensus tests: `validators` (more validators than the network's
 * three at 16 uids, taken from subnet 1's miners) and `sudo` (hyperparameter calls the sudo key
 * signs in block 1, before the first epoch).
 */
import { type Block, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { type Call, type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState } from "@/lib/chain/runtime/state";
import { type BlockPlan, createPoiTraffic, type PoiTraffic, type PoiTrafficConfig } from "@/lib/actors/traffic";
import { buildNetwork, type Network } from "@/lib/node/network";

const TAO = 1_000_000_000n;
const T0 = 1_700_000_000_000n;

export interface PoiChainOptions {
  preset?: "test" | "mainnet";
  seed: number;
  subnets: number;
  uids: number;
  /** Test preset: root stake (τ) of validator i, from coldkey 0 (default 20,000 each). */
  rootStakeTao?: (i: number) => number;
  /**
   * Test preset: how many hotkeys validate (at least the network's own, 3 at 16 uids). The
   * network's validators come first, then subnet 1's first miners in uid order, so `network.validators`
   * and the traffic's validators are these `validators` hotkeys; each gets root stake like the
   * others, and MaxAllowedValidators (4 on the test preset) is raised to the count on every subnet
   * in block 1, so every one of them holds a permit (miners hold only the alpha their incentive
   * brings, far below a validator's stake weight, and rank below).
   * @throws RangeError on another preset, fewer than the network's own, or so many that subnet 1 keeps no miner
   */
  validators?: number;
  /**
   * AdminUtils calls the sudo key (//Alice, the author) signs in block 1, in order, with nonces
   * 0, 1, … (yuma3_enabled, liquid_alpha_enabled, …); `run`'s `extra` signed by the sudo key in
   * block 1 must start after them.
   */
  sudo?: readonly Call[];
  traffic?: Omit<PoiTrafficConfig, "seed" | "coldkeys" | "hotkeys" | "validators">;
}

export interface PoiChain {
  state: ChainState;
  /** Block 0 (for a store's genesis). */
  genesis: Block;
  network: Network;
  traffic: PoiTraffic;
  memory: Map<string, string>;
  /**
   * Produce `n` blocks; returns every extrinsic the traffic planned, in order. `extra` adds
   * extrinsics of other signers (placed before the traffic's, as the node places the mempool's).
   */
  run(n: number, extra?: (state: ChainState) => SignedExtrinsic[]): SignedExtrinsic[];
  /** Produce one block, as `run` does; returns it with the traffic's plan for it (for a caller that stores blocks). */
  step(extra?: (state: ChainState) => SignedExtrinsic[]): { block: Block; plan: BlockPlan };
}

export function poiChain(o: PoiChainOptions): PoiChain {
  const preset = o.preset ?? "test";
  const built = buildNetwork({ version: 2, preset, seed: o.seed, subnets: o.subnets, uids: o.uids, timestamp: T0.toString(), historyBlocks: 0 });
  if (o.validators !== undefined && preset !== "test") throw new RangeError(`validators is a test preset option (its root stake is the test preset's), got preset ${preset}`);
  const network = o.validators === undefined ? built : withValidators(built, o.validators);
  const sudo: Call[] = [...(o.sudo ?? [])];
  if (o.validators !== undefined) for (let netuid = 1; netuid <= o.subnets; netuid++) sudo.push({ call: "AdminUtils.sudo_set_max_allowed_validators", args: { netuid, max_allowed_validators: o.validators } });
  const stake = o.rootStakeTao ?? (() => 20_000);
  const calls =
    preset === "test"
      ? network.validators.map((v, i) => ({ signer: network.coldkeys[0]!.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: v.publicKeyHex, netuid: 0, amount_staked: (BigInt(stake(i)) * TAO).toString() } }))
      : [];
  const { state, block: genesis } = createGenesis({ ...network.genesis, calls: [...(network.genesis.calls ?? []), ...calls] });
  const traffic = createPoiTraffic({ seed: o.seed, coldkeys: network.coldkeys, hotkeys: network.hotkeys, validators: network.validators, ...o.traffic });
  const memory = new Map<string, string>();
  const step: PoiChain["step"] = (extra) => {
    const plan = traffic.plan(state, memory);
    const admin = state.block === 0n ? sudo.map((c, nonce) => signExtrinsic(network.author, c, nonce, state.genesisHash, new Uint8Array(32))) : [];
    const extrinsics = [...admin, ...(extra?.(state) ?? []), ...plan.extrinsics];
    const { block, rejected } = produceBlock(state, { timestamp: T0 + (state.block + 1n) * 12_000n, author: network.author.publicKeyHex, extrinsics });
    if (rejected.length) throw new Error(`block ${state.block}: the traffic made an extrinsic the chain refused: ${rejected[0]!.reason.message}`);
    for (const [k, v] of plan.changes) v === null ? memory.delete(k) : memory.set(k, v);
    return { block, plan };
  };
  return {
    state,
    genesis,
    network,
    traffic,
    memory,
    step,
    run(n, extra) {
      const planned: SignedExtrinsic[] = [];
      for (let i = 0; i < n; i++) planned.push(...step(extra).plan.extrinsics);
      return planned;
    },
  };
}

/** `network` with `count` validators: its own, then subnet 1's first miners (see `PoiChainOptions.validators`). */
function withValidators(network: Network, count: number): Network {
  const own = network.validators;
  const subnet1 = (network.genesis.subnets?.[0]?.neurons ?? []).map((n) => n.hotkey).filter((h) => !own.some((v) => v.publicKeyHex === h));
  const max = own.length + subnet1.length - 1;
  if (!Number.isSafeInteger(count) || count < own.length || count > max) {
    throw new RangeError(`validators must be an integer in [${own.length}, ${max}] (the network's own ${own.length}, and subnet 1 keeps a miner), got ${count}`);
  }
  const byHex = new Map(network.hotkeys.map((k) => [k.publicKeyHex, k]));
  const validators = [...own, ...subnet1.slice(0, count - own.length).map((h) => byHex.get(h)!)];
  return { ...network, validators };
}
