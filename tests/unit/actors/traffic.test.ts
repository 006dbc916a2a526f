/**
 * The PoI traffic (lib/actors/traffic.ts) on small networks in memory (tests/helpers/poi-chain.ts,
 * test preset, tempo 10): every extrinsic it makes is included; incentive after 30 epochs is
 * ordered like the miners' true quality on each task; the same seed gives the same state root in
 * another process and across a restart of the actors from their stored memory; a cabal below
 * kappa's stake share cannot take the incentive, above it it takes all of it; commit-reveal
 * subnets get commits and reveals.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { produceBlock } from "@/lib/chain/runtime/block";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { stateRoot } from "@/lib/chain/runtime/state";
import { createPoiTraffic } from "@/lib/actors/traffic";
import { poiChain, type PoiChain } from "../../helpers/poi-chain";
import { poiRoot } from "../../helpers/poi-root";
import { spearman } from "../../helpers/ranks";

/** The subnet's miners: uids whose hotkey is neither a validator key nor the owner's. */
function minersOf(chain: PoiChain, netuid: number) {
  const subnet = chain.state.subnets.get(netuid)!;
  const validators = new Set(chain.network.validators.map((v) => v.publicKeyHex));
  return subnet.neurons.map((n, uid) => ({ uid, hotkey: n.hotkey, incentive: n.incentive })).filter((m) => !validators.has(m.hotkey) && m.hotkey !== subnet.ownerHotkey);
}

