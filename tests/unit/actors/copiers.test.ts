/**
 * Weight copiers under Yuma3 with liquid alpha (issue 11): a copier that submits the last
 * epoch's consensus earns less dividends per stake than honest validators that move first, once
 * the best miner changes over time.
 *
 * 1. A PoI network (tests/helpers/poi-chain.ts, test preset, tempo 10) whose two best miners take
 *    turns being online, so the best miner changes every two tempos, against the same network
 *    with every miner stationary.
 * 2. yuma-simulation's named cases (the replay CLI's path, lib/chain/consensus/yuma-simulation.ts)
 *    where each validator moves from one server to another once, at its own epoch.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { MinerBehaviour } from "@/lib/actors/miner";
import { runScenario } from "@/lib/chain/consensus/scenario";
import { convertYumaSimCase, type YumaSimCase } from "@/lib/chain/consensus/yuma-simulation";
import { weightedStakeOf } from "@/lib/chain/runtime/root";
import { poiChain, type PoiChain } from "../../helpers/poi-chain";

const SEED = 41;
const BLOCKS = 330; // 30 epochs at tempo 10
const VALIDATORS = 5; // 4 honest and the copier, 10 miners
const ROOT_STAKE_TAO = 15_000; // each; coldkey 0 holds 100,000 τ

/**
 * Runs the network for BLOCKS blocks and sums, over its epochs, each validator's dividend share
 * (u16 / 65535) divided by its stake weight (alpha + tao_weight·root stake, in τ, read before
 * the block that ran the epoch): dividends per 1,000 τ of stake weight. Yuma3 pays D_i ∝
 * bonds_i·stake_i, so this is what a validator's bonds earn, whatever its stake.
 */
function dividendsPerStake(chain: PoiChain, hotkeys: readonly string[]): number[] {
  const out = hotkeys.map(() => 0);
  let epoch = chain.state.subnets.get(1)!.epochIndex;
  for (let b = 0; b < BLOCKS; b++) {
    const before = chain.state.subnets.get(1)!;
    const stake = hotkeys.map((h) => Number(weightedStakeOf(chain.state, before, h)) / 2 ** 64 / 1e9);
    chain.run(1);
    const subnet = chain.state.subnets.get(1)!;
    if (subnet.epochIndex === epoch) continue;
    epoch = subnet.epochIndex;
    hotkeys.forEach((h, i) => (out[i]! += ((subnet.neurons.find((n) => n.hotkey === h)!.dividends / 65535) * 1000) / stake[i]!));
  }
  return out;
}

describe("PoI traffic: a weight copier under Yuma3 with liquid alpha", () => {
  // Honest validators with emaAlpha 1 weight each miner by its score this tempo: when the best
  // miner changes they move in the same tempo. The copier submits the consensus of the epoch
  // before (lib/actors/validator.ts), one epoch behind every change. (With the default EMA,
  // 0.2, honest validators take several tempos to follow a change themselves and lag a copier
  // of the consensus: seed 41, period 4, emaAlpha 0.5 already gives the copier more per stake
  // than two of the four honest validators.)
  function network(changing: boolean) {
    const base = { seed: SEED, subnets: 1, uids: 16, validators: VALIDATORS, rootStakeTao: () => ROOT_STAKE_TAO };
    const probe = poiChain({ ...base, traffic: { validatorMix: "honest", background: false } });
    const validators = probe.network.validators.map((v) => v.publicKeyHex);
    const subnet = probe.state.subnets.get(1)!;
    const miners = subnet.neurons.map((n) => n.hotkey).filter((h) => !validators.includes(h) && h !== subnet.ownerHotkey);
    const best = [...miners].sort((a, b) => probe.traffic.expectedScore("forecast", b, 0, 30, 4) - probe.traffic.expectedScore("forecast", a, 0, 30, 4)).slice(0, 2);
    // The two best take turns: online two tempos in four, out of phase, so the best miner online
    // changes every two tempos (seed 41: both score 0.391 on reference challenges, the next 0.319).
    const turns = (phaseTempos: number): MinerBehaviour => ({ kind: "periodic", periodTempos: 4, onlineTempos: 2, phaseTempos });
    const minerBehaviours = changing ? { [best[0]!]: turns(0), [best[1]!]: turns(2) } : {};
    const copier = validators[VALIDATORS - 1]!;
    const sudo = [
      { call: "AdminUtils.sudo_set_yuma3_enabled", args: { netuid: 1, enabled: true } }, // the default, said out loud
      { call: "AdminUtils.sudo_set_liquid_alpha_enabled", args: { netuid: 1, enabled: true } },
    ];
    const chain = poiChain({ ...base, sudo, traffic: { validatorMix: "honest", background: false, emaAlpha: 1, validatorKinds: { [copier]: "copier" }, minerBehaviours } });
    expect(chain.traffic.validatorKind(copier)).toBe("copier");
    const perStake = dividendsPerStake(chain, validators);
    const hyper = chain.state.subnets.get(1)!.hyper;
    expect([hyper.yuma3, hyper.liquidAlpha]).toEqual([true, true]);
    const honest = perStake.slice(0, -1);
    const result = { copier: perStake.at(-1)!, honest, honestMean: honest.reduce((a, b) => a + b, 0) / honest.length };
    console.log(`${changing ? "changing" : "stationary"} network (seed ${SEED}), dividends per 1,000 τ of stake weight over 30 epochs:`, JSON.stringify(result));
    return result;
  }

  it("earns less dividends per stake than each honest validator when the best miner changes, more than their mean when it does not", () => {
    // Seed 41, measured: changing: copier 7.573, honest 8.079 / 7.893 / 8.714 / 8.238 (mean
    // 8.231); without the turns: copier 8.649, honest 7.753 / 7.663 / 8.413 / 8.018 (mean 7.962).
    // On seed 41 no miner's profile is offline in some tempos (three degrade slowly), so without
    // the turns the consensus barely moves, and copying it is perfectly aligned with it (its
    // clipped weights are the consensus itself): the copier's loss is the changes'. The same
    // test on seeds 42–44 (scratch runs) also puts the copier below every honest validator with
    // the turns (7.09 / 7.29 / 6.37 against the lowest honest 7.83 / 7.97 / 8.23) and its ratio
    // to the honest mean below the one without them; on seed 44, where one miner's profile is
    // offline in half of the tempos at random, the copier is below the honest mean even without
    // the turns (7.65 against 8.21): that miner changes the network by itself. Seed 41 with
    // liquid alpha off (scratch) gives the same order, 7.47 against the lowest honest 7.76: the
    // copier's lag, not liquid alpha, is what costs it here.
    const changing = network(true);
    for (const h of changing.honest) expect(changing.copier).toBeLessThan(h);
    const stationary = network(false); // the same network without the turns
    expect(stationary.copier).toBeGreaterThan(stationary.honestMean);
    // The same validators, seeds and miners but for the two miners' turns.
    expect(changing.copier / changing.honestMean).toBeLessThan(stationary.copier / stationary.honestMean);
  });
});

