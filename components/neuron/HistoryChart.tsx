"use client";

import { useState } from "react";

/** A token amount in few characters (1.2k, 3.4M). */
function compact(x: number): string {
  return x.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 2 });
}

/** A coordinate to 0.01 of the 300 × 120 viewBox: finer than any screen shows it, and a fifth of the digits. */
const at = (v: number) => Math.round(v * 100) / 100;

/**
 * One figure of a uid over stored epochs: a line with a dot per epoch (hover shows the epoch,
 * its block and the value). Plain SVG; `format` renders a value. One transparent rectangle over
 * the plot maps the pointer to the nearest epoch, rather than a rectangle per epoch: at 277
 * stored epochs the six charts of a neuron page were 500 kB of HTML, most of it hover targets
 * and coordinates to 15 digits.
 */
export function HistoryChart({ title, epochs, blocks, values, format, id, domain }: { title: string; epochs: readonly number[]; blocks: readonly string[]; values: readonly number[]; format: "u16" | "rao"; id: string; domain?: [number, number] }) {
  // Columns, not an object per point: a page's charts share one `epochs` and one `blocks`, which
  // React's payload then carries once.
  if (epochs.length !== values.length || blocks.length !== values.length) throw new RangeError(`history chart ${id}: ${epochs.length} epochs, ${blocks.length} blocks and ${values.length} values`);
  const points = values.map((value, i) => ({ epoch: epochs[i]!, block: blocks[i]!, value }));
  const [hover, setHover] = useState<number | null>(null);
  const W = 300;
  const H = 120;
  const lo = domain?.[0] ?? Math.min(0, ...points.map((p) => p.value));
  const hiRaw = domain?.[1] ?? Math.max(...points.map((p) => p.value), 0);
  const hi = hiRaw === lo ? lo + 1 : hiRaw;
  const x = (i: number) => (points.length <= 1 ? W / 2 : 6 + (i * (W - 12)) / (points.length - 1));
  const y = (v: number) => H - 6 - ((v - lo) / (hi - lo)) * (H - 12);
  const show = (v: number) => (format === "u16" ? `${v} u16 (${(v / 65535).toFixed(5)})` : `${(v / 1e9).toLocaleString("en-US", { maximumFractionDigits: 9 })}`);
  const h = hover === null ? null : points[hover];
  /** The epoch nearest the pointer, from its position across the plot (the viewBox is stretched to the box). */
  const nearest = (e: React.MouseEvent<SVGRectElement>) => {
    if (points.length === 0) return;
    const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
    const vx = ((e.clientX - box.left) / box.width) * W;
    const i = points.length === 1 ? 0 : Math.round(((vx - 6) * (points.length - 1)) / (W - 12));
    setHover(Math.min(points.length - 1, Math.max(0, i)));
  };
  const axis = (v: number) => (format === "u16" ? (v / 65535).toFixed(2) : compact(v / 1e9));
  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-3" data-testid={`history-${id}`} data-points={points.length}>
      <figcaption className="mb-1 flex justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium text-slate-200">{title}</span>
        <span className="truncate font-mono" data-testid={`history-${id}-hover`}>
          {h ? `epoch ${h.epoch} (block ${h.block}): ${show(h.value)}` : points.length ? `latest: ${show(points.at(-1)!.value)}` : "no epoch yet"}
        </span>
      </figcaption>
      <div className="flex gap-1">
        <div className="flex w-14 shrink-0 flex-col justify-between py-0.5 text-right font-mono text-[10px] text-slate-500">
          <span>{axis(hi)}</span>
          <span>{axis(lo)}</span>
        </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-32 min-w-0 flex-1 [&_circle]:pointer-events-none" role="img" aria-label={title} onMouseLeave={() => setHover(null)}>
        <line x1={0} x2={W} y1={at(y(lo))} y2={at(y(lo))} stroke="var(--color-slate-800)" />
        <polyline points={points.map((p, i) => `${at(x(i))},${at(y(p.value))}`).join(" ")} fill="none" stroke="var(--color-sky-400)" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        {points.map((p, i) => (
          <circle key={p.epoch} data-testid="history-point" data-epoch={p.epoch} cx={at(x(i))} cy={at(y(p.value))} r={hover === i ? 3.5 : 2} className={hover === i ? "fill-slate-50" : "fill-sky-400"} />
        ))}
        <rect width={W} height={H} fill="transparent" onMouseMove={nearest} onClick={nearest} />
      </svg>
      </div>
      <div className="ml-15 flex justify-between font-mono text-[10px] text-slate-500">
        <span>epoch {points[0]?.epoch ?? "—"}</span>
        <span>epoch {points.at(-1)?.epoch ?? "—"}</span>
      </div>
    </figure>
  );
}