describe("PoI traffic", () => {
  it("makes only extrinsics the chain includes: weights from the validator hotkeys once per tempo, background calls", () => {
    const chain = poiChain({ seed: 3, subnets: 3, uids: 16 });
    const planned = chain.run(60); // poiChain throws on any refused extrinsic
    const validators = new Set(chain.network.validators.map((v) => v.publicKeyHex));
    const weights = planned.filter((x) => x.call === "SubtensorModule.set_weights");
    expect(weights.length).toBeGreaterThan(0);
    for (const w of weights) expect(validators.has(w.signer), `set_weights signed by ${w.signer}`).toBe(true);
    // 3 validators × 3 subnets, due every max(tempo 10, rate limit 2) = 10 blocks once they hold permits: at most 5 rounds each in 60 blocks.
    expect(weights.length).toBeLessThanOrEqual(3 * 3 * 5);
    expect(planned.some((x) => x.call === "SubtensorModule.add_stake")).toBe(true);
    expect(planned.some((x) => x.call === "SubtensorModule.burned_register")).toBe(true);
    // Memory: an entry per (subnet, validator) that ran a round (at least each one that set weights), and a ledger per subnet.
    const entries = [...chain.memory.keys()].filter((k) => k.startsWith("validator/"));
    for (const k of entries) expect(validators.has(k.split("/")[2]!), k).toBe(true);
    expect(entries.length).toBeGreaterThanOrEqual(new Set(weights.map((w) => `validator/${(w.args as { netuid: number }).netuid}/${w.signer}`)).size);
    expect([...chain.memory.keys()].filter((k) => k.startsWith("ledger/")).sort()).toEqual(["ledger/1", "ledger/2", "ledger/3"]);
  });

  it("keys a validator's EMA by miner hotkey, for the miners registered now", () => {
    const chain = poiChain({ seed: 3, subnets: 1, uids: 16, traffic: { validatorMix: "honest", background: false } });
    chain.run(25);
    const miners = new Set(minersOf(chain, 1).map((m) => m.hotkey));
    const memory = JSON.parse(chain.memory.get(`validator/1/${chain.network.validators[0]!.publicKeyHex}`)!) as { ema: Record<string, number>; lastRound: number };
    expect(Object.keys(memory.ema).length).toBe(miners.size); // 16 sampled a round: all 12 scored
    for (const hotkey of Object.keys(memory.ema)) expect(miners.has(hotkey), hotkey).toBe(true);
    // Permits come with the first epoch (block 10); rounds at 11 (block − LastUpdate 0 ≥ 10) and 21.
    expect(memory.lastRound).toBe(21);
  });

  // Spearman's ρ between each miner's incentive after 30 epochs and its true quality (its mean
  // score on reference challenges over the last 10 tempos, three requests a tempo as its three
  // validators ask, each scoring all 12 miners), honest validators, no churn. The seeded run
  // gives forecast F, classify C, compute P; the bounds leave room for a change of draws, not
  // for a wrong order.
  it.each([
    [1, "forecast", 0.9],
    [2, "classify", 0.7],
    [3, "compute", 0.8],
  ] as const)("orders subnet %i's incentive like true miner quality on %s (Spearman ≥ %f)", (netuid, task, bound) => {
    const chain = poiChain({ seed: 7, subnets: 3, uids: 16, traffic: { validatorMix: "honest", background: false } });
    chain.run(330);
    expect(chain.traffic.taskOf(netuid)).toBe(task);
    const subnet = chain.state.subnets.get(netuid)!;
    expect(subnet.neurons.filter((n) => n.validatorPermit && chain.network.validators.some((v) => v.publicKeyHex === n.hotkey)).length).toBe(3);
    const miners = minersOf(chain, netuid);
    expect(miners.length).toBe(12);
    const epoch = subnet.epochIndex;
    const quality = miners.map((m) => chain.traffic.expectedScore(task, m.hotkey, epoch - 10, epoch, 3));
    const rho = spearman(quality, miners.map((m) => m.incentive));
    console.log(`${task}: Spearman ${rho.toFixed(3)} over ${miners.length} miners after ${epoch} epochs`);
    expect(rho).toBeGreaterThanOrEqual(bound);
  });

  it("gives the same state root in another process (npx tsx), and another root for another seed", () => {
    const here = poiRoot(11, 80);
    const there = execFileSync("npx", ["tsx", "tests/helpers/poi-root.ts", "11", "80"], { encoding: "utf8", timeout: 120_000 }).trim();
    expect(there).toBe(here);
    expect(poiRoot(12, 80)).not.toBe(here);
  });

  it("plans the same blocks after a restart from its stored memory as without one", () => {
    const straight = poiChain({ seed: 5, subnets: 3, uids: 16 });
    const expected = straight.run(75);

    const first = poiChain({ seed: 5, subnets: 3, uids: 16 });
    const before = first.run(35);
    // The restart: new traffic (no caches), memory read back from its stored text.
    const stored = JSON.parse(JSON.stringify([...first.memory])) as [string, string][];
    const traffic = createPoiTraffic({ seed: 5, coldkeys: first.network.coldkeys, hotkeys: first.network.hotkeys, validators: first.network.validators });
    const resumed: PoiChain = { ...first, traffic, memory: new Map(stored) };
    const after = runBlocks(resumed, 40);
    expect([...before, ...after].map((x) => x.signature)).toEqual(expected.map((x) => x.signature));
    expect(stateRoot(resumed.state)).toBe(stateRoot(straight.state));
  });
});

/** `n` blocks of `chain`'s traffic over its state and memory (poiChain's loop, for a chain whose traffic was swapped). */
function runBlocks(chain: PoiChain, n: number): SignedExtrinsic[] {
  const out: SignedExtrinsic[] = [];
  for (let i = 0; i < n; i++) {
    const plan = chain.traffic.plan(chain.state, chain.memory);
    const { rejected } = produceBlock(chain.state, { timestamp: 1_700_000_000_000n + (chain.state.block + 1n) * 12_000n, author: chain.network.author.publicKeyHex, extrinsics: plan.extrinsics });
    expect(rejected).toEqual([]);
    for (const [k, v] of plan.changes) v === null ? chain.memory.delete(k) : chain.memory.set(k, v);
    out.push(...plan.extrinsics);
  }
  return out;
}

describe("PoI traffic: validator kinds", () => {
  it("gives a configured kind over the mix, and a copier's weights only once there is a consensus to copy", () => {
    const probe = poiChain({ seed: 31, subnets: 1, uids: 16 });
    const copier = probe.network.validators[2]!.publicKeyHex;
    const chain = poiChain({ seed: 31, subnets: 1, uids: 16, traffic: { validatorMix: "honest", background: false, validatorKinds: { [copier]: "copier" } } });
    expect(chain.traffic.validatorKind(copier)).toBe("copier");
    expect(chain.traffic.validatorKind(probe.network.validators[0]!.publicKeyHex)).toBe("honest");
    const planned = chain.run(45);
    const copied = planned.filter((x) => x.call === "SubtensorModule.set_weights" && x.signer === copier);
    // Rounds at 11, 21, 31, 41: at 11 the first epoch (block 10) ran on no weights, so there is no consensus yet.
    expect(copied.length).toBe(3);
  });
});

