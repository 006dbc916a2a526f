/**
 * Dynamic TAO (the `mainnet` and `test` presets): its call registry, its genesis subnets and its
 * block step (lib/chain/runtime).
 */
import type { ChainEvent } from "../runtime/events";
import type { GenesisInput } from "../runtime/block";
import { runBlockStep } from "../runtime/block-step";
import { chainEvent } from "../runtime/events";
import { feeOf } from "../runtime/fees";
import { paramsOf } from "../runtime/params";
import { createActivity } from "../sim/activity";
import { DTAO_CALLS } from "../runtime/registry";
import { type ChainState, newNeuron, setHotkeyOwner, setSubnet } from "../runtime/state";
import { newSubnet } from "../runtime/subnets";
import { U64F64, fromInt } from "../math/fixed";
import type { Era } from "./era";

/**
 * Genesis subnets, netuids 1, 2, … in order: each pool holds the minimum lock (minted at genesis)
 * at price 1, the owner hotkey is uid 0 and the spec's neurons follow.
 */
function genesisSubnets(state: ChainState, g: GenesisInput, events: ChainEvent[]): void {
  const limit = paramsOf(state).subnetLimit;
  if ((g.subnets?.length ?? 0) > limit) throw new RangeError(`genesis has ${g.subnets!.length} subnets; the ${g.preset} preset has ${limit} slots`);
  (g.subnets ?? []).forEach((spec, i) => {
    const netuid = i + 1;
    const subnet = newSubnet(state, { netuid, owner: spec.owner, hotkey: spec.ownerHotkey, now: 0n, lock: 0n, median: fromInt(U64F64, 1) });
    const neurons = [...subnet.neurons];
    for (const { hotkey, coldkey } of [{ hotkey: spec.ownerHotkey, coldkey: spec.owner }, ...(spec.neurons ?? [])]) {
      const owner = state.hotkeyOwner.get(hotkey);
      if (owner !== undefined && owner !== coldkey) throw new RangeError(`genesis subnet ${netuid}: hotkey ${hotkey} belongs to ${owner}, not ${coldkey}`);
      setHotkeyOwner(state, hotkey, coldkey);
    }
    for (const n of spec.neurons ?? []) {
      if (neurons.some((x) => x.hotkey === n.hotkey)) throw new RangeError(`genesis subnet ${netuid}: hotkey ${n.hotkey} appears twice`);
      neurons.push(newNeuron(n.hotkey, n.coldkey, 0n));
    }
    if (neurons.length > subnet.maxAllowedUids) throw new RangeError(`genesis subnet ${netuid} has ${neurons.length} neurons; at most ${subnet.maxAllowedUids} fit`);
    setSubnet(state, { ...subnet, neurons, firstEmissionBlock: spec.started ? 1n : null });
    state.totalIssuance += subnet.pool.taoReserve;
    events.push(chainEvent({ kind: "Initialization" }, "SubtensorModule.NetworkAdded", { netuid, mechid: 1, owner: spec.owner, hotkey: spec.ownerHotkey, lock: 0n, poolTao: subnet.pool.taoReserve, poolAlpha: subnet.pool.alphaReserve }));
  });
}

export const DTAO: Era = {
  name: "dtao",
  calls: DTAO_CALLS,
  genesis: genesisSubnets,
  blockStep: runBlockStep,
  fee: feeOf,
  stateRootPart: () => null, // dynamic TAO's storage is the common storage
  activity: (rng, keys, state) => createActivity(rng, keys).next(state),
  traits: {
    stakeUnit: "α",
    pools: true,
    subnetRegistration: true,
    poi: true,
    nominationNeedsDelegate: false,
    addStakeArgs: (hotkey, netuid, amount) => ({ hotkey, netuid, amount_staked: amount.toString() }),
    limits: (rules) => {
      const p = paramsOf({ rules });
      return { subnetLimit: p.subnetLimit, maxAllowedUids: p.maxAllowedUids, maxAllowedValidators: p.hyper.maxAllowedValidators };
    },
  },
};
