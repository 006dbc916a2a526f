/**
 * Replays epoch scenarios written in the step language of subtensor's `epoch_full` vectors
 * (vectors/subtensor/README.md): a subnet's initial state, then `set_block`, `set_weights`,
 * `set_weights_range`, `replace_neuron`, `reset_bonds_column` and `epoch` steps. Each epoch
 * runs {@link runEpoch} and persists its outputs the way `SubtensorModule::epoch` does, so the
 * next epoch sees them. Pure: parsed JSON in, per-epoch results out.
 */
import { U64_MAX } from "../math/fixed";
import { type EpochOutput, type EpochParams, activityCutoffBlocks, runEpoch } from "./epoch";
import { u16MatrixToRows } from "./u16-matrix";

export class ScenarioError extends Error {
  constructor(
    readonly caseId: string,
    readonly step: number | null,
    detail: string,
  ) {
    super(`case ${caseId}${step === null ? "" : `, step ${step}`}: ${detail}`);
    this.name = "ScenarioError";
  }
}

export const DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI = 13_889;

export interface EpochRecord {
  caseId: string;
  /** 0-based index of this epoch within the scenario. */
  epoch: number;
  /** 0-based index of the step that ran it. */
  step: number;
  block: bigint;
  output: EpochOutput;
  /** The step's `expected` object, if it has one. */
  expected: Record<string, unknown> | undefined;
}

type Json = Record<string, unknown>;

interface SubnetState {
  n: number;
  block: bigint;
  alphaStake: bigint[];
  lastUpdate: bigint[];
  blockAtRegistration: bigint[];
  validatorPermit: boolean[];
  weights: (readonly [number, number])[][];
  bonds: (readonly [number, number])[][];
  emission: bigint[];
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads typed fields with errors that name the case, the step and the field. */
class Reader {
  constructor(
    private readonly caseId: string,
    private readonly step: number | null,
    private readonly where: string,
  ) {}

  error(detail: string): ScenarioError {
    return new ScenarioError(this.caseId, this.step, detail);
  }

  fail(detail: string): never {
    throw this.error(detail);
  }

  private field(obj: Json, key: string): unknown {
    if (!(key in obj) || obj[key] === undefined) this.fail(`${this.where} is missing "${key}"`);
    return obj[key];
  }

  int(obj: Json, key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.field(obj, key);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`${this.where} "${key}" must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    }
    return v;
  }

  optInt(obj: Json, key: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    return obj[key] === undefined || obj[key] === null ? fallback : this.int(obj, key, min, max);
  }

  big(obj: Json, key: string): bigint {
    return this.toBig(this.field(obj, key), `"${key}"`);
  }

  toBig(v: unknown, what: string): bigint {
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return BigInt(v);
    if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v);
    if (v === "u64::MAX") return U64_MAX;
    return this.fail(`${this.where} ${what} must be a non-negative integer, got ${JSON.stringify(v)}`);
  }

  bool(obj: Json, key: string, fallback?: boolean): boolean {
    const v = obj[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== "boolean") this.fail(`${this.where} "${key}" must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  array(obj: Json, key: string, length?: number): unknown[] {
    const v = this.field(obj, key);
    if (!Array.isArray(v)) this.fail(`${this.where} "${key}" must be an array`);
    if (length !== undefined && v.length !== length) {
      this.fail(`${this.where} "${key}" has ${v.length} entries, expected ${length} (one per uid)`);
    }
    return v;
  }

  uid(v: unknown, n: number, what: string): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      this.fail(`${what} must be a uid, got ${JSON.stringify(v)}`);
    }
    if (v >= n) this.fail(`${what} ${v} is out of range: the subnet has ${n} uids (0..${n - 1})`);
    return v;
  }

  u16(v: unknown, what: string): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 65535) {
      this.fail(`${what} must be a u16 (0..65535), got ${JSON.stringify(v)}`);
    }
    return v;
  }
}

