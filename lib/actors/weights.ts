/**
 * Weights as a validator sends them to `set_weights`: u16 values, max-upscaled the way the
 * Bittensor SDK's `bittensor/utils/weight_utils.py` `convert_weights_and_uids_for_emit` does:
 *
 * 1. a negative weight or uid, or lengths that differ, is refused;
 * 2. all-zero weights give nothing to set (empty lists);
 * 3. each weight is divided by the largest (so the largest becomes 1) and multiplied by 65535,
 *    both in double precision;
 * 4. each is rounded with Python's built-in `round`, which rounds to the nearest integer and a
 *    tie (an exact .5) to the even neighbour: 32767.5 → 32768, but 2.5 → 2 and 4.5 → 4
 *    (JavaScript's `Math.round` would give 3 and 5);
 * 5. uids whose value rounds to 0 are left out.
 *
 * The SDK receives float32 arrays and converts them to Python floats (doubles); weights here are
 * doubles from the start, so step 3 is the SDK's arithmetic on the same doubles.
 */

export const U16_MAX = 65535;

/** What a validator submits: destination uids and their u16 weights, zero weights left out. */
export interface EmitWeights {
  readonly uids: readonly number[];
  readonly values: readonly number[];
}

/** Python's `round(x)` for a finite non-negative double: nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact: x and floor(x) are doubles within a factor of two (or floor is 0)
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `convert_weights_and_uids_for_emit(uids, weights)`: the SDK's u16 conversion (see the module
 * comment for its rule and rounding).
 * @throws RangeError on a negative or non-finite weight, a uid that is not a u16, or lengths that differ
 */
export function convertWeightsAndUidsForEmit(uids: readonly number[], weights: readonly number[]): EmitWeights {
  if (uids.length !== weights.length) throw new RangeError(`uids and weights must have the same length, got ${uids.length} and ${weights.length}`);
  for (const [i, w] of weights.entries()) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weights[${i}] must be a finite non-negative number, got ${w}`);
  }
  for (const [i, uid] of uids.entries()) {
    if (!Number.isInteger(uid) || uid < 0 || uid > U16_MAX) throw new RangeError(`uids[${i}] must be an integer in [0, ${U16_MAX}], got ${uid}`);
  }
  let max = 0;
  let sum = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) return { uids: [], values: [] };
  const outUids: number[] = [];
  const values: number[] = [];
  weights.forEach((w, i) => {
    const value = roundHalfEven((w / max) * U16_MAX);
    if (value !== 0) {
      outUids.push(uids[i]!);
      values.push(value);
    }
  });
  return { uids: outUids, values };
}
