/**
 * The PoI traffic (lib/actors/traffic.ts) on small networks in memory (tests/helpers/poi-chain.ts,
 * test preset, tempo 10): every extrinsic it makes is included; incentive after 30 epochs is
 * ordered like the miners' true quality on each task; the same seed gives the same state root in
 * another process and across a restart of the actors from their stored memory; a cabal below
 * kappa's stake share cannot lift its miners above what the honest validators' weights allow
 * (the bound derived at its test), above it it takes all of the incentive; commit-reveal subnets
 * get commits and reveals.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { produceBlock } from "@/lib/chain/runtime/block";
import { type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { weightedStakeOf } from "@/lib/chain/runtime/root";
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
  // One forecasting subnet with eight validators (poiChain's `validators`), 10,000 τ of root
  // stake each, seed 21; the cabal is the last k of them by uid and gives equal weight (½ each)
  // to two poor miners only: the two of lowest true quality among the miners whose budget covers
  // a request from every validator each tempo (capacity ≥ 8; a miner of capacity 2 answers only
  // the first two validators that ask, a disagreement among honest validators that the budget
  // makes, not the cabal). Compared with the same network all honest.
  //
  // The honest validators ask the miners first in every block (uid order), in both runs, so
  // their queries, the miners' answers, their EMAs and their weights are the same in both runs
  // (checked below): the runs differ only by what the cabal submits.
  //
  // Why a cabal below kappa cannot lift its miners above what the honest validators give them
  // (Yuma, spec §2.3: consensus C_j = the stake-weighted median at kappa κ of column j, clipped
  // weights min(W_ij, C_j), rank R_j = Σ_i A_i·min(W_ij, C_j), incentive I = R / ΣR). Let the
  // cabal hold a share s < κ of the active stake A, the honest validators h the rest (a_h, summing
  // to 1 − s), with row-normalised weights W_hj; M = the cabal's miners, N = the others.
  // - j in M: only the cabal's s < κ weighs j above W⁺_j = max_h W_hj, so C_j ≤ W⁺_j: the cabal's
  //   ½ is clipped to an honest validator's weight, and R_j ≤ C_j ≤ W⁺_j (the stake sums to 1).
  // - k in N: the honest 1 − s > κ all weigh k at least W⁻_k = min_h W_hk, so C_k ≥ W⁻_k and
  //   R_k ≥ (1 − s)·W⁻_k (the cabal gives k nothing).
  // So the cabal's miners' incentive I_M = R_M / (R_M + R_N) ≤ B = ΣW⁺_M / (ΣW⁺_M + (1 − s)·ΣW⁻_N).
  // Were the honest validators to agree (W_hj = w_j for every h), the honest run would give
  // I = w and P = Σ_M w_j, and B = P / (P + (1 − s)(1 − P)) = P / (1 − s + s·P) ≤ P / (1 − s): the
  // cabal's miners gain only from renormalisation (the other miners lose the cabal's share of
  // their rank), never from the cabal's own weight. The honest validators here do not agree
  // exactly (each scores one challenge of its own a tempo), and with s = 3/8 the κ − s = 1/8 of
  // stake the cabal needs from them is one honest validator: the consensus of a cabal miner is
  // the most generous honest validator's weight on it, above the honest run's median.
  // Above kappa (s > κ) the cabal's ½ is the median itself and the other miners' consensus is
  // its 0: its miners take the incentive.
  const K = 0.5;
  const base = { seed: 21, subnets: 1, uids: 16, validators: 8, rootStakeTao: () => 10_000 };
  // The miners, their true quality, and the cabal's two (from a network not yet run).
  const probe = poiChain({ ...base, traffic: { validatorMix: "honest", background: false } });
  const miners = minersOf(probe, 1).map((m) => ({ ...m, quality: probe.traffic.expectedScore("forecast", m.hotkey, 0, 30, 8), capacity: probe.traffic.minerProfile(m.hotkey).capacity }));
  const poorest = miners.filter((m) => m.capacity >= 8).sort((a, b) => a.quality - b.quality).slice(0, 2);
  // `silent`: the cabal's two miners never answer (offline in every tempo), in both runs.
  const minerBehaviours = (silent: boolean) => (silent ? Object.fromEntries(poorest.map((m) => [m.hotkey, { kind: "offline", offlineRate: 1 } as const])) : {});
  const honestRuns = new Map<boolean, PoiChain>();
  const honestRun = (silent: boolean): PoiChain => {
    let honest = honestRuns.get(silent);
    if (!honest) {
      honest = poiChain({ ...base, traffic: { validatorMix: "honest", background: false, minerBehaviours: minerBehaviours(silent) } });
      honest.run(330);
      honestRuns.set(silent, honest);
    }
    return honest;
  };

  function run(cabalCount: number, silent = false) {
    const honest = honestRun(silent);
    const hotkeys = honest.network.validators.map((v) => v.publicKeyHex);
    expect(miners.length).toBe(7);
    const cabalHotkeys = hotkeys.slice(hotkeys.length - cabalCount);
    const honestHotkeys = hotkeys.slice(0, hotkeys.length - cabalCount);
    const cabal = poiChain({ ...base, traffic: { validatorMix: "honest", background: false, minerBehaviours: minerBehaviours(silent), cabal: { validators: cabalHotkeys, miners: poorest.map((m) => m.hotkey) } } });
    expect(cabal.traffic.validatorKind(cabalHotkeys[0]!)).toBe("cabal");
    cabal.run(330);
    const subnet = (c: PoiChain) => c.state.subnets.get(1)!;
    const neuron = (c: PoiChain, hotkey: string) => subnet(c).neurons.find((n) => n.hotkey === hotkey)!;
    for (const h of hotkeys) expect(neuron(cabal, h).validatorPermit, `permit of ${h}`).toBe(true);
    // The honest validators' weights: the same rows in both runs.
    for (const h of honestHotkeys) expect(neuron(cabal, h).weights).toEqual(neuron(honest, h).weights);
    const share = (c: PoiChain, uids: number[]) => uids.reduce((s, uid) => s + subnet(c).neurons[uid]!.incentive, 0) / 65535;
    const poor = poorest.map((m) => m.uid);
    const rest = miners.filter((m) => !poor.includes(m.uid)).map((m) => m.uid);
    // The cabal's share s of the stake weights (alpha + tao_weight·root) at the last epoch.
    const stake = hotkeys.map((h) => Number(weightedStakeOf(cabal.state, subnet(cabal), h)));
    const s = cabalHotkeys.reduce((a, h) => a + stake[hotkeys.indexOf(h)]!, 0) / stake.reduce((a, b) => a + b, 0);
    // Honest rows as the epoch normalises them (stored u16 over the row's sum).
    const rows = honestHotkeys.map((h) => {
      const w = neuron(cabal, h).weights;
      const total = w.reduce((a, [, x]) => a + x, 0);
      return new Map(w.map(([uid, x]) => [uid, x / total]));
    });
    const most = (uid: number) => Math.max(...rows.map((r) => r.get(uid) ?? 0));
    const least = (uid: number) => Math.min(...rows.map((r) => r.get(uid) ?? 0));
    const wPlus = poor.reduce((a, uid) => a + most(uid), 0);
    const wMinus = rest.reduce((a, uid) => a + least(uid), 0);
    const P = share(honest, poor);
    const out = {
      s,
      poorHonest: P,
      poorCabal: share(cabal, poor),
      restCabal: share(cabal, rest),
      bound: wPlus / (wPlus + (1 - s) * wMinus),
      agreeing: P / (1 - s + s * P),
      loose: P / (1 - s),
      consensusCabalRun: poor.map((uid) => subnet(cabal).neurons[uid]!.consensus / 65535),
      consensusHonestRun: poor.map((uid) => subnet(honest).neurons[uid]!.consensus / 65535),
      mostGenerousHonest: poor.map(most),
      dividendsCabalRun: hotkeys.map((h) => neuron(cabal, h).dividends),
      cabal: cabalHotkeys.map((h) => hotkeys.indexOf(h)),
    };
    console.log(`cabal of ${cabalCount} of 8 validators (seed 21), ${silent ? "silent" : "poor"} miners ${poor.join(", ")}:`, JSON.stringify(out));
    return out;
  }

  it("below: with 3 of 8 validators (s = 0.375 < κ) its miners get no more than the honest validators' weights allow", () => {
    const r = run(3);
    expect(r.s).toBeLessThan(K);
    // Measured: s = 0.375; the poor miners' incentive 0.1912 in the honest run, 0.3086 with the
    // cabal, under B = 0.4107. Were the honest validators to agree it would be P / (1 − s + sP)
    // = 0.2745; P / (1 − s) = 0.3060 is exceeded by 0.8%, the honest validators' disagreement:
    // the consensus on the cabal's miners is 0.1125 and 0.1017, the most generous honest weights
    // on them (0.1125, 0.1017), where the honest run's median was 0.1028 and 0.0945.
    // The cabal gave them ½ each; the consensus is an honest validator's weight (to u16 rounding).
    for (const [j, c] of r.consensusCabalRun.entries()) expect(c).toBeLessThanOrEqual(r.mostGenerousHonest[j]! + 1 / 65535);
    expect(r.poorCabal).toBeLessThanOrEqual(r.bound);
    expect(r.poorCabal).toBeLessThan(0.5);
    expect(r.restCabal).toBeGreaterThan(0.5);
    // Its bonds are only in its two miners, which get 31% of the incentive (the honest
    // validators' bonds are in every miner): measured 3,084 each against 10,146 to 11,977.
    const honestDividends = r.dividendsCabalRun.filter((_, i) => !r.cabal.includes(i));
    for (const i of r.cabal) expect(r.dividendsCabalRun[i]!).toBeLessThan(Math.min(...honestDividends) / 3);
  });

  it("above: with 5 of 8 validators (s = 0.625 > κ) its miners take the incentive", () => {
    const r = run(5);
    expect(r.s).toBeGreaterThan(K);
    // Measured: the poor miners' incentive 0.1912 in the honest run, 1.0000 with the cabal (u16
    // 65534 of 65535); the rest 0, since the cabal's 0 is the other miners' median.
    for (const c of r.consensusCabalRun) expect(c).toBeCloseTo(0.5, 3); // its own ½ is the median
    expect(r.poorCabal).toBeGreaterThan(0.95);
    expect(r.restCabal).toBeLessThan(0.05);
    // Now the honest validators' weights are clipped away: measured 2,030 / 1,837 / 2,261
    // against the cabal's 11,881 each.
    const cabalDividends = r.dividendsCabalRun.filter((_, i) => r.cabal.includes(i));
    for (const [i, d] of r.dividendsCabalRun.entries()) if (!r.cabal.includes(i)) expect(d).toBeLessThan(Math.min(...cabalDividends));
  });

  it("for miners that never answer: nothing below kappa (their honest incentive), all of it above", () => {
    // The agreeing case of the derivation, exactly: every honest validator scores the two silent
    // miners 0, so W⁺ = 0, their consensus below kappa is 0 and the cabal's ½ is clipped away:
    // P = 0 and P / (1 − s + sP) = 0. Above kappa the cabal's ½ is the consensus, and miners that
    // do nothing take the incentive. Measured: 0 honest, 0 below (s = 0.375; the cabal's
    // dividends 0, its bonds being in no miner), 1.0000 above (the honest validators' dividends 0).
    const below = run(3, true);
    expect(below.s).toBeLessThan(K);
    expect(below.poorHonest).toBe(0);
    expect(below.mostGenerousHonest).toEqual([0, 0]);
    expect(below.consensusCabalRun).toEqual([0, 0]);
    expect(below.poorCabal).toBe(0);
    const above = run(5, true);
    expect(above.s).toBeGreaterThan(K);
    expect(above.poorCabal).toBeGreaterThan(0.95);
    expect(above.restCabal).toBeLessThan(0.05);
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
