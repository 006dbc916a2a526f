/**
 * New subnets over time (lib/actors/subnets.ts, through the PoI traffic of lib/actors/traffic.ts)
 * on small networks in memory (tests/helpers/poi-chain.ts; the test preset: tempo 10, 3 subnet
 * slots, start-call delay 3, rate limit 5 blocks). Every block comes from the traffic's plan
 * alone and poiChain throws on any extrinsic the chain refuses, so each registration and join
 * below is one the chain accepted.
 */
import { describe, expect, it } from "vitest";
import { produceBlock } from "@/lib/chain/runtime/block";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { paramsFor } from "@/lib/chain/eras/presets";
import { stateRoot } from "@/lib/chain/runtime/state";
import { taskOf } from "@/lib/actors/profiles";
import { DEFAULT_NEW_SUBNET_RATE } from "@/lib/actors/subnets";
import { createPoiTraffic, type OffchainScore } from "@/lib/actors/traffic";
import { subnetTask } from "@/lib/node/network";
import { poiChain, type PoiChain } from "../../helpers/poi-chain";

const TAO = 1_000_000_000n;
const T0 = 1_700_000_000_000n;

interface Planned {
  block: bigint;
  x: SignedExtrinsic;
}

/** `n` blocks of `chain`'s traffic (poiChain's loop), keeping each extrinsic's block and the rounds' scores. */
function drive(chain: PoiChain, n: number): { planned: Planned[]; scores: OffchainScore[] } {
  const planned: Planned[] = [];
  const scores: OffchainScore[] = [];
  for (let i = 0; i < n; i++) {
    const plan = chain.traffic.plan(chain.state, chain.memory);
    const block = chain.state.block + 1n;
    const { rejected } = produceBlock(chain.state, { timestamp: T0 + block * 12_000n, author: chain.network.author.publicKeyHex, extrinsics: plan.extrinsics });
    if (rejected.length) throw new Error(`block ${block}: the chain refused ${rejected[0]!.reason.message}`);
    for (const [k, v] of plan.changes) v === null ? chain.memory.delete(k) : chain.memory.set(k, v);
    planned.push(...plan.extrinsics.map((x) => ({ block, x })));
    scores.push(...plan.scores);
  }
  return { planned, scores };
}

const onSubnet = (planned: Planned[], call: string, netuid: number) => planned.filter((p) => p.x.call === call && (p.x.args as { netuid?: number }).netuid === netuid);

