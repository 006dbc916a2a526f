/**
 * Turns the named scenarios of the yuma-simulation project (scenarios/yuma-simulation-cases.json:
 * validators × servers weight matrices and validator stakes per epoch) into epoch scenarios in
 * the `epoch_full` step language, so they run through subtensor's own epoch. The layout is the
 * one subtensor's `test_yuma_3_*` tests use for the same cases: validators are uids
 * 0..v−1, servers v..v+s−1, one epoch per block at tempo 1, a first epoch to grant permits.
 *
 * Generated cases (19–22) draw noisy weights; yuma-simulation uses torch's generator, which is
 * not reproducible here, so they are drawn from {@link createRng} with the same seeds, means and
 * spreads: the same experiment, not the same numbers.
 */
import { createRng } from "../rng";
import { vecU16MaxUpscaleToU16 } from "../math/wide";
import { ScenarioError } from "./scenario";

export type YumaVariant = "yuma3" | "yuma3-fixed-alpha" | "original";

export interface YumaSimCase {
  case_id: string;
  name: string;
  validators: string[];
  servers: string[];
  num_epochs: number;
  weights_epochs_expanded?: number[][][];
  weights_generator?: { function: string; post?: string };
  stakes_segments?: { epochs: string; S: number[] }[];
  reset_bonds?: { reset_bonds: boolean; reset_bonds_index?: number; reset_bonds_epoch?: number };
}

export interface ConvertedScenario {
  scenario: Record<string, unknown>;
  validators: string[];
  servers: string[];
  /** Index of the first epoch record that belongs to the simulated epochs (0 is the permit bootstrap). */
  firstEpoch: number;
  seededApproximation: boolean;
}

const DEFAULT_STAKES = [0.8, 0.1, 0.1];
const RAO_PER_UNIT = 1_000_000_000;