describe("PoI traffic: configured miner behaviours", () => {
  const network = poiChain({ seed: 31, subnets: 1, uids: 16 }).network;
  const keys = { seed: 31, coldkeys: network.coldkeys, hotkeys: network.hotkeys, validators: network.validators };
  const miner = network.hotkeys.find((k) => !network.validators.includes(k))!.publicKeyHex;

  it("gives a configured behaviour over the profile's and keeps the rest of the profile", () => {
    const turns = { kind: "periodic", periodTempos: 4, onlineTempos: 2, phaseTempos: 0 } as const;
    const plain = createPoiTraffic(keys).minerProfile(miner);
    const configured = createPoiTraffic({ ...keys, minerBehaviours: { [miner]: turns } });
    expect(configured.minerProfile(miner)).toEqual({ ...plain, behaviour: turns });
    // Offline in tempos 2 and 3 of every 4: no score there on reference challenges.
    expect(configured.expectedScore("forecast", miner, 2, 4, 3)).toBe(0);
    expect(configured.expectedScore("forecast", miner, 0, 2, 3)).toBeGreaterThan(0);
  });

  it("error: refuses a bad behaviour or hotkey, naming it", () => {
    expect(() => createPoiTraffic({ ...keys, minerBehaviours: { [miner]: { kind: "periodic", periodTempos: 4, onlineTempos: 0, phaseTempos: 0 } } })).toThrow(new RangeError(`minerBehaviours[${miner}].onlineTempos must be an integer in [1, 4], got 0`));
    expect(() => createPoiTraffic({ ...keys, minerBehaviours: { nobody: { kind: "honest" } } })).toThrow(new RangeError('a hotkey must be 0x followed by 64 hex digits, got "nobody"'));
  });
});

describe("PoI traffic: nominators", () => {
  it("move root stake from the validator earning the least dividends per τ to the one earning the most", () => {
    // Coldkey 0 staked 20,000 τ on root on each validator; a lazy or copying validator earns less.
    const chain = poiChain({ seed: 8, subnets: 2, uids: 16, traffic: { background: false, nominatorRate: 0.5 } });
    const nominator = chain.network.coldkeys[0]!;
    const withNominator = poiChain({ seed: 8, subnets: 2, uids: 16, traffic: { background: false, nominatorRate: 0.5, nominators: [nominator] } });
    chain.run(80);
    const planned = withNominator.run(80);
    const moves = planned.filter((x) => x.call === "SubtensorModule.move_stake");
    expect(moves.length).toBeGreaterThan(0);
    const rootTao = (c: PoiChain) => c.network.validators.map((v) => Number(c.state.root.stake[v.publicKeyHex]!.value / 1_000_000_000n));
    const dividends = (c: PoiChain) => c.network.validators.map((v) => [...c.state.subnets.values()].reduce((s, sn) => s + (sn.neurons.find((n) => n.hotkey === v.publicKeyHex)?.dividends ?? 0), 0));
    const kinds = chain.network.validators.map((v) => chain.traffic.validatorKind(v.publicKeyHex));
    console.log("validators", kinds, "dividends without nominator", dividends(chain), "root τ after", rootTao(withNominator));
    const d = dividends(chain);
    const lowest = d.indexOf(Math.min(...d));
    const highest = d.indexOf(Math.max(...d));
    expect(rootTao(withNominator)[lowest]).toBeLessThan(20_000);
    expect(rootTao(withNominator)[highest]).toBeGreaterThan(20_000);
  });
});