function readParams(r: Reader, h: Json, era: ScenarioEra): EpochParams {
  const tempo = r.int(h, "tempo", 0, 65535);
  return {
    era,
    tempo,
    // 2024 stored the cutoff in blocks (`ActivityCutoff`); main derives it from the tempo.
    activityCutoff:
      era === "2024"
        ? r.optInt(h, "activity_cutoff", 5000, 0, 65535)
        : r.optInt(h, "activity_cutoff_blocks", activityCutoffBlocks(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, tempo)),
    kappa: r.optInt(h, "kappa", 32767, 0, 65535),
    bondsPenalty: r.optInt(h, "bonds_penalty", 65535, 0, 65535),
    bondsMovingAverage: r.optInt(h, "bonds_moving_average", 900_000),
    maxAllowedValidators: r.optInt(h, "max_allowed_validators", 64, 0, 65535),
    yuma3: r.bool(h, "yuma3", false),
    liquidAlpha: r.bool(h, "liquid_alpha", false),
    alphaLow: r.optInt(h, "alpha_low_u16", 45875, 0, 65535),
    alphaHigh: r.optInt(h, "alpha_high_u16", 58982, 0, 65535),
    alphaSigmoidSteepness: r.optInt(h, "alpha_sigmoid_steepness", 1000, -32768, 32767),
    stakeThreshold: h.stake_threshold === undefined ? 0n : r.big(h, "stake_threshold"),
    taoWeight: h.tao_weight === undefined ? 0n : r.big(h, "tao_weight"),
    commitReveal: r.bool(h, "commit_reveal_enabled", false),
  };
}

function readInitialState(r: Reader, h: Json, init: Json): SubnetState {
  const n = r.int(h, "n", 0, 65535);
  const big = (key: string) => r.array(init, key, n).map((v, i) => r.toBig(v, `"${key}"[${i}]`));
  // 2024 scenarios give the hotkeys' TAO stake; later ones their alpha stake.
  const stakeKey = "alpha_stake" in init || !("hotkey_stake" in init) ? "alpha_stake" : "hotkey_stake";
  const permits = r.array(init, "validator_permit", n).map((v, i) => {
    if (typeof v !== "boolean") r.fail(`initial_state "validator_permit"[${i}] must be true or false`);
    return v;
  });
  return {
    n,
    block: r.big(init, "block"),
    alphaStake: big(stakeKey),
    lastUpdate: big("last_update"),
    blockAtRegistration: big("block_at_registration"),
    validatorPermit: permits,
    weights: Array.from({ length: n }, () => []),
    bonds: Array.from({ length: n }, () => []),
    emission: new Array<bigint>(n).fill(0n),
  };
}

function readStored(r: Reader, step: Json, n: number): (readonly [number, number])[] {
  const stored = r.array(step, "stored");
  const seen = new Set<number>();
  return stored.map((entry, k) => {
    if (!Array.isArray(entry) || entry.length !== 2) r.fail(`"stored"[${k}] must be [uid, u16]`);
    const uid = r.uid(entry[0], n, `"stored"[${k}] uid`);
    if (seen.has(uid)) r.fail(`"stored" names uid ${uid} twice`);
    seen.add(uid);
    return [uid, r.u16(entry[1], `"stored"[${k}] value`)] as const;
  });
}

function readRange(r: Reader, step: Json, key: string, n: number): [number, number] {
  const v = r.array(step, key);
  if (v.length !== 2) r.fail(`"${key}" must be [first, last]`);
  const a = r.uid(v[0], n, `"${key}"[0]`);
  const b = r.uid(v[1], n, `"${key}"[1]`);
  if (a > b) r.fail(`"${key}" is empty: ${a} > ${b}`);
  return [a, b];
}

/** Persist an epoch's outputs the way `SubtensorModule::epoch` does for the next epoch. */
function persist(state: SubnetState, out: EpochOutput): void {
  state.validatorPermit = out.newValidatorPermit.slice();
  state.bonds = u16MatrixToRows(out.bonds);
  state.emission = out.emission.slice();
}

/** Which subtensor's epoch a scenario replays. */
export type ScenarioEra = "dtao" | "2024";

