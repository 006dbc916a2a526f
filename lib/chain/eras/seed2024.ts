/**
 * Subtensor v1.1.3's root-network era (the `seed2024` preset): its call registry, its genesis
 * subnets, its block step and its storage's part of the state root (lib/chain/seed2024).
 */
import { feeOf } from "../runtime/fees";
import { CALLS_2024 } from "../runtime/registry";
import { era2024Root } from "../runtime/state";
import { genesis2024, newSubnet2024, params2024, runBlockStep2024 } from "../seed2024/runtime";
import { activity2024 } from "../sim/activity2024";
import type { Era } from "./era";

/** A subnet as `init_new_network` makes it: the sizes every 2024 subnet starts with. */
const NEW_SUBNET = newSubnet2024(1, null, 0n, 0n);

export const SEED2024: Era = {
  name: "seed2024",
  calls: CALLS_2024,
  // 2024 subnets: the owner coldkey holds no uid; the genesis neurons are uids 0, 1, ...
  genesis: (state, g) => genesis2024(state, (g.subnets ?? []).map((spec) => ({ owner: spec.owner, neurons: spec.neurons ?? [], ...(spec.powRegistration !== undefined ? { powRegistration: spec.powRegistration } : {}) }))),
  blockStep: runBlockStep2024,
  // The same pallet_transaction_payment rule; every v1.1.3 SubtensorModule call is Pays::No.
  fee: feeOf,
  stateRootPart: era2024Root,
  activity: activity2024,
  traits: {
    stakeUnit: "τ",
    pools: false,
    subnetRegistration: false, // the 2024 registry's subnets are not registered by the traffic
    poi: false,
    nominationNeedsDelegate: true,
    addStakeArgs: (hotkey, _netuid, amount) => ({ hotkey, amount_staked: amount.toString() }), // v1.1.3 stake is per hotkey, not per subnet
    limits: (rules) => ({ subnetLimit: params2024({ rules }).subnetLimit, maxAllowedUids: NEW_SUBNET.maxAllowedUids, maxAllowedValidators: NEW_SUBNET.maxAllowedValidators }),
  },
};
