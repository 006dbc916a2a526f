/**
 * TAO (and per-subnet alpha) block emission, halving by issuance rather than by block count:
 * `coinbase/block_emission.rs::get_block_emission_for_issuance`, all in I96F32.
 * Spec: reference/subtensor-spec.md §5.1.
 */
import { I96F32, checkedDiv, fromInt, satMul, satSub, toU64 } from "../math/fixed";
import { log2Floor } from "../math/transcendental";

/** 21M TAO in rao: `TotalSupply`. */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;
/** 1 TAO per block before any halving: `DefaultBlockEmission`. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;
/** Half the supply, the first halving threshold. */
const HALF_SUPPLY = 10_500_000_000_000_000n;

/**
 * Emission for a block given the issuance so far: `floor(1e9 / 2^k)` where
 * `k = floor(log2(1 / (1 − issuance / 21M)))`, so halvings fall at 10.5M, 15.75M, … TAO.
 */
export function blockEmissionForIssuance(issuance: bigint): bigint {
  if (issuance >= TOTAL_SUPPLY) return 0n;
  const one = I96F32.one;
  const x = checkedDiv(I96F32, fromInt(I96F32, issuance), fromInt(I96F32, 2n * HALF_SUPPLY));
  if (x === null) return 0n;
  const inverse = checkedDiv(I96F32, one, satSub(I96F32, one, x));
  if (inverse === null) return 0n;
  // floor(log2(inverse)): the integer part of subtensor's log2, without its fraction bits.
  const k = log2Floor(I96F32, inverse);
  if (k === null) return 0n;
  let divisor = one;
  for (let i = 0n; i < k; i++) divisor = satMul(I96F32, divisor, fromInt(I96F32, 2));
  const multiplier = checkedDiv(I96F32, one, divisor) ?? 0n;
  return toU64(I96F32, satMul(I96F32, multiplier, fromInt(I96F32, DEFAULT_BLOCK_EMISSION)));
}