/** The yuma-simulation cases file (shared/scenarios/, beside the checkout or above it). */
function yumaSimulationCases(): YumaSimCase[] {
  for (let dir = resolve(__dirname, "../../.."); ; dir = dirname(dir)) {
    const file = join(dir, "shared/scenarios/yuma-simulation-cases.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { deterministic_cases: YumaSimCase[] }).deterministic_cases;
    if (dirname(dir) === dir) throw new Error("shared/scenarios/yuma-simulation-cases.json is not beside the checkout or above it");
  }
}

interface StakesSegment {
  readonly epochs: string;
  readonly S: readonly number[];
}

describe("yuma-simulation's named cases under Yuma3 with liquid alpha", () => {
  it("pay a validator that moves to the new server earlier more dividends per stake than one that moves later", () => {
    // The cases where each validator changes its weights exactly once, each at its own epoch,
    // with stakes that never change: read from the case data, not from the names.
    const cases = yumaSimulationCases().flatMap((c) => {
      const w = c.weights_epochs_expanded!;
      const moves = c.validators.map((_, v) => w.flatMap((rows, e) => (e > 0 && JSON.stringify(rows[v]) !== JSON.stringify(w[e - 1]![v]) ? [e] : [])));
      const segments = (c as { stakes_segments?: StakesSegment[] }).stakes_segments ?? [];
      const single = moves.every((m) => m.length === 1) && new Set(moves.map((m) => m[0])).size === moves.length;
      return single && segments.length === 1 ? [{ c, moveEpoch: moves.map((m) => m[0]!), stakes: segments[0]!.S }] : [];
    });
    // Cases 1, 2, 3, 10 (two servers) and 15–18 (a third, stable server).
    expect(cases.map((x) => x.c.case_id)).toEqual(["Case 1", "Case 2", "Case 3", "Case 10", "Case 15", "Case 16", "Case 17", "Case 18"]);
    for (const { c, moveEpoch, stakes } of cases) {
      const converted = convertYumaSimCase(c, "yuma3"); // subtensor's test_yuma_3_* hyperparameters: Yuma3, liquid alpha on
      expect(converted.scenario.hyperparameters).toMatchObject({ yuma3: true, liquid_alpha: true });
      const epochs = runScenario(converted.scenario).slice(converted.firstEpoch);
      const perStake = c.validators.map((_, v) => epochs.reduce((s, rec) => s + rec.output.dividends[v]! / 65535, 0) / stakes[v]!);
      console.log(`${c.name}: moves at epochs ${moveEpoch.join("/")}, dividends per stake over ${epochs.length} epochs ${perStake.map((x) => x.toFixed(2)).join(" / ")}`);
      // Case 2, say: the small eager validator (moves at 1) 46.38, the big one (2) 39.60, the
      // small lazy one (3) 36.83 per unit of stake (0.1, 0.8, 0.1).
      const byMove = c.validators.map((_, v) => v).sort((a, b) => moveEpoch[a]! - moveEpoch[b]!);
      for (let k = 1; k < byMove.length; k++) expect(perStake[byMove[k]!]!, `${c.name}: ${c.validators[byMove[k]!]} vs ${c.validators[byMove[k - 1]!]}`).toBeLessThan(perStake[byMove[k - 1]!]!);
    }
  });
});
