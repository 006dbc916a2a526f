/**
 * Seeds for the actors' generators, derived from (seed, tempo, uid, purpose, ...) rather than
 * drawn in sequence: what a validator asks in tempo 40 does not depend on how many draws tempo 39
 * made, so an actor's behaviour in a tempo can be recomputed from its inputs alone (the node
 * regenerates its traffic per block the same way).
 */
import { createRng, type Rng } from "../chain/rng";

/** What a derived generator is for, so two purposes in one tempo never share a stream. */
export const SEED_PURPOSE = {
  query: 1,
  sample: 2,
  offline: 3,
  degrade: 4,
} as const;

/** murmur3's 32-bit finaliser: a bijection on u32 that mixes every input bit into every output bit. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A u32 seed from an ordered list of non-negative safe integers (order matters: (1, 2) and
 * (2, 1) give different seeds).
 * @throws RangeError when a part is negative, fractional or above 2^53 − 1
 */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const [i, part] of parts.entries()) {
    if (!Number.isSafeInteger(part) || part < 0) throw new RangeError(`seed part ${i} must be a non-negative safe integer, got ${part}`);
    const lo = part >>> 0;
    const hi = Math.floor(part / 4294967296) >>> 0;
    h = fmix32(h ^ lo);
    h = fmix32((h + 0x9e3779b9) ^ hi);
  }
  return h;
}

/** A fresh engine generator (lib/chain/rng.ts) seeded by `mixSeed(...parts)`. */
export function rngFor(...parts: readonly number[]): Rng {
  return createRng(mixSeed(...parts));
}