/** Run one scenario (one case object) and return one record per `epoch` step. */
export function runScenario(scenario: unknown, era: ScenarioEra = "dtao"): EpochRecord[] {
  if (!isObject(scenario)) throw new ScenarioError("?", null, "a scenario must be a JSON object");
  const caseId = typeof scenario.id === "string" ? scenario.id : "?";
  const top = new Reader(caseId, null, "scenario");
  const h = scenario.hyperparameters;
  const init = scenario.initial_state;
  if (!isObject(h)) throw top.error('missing "hyperparameters" object');
  if (!isObject(init)) throw top.error('missing "initial_state" object');
  const params = readParams(new Reader(caseId, null, "hyperparameters"), h, era);
  const state = readInitialState(new Reader(caseId, null, "initial_state"), h, init);
  const ownerUid = h.owner_uid === undefined || h.owner_uid === null ? null : top.uid(h.owner_uid, state.n, "owner_uid");
  const lms = h.lms_LastMechansimStepBlock === undefined ? 0n : top.big(h, "lms_LastMechansimStepBlock");
  const steps = top.array(scenario, "steps");

  const records: EpochRecord[] = [];
  steps.forEach((raw, index) => {
    const op = isObject(raw) ? raw.op : undefined;
    const r = new Reader(caseId, index, `step "${String(op)}"`);
    if (!isObject(raw)) throw r.error("a step must be a JSON object");
    switch (op) {
      case "set_block":
        state.block = r.big(raw, "block");
        break;
      case "set_weights": {
        const uid = r.uid(raw.uid, state.n, '"uid"');
        state.weights[uid] = readStored(r, raw, state.n);
        state.lastUpdate[uid] = state.block;
        break;
      }
      case "set_weights_range": {
        const [s0, s1] = readRange(r, raw, "setters", state.n);
        const [t0, t1] = readRange(r, raw, "targets", state.n);
        const value = r.u16(raw.stored_each, '"stored_each"');
        const selfOnly = r.bool(raw, "self_only", false);
        for (let u = s0; u <= s1; u++) {
          const row: [number, number][] = [];
          for (let t = t0; t <= t1; t++) if (!selfOnly || t === u) row.push([t, value]);
          state.weights[u] = row;
          state.lastUpdate[u] = state.block;
        }
        break;
      }
      case "replace_neuron": {
        // §7.2 replace_neuron: fresh registration over an existing uid.
        const uid = r.uid(raw.uid, state.n, '"uid"');
        state.alphaStake[uid] = raw.new_alpha_stake === undefined ? 0n : r.big(raw, "new_alpha_stake");
        state.blockAtRegistration[uid] = state.block;
        state.lastUpdate[uid] = state.block;
        state.weights[uid] = [];
        state.bonds[uid] = [];
        state.weights = state.weights.map((row) => row.map(([j, v]) => [j, j === uid ? 0 : v] as const));
        state.validatorPermit[uid] = false;
        state.emission[uid] = 0n;
        break;
      }
      case "set_stake": {
        // Taoscope extension (used by yuma-simulation scenarios): a uid's alpha stake changes.
        const uid = r.uid(raw.uid, state.n, '"uid"');
        state.alphaStake[uid] = r.big(raw, "alpha_stake");
        break;
      }
      case "reset_bonds_column": {
        // §2.5 do_reset_bonds: remove the uid's column from every bonds row.
        const uid = r.uid(raw.uid, state.n, '"uid"');
        state.bonds = state.bonds.map((row) => row.filter(([j]) => j !== uid));
        break;
      }
      case "epoch": {
        const raoEmission = r.big(raw, "rao_emission");
        const expected = raw.expected;
        if (expected !== undefined && !isObject(expected)) throw r.error('"expected" must be an object');
        const output = runEpoch({
          block: state.block,
          params,
          alphaStake: state.alphaStake,
          lastUpdate: state.lastUpdate,
          blockAtRegistration: state.blockAtRegistration,
          validatorPermit: state.validatorPermit,
          weights: state.weights,
          bonds: state.bonds,
          ownerUid,
          lastMechanismStepBlock: lms,
          raoEmission,
        });
        persist(state, output);
        records.push({ caseId, epoch: records.length, step: index, block: state.block, output, expected });
        break;
      }
      default:
        r.fail(`unknown op ${JSON.stringify(op)} (expected set_block, set_weights, set_weights_range, set_stake, replace_neuron, reset_bonds_column or epoch)`);
    }
  });
  return records;
}
