/** Display helpers shared by pages and components. */

/** A 0..1 share as a percentage with two decimals. */
export function formatShare(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** Rao (decimal string) as TAO/alpha with 9 decimals, grouped. */
export function formatRao(rao: string): string {
  const digits = rao.replace(/^0+(?=\d)/, "").padStart(10, "0");
  const whole = digits.slice(0, -9).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${digits.slice(-9)}`;
}
