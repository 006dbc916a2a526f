"use client";

import { useState } from "react";
import type { BalancePointDto } from "@/lib/dto-accounts";
import { formatCompact, formatRao } from "../format";

/**
 * An account's free balance over blocks as a step line (the balance holds until the next
 * change); hovering shows the block and the exact balance. Plain SVG: nothing to load.
 */
export function BalanceChart({ points }: { points: BalancePointDto[] }) {
  const [hover, setHover] = useState<number | null>(null);
  const W = 600;
  const H = 160;
  const blocks = points.map((p) => Number(p.block));
  const values = points.map((p) => Number(p.free) / 1e9);
  const x0 = blocks[0] ?? 0;
  const x1 = blocks.at(-1) ?? 1;
  const hi = Math.max(...values, 0) || 1;
  const x = (b: number) => (x1 === x0 ? W / 2 : 4 + ((b - x0) / (x1 - x0)) * (W - 8));
  const y = (v: number) => H - 4 - (v / hi) * (H - 8);
  let path = "";
  points.forEach((_, i) => {
    path += i === 0 ? `M${x(blocks[0]!)},${y(values[0]!)}` : `H${x(blocks[i]!)}V${y(values[i]!)}`;
  });
  const h = hover === null ? null : points[hover];
  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-3" data-testid="balance-chart" data-points={points.length}>
      <figcaption className="mb-1 flex flex-wrap justify-between gap-2 text-xs text-slate-400">
        <span className="font-medium text-slate-200">Free balance (τ)</span>
        <span className="font-mono" data-testid="balance-hover">
          {h ? `block ${h.block}: ${formatRao(h.free)} τ` : points.length ? `block ${points.at(-1)!.block}: ${formatRao(points.at(-1)!.free)} τ` : ""}
        </span>
      </figcaption>
      <div className="flex gap-1">
        <div className="flex w-12 shrink-0 flex-col justify-between py-0.5 text-right font-mono text-[10px] text-slate-500">
          <span>{formatCompact(hi)}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-40 min-w-0 flex-1" role="img" aria-label="Free balance over blocks" onMouseLeave={() => setHover(null)}>
          <line x1={0} x2={W} y1={y(0)} y2={y(0)} stroke="var(--color-slate-800)" />
          <path d={path} fill="none" stroke="var(--color-sky-400)" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          {points.map((p, i) => (
            <rect key={p.block} x={x(blocks[i]!) - W / Math.max(points.length, 1) / 2} y={0} width={W / Math.max(points.length, 1)} height={H} fill={hover === i ? "#38bdf822" : "transparent"} onMouseEnter={() => setHover(i)} />
          ))}
        </svg>
      </div>
      <div className="ml-13 flex justify-between font-mono text-[10px] text-slate-500">
        <span>block {points[0]?.block ?? "—"}</span>
        <span>block {points.at(-1)?.block ?? "—"}</span>
      </div>
    </figure>
  );
}
