/**
 * When a subnet's epoch runs. Spec: reference/subtensor-spec.md §3.
 */
import { U64_MAX } from "../math/fixed";

/** Longest tempo an owner may set, and the safety net for `BlocksSinceLastStep`. */
export const MAX_TEMPO = 50_400n;

export interface ScheduleState {
  tempo: bigint;
  /** `LastEpochBlock`: the block of the last epoch slot consumed. */
  lastEpochBlock: bigint;
  /** `PendingEpochAt`: an owner-triggered or deferred epoch, 0 for none. */
  pendingEpochAt: bigint;
  /** `BlocksSinceLastStep`. */
  blocksSinceLastStep: bigint;
}

/** Current rule (since 2026-05-06): period `tempo`, plus pending triggers and the MAX_TEMPO net. */
export function shouldRunEpoch(s: ScheduleState, block: bigint): boolean {
  if (s.tempo === 0n) return false;
  if (s.pendingEpochAt > 0n && block >= s.pendingEpochAt) return true;
  if (s.blocksSinceLastStep > MAX_TEMPO) return true;
  return block - s.lastEpochBlock >= s.tempo;
}

/** `blocks_until_next_auto_epoch`: `(LastEpochBlock + tempo).saturating_sub(block)`; u64::MAX at tempo 0. */
export function blocksUntilNextAutoEpoch(tempo: bigint, lastEpochBlock: bigint, block: bigint): bigint {
  if (tempo === 0n) return U64_MAX;
  const next = lastEpochBlock + tempo;
  return next > block ? next - block : 0n;
}

/**
 * Legacy rule (before 2026-05-06), kept to replay history: the epoch ran when
 * `(block + netuid + 1) % (tempo + 1) == 0`. `block + netuid + 1` wraps at u64.
 */
export function legacyBlocksUntilNextEpoch(netuid: bigint, tempo: bigint, block: bigint): bigint {
  if (tempo === 0n) return U64_MAX;
  const sum = (block + netuid + 1n) & U64_MAX;
  return tempo - (sum % (tempo + 1n));
}

/** New subnets stagger their first epoch: `LastEpochBlock = now − (netuid mod tempo)`. */
export function initialLastEpochBlock(netuid: bigint, tempo: bigint, now: bigint): bigint {
  if (tempo === 0n) return now;
  const offset = netuid % tempo;
  return now > offset ? now - offset : 0n;
}
