/**
 * An era of the chain's rules: dynamic TAO (the `mainnet` and `test` presets, lib/chain/runtime)
 * or subtensor v1.1.3's root network (`seed2024`, lib/chain/seed2024). The block producer reaches
 * an era's rules only through this interface, chosen once by the presets table (`eraOf`), so that
 * no code in lib/chain/runtime asks which era it runs.
 *
 * Not yet behind it (issue 14 §1 continues): the fee rule (each call's definition carries it),
 * the state root's part for the era's own storage (lib/chain/runtime/state.ts hashes
 * `era2024` when present), the parameters (dynamic TAO's `paramsFor`, seed2024's `PARAMS_2024`),
 * and the era names compared by lib/node, lib/db and the explorer.
 */
import type { EpochObserver } from "../runtime/block-step";
import type { GenesisInput } from "../runtime/block";
import type { CallRegistry } from "../runtime/calls";
import type { ChainEvent, Emit } from "../runtime/events";
import type { ChainState } from "../runtime/state";

export interface Era {
  readonly name: "dtao" | "seed2024";
  /** Every call the era dispatches, by name. */
  readonly calls: CallRegistry;
  /** The era's genesis subnets (and storage), after the endowments and the sudo key, before the genesis calls. */
  genesis(state: ChainState, g: GenesisInput, events: ChainEvent[]): void;
  /** What `on_initialize` does before the block's extrinsics: emission, epochs, registration terms. */
  blockStep(state: ChainState, block: bigint, emit: Emit, onEpoch?: EpochObserver): void;
}
