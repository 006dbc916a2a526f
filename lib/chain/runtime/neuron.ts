/**
 * A uid on a dynamic-TAO subnet, and the fields the 2024 neuron shares (lib/chain/seed2024/state.ts
 * builds on it). Its own module so that the two eras' storage need not import each other.
 */

export interface Neuron {
  hotkey: string;
  coldkey: string;
  /** `BlockAtRegistration`. */
  registeredAt: bigint;
  /** `LastUpdate`: the block of the uid's last weights (its registration block at first). */
  lastUpdate: bigint;
  /** `ValidatorPermit`, as the last epoch assigned it. */
  validatorPermit: boolean;
  /** `Weights` row: `[uid, u16]` ascending, max-upscaled as stored. */
  weights: [number, number][];
  /** `Bonds` row: `[uid, u16]` ascending. */
  bonds: [number, number][];
  /** Last epoch's outputs (u16 where subtensor stores u16; `emission` in alpha rao). */
  active: boolean;
  consensus: number;
  incentive: number;
  dividends: number;
  validatorTrust: number;
  /** `Emission` of the last epoch; the pruning rule picks the lowest. */
  emission: bigint;
}

/** A freshly appended (or replacing) neuron: everything zero, `LastUpdate` = registration block. */
export function newNeuron(hotkey: string, coldkey: string, block: bigint): Neuron {
  return { hotkey, coldkey, registeredAt: block, lastUpdate: block, validatorPermit: false, weights: [], bonds: [], active: false, consensus: 0, incentive: 0, dividends: 0, validatorTrust: 0, emission: 0n };
}
