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

/** A long hex string as its first and last characters. */
export function shortHex(hex: string, keep = 6): string {
  return hex.length <= 2 + keep * 2 ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-keep)}`;
}

/** A u16 share (0..65535) as a 0..1 number with 5 decimals, as the SDK shows it. */
export function formatU16(x: number): string {
  return (x / 65535).toFixed(5);
}

/** Milliseconds since the epoch (decimal string) as a UTC timestamp. */
export function formatTime(ms: string): string {
  return new Date(Number(ms)).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** part / whole of two rao strings as a percentage. */
export function formatRatio(part: string, whole: string): string {
  const w = BigInt(whole);
  if (w === 0n) return "—";
  return `${(Number((BigInt(part) * 1_000_000n) / w) / 10_000).toFixed(2)}%`;
}
