/**
 * The state root's memoisation: a root computed incrementally (hashes cached on unchanged
 * objects, neuron chunks reused by identity, map buckets re-hashed when written) equals the
 * root of the same state rebuilt from scratch, through edits that share most objects with the
 * state before them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64F64, fromInt } from "@/lib/chain/math/fixed";
import { createGenesis } from "@/lib/chain/runtime/block";
import { type ChainState, type Neuron, newNeuron, restoreState, serializeState, setAccount, setSubnet, stateRoot } from "@/lib/chain/runtime/state";
import { EMPTY_POOL, updateValueForOne } from "@/lib/chain/staking/share-pool";

const key = (i: number) => `0x${i.toString(16).padStart(64, "0")}`;
const fromScratch = (s: ChainState) => stateRoot(restoreState(serializeState(s), s.rules));

function network(uids: number): ChainState {
  return createGenesis({
    preset: "mainnet",
    timestamp: 0n,
    endowments: [[key(1), 1_000_000n]],
    subnets: [{ owner: key(2), ownerHotkey: key(3), started: true, neurons: Array.from({ length: uids - 1 }, (_, i) => ({ hotkey: key(100 + i), coldkey: key(1000 + i) })) }],
  }).state;
}

type Edit =
  | { kind: "weights"; uid: number; row: [number, number][] }
  | { kind: "replace"; uid: number; hotkey: number }
  | { kind: "rotate"; by: number }
  | { kind: "epoch"; bond: number }
  | { kind: "scalar"; value: bigint }
  | { kind: "account"; who: number; free: bigint }
  | { kind: "stake"; hotkey: number; coldkey: number; amount: bigint }
  | { kind: "unstake"; hotkey: number };

const edit = (uids: number): fc.Arbitrary<Edit> =>
  fc.oneof(
    fc.record({ kind: fc.constant("weights" as const), uid: fc.nat(uids - 1), row: fc.array(fc.tuple(fc.nat(uids - 1), fc.nat(65535)), { maxLength: 8 }) }),
    fc.record({ kind: fc.constant("replace" as const), uid: fc.nat(uids - 1), hotkey: fc.integer({ min: 5000, max: 5100 }) }),
    fc.record({ kind: fc.constant("rotate" as const), by: fc.integer({ min: 1, max: uids - 1 }) }),
    fc.record({ kind: fc.constant("epoch" as const), bond: fc.nat(65535) }),
    fc.record({ kind: fc.constant("scalar" as const), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
    fc.record({ kind: fc.constant("account" as const), who: fc.nat(600), free: fc.bigInt({ min: 0n, max: 1n << 60n }) }),
    // Hotkeys spread over many buckets and sharing some: 0x00…, 0x01…, … by their first byte.
    fc.record({ kind: fc.constant("stake" as const), hotkey: fc.nat(9), coldkey: fc.nat(3), amount: fc.bigInt({ min: 1n, max: 1n << 50n }) }),
    fc.record({ kind: fc.constant("unstake" as const), hotkey: fc.nat(9) }),
  );

const stakeKey = (i: number) => `0x${(i % 7).toString(16).padStart(2, "0")}${i.toString(16).padStart(62, "0")}`;

function apply(s: ChainState, e: Edit): void {
  const subnet = s.subnets.get(1)!;
  let neurons: Neuron[] = [...subnet.neurons];
  if (e.kind === "weights") neurons[e.uid] = { ...neurons[e.uid]!, weights: e.row };
  if (e.kind === "replace") neurons[e.uid] = newNeuron(key(e.hotkey), key(e.hotkey + 1), s.block);
  // The same neuron objects at other uids: a cached chunk must not be taken for its position.
  if (e.kind === "rotate") neurons = [...neurons.slice(e.by), ...neurons.slice(0, e.by)];
  if (e.kind === "epoch") neurons = neurons.map((n, uid) => ({ ...n, bonds: [[uid, e.bond]], incentive: e.bond }));
  if (e.kind === "account") return setAccount(s, key(e.who), { free: e.free, nonce: 0 });
  if (e.kind === "stake") {
    const pool = updateValueForOne(subnet.stake[stakeKey(e.hotkey)] ?? EMPTY_POOL, key(e.coldkey), e.amount).pool;
    return setSubnet(s, { ...subnet, stake: { ...subnet.stake, [stakeKey(e.hotkey)]: pool } });
  }
  if (e.kind === "unstake") {
    const { [stakeKey(e.hotkey)]: _gone, ...stake } = subnet.stake;
    return setSubnet(s, { ...subnet, stake });
  }
  setSubnet(s, { ...subnet, neurons, ...(e.kind === "scalar" ? { alphaOut: e.value, movingPrice: fromInt(U64F64, 1) + e.value } : {}) });
}

describe("the incremental state root", () => {
  it("equals the root from scratch after every edit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }).chain((uids) => fc.tuple(fc.constant(uids), fc.array(edit(uids), { minLength: 1, maxLength: 16 }))), ([uids, edits]) => {
        const s = network(uids);
        stateRoot(s); // warm every cache
        for (const e of edits) {
          apply(s, e);
          expect(stateRoot(s)).toBe(fromScratch(s));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("changes with any single neuron of a list (every chunk position)", () => {
    const s = network(40);
    const roots = new Set([stateRoot(s)]);
    for (const uid of [0, 15, 16, 17, 31, 32, 39]) {
      apply(s, { kind: "weights", uid, row: [[uid, 1]] });
      roots.add(stateRoot(s));
    }
    expect(roots.size).toBe(8);
  });
});
