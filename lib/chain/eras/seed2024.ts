/**
 * Subtensor v1.1.3's root-network era (the `seed2024` preset): its call registry, its genesis
 * subnets and its block step (lib/chain/seed2024).
 */
import { CALLS_2024 } from "../runtime/registry";
import { genesis2024, runBlockStep2024 } from "../seed2024/runtime";
import type { Era } from "./era";

export const SEED2024: Era = {
  name: "seed2024",
  calls: CALLS_2024,
  // 2024 subnets: the owner coldkey holds no uid; the genesis neurons are uids 0, 1, ...
  genesis: (state, g) => genesis2024(state, (g.subnets ?? []).map((spec) => ({ owner: spec.owner, neurons: spec.neurons ?? [], ...(spec.powRegistration !== undefined ? { powRegistration: spec.powRegistration } : {}) }))),
  blockStep: runBlockStep2024,
};
