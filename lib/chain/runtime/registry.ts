/**
 * The call registries: dynamic TAO's (the `mainnet` and `test` presets) and subtensor v1.1.3's
 * (`seed2024`: its SubtensorModule calls beside the same Balances calls). Each call is defined
 * once, beside its dispatch (calls.ts, `defineCall`); a registry only gathers them.
 */
import { adminCalls } from "./admin";
import { balancesCalls } from "./balances";
import { type CallDefinition, type CallRegistry, callGroup } from "./calls";
import { rootCalls } from "./root";
import { servingCalls } from "./serving";
import { stakingCalls } from "./staking";
import type { PresetName } from "./state";
import { subnetCalls } from "./subnets";
import { weightsCalls } from "./weights";
import { calls2024 } from "../seed2024/runtime";

const registry = (...groups: readonly CallRegistry[]): CallRegistry => callGroup(...groups.flatMap((g) => Object.values(g)));

/** Dynamic TAO's calls (`mainnet`, `test`). */
export const DTAO_CALLS = registry(balancesCalls, subnetCalls, stakingCalls, weightsCalls, servingCalls, adminCalls, rootCalls);
/** The seed2024 preset runs subtensor v1.1.3's calls (lib/chain/seed2024/runtime.ts). */
export const CALLS_2024 = registry(balancesCalls, calls2024);

export const callsOf = (preset: PresetName): CallRegistry => (preset === "seed2024" ? CALLS_2024 : DTAO_CALLS);

const lookup = (calls: CallRegistry, call: string): CallDefinition<unknown> | undefined => (Object.hasOwn(calls, call) ? calls[call] : undefined);

/**
 * The definition of `call` in `preset`'s registry; without a preset, in the first registry that
 * has it (dynamic TAO's, then seed2024's: a name both define has the same weight in each).
 * @throws RangeError naming a call no registry defines
 */
export function callDefinition(call: string, preset?: PresetName): CallDefinition<unknown> {
  const def = preset !== undefined ? lookup(callsOf(preset), call) : (lookup(DTAO_CALLS, call) ?? lookup(CALLS_2024, call));
  if (!def) throw new RangeError(`no weight for call ${call}`);
  return def;
}