/** `"3..39"` or `"7"` → inclusive [from, to]. */
function epochRange(text: string, id: string): [number, number] {
  const m = /^(\d+)(?:\.\.(\d+))?$/.exec(text.trim());
  if (!m) throw new ScenarioError(id, null, `bad epoch range ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

function stakesAt(c: YumaSimCase, epoch: number): number[] {
  for (const seg of c.stakes_segments ?? []) {
    const [a, b] = epochRange(seg.epochs, c.name);
    if (epoch >= a && epoch <= b) return seg.S;
  }
  return DEFAULT_STAKES;
}

/** Noisy validator views of server quality, as `_get_shared(_3server)_weights_epochs` describes. */
function generatedWeights(c: YumaSimCase, seed = 42): number[][][] {
  const threeServers = c.servers.length === 3;
  const truth = threeServers ? [0.3, 0.35, 0.4] : [0.6, 0.55];
  const spread = threeServers ? [0.05, 0.1, 0.1] : [0.05, 0.15, 0.15];
  const winnerTakesAll = /one-hot|client-side/i.test(c.weights_generator?.post ?? "");
  return Array.from({ length: c.num_epochs }, (_, epoch) =>
    c.validators.map((_, v) => {
      // One generator per validator row (3 servers) or per (validator, server) entry (2 servers).
      const rowRng = threeServers ? createRng(seed + v * c.num_epochs + epoch) : null;
      const row = truth.map((t, s) => {
        const rng = rowRng ?? createRng(seed + (v * 2 + s) * c.num_epochs + epoch);
        return Math.min(1, Math.max(0, t + rng.normal(0, spread[v]!)));
      });
      if (winnerTakesAll) {
        const best = row.indexOf(Math.max(...row));
        return row.map((_, s) => (s === best ? 1 : 0));
      }
      const total = row.reduce((a, b) => a + b, 0) + 1e-6;
      return row.map((w) => w / total);
    }),
  );
}

function variantParams(variant: YumaVariant): Record<string, unknown> {
  // Hyperparameters of subtensor's test_yuma_3_* tests, which port these same cases.
  const yuma3 = {
    kappa: 32767,
    bonds_penalty: 0,
    bonds_moving_average: 975_000,
    yuma3: true,
    liquid_alpha: true,
    alpha_low_u16: 6553,
    alpha_high_u16: 19660,
    alpha_sigmoid_steepness: 1000,
  };
  if (variant === "yuma3") return yuma3;
  if (variant === "yuma3-fixed-alpha") return { ...yuma3, liquid_alpha: false };
  return { kappa: 32767, bonds_penalty: 65535, bonds_moving_average: 900_000, yuma3: false, liquid_alpha: false };
}

export function isYumaSimulationFile(data: unknown): boolean {
  return typeof data === "object" && data !== null && ("deterministic_cases" in data || "generated_cases" in data);
}

export function isYumaSimulationCase(data: unknown): data is YumaSimCase {
  return typeof data === "object" && data !== null && "validators" in data && "servers" in data && "num_epochs" in data;
}

/** Convert one yuma-simulation case to an epoch scenario. */
export function convertYumaSimCase(c: YumaSimCase, variant: YumaVariant = "yuma3"): ConvertedScenario {
  const id = c.name ?? c.case_id;
  if (!Array.isArray(c.validators) || !Array.isArray(c.servers) || c.validators.length === 0 || c.servers.length === 0) {
    throw new ScenarioError(id, null, "a yuma-simulation case needs non-empty validators and servers");
  }
  const nv = c.validators.length;
  const ns = c.servers.length;
  const n = nv + ns;
  const seeded = c.weights_epochs_expanded === undefined;
  const weights = c.weights_epochs_expanded ?? (c.weights_generator ? generatedWeights(c) : undefined);
  if (!weights) throw new ScenarioError(id, null, "the case has neither weights_epochs_expanded nor weights_generator");
  if (weights.length < c.num_epochs) throw new ScenarioError(id, null, `weights cover ${weights.length} of ${c.num_epochs} epochs`);

  const toRao = (s: number) => Math.round(s * RAO_PER_UNIT);
  const stake0 = stakesAt(c, 0);
  const steps: Record<string, unknown>[] = [{ op: "set_block", block: 2 }, { op: "epoch", rao_emission: RAO_PER_UNIT }];
  let block = 2;
  for (let e = 0; e < c.num_epochs; e++) {
    const stakes = stakesAt(c, e);
    stakes.forEach((s, v) => steps.push({ op: "set_stake", uid: v, alpha_stake: toRao(s) }));
    weights[e]!.forEach((row, v) => {
      if (row.length !== ns) throw new ScenarioError(id, null, `epoch ${e}: validator ${v} weights ${row.length} servers, expected ${ns}`);
      const values = row.map((w) => Math.floor(Math.min(1, Math.max(0, w)) * 65535));
      const stored = vecU16MaxUpscaleToU16(values);
      steps.push({ op: "set_weights", uid: v, uids: row.map((_, s) => nv + s), values, stored: stored.map((w, s) => [nv + s, w]) });
    });
    const reset = c.reset_bonds;
    if (reset?.reset_bonds && reset.reset_bonds_epoch === e && variant !== "original") {
      steps.push({ op: "reset_bonds_column", uid: nv + (reset.reset_bonds_index ?? 0) });
    }
    block += 1;
    steps.push({ op: "set_block", block }, { op: "epoch", rao_emission: RAO_PER_UNIT });
  }
  const scenario = {
    id,
    hyperparameters: {
      n,
      tempo: 1,
      activity_cutoff_blocks: 13,
      max_allowed_validators: nv,
      min_allowed_weights: 1,
      ...variantParams(variant),
    },
    initial_state: {
      block: 1,
      alpha_stake: [...stake0.map(toRao), ...new Array<number>(ns).fill(0)],
      block_at_registration: new Array<number>(n).fill(1),
      last_update: new Array<number>(n).fill(1),
      validator_permit: new Array<boolean>(n).fill(false),
    },
    steps,
  };
  return { scenario, validators: c.validators, servers: c.servers, firstEpoch: 1, seededApproximation: seeded };
}
