/**
 * τ amounts as a user types them: a decimal with at most 9 places, parsed exactly into rao
 * (1 τ = 10^9 rao) with bigint arithmetic, never through a float. Formatting is
 * `components/format.ts`'s `formatRao`, shared with the explorer.
 */
export const RAO_PER_TAO = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

export class AmountError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "AmountError";
  }
}

/**
 * `"1.5"` → 1_500_000_000n. Accepts `12`, `12.`, `.5`, `0.000000001` and `_`/`,` group
 * separators in the whole part; refuses signs, exponents, more than 9 decimals and anything
 * above u64::MAX rao, saying which.
 */
export function parseTao(text: string): bigint {
  const s = text.trim();
  const m = /^(\d[\d_,]*)?(?:\.(\d*))?$/.exec(s);
  if (s === "" || s === "." || !m) throw new AmountError(`${JSON.stringify(text)} is not an amount of τ: write a decimal number such as 1.5 (at most 9 decimals, no sign or exponent)`);
  const whole = (m[1] ?? "0").replace(/[_,]/g, "");
  const frac = m[2] ?? "";
  if (frac.length > 9) throw new AmountError(`${JSON.stringify(text)} has ${frac.length} decimals; τ has 9 (1 rao = 0.000000001 τ)`);
  const rao = BigInt(whole) * RAO_PER_TAO + BigInt(frac.padEnd(9, "0") || "0");
  if (rao > U64_MAX) throw new AmountError(`${JSON.stringify(text)} τ is more than a u64 of rao can hold`);
  return rao;
}