describe("PoI traffic: a cabal against kappa (0.5)", () => {
  // One forecasting subnet, three validators with root stake; the cabal weights only the two
  // poorest miners (lowest true quality). Compared with the same network all honest.
  function run(stakes: readonly number[], cabalCount: number) {
    const base = { seed: 21, subnets: 1, uids: 16, rootStakeTao: (i: number) => stakes[i]! };
    const honest = poiChain({ ...base, traffic: { validatorMix: "honest", background: false } });
    const miners = minersOf(honest, 1).map((m) => ({ ...m, quality: honest.traffic.expectedScore("forecast", m.hotkey, 0, 30, 3) }));
    const poorest = [...miners].sort((a, b) => a.quality - b.quality).slice(0, 2);
    const cabalHotkeys = honest.network.validators.slice(0, cabalCount).map((v) => v.publicKeyHex);
    const cabal = poiChain({ ...base, traffic: { validatorMix: "honest", background: false, cabal: { validators: cabalHotkeys, miners: poorest.map((m) => m.hotkey) } } });
    expect(cabal.traffic.validatorKind(cabalHotkeys[0]!)).toBe("cabal");
    honest.run(330);
    cabal.run(330);
    const share = (c: PoiChain, uids: number[]) => uids.reduce((s, uid) => s + c.state.subnets.get(1)!.neurons[uid]!.incentive, 0) / 65535;
    const poor = poorest.map((m) => m.uid);
    const rest = miners.filter((m) => !poor.includes(m.uid)).map((m) => m.uid);
    const dividends = (c: PoiChain) => c.network.validators.map((v) => c.state.subnets.get(1)!.neurons.find((n) => n.hotkey === v.publicKeyHex)!.dividends);
    const out = { poorHonest: share(honest, poor), poorCabal: share(cabal, poor), restCabal: share(cabal, rest), dividendsCabalRun: dividends(cabal), dividendsHonestRun: dividends(honest) };
    console.log(`cabal of ${cabalCount} validator(s), stakes ${stakes.join("/")} τ:`, JSON.stringify(out));
    return out;
  }

  it("below: with a quarter of the stake it cannot take the incentive, and its validator loses its dividends", () => {
    const r = run([20_000, 30_000, 30_000], 1);
    // Its two miners end with 12% of the incentive (honest run: 3%), far from all of it; the
    // cabal's weight above consensus is clipped, the honest majority's order stands.
    expect(r.poorCabal).toBeLessThan(0.25);
    expect(r.restCabal).toBeGreaterThan(0.75);
    // Its bonds are in miners nobody else values: dividends a tenth of an honest validator's.
    expect(r.dividendsCabalRun[0]!).toBeLessThan(r.dividendsCabalRun[1]! / 10);
  });

  it("above: with three quarters of the stake its miners take the incentive", () => {
    const r = run([30_000, 30_000, 20_000], 2);
    expect(r.poorHonest).toBeLessThan(0.1);
    expect(r.poorCabal).toBeGreaterThan(0.95);
    expect(r.restCabal).toBeLessThan(0.05);
  });
});

describe("PoI traffic: commit-reveal", () => {
  it("commits weights on a subnet with commit-reveal on and reveals them in the next epoch", () => {
    const chain = poiChain({ seed: 4, subnets: 1, uids: 16, traffic: { validatorMix: "honest", background: false } });
    const sudo = chain.network.author;
    let sent = false;
    const planned = chain.run(45, (state) => {
      if (sent) return [];
      sent = true;
      return [signExtrinsic(sudo, { call: "AdminUtils.sudo_set_commit_reveal_weights_enabled", args: { netuid: 1, enabled: true } }, 0, state.genesisHash, new Uint8Array(32))];
    });
    expect(chain.state.subnets.get(1)!.hyper.commitReveal).toBe(true);
    expect(planned.filter((x) => x.call === "SubtensorModule.set_weights")).toEqual([]);
    const commits = planned.filter((x) => x.call === "SubtensorModule.commit_weights");
    const reveals = planned.filter((x) => x.call === "SubtensorModule.reveal_weights");
    expect(commits.length).toBeGreaterThanOrEqual(3);
    expect(reveals.length).toBeGreaterThanOrEqual(3);
    // Revealed weights reached the chain: every validator has a weights row.
    for (const v of chain.network.validators) expect(chain.state.subnets.get(1)!.neurons.find((n) => n.hotkey === v.publicKeyHex)!.weights.length).toBeGreaterThan(0);
  });
});
