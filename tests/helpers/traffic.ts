/**
 * A small seeded network driven by the preset's synthetic traffic generator (lib/chain/sim): two
 * started subnets of three neurons each, four funded coldkeys, sixteen hotkeys. Each `block()`
 * signs the generator's extrinsics for the next block, adds `extra`'s, and produces the block.
 */
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type Rng, createRng } from "@/lib/chain/rng";
import { type Block, type ProducedBlock, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState, PresetName } from "@/lib/chain/runtime/state";
import { createActivity } from "@/lib/chain/sim/activity";
import { activity2024 } from "@/lib/chain/sim/activity2024";
import { TAO, T0 } from "./chain-driver";

export interface TrafficChain {
  state: ChainState;
  genesis: Block;
  rng: Rng;
  /** The network's coldkeys, then its hotkeys. */
  keys: readonly Keypair[];
  /** The next block: the generator's extrinsics (`planned`), then those `extra` adds after them. */
  block(extra?: (planned: readonly SignedExtrinsic[]) => SignedExtrinsic[]): ProducedBlock & { planned: readonly SignedExtrinsic[] };
}

/** The network on `preset`, keys from secret URIs under `//${name}`, traffic seeded by `seed`. */
export function trafficChain(preset: PresetName, seed: number, name: string): TrafficChain {
  const coldkeys = Array.from({ length: 4 }, (_, i) => keypairFromUri(`//${name}/cold/${i}`));
  const hotkeys = Array.from({ length: 16 }, (_, i) => keypairFromUri(`//${name}/hot/${i}`));
  const author = keypairFromUri(`//${name}/author`).publicKeyHex;
  const quality = (hotkey: string) => Number.parseInt(hotkey.slice(2, 10), 16) / 2 ** 32;
  const { state, block: genesis } = createGenesis({
    preset,
    timestamp: T0,
    endowments: coldkeys.map((k) => [k.publicKeyHex, 5_000n * TAO] as const),
    subnets: [0, 1].map((s) => ({
      owner: coldkeys[s]!.publicKeyHex,
      ownerHotkey: hotkeys[s]!.publicKeyHex,
      started: true,
      neurons: [2, 3, 4].map((j) => ({ hotkey: hotkeys[3 * s + j]!.publicKeyHex, coldkey: coldkeys[(s + j) % 4]!.publicKeyHex })),
    })),
  });
  const rng = createRng(seed);
  const config = { coldkeys, hotkeys, quality };
  const activity = preset === "seed2024" ? null : createActivity(rng, config);
  return {
    state,
    genesis,
    rng,
    keys: [...coldkeys, ...hotkeys],
    block(extra) {
      const planned = activity ? activity.next(state) : activity2024(rng, config, state);
      const extrinsics = extra ? [...planned, ...extra(planned)] : planned;
      return { ...produceBlock(state, { timestamp: T0 + (state.block + 1n) * 12_000n, author, extrinsics }), planned };
    },
  };
}
