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

/**
 * Rao (decimal string) as a short TAO/alpha figure: grouped whole part and at most `decimals`
 * decimals, cut (not rounded) and trailing zeros dropped; a non-zero amount that would show as
 * 0 keeps every significant decimal. The exact value is `formatRao`.
 */
export function formatRaoShort(rao: string, decimals = 4): string {
  const full = formatRao(rao);
  const [whole, frac] = full.split(".") as [string, string];
  let cut = frac.slice(0, decimals).replace(/0+$/, "");
  if (whole === "0" && cut === "" && /[1-9]/.test(frac)) cut = frac.replace(/0+$/, "");
  return cut ? `${whole}.${cut}` : whole;
}

/** A number of TAO as a compact axis label: 1.8M, 250k, 12.5 (display only). */
export function formatCompact(x: number): string {
  const a = Math.abs(x);
  const trim = (v: number, d: number) => v.toFixed(d).replace(/\.?0+$/, "");
  if (a >= 1e6) return `${trim(x / 1e6, a >= 1e7 ? 1 : 2)}M`;
  if (a >= 1e3) return `${trim(x / 1e3, a >= 1e4 ? 1 : 2)}k`;
  if (a >= 1) return trim(x, 2);
  if (a === 0) return "0";
  return trim(x, 4);
}

/**
 * About `count` evenly spaced "nice" axis values (steps of 1, 2, 2.5 or 5 × 10^k) covering
 * [lo, hi]: the first at or below lo, the last at or above hi.
 */
export function axisTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1);
  const raw = span / (count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let t = start; t < hi + step * 0.999 && ticks.length < 8; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks.length >= 2 ? ticks : [start, start + step];
}

/** "1.50" → "1.5", "2.00" → "2" (integers untouched). */
const trimZeros = (x: string) => (x.includes(".") ? x.replace(/\.?0+$/, "") : x);

/**
 * A TAO axis labeller for `ticks`: the shortest of M (millions), k (thousands) or plain grouped
 * τ, with the fewest decimals, that still tells every tick apart and is within a hundredth of a step
 * of its value (1.8M τ on a wide axis, 1,800,305 τ on a narrow one). A no-break space keeps
 * the unit on the label's line.
 */
export function formatTauAxis(ticks: number[]): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(ticks[0] ?? 1) || 1;
  const top = Math.max(...ticks.map(Math.abs));
  const group = (x: string) => x.replace(/^(-?\d+)/, (w) => w.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
  const candidates: [number, string, number][] = [];
  if (top >= 1e6) for (let d = 0; d <= 2; d++) candidates.push([1e6, "M", d]);
  if (top >= 1e3) for (let d = 0; d <= 1; d++) candidates.push([1e3, "k", d]);
  for (let d = 0; d <= 9; d++) candidates.push([1, "", d]);
  for (const [scale, suffix, d] of candidates) {
    const labels = ticks.map((t) => (t / scale).toFixed(d));
    const exact = ticks.every((t, i) => Math.abs(Number(labels[i]) * scale - t) <= step / 100 || ticks.length === 1);
    if (new Set(labels).size === labels.length && exact) return (v) => `${v === 0 ? "0" : `${group(trimZeros((v / scale).toFixed(d)))}${suffix}`}\u00a0τ`;
  }
  return (v) => `${group(trimZeros(v.toFixed(9)))}\u00a0τ`;
}
