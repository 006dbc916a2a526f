/**
 * Change sets (issue 14 §3): what `produceBlock` says a block changed, checked against an
 * independent structural comparison of the states before and after it. Each entry (account,
 * hotkey owner, take, subnet, neuron, weights row, stake position, axon, the root; the seed2024
 * storage's subnets, neurons, weights rows, stake rows and root weights) is spelled as canonical
 * JSON written here (sorted keys, bigints as `<digits>n`), so nothing of the engine's own
 * bookkeeping (identities, memo caches, the change log) enters the comparison.
 *
 * Invariants per block: every entry whose JSON differs is in the change set (no misses); every
 * entry the change set names exists before or after the block (no phantoms); the values it says
 * the block replaced are the entries' values before the block; the supply ledger adds up to the
 * issuance change (after − before = minted − burned − recycled, nothing unattributed) and to the
 * block's own emission, burn and dissolution events. These chains run with `freezeWrites` on, so
 * an in-place mutation of written state anywhere in the engine would throw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeSet, abandonChanges, beginChanges, endChanges, freezeWrites, supplyTotals } from "@/lib/chain/runtime/changes";
import type { Block } from "@/lib/chain/runtime/block";
import { DispatchError } from "@/lib/chain/errors";
import { type ChainState, type PresetName, burnIssuance, mintIssuance, setAccount, setIssuance, stateRoot, transactional } from "@/lib/chain/runtime/state";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { type TrafficChain, trafficChain } from "../helpers/traffic";

/** Canonical JSON: object keys sorted, bigints as `<digits>n`. */
function canon(v: unknown): string {
  if (typeof v === "bigint") return JSON.stringify(`${v}n`);
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canon).join(",")}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
    .join(",")}}`;
}

/** Every entry of the state, by `kind|key`, as canonical JSON. */
function entries(s: ChainState): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, a] of s.accounts) m.set(`account|${k}`, canon(a));
  for (const [k, c] of s.hotkeyOwner) m.set(`owner|${k}`, canon(c));
  for (const [k, t] of s.delegateTake) m.set(`take|${k}`, canon(t));
  for (const [netuid, sub] of s.subnets) {
    m.set(`subnet|${netuid}`, canon(sub));
    sub.neurons.forEach((x, uid) => {
      m.set(`neuron|${netuid}|${uid}`, canon(x));
      m.set(`weights|${netuid}|${uid}`, canon(x.weights));
    });
    for (const [h, p] of Object.entries(sub.stake)) m.set(`stake|${netuid}|${h}`, canon(p));
    for (const [h, a] of Object.entries(sub.axons)) m.set(`axon|${netuid}|${h}`, canon(a));
  }
  m.set("root|", canon(s.root));
  for (const [h, p] of Object.entries(s.root.stake)) m.set(`stake|0|${h}`, canon(p));
  const era = s.era2024;
  if (era) {
    for (const sub of era.subnets) {
      m.set(`subnet24|${sub.netuid}`, canon(sub));
      sub.neurons.forEach((x, uid) => {
        m.set(`neuron24|${sub.netuid}|${uid}`, canon(x));
        m.set(`weights24|${sub.netuid}|${uid}`, canon(x.weights));
      });
    }
    for (const [h, row] of Object.entries(era.stake)) m.set(`stake24|${h}`, canon(row));
    era.root.weights.forEach((row, uid) => m.set(`rootWeights24|${uid}`, canon(row)));
  }
  return m;
}

/** The entries a change set names, keyed as `entries` keys them. */
function named(c: ChangeSet): Set<string> {
  const out = new Set<string>();
  for (const k of c.accounts.keys()) out.add(`account|${k}`);
  for (const k of c.hotkeyOwners) out.add(`owner|${k}`);
  for (const k of c.delegateTakes) out.add(`take|${k}`);
  for (const n of c.subnets.keys()) out.add(`subnet|${n}`);
  for (const [n, uids] of c.neurons) for (const u of uids) out.add(`neuron|${n}|${u}`);
  for (const [n, uids] of c.weights) for (const u of uids) out.add(`weights|${n}|${u}`);
  for (const [n, hotkeys] of c.stake) for (const h of hotkeys) out.add(`stake|${n}|${h}`);
  for (const [n, hotkeys] of c.axons) for (const h of hotkeys) out.add(`axon|${n}|${h}`);
  if (c.root) out.add("root|");
  const e = c.era2024;
  if (e) {
    for (const n of e.subnets.keys()) out.add(`subnet24|${n}`);
    for (const [n, uids] of e.neurons) for (const u of uids) out.add(`neuron24|${n}|${u}`);
    for (const [n, uids] of e.weights) for (const u of uids) out.add(`weights24|${n}|${u}`);
    for (const h of e.stake) out.add(`stake24|${h}`);
    for (const u of e.rootWeights) out.add(`rootWeights24|${u}`);
  }
  return out;
}

/** What the structural comparison finds that the change set does not account for. */
function audit(before: Map<string, string>, after: Map<string, string>, c: ChangeSet): { misses: string[]; phantoms: string[]; wrongBefore: string[] } {
  const names = named(c);
  const misses: string[] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) if (before.get(k) !== after.get(k) && !names.has(k)) misses.push(k);
  const phantoms = [...names].filter((k) => !before.has(k) && !after.has(k));
  const wrongBefore: string[] = [];
  for (const [k, a] of c.accounts) if ((a === undefined ? undefined : canon(a)) !== before.get(`account|${k}`)) wrongBefore.push(`account|${k}`);
  for (const [n, s] of c.subnets) if ((s === undefined ? undefined : canon(s)) !== before.get(`subnet|${n}`)) wrongBefore.push(`subnet|${n}`);
  if (c.root && canon(c.root.before) !== before.get("root|")) wrongBefore.push("root|");
  for (const [n, s] of c.era2024?.subnets ?? []) if ((s === undefined ? undefined : canon(s)) !== before.get(`subnet24|${n}`)) wrongBefore.push(`subnet24|${n}`);
  return { misses, phantoms, wrongBefore };
}

/** The block's supply, by `kind|role|netuid`, as its events report it. */
function supplyFromEvents(block: Block): Map<string, bigint> {
  const m = new Map<string, bigint>();
  const add = (k: string, v: bigint) => v !== 0n && m.set(k, (m.get(k) ?? 0n) + v);
  for (const e of block.events) {
    if (e.name === "SubtensorModule.SubnetEmission") {
      add(`minted|pool-injection|${e.data.netuid}`, e.data.taoIn);
      add(`minted|excess-swap|${e.data.netuid}`, e.data.excessSpent);
    } else if (e.name === "SubtensorModule.EmissionDrained") add(`minted|emission|${e.data.netuid}`, e.data.minted);
    else if (e.name === "SubtensorModule.OwnerCutPaid") add(`minted|owner-cut|${e.data.netuid}`, e.data.amount);
    else if (e.name === "Balances.Burned") add("burned|fee-or-registration", e.data.amount);
    else if (e.name === "Balances.DustLost") add("burned|dust|null", e.data.amount);
    else if (e.name === "SubtensorModule.NetworkRemoved" && "taoRecycled" in e.data) add(`recycled|dissolution|${e.data.netuid}`, e.data.taoRecycled);
  }
  return m;
}

function supplyFromLedger(c: ChangeSet): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const f of c.supply) {
    // Balances.Burned names no cause: a fee the author could not take and a registration's burn share it.
    const k = f.role === "fee" || f.role === "registration" ? `${f.kind}|fee-or-registration` : `${f.kind}|${f.role}|${f.netuid}`;
    m.set(k, (m.get(k) ?? 0n) + f.amount);
  }
  return m;
}

/** Every seventh block, a transfer the first coldkey cannot afford (included, failing, its fee paid). */
function withFailingCall(chain: TrafficChain) {
  return chain.block((planned) => {
    if (chain.state.block % 7n !== 6n) return [];
    const from = chain.keys[0]!;
    const nonce = (chain.state.accounts.get(from.publicKeyHex)?.nonce ?? 0) + planned.filter((x) => x.signer === from.publicKeyHex).length;
    return [signExtrinsic(from, { call: "Balances.transfer_keep_alive", args: { dest: chain.keys[1]!.address, value: (10n ** 18n).toString() } }, nonce, chain.state.genesisHash)];
  });
}

const sorted = (m: Map<string, bigint>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

const CASES: [PresetName, number][] = [
  ["test", 80],
  ["mainnet", 370],
  ["seed2024", 370],
];

describe("a block's change set", () => {
  // Every written value frozen: an in-place mutation anywhere in the engine throws where it happens.
  beforeAll(() => freezeWrites(true));
  afterAll(() => freezeWrites(false));
  for (const [preset, blocks] of CASES) {
    it(`names every entry the block changed, and its supply adds up (${preset}, ${blocks} blocks of traffic)`, { timeout: 300_000 }, () => {
      const chain = trafficChain(preset, 31, `change-sets-${preset}`);
      expect(chain.genesis.changes?.everything).toBe(true);
      let before = entries(chain.state);
      const seen = { neurons: 0, weights: 0, stake: 0, subnets: 0, failed: 0, burned: 0n, minted: 0n };
      for (let b = 0; b < blocks; b++) {
        const issuance = chain.state.totalIssuance;
        const { block, changes, rejected } = withFailingCall(chain);
        expect(rejected).toEqual([]);
        expect(block.changes).toBe(changes);
        const after = entries(chain.state);
        expect({ block: b + 1, ...audit(before, after, changes) }).toEqual({ block: b + 1, misses: [], phantoms: [], wrongBefore: [] });
        expect(changes.issuance).toEqual({ before: issuance, after: chain.state.totalIssuance });
        const t = supplyTotals(changes.supply);
        expect(chain.state.totalIssuance - issuance).toBe(t.minted - t.burned - t.recycled);
        expect(changes.supply.filter((f) => f.role === "unattributed" || f.amount <= 0n)).toEqual([]);
        expect(sorted(supplyFromLedger(changes))).toEqual(sorted(supplyFromEvents(block)));
        const emission = block.events.find((e) => e.name === "SubtensorModule.BlockEmission");
        if (emission?.name === "SubtensorModule.BlockEmission") expect(emission.data.issuance).toBe(chain.state.totalIssuance);
        seen.neurons += [...changes.neurons.values(), ...(changes.era2024?.neurons.values() ?? [])].reduce((a, s) => a + s.size, 0);
        seen.weights += [...changes.weights.values(), ...(changes.era2024?.weights.values() ?? [])].reduce((a, s) => a + s.size, 0);
        seen.stake += [...changes.stake.values()].reduce((a, s) => a + s.size, 0) + (changes.era2024?.stake.size ?? 0);
        seen.subnets += changes.subnets.size + (changes.era2024?.subnets.size ?? 0);
        seen.failed += block.extrinsics.filter((x) => !x.success).length;
        seen.minted += t.minted;
        seen.burned += t.burned;
        before = after;
      }
      // The traffic exercised what is checked: epochs and weights, staking, failing calls, minting and fee burns.
      expect(seen.neurons).toBeGreaterThan(0);
      expect(seen.weights).toBeGreaterThan(0);
      expect(seen.stake).toBeGreaterThan(0);
      expect(seen.subnets).toBeGreaterThan(0);
      expect(seen.failed).toBeGreaterThan(0);
      expect(seen.minted).toBeGreaterThan(0n);
    });
  }
});

describe("writes the journal does not see", () => {
  it("an in-place mutation is missed by the change set and found by the structural comparison", () => {
    const chain = trafficChain("test", 7, "change-sets-in-place");
    for (let b = 0; b < 3; b++) chain.block();
    const before = entries(chain.state);
    const { changes } = chain.block();
    // A test-only write that bypasses the setters (and so the journal): a neuron edited in place.
    const netuid = [...chain.state.subnets.keys()].find((n) => !changes.neurons.get(n)?.has(1))!;
    const neuron = chain.state.subnets.get(netuid)!.neurons[1]! as { incentive: number };
    neuron.incentive += 1;
    const found = audit(before, entries(chain.state), changes);
    expect(found.misses).toContain(`neuron|${netuid}|1`);
    // (The subnet itself is named whenever the block wrote it, as its coinbase does every block.)
    expect(found.misses).toEqual(changes.subnets.has(netuid) ? [`neuron|${netuid}|1`] : [`neuron|${netuid}|1`, `subnet|${netuid}`]);
  });

  it("with freezeWrites on, the same in-place mutation throws where it happens", () => {
    freezeWrites(true);
    try {
      const chain = trafficChain("test", 7, "change-sets-frozen");
      for (let b = 0; b < 4; b++) chain.block();
      const neuron = chain.state.subnets.get(1)!.neurons[1]! as { incentive: number };
      expect(() => {
        neuron.incentive += 1;
      }).toThrow(TypeError);
      const account = chain.state.accounts.get(chain.keys[0]!.publicKeyHex)! as { free: bigint };
      expect(() => {
        account.free += 1n;
      }).toThrow(TypeError);
    } finally {
      freezeWrites(false);
    }
  });

  it("a subnet replaced without setSubnet is refused by the state root", () => {
    const chain = trafficChain("test", 7, "change-sets-bypass");
    chain.block();
    const s = chain.state.subnets.get(1)!;
    chain.state.subnets.set(1, { ...s, burn: s.burn + 1n });
    expect(() => stateRoot(chain.state)).toThrow(/subnet 1 was replaced without setSubnet/);
  });
});

describe("the change log", () => {
  it("drops what a failing transaction wrote, keeps what the enclosing one did", () => {
    const chain = trafficChain("test", 3, "change-sets-undo");
    const s = chain.state;
    const [a, b, c] = chain.keys.map((k) => k.publicKeyHex);
    const issuance = s.totalIssuance;
    beginChanges(s);
    transactional(s, () => {
      setAccount(s, a!, { free: 7_000n, nonce: 1 });
      try {
        transactional(s, () => {
          setAccount(s, b!, { free: 8_000n, nonce: 1 });
          setIssuance(s, s.totalIssuance + 5n);
          throw new DispatchError("Balances.InsufficientBalance");
        });
      } catch (e) {
        if (!(e instanceof DispatchError)) throw e;
      }
      transactional(s, () => setAccount(s, c!, { free: 9_000n, nonce: 2 }));
    });
    const changes = endChanges(s);
    expect([...changes.accounts.keys()].sort()).toEqual([a!, c!].sort());
    expect(changes.supply).toEqual([]);
    expect(changes.issuance).toEqual({ before: issuance, after: issuance });
  });

  it("logs issuance changes with their cause, an unnamed one as unattributed, and refuses negative amounts", () => {
    const chain = trafficChain("test", 3, "change-sets-supply");
    const s = chain.state;
    const issuance = s.totalIssuance;
    beginChanges(s);
    transactional(s, () => {
      mintIssuance(s, 1_000n, "pool-injection", 1);
      burnIssuance(s, 300n, "dissolution", 2, "recycled");
      burnIssuance(s, 0n, "fee", null);
      setIssuance(s, s.totalIssuance - 50n);
    });
    expect(() => mintIssuance(s, -1n, "emission", 1)).toThrow(/minted amount -1 rao \(emission\) is negative/);
    expect(() => burnIssuance(s, s.totalIssuance + 1n, "fee", null)).toThrow(/exceeds the issuance/);
    const changes = endChanges(s);
    expect(changes.supply).toEqual([
      { kind: "minted", role: "pool-injection", netuid: 1, amount: 1_000n },
      { kind: "recycled", role: "dissolution", netuid: 2, amount: 300n },
      { kind: "burned", role: "unattributed", netuid: null, amount: 50n },
    ]);
    expect(supplyTotals(changes.supply)).toEqual({ minted: 1_000n, burned: 50n, recycled: 300n });
    expect(changes.issuance).toEqual({ before: issuance, after: issuance + 650n });
  });

  it("refuses a block inside a block, and forgets an abandoned one", () => {
    const chain = trafficChain("test", 3, "change-sets-nest");
    beginChanges(chain.state);
    expect(() => beginChanges(chain.state)).toThrow(/already being collected/);
    abandonChanges(chain.state);
    expect(() => endChanges(chain.state)).toThrow(/no change set is being collected/);
    expect(chain.block().changes.everything).toBe(false);
  });
});
