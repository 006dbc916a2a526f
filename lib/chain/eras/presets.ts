/**
 * The presets table: which era's rules each genesis preset runs, and so which calls it
 * dispatches. The one place outside an era's own modules that names the eras.
 */
import type { CallDefinition, CallRegistry } from "../runtime/calls";
import type { PresetName } from "../runtime/state";
import { DTAO } from "./dtao";
import type { Era } from "./era";
import { SEED2024 } from "./seed2024";

const ERAS: Readonly<Record<PresetName, Era>> = Object.freeze({ mainnet: DTAO, test: DTAO, seed2024: SEED2024 });

/** The era `preset` runs. */
export function eraOf(preset: PresetName): Era {
  return ERAS[preset];
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
