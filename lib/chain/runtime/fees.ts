/**
 * Transaction fees, modelled on subtensor's `pallet_transaction_payment` setup:
 *
 *     fee = floor(0.0005 · (ExtrinsicBaseWeight + call weight)) + encoded length in bytes
 *
 * (`LinearWeightToFee` with `Perbill::from_parts(500_000)`, `IdentityFee` on length, a constant
 * fee multiplier of 1). Call weights are fixed per call here, in the range of subtensor's
 * benchmarked ref-time weights, not measured. The fee is withdrawn keeping the payer alive and
 * paid to the block author (`TransactionFeeHandler`); if the author cannot receive it (a new
 * account below the existential deposit) it is burned.
 */
import type { PresetName } from "./state";

/** `ExtrinsicBaseWeight` (ref-time picoseconds). */
export const EXTRINSIC_BASE_WEIGHT = 125_000_000n;
/** `LinearWeightToFee`: 500 000 parts per billion of a rao per weight unit. */
const WEIGHT_FEE_PARTS_PER_BILLION = 500_000n;

/** Fixed ref-time weights of the calls Taoscope implements. */
export const CALL_WEIGHTS: Readonly<Record<string, bigint>> = {
  "Balances.transfer_keep_alive": 60_000_000n,
  "Balances.transfer_allow_death": 60_000_000n,
  "SubtensorModule.register_network": 300_000_000n,
  "SubtensorModule.burned_register": 250_000_000n,
  "SubtensorModule.root_register": 250_000_000n,
  "SubtensorModule.start_call": 40_000_000n,
  "SubtensorModule.add_stake": 200_000_000n,
  "SubtensorModule.remove_stake": 200_000_000n,
  "SubtensorModule.set_weights": 0n,
  "SubtensorModule.commit_weights": 0n,
  "SubtensorModule.reveal_weights": 0n,
  "SubtensorModule.serve_axon": 0n,
  "SubtensorModule.add_stake_limit": 200_000_000n,
  "SubtensorModule.remove_stake_limit": 200_000_000n,
  "SubtensorModule.move_stake": 300_000_000n,
  "SubtensorModule.unstake_all": 400_000_000n,
  "SubtensorModule.increase_take": 40_000_000n,
  "SubtensorModule.decrease_take": 40_000_000n,
  // seed2024 only: the ref-time parts of v1.1.3's declared weights (its calls were Pays::No, so
  // they price nothing there; a weight keeps `callWeight` total over every registry).
  "SubtensorModule.become_delegate": 79_000_000n,
  "SubtensorModule.register": 192_000_000n,
  "SubtensorModule.set_root_weights": 10_151_000_000n,
};

/** Every AdminUtils setter writes one or two storage items. */
const ADMIN_SETTER_WEIGHT = 20_000_000n;

export function callWeight(call: string): bigint {
  const w = CALL_WEIGHTS[call] ?? (call.startsWith("AdminUtils.sudo_set_") ? ADMIN_SETTER_WEIGHT : undefined);
  if (w === undefined) throw new RangeError(`no weight for call ${call}`);
  return w;
}

/** Calls subtensor declares `Pays::No`: no fee, so a hotkey with no balance can still send them. */
export const FEELESS_CALLS: ReadonlySet<string> = new Set(["SubtensorModule.set_weights", "SubtensorModule.commit_weights", "SubtensorModule.reveal_weights", "SubtensorModule.serve_axon"]);

/** The fee of `call` at `length` bytes; on the seed2024 preset SubtensorModule calls are free (most were `Pays::No` in 2024). */
export function feeFor(call: string, length: number, preset?: PresetName): bigint {
  if (FEELESS_CALLS.has(call)) return 0n;
  if (preset === "seed2024" && call.startsWith("SubtensorModule.")) return 0n;
  return ((EXTRINSIC_BASE_WEIGHT + callWeight(call)) * WEIGHT_FEE_PARTS_PER_BILLION) / 1_000_000_000n + BigInt(length);
}
