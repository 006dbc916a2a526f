/**
 * Transaction fees, modelled on subtensor's `pallet_transaction_payment` setup:
 *
 *     fee = floor(0.0005 · (ExtrinsicBaseWeight + call weight)) + encoded length in bytes
 *
 * (`LinearWeightToFee` with `Perbill::from_parts(500_000)`, `IdentityFee` on length, a constant
 * fee multiplier of 1); a `Pays::No` call pays nothing. Each call's weight and `pays` are part of
 * its definition (`defineCall`); the weights are fixed per call, in the range of subtensor's
 * benchmarked ref-time weights, not measured. The fee is withdrawn keeping the payer alive and
 * paid to the block author (`TransactionFeeHandler`); if the author cannot receive it (a new
 * account below the existential deposit) it is burned. Both eras charge by this rule (their
 * `Era.fee`); a call's fee by name and preset is `feeFor` (lib/chain/eras/presets.ts).
 */
import type { CallCost } from "./calls";
import { DTAO_CALLS } from "./registry";

/** `ExtrinsicBaseWeight` (ref-time picoseconds). */
export const EXTRINSIC_BASE_WEIGHT = 125_000_000n;
/** `LinearWeightToFee`: 500 000 parts per billion of a rao per weight unit. */
const WEIGHT_FEE_PARTS_PER_BILLION = 500_000n;

/** The fee of a call of this cost at `length` encoded bytes. */
export function feeOf(cost: CallCost, length: number): bigint {
  if (cost.pays === "No") return 0n;
  return ((EXTRINSIC_BASE_WEIGHT + cost.weight) * WEIGHT_FEE_PARTS_PER_BILLION) / 1_000_000_000n + BigInt(length);
}

/** Dynamic TAO's calls subtensor declares `Pays::No`: no fee, so a hotkey with no balance can still send them. */
export const FEELESS_CALLS: ReadonlySet<string> = new Set(Object.values(DTAO_CALLS).flatMap((d) => (d.pays === "No" ? [d.name] : [])));
