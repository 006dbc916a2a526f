/**
 * When a subnet's epoch runs (spec §3.1), which epoch a block belongs to, and the epoch
 * parameters a subnet's hyperparameters give. Shared by the block step (which runs epochs),
 * commit-reveal (which counts epochs) and AdminUtils (which freezes before an epoch).
 */
import { type EpochParams, activityCutoffBlocks } from "../consensus/epoch";
import type { NetworkParams } from "./params";
import type { Subnet, WeightCommit } from "./state";

/** `should_run_epoch`: the tempo has passed since the last epoch, or a deferred one is due. */
export function epochDue(subnet: Subnet, block: bigint): boolean {
  if (subnet.tempo === 0) return false;
  if (subnet.pendingEpochAt > 0n && block >= subnet.pendingEpochAt) return true;
  return block - subnet.lastEpochBlock >= BigInt(subnet.tempo);
}

/** `current_epoch_with_lookahead`: the epoch counter, plus one when an epoch is due at `block`. */
export function currentEpoch(subnet: Subnet, block: bigint): number {
  return subnet.epochIndex + (epochDue(subnet, block) ? 1 : 0);
}

/** `is_commit_expired`: the current epoch is past the commit's reveal epoch. */
export function commitExpired(subnet: Subnet, commit: WeightCommit, epoch: number): boolean {
  return epoch > commit.epoch + subnet.hyper.revealPeriodEpochs;
}

/** `is_in_admin_freeze_window`: a deferred epoch is pending, or fewer than `window` blocks remain to the next. */
export function inAdminFreezeWindow(subnet: Subnet, block: bigint, window: bigint): boolean {
  if (subnet.tempo === 0) return false;
  if (subnet.pendingEpochAt > 0n && subnet.pendingEpochAt > block) return true;
  const next = subnet.lastEpochBlock + BigInt(subnet.tempo);
  const remaining = next > block ? next - block : 0n;
  return remaining < window;
}

/** The consensus core's parameters for one of the subnet's epochs. */
export function epochParamsOf(subnet: Subnet, p: NetworkParams): EpochParams {
  const h = subnet.hyper;
  return {
    tempo: subnet.tempo,
    activityCutoff: activityCutoffBlocks(h.activityCutoffFactorMilli, subnet.tempo),
    kappa: h.kappa,
    bondsPenalty: h.bondsPenalty,
    bondsMovingAverage: h.bondsMovingAverage,
    maxAllowedValidators: h.maxAllowedValidators,
    yuma3: h.yuma3,
    liquidAlpha: h.liquidAlpha,
    alphaLow: h.alphaLow,
    alphaHigh: h.alphaHigh,
    alphaSigmoidSteepness: h.alphaSigmoidSteepness,
    stakeThreshold: p.stakeThreshold,
    taoWeight: p.taoWeight,
    commitReveal: h.commitReveal,
  };
}
