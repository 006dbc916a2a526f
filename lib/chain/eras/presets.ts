/**
 * The presets table: which era's rules each genesis preset runs. The one place outside an era's
 * own modules that names the eras.
 */
import type { PresetName } from "../runtime/state";
import { DTAO } from "./dtao";
import type { Era } from "./era";
import { SEED2024 } from "./seed2024";

const ERAS: Readonly<Record<PresetName, Era>> = Object.freeze({ mainnet: DTAO, test: DTAO, seed2024: SEED2024 });

/** The era `preset` runs. */
export function eraOf(preset: PresetName): Era {
  return ERAS[preset];
}
