/**
 * An era of the chain's rules: dynamic TAO (the `mainnet` and `test` presets, lib/chain/runtime)
 * or subtensor v1.1.3's root network (`seed2024`, lib/chain/seed2024). A chain's `Rules` (its era
 * and that era's parameters) are chosen once, at genesis, by the presets table (presets.ts:
 * `rulesOf`) or handed in whole by a test, and travel with the state (`ChainState.rules`): the
 * block producer, the fee rule, the state root and every call reach the era's rules through them,
 * so no code outside lib/chain/eras asks which era it runs (tests/unit/eras.test.ts scans
 * lib/chain, lib/node and lib/actors for it). The node and the store act on the era's `traits`.
 * The explorer's readers (lib/db, components) still pick an era's view by the `era` field their
 * data carries, as the era's storage (and so the DTO's shape) differs.
 */
import type { EpochObserver } from "../runtime/block-step";
import type { GenesisInput } from "../runtime/block";
import type { CallCost, CallRegistry } from "../runtime/calls";
import type { ChainEvent, Emit } from "../runtime/events";
import type { CallArgs, SignedExtrinsic } from "../runtime/extrinsic";
import type { NetworkParams } from "../runtime/params";
import type { ChainState, PresetName } from "../runtime/state";
import type { Keypair } from "../keys/keypair";
import type { Rng } from "../rng";
import type { Params2024 } from "../seed2024/runtime";

/** What the synthetic traffic (lib/chain/sim) signs with. */
export interface ActivityKeys {
  coldkeys: readonly Keypair[];
  hotkeys: readonly Keypair[];
  /** The hidden quality of a hotkey as a miner, in [0, 1). */
  quality: (hotkey: string) => number;
}

/** The sizes a genesis network must fit. */
export interface EraLimits {
  subnetLimit: number;
  maxAllowedUids: number;
  maxAllowedValidators: number;
}

export interface Era {
  readonly name: "dtao" | "seed2024";
  /** Every call the era dispatches, by name. */
  readonly calls: CallRegistry;
  /** The era's genesis subnets (and storage), after the endowments and the sudo key, before the genesis calls. */
  genesis(state: ChainState, g: GenesisInput, events: ChainEvent[]): void;
  /** What `on_initialize` does before the block's extrinsics: emission, epochs, registration terms. */
  blockStep(state: ChainState, block: bigint, emit: Emit, onEpoch?: EpochObserver): void;
  /** The fee rule: what a call of this cost pays at `length` encoded bytes. */
  fee(cost: CallCost, length: number): bigint;
  /** The era's own storage's part of the state root (32 bytes), or null when it has none beyond the common storage. */
  stateRootPart(state: ChainState): Uint8Array | null;
  /** The synthetic traffic's signed extrinsics for the block after `state`. */
  activity(rng: Rng, keys: ActivityKeys, state: ChainState): SignedExtrinsic[];
  /** Facts about the era that the node, the store and the explorer act on. */
  readonly traits: EraTraits;
}

export interface EraTraits {
  /** What subnet stake is counted in: alpha (each subnet's own token) or TAO itself. */
  readonly stakeUnit: "α" | "τ";
  /** Subnets trade TAO for alpha in pools (`SubnetTAO`, `SubnetAlphaIn`); a genesis subnet's pool holds the minimum lock. */
  readonly pools: boolean;
  /** Subnets are registered by signed `register_network` calls that the traffic may send. */
  readonly subnetRegistration: boolean;
  /** The off-chain actors (lib/actors: PoI validators and miners) can run on it: they sign its per-subnet `set_weights` and commit/reveal. */
  readonly poi: boolean;
  /** A validator must `become_delegate` before it is nominated (v1.1.3's `Delegates`). */
  readonly nominationNeedsDelegate: boolean;
  /** `add_stake`'s arguments for `amount` rao on `hotkey` (on `netuid` where stake is per subnet). */
  addStakeArgs(hotkey: string, netuid: number, amount: bigint): CallArgs;
  /** The sizes a genesis network of these rules must fit. */
  limits(rules: Rules): EraLimits;
}

/**
 * A chain's rules: its era and that era's parameters, frozen. `preset` names the presets-table
 * entry they came from (what a checkpoint restores by); a test that runs other parameters passes
 * its own `Rules` to `createGenesis` and keeps the state in memory.
 */
export interface Rules {
  readonly preset: PresetName;
  readonly era: Era;
  /** Dynamic TAO's parameters (absent on an era that is not dynamic TAO). */
  readonly dtao?: NetworkParams;
  /** Subtensor v1.1.3's parameters (absent on an era that is not v1.1.3's). */
  readonly v2024?: Params2024;
}
