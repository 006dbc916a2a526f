/**
 * The presets table: which era's rules and which parameters each genesis preset runs, and so
 * which calls it dispatches. The one place outside an era's own modules that names the eras.
 */
import type { CallDefinition, CallRegistry } from "../runtime/calls";
import { InvariantError } from "../errors";
import { MAINNET, type NetworkParams, TEST } from "../runtime/params";
import type { PresetName } from "../runtime/state";
import { PARAMS_2024 } from "../seed2024/runtime";
import { DTAO } from "./dtao";
import type { Era, Rules } from "./era";
import { SEED2024 } from "./seed2024";

const PRESETS: Readonly<Record<PresetName, Rules>> = Object.freeze({
  mainnet: Object.freeze({ preset: "mainnet", era: DTAO, dtao: MAINNET }),
  test: Object.freeze({ preset: "test", era: DTAO, dtao: TEST }),
  seed2024: Object.freeze({ preset: "seed2024", era: SEED2024, v2024: PARAMS_2024 }),
});

/** Every preset a genesis may name, in the order the docs list them. */
export const PRESET_NAMES: readonly PresetName[] = Object.freeze(Object.keys(PRESETS) as PresetName[]);

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The rules (era and parameters, frozen) `preset` runs. */
export function rulesOf(preset: PresetName): Rules {
  if (!isPresetName(preset)) throw new RangeError(`unknown preset ${JSON.stringify(preset)}; the presets are ${PRESET_NAMES.join(", ")}`);
  return PRESETS[preset];
}

/** The era `preset` runs. */
export function eraOf(preset: PresetName): Era {
  return rulesOf(preset).era;
}

/** The calls `preset` dispatches, by name. */
export const callsOf = (preset: PresetName): CallRegistry => eraOf(preset).calls;

const lookup = (calls: CallRegistry, call: string): CallDefinition<unknown> | undefined => (Object.hasOwn(calls, call) ? calls[call] : undefined);

/**
 * The definition of `call` in `preset`'s registry; without a preset, in the first registry that
 * has it (dynamic TAO's, then seed2024's: a name both define has the same weight in each).
 * @throws RangeError naming a call no registry defines
 */
export function callDefinition(call: string, preset?: PresetName): CallDefinition<unknown> {
  const def = preset !== undefined ? lookup(callsOf(preset), call) : (lookup(DTAO.calls, call) ?? lookup(SEED2024.calls, call));
  if (!def) throw new RangeError(`no weight for call ${call}`);
  return def;
}

/**
 * The dynamic-TAO parameters of `preset`, frozen (nested records included): a caller cannot
 * change a preset's rules for every chain in the process by writing into them.
 * @throws InvariantError for seed2024, whose v1.1.3 rules have parameters of their own
 *   (`PARAMS_2024`): asking for them there is a dynamic-TAO path run on a 2024 chain
 */
export function paramsFor(preset: PresetName): NetworkParams {
  const p = rulesOf(preset).dtao;
  if (!p) throw new InvariantError(`the dynamic-TAO parameters were asked for on the ${preset} preset, whose v1.1.3 rules have their own (PARAMS_2024)`);
  return p;
}

/** The weight of `call` (see `callDefinition` for the registry it is read from). */
export function callWeight(call: string, preset?: PresetName): bigint {
  return callDefinition(call, preset).weight;
}

/** The fee of `call` at `length` bytes by `preset`'s era's rule (dynamic TAO's without a preset); on seed2024 every SubtensorModule call is `Pays::No`. */
export function feeFor(call: string, length: number, preset?: PresetName): bigint {
  return (preset !== undefined ? eraOf(preset) : DTAO).fee(callDefinition(call, preset), length);
}
