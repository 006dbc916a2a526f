/**
 * Synthetic activity through the public extrinsic path: every extrinsic it makes is valid for
 * inclusion, the run is deterministic, and consensus finds the hidden miner quality.
 */
import { describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { type ChainState, stateRoot } from "@/lib/chain/runtime/state";
import { createActivity } from "@/lib/chain/sim/activity";
import { TAO, T0, supplyHeld } from "../helpers/chain-driver";

const coldkeys = Array.from({ length: 4 }, (_, i) => keypairFromUri(`//sim-cold-${i}`));
const hotkeys = Array.from({ length: 10 }, (_, i) => keypairFromUri(`//sim-hot-${i}`));
const author = keypairFromUri("//Eve").publicKeyHex;

/** Genesis with the coldkeys funded, subnet 1 registered by coldkey 0, then `blocks` blocks of activity. */
function simulate(seed: number, blocks: number, noise = 0.05) {
  const state: ChainState = createGenesis({ preset: "test", timestamp: T0, endowments: coldkeys.map((k) => [k.publicKeyHex, 5000n * TAO] as [string, bigint]) }).state;
  const activity = createActivity(createRng(seed), { coldkeys, hotkeys, noise });
  let included = 0;
  let failed = 0;
  for (let b = 1; b <= blocks; b++) {
    // Block 1: coldkey 0 registers the subnet with hotkey 0; the generator does the rest.
    const exts =
      b === 1
        ? [signExtrinsic(coldkeys[0]!, { call: "SubtensorModule.register_network", args: { hotkey: hotkeys[0]!.publicKeyHex } }, 0, state.genesisHash, new Uint8Array(32))]
        : activity.next(state);
    const { block, rejected } = produceBlock(state, { timestamp: T0 + BigInt(b) * 12_000n, author, extrinsics: exts });
    expect(rejected.map((r) => r.reason.message)).toEqual([]);
    included += block.extrinsics.length;
    failed += block.extrinsics.filter((x) => !x.success).length;
  }
  return { state, activity, included, failed };
}

describe("synthetic activity", () => {
  it("only makes extrinsics the chain includes, and most of them succeed", () => {
    const { state, included, failed } = simulate(1, 60);
    expect(included).toBeGreaterThan(60);
    expect(failed / included).toBeLessThan(0.25);
    expect(supplyHeld(state)).toBe(state.totalIssuance);
    const subnet = state.subnets.get(1)!;
    expect(subnet.firstEmissionBlock).not.toBeNull();
    expect(subnet.neurons.length).toBeGreaterThan(4);
  });

  it("is deterministic", () => {
    expect(stateRoot(simulate(7, 30).state)).toBe(stateRoot(simulate(7, 30).state));
    expect(stateRoot(simulate(8, 30).state)).not.toBe(stateRoot(simulate(7, 30).state));
  });

  it("lets consensus recover the hidden miner quality", () => {
    const { state, activity } = simulate(3, 120, 0.02);
    const subnet = state.subnets.get(1)!;
    const miners = subnet.neurons.map((n, uid) => ({ uid, q: activity.quality(n.hotkey), incentive: n.incentive })).filter((m) => !subnet.neurons[m.uid]!.validatorPermit);
    expect(miners.length).toBeGreaterThan(2);
    // Every pair of miners ranked by incentive agrees with their quality, allowing near-ties.
    let agree = 0;
    let pairs = 0;
    for (const a of miners)
      for (const b of miners) {
        if (a.q - b.q < 0.1) continue;
        pairs++;
        if (a.incentive > b.incentive) agree++;
      }
    expect(pairs).toBeGreaterThan(0);
    expect(agree / pairs).toBeGreaterThan(0.8);
  });
});
