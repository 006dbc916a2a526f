/**
 * The call registries: dynamic TAO's (the `mainnet` and `test` presets) and subtensor v1.1.3's
 * (`seed2024`: its SubtensorModule calls beside the same Balances calls). Each call is defined
 * once, beside its dispatch (calls.ts, `defineCall`); a registry only gathers them. Which one a
 * preset runs is its era's (lib/chain/eras/presets.ts: `callsOf`, `callDefinition`).
 */
import { adminCalls } from "./admin";
import { balancesCalls } from "./balances";
import { type CallRegistry, callGroup } from "./calls";
import { rootCalls } from "./root";
import { servingCalls } from "./serving";
import { stakingCalls } from "./staking";
import { subnetCalls } from "./subnets";
import { weightsCalls } from "./weights";
import { calls2024 } from "../seed2024/runtime";

const registry = (...groups: readonly CallRegistry[]): CallRegistry => callGroup(...groups.flatMap((g) => Object.values(g)));

/** Dynamic TAO's calls (`mainnet`, `test`). */
export const DTAO_CALLS = registry(balancesCalls, subnetCalls, stakingCalls, weightsCalls, servingCalls, adminCalls, rootCalls);
/** The seed2024 preset runs subtensor v1.1.3's calls (lib/chain/seed2024/runtime.ts). */
export const CALLS_2024 = registry(balancesCalls, calls2024);
