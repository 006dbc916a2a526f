/**
 * A price line as a small inline SVG (no chart library: the subnet list draws one per row).
 * `points` are decimal prices, oldest first; the line spans the box, min to max.
 */
export function Sparkline({ points, label, width = 96, height = 24 }: { points: readonly string[]; label: string; width?: number; height?: number }) {
  const ys = points.map(Number);
  if (ys.length < 2) return <span className="text-xs text-slate-500">{ys.length === 1 ? "1 epoch" : "no epochs"}</span>;
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const span = hi - lo || 1;
  const d = ys.map((y, i) => `${i === 0 ? "M" : "L"}${((i / (ys.length - 1)) * (width - 2) + 1).toFixed(1)},${(height - 1 - ((y - lo) / span) * (height - 2)).toFixed(1)}`).join("");
  const up = ys.at(-1)! >= ys[0]!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline" data-points={ys.length}>
      <path d={d} fill="none" stroke={up ? "var(--color-emerald-400)" : "var(--color-red-400)"} strokeWidth={1.5} />
    </svg>
  );
}