describe("PoI traffic: new subnets", () => {
  // Seed 3, two genesis subnets of 16 uids (3 validators, 12 miners), one slot free; a rate of
  // 0.05 a block; no background calls, so every registration on the new subnet is the growth's.
  // The seeded run: coldkey 0 (the validators' own) registers subnet 3 at block 6, its three
  // validators join at blocks 7 to 9, it starts at block 9, miners join from block 20 (6 by
  // block 120), the validators set weights from block 27 on, and it reaches epoch 11.
  it("registers a subnet that its owner starts, the validators join with permits and weights, and its miners earn incentive on its task", () => {
    const chain = poiChain({ seed: 3, subnets: 2, uids: 16, traffic: { newSubnetRate: 0.05, background: false } });
    const { planned, scores } = drive(chain, 120);
    const p = paramsFor("test");

    const registrations = planned.filter((q) => q.x.call === "SubtensorModule.register_network");
    expect(registrations.length).toBe(1); // then every slot is taken (3 on the test preset)
    const [reg] = registrations;
    expect(chain.state.subnets.size).toBe(p.subnetLimit);
    const subnet = chain.state.subnets.get(3)!; // the lowest free netuid
    expect(subnet).toBeDefined();
    expect(reg!.block).toBe(6n);
    expect(subnet.registeredAt).toBe(reg!.block);
    expect(subnet.owner).toBe(reg!.x.signer);
    expect(subnet.ownerHotkey).toBe((reg!.x.args as { hotkey: string }).hotkey);
    expect(chain.network.coldkeys.map((k) => k.publicKeyHex)).toContain(subnet.owner);
    expect(chain.network.hotkeys.map((k) => k.publicKeyHex)).toContain(subnet.ownerHotkey);
    expect(chain.network.validators.map((k) => k.publicKeyHex)).not.toContain(subnet.ownerHotkey);
    expect(subnet.locked).toBe(p.networkMinLock); // the first lock costs the minimum, 100 τ

    // Its owner's start_call, once the delay of 3 blocks has passed.
    const starts = onSubnet(planned, "SubtensorModule.start_call", 3);
    expect(starts.map((q) => [q.block, q.x.signer])).toEqual([[reg!.block + p.startCallDelay, subnet.owner]]);
    expect(subnet.firstEmissionBlock).toBe(reg!.block + p.startCallDelay + 1n);

    // Each validator hotkey registered by its coldkey (coldkey 0), one a block from the next block on, and holds a permit.
    const joins = onSubnet(planned, "SubtensorModule.burned_register", 3);
    const validators = chain.network.validators.map((v) => v.publicKeyHex);
    const validatorJoins = joins.filter((q) => validators.includes((q.x.args as { hotkey: string }).hotkey));
    expect(validatorJoins.map((q) => [q.block, (q.x.args as { hotkey: string }).hotkey, q.x.signer])).toEqual(validators.map((v, i) => [reg!.block + 1n + BigInt(i), v, chain.network.coldkeys[0]!.publicKeyHex]));
    for (const v of validators) expect(subnet.neurons.find((n) => n.hotkey === v)?.validatorPermit, `permit of ${v}`).toBe(true);

    // Every validator set weights there (after the subnet's first epochs).
    const weights = onSubnet(planned, "SubtensorModule.set_weights", 3);
    expect(new Set(weights.map((q) => q.x.signer))).toEqual(new Set(validators));

    // Miners joined (never with the owner's coldkey, whose hotkeys' incentive the chain burns) and earn incentive.
    const miners = subnet.neurons.filter((n) => !validators.includes(n.hotkey) && n.hotkey !== subnet.ownerHotkey);
    expect(miners.length).toBe(joins.length - validatorJoins.length);
    expect(miners.length).toBe(6);
    for (const m of miners) expect(m.coldkey).not.toBe(subnet.owner);
    expect(subnet.epochIndex).toBe(11);
    expect(miners.reduce((a, m) => a + m.incentive, 0)).toBeGreaterThan(0);

    // Its task is taskOf(3): compute under the default list, as the explorer reads it from the spec.
    expect(chain.traffic.taskOf(3)).toBe(taskOf(3));
    expect(taskOf(3)).toBe("compute");
    expect(subnetTask({ ...chain.network.spec, traffic: "poi" }, 3)).toBe("compute");
    // The validators scored its miners (and only them; nobody was pruned), their EMAs keyed by the miners' hotkeys.
    const minerHotkeys = miners.map((m) => m.hotkey);
    const scored = scores.filter((s) => s.netuid === 3);
    expect(scored.length).toBeGreaterThan(0);
    for (const s of scored) expect(minerHotkeys).toContain(s.miner);
    for (const v of new Set(scored.map((s) => s.validator))) {
      const ema = Object.keys((JSON.parse(chain.memory.get(`validator/3/${v}`)!) as { ema: object }).ema);
      expect(ema.length).toBeGreaterThan(0);
      for (const hotkey of ema) expect(minerHotkeys).toContain(hotkey);
    }
    expect(chain.memory.has("ledger/3")).toBe(true);
  });

  it("registers none at rate 0", () => {
    const chain = poiChain({ seed: 3, subnets: 2, uids: 16, traffic: { newSubnetRate: 0, background: false } });
    const { planned } = drive(chain, 120);
    expect(planned.filter((q) => q.x.call === "SubtensorModule.register_network")).toEqual([]);
    expect([...chain.state.subnets.keys()].sort()).toEqual([1, 2]);
  });

  it("fills the free slots no faster than the rate limit and stops at the subnet limit", () => {
    // One genesis subnet, two free slots, a registration drawn in half the blocks.
    const chain = poiChain({ seed: 6, subnets: 1, uids: 16, traffic: { newSubnetRate: 0.5 } });
    const { planned } = drive(chain, 60);
    const registrations = planned.filter((q) => q.x.call === "SubtensorModule.register_network");
    expect(registrations.length).toBe(2);
    expect(registrations[1]!.block - registrations[0]!.block).toBeGreaterThanOrEqual(paramsFor("test").networkRateLimit);
    expect([...chain.state.subnets.keys()].sort()).toEqual([1, 2, 3]);
    expect(chain.state.subnets.get(2)!.registeredAt).toBe(registrations[0]!.block);
    expect(chain.state.subnets.get(3)!.registeredAt).toBe(registrations[1]!.block);
    // The second lock doubled the first, less its linear decay (100 τ over 100 blocks: 1 τ a block).
    const gap = registrations[1]!.block - registrations[0]!.block;
    expect(chain.state.subnets.get(3)!.locked).toBe(200n * TAO - gap * TAO);
  });

  it("plans the same blocks after a restart from its stored memory as without one", () => {
    const straight = poiChain({ seed: 3, subnets: 2, uids: 16, traffic: { newSubnetRate: 0.05 } });
    const expected = drive(straight, 60).planned;
    const first = poiChain({ seed: 3, subnets: 2, uids: 16, traffic: { newSubnetRate: 0.05 } });
    const before = drive(first, 32).planned;
    // Restarted after the new subnet's first validator round: its memory is part of what is restored.
    expect([...first.memory.keys()].some((k) => k.startsWith("validator/3/"))).toBe(true);
    const stored = JSON.parse(JSON.stringify([...first.memory])) as [string, string][];
    const traffic = createPoiTraffic({ seed: 3, coldkeys: first.network.coldkeys, hotkeys: first.network.hotkeys, validators: first.network.validators, newSubnetRate: 0.05 });
    const resumed: PoiChain = { ...first, traffic, memory: new Map(stored) };
    const after = drive(resumed, 28).planned;
    expect([...before, ...after].map((q) => q.x.signature)).toEqual(expected.map((q) => q.x.signature));
    expect(stateRoot(resumed.state)).toBe(stateRoot(straight.state));
    expect(expected.some((q) => q.x.call === "SubtensorModule.register_network")).toBe(true);
  });

  it("on mainnet, a coldkey pays the 1,000 τ lock and the validators join the unstarted subnet", () => {
    const chain = poiChain({ preset: "mainnet", seed: 3, subnets: 2, uids: 32, traffic: { newSubnetRate: 0.2 } });
    const { planned } = drive(chain, 12);
    const [reg, ...more] = planned.filter((q) => q.x.call === "SubtensorModule.register_network");
    expect(more).toEqual([]);
    const subnet = chain.state.subnets.get(3)!;
    expect(subnet.registeredAt).toBe(reg!.block);
    expect(subnet.locked).toBe(1000n * TAO);
    expect(subnet.firstEmissionBlock).toBeNull(); // the start-call delay is 50,400 blocks on mainnet
    const validators = chain.network.validators.map((v) => v.publicKeyHex);
    expect(validators.length).toBe(7);
    expect(validators.filter((v) => subnet.neurons.some((n) => n.hotkey === v)).length).toBe(Math.min(7, Number(chain.state.block - reg!.block)));
  });

  it("defaults to a registration about once a day of 7,200 blocks, and refuses a rate outside [0, 1] naming it", () => {
    expect(DEFAULT_NEW_SUBNET_RATE).toBe(1 / 7200);
    const keys = { seed: 1, coldkeys: [], hotkeys: [], validators: [] };
    for (const bad of [-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => createPoiTraffic({ ...keys, newSubnetRate: bad })).toThrow(/newSubnetRate must be a number in \[0, 1\], got/);
    expect(() => createPoiTraffic({ ...keys, newSubnetRate: 1 })).not.toThrow();
  });
});
