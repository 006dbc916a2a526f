/**
 * A small network driven in memory by the Proof-of-Intelligence traffic (lib/actors/traffic.ts):
 * the node's genesis network (lib/node/network.ts) on the test preset (tempo 10), with root
 * stake for the validators so they hold permits (the node's test-preset genesis has no stake),
 * or on mainnet as the node builds it. Every block is produced from the traffic's plan alone,
 * and the actors' memory is kept as the node keeps it.
 */
import { createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState } from "@/lib/chain/runtime/state";
import { createPoiTraffic, type PoiTraffic, type PoiTrafficConfig } from "@/lib/actors/traffic";
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
  traffic?: Omit<PoiTrafficConfig, "seed" | "coldkeys" | "hotkeys" | "validators">;
}

export interface PoiChain {
  state: ChainState;
  network: Network;
  traffic: PoiTraffic;
  memory: Map<string, string>;
  /**
   * Produce `n` blocks; returns every extrinsic the traffic planned, in order. `extra` adds
   * extrinsics of other signers (placed before the traffic's, as the node places the mempool's).
   */
  run(n: number, extra?: (state: ChainState) => SignedExtrinsic[]): SignedExtrinsic[];
}

export function poiChain(o: PoiChainOptions): PoiChain {
  const preset = o.preset ?? "test";
  const network = buildNetwork({ version: 2, preset, seed: o.seed, subnets: o.subnets, uids: o.uids, timestamp: T0.toString(), historyBlocks: 0 });
  const stake = o.rootStakeTao ?? (() => 20_000);
  const calls =
    preset === "test"
      ? network.validators.map((v, i) => ({ signer: network.coldkeys[0]!.publicKeyHex, call: "SubtensorModule.add_stake", args: { hotkey: v.publicKeyHex, netuid: 0, amount_staked: (BigInt(stake(i)) * TAO).toString() } }))
      : [];
  const { state } = createGenesis({ ...network.genesis, calls: [...(network.genesis.calls ?? []), ...calls] });
  const traffic = createPoiTraffic({ seed: o.seed, coldkeys: network.coldkeys, hotkeys: network.hotkeys, validators: network.validators, ...o.traffic });
  const memory = new Map<string, string>();
  return {
    state,
    network,
    traffic,
    memory,
    run(n, extra) {
      const planned: SignedExtrinsic[] = [];
      for (let i = 0; i < n; i++) {
        const plan = traffic.plan(state, memory);
        const extrinsics = [...(extra?.(state) ?? []), ...plan.extrinsics];
        const { rejected } = produceBlock(state, { timestamp: T0 + (state.block + 1n) * 12_000n, author: network.author.publicKeyHex, extrinsics });
        if (rejected.length) throw new Error(`block ${state.block}: the traffic made an extrinsic the chain refused: ${rejected[0]!.reason.message}`);
        for (const [k, v] of plan.changes) v === null ? memory.delete(k) : memory.set(k, v);
        planned.push(...plan.extrinsics);
      }
      return planned;
    },
  };
}
