"use client";

import { useState } from "react";
import type { DistributionSeriesDto } from "@/lib/dto";

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const COLORS = { incentive: "var(--color-sky-400)", dividends: "#8b5cf6" } as const;

/**
 * One column's spread over the uids: a sorted bar chart (largest first; hover names the uid, its
 * hotkey and its value in u16 and as a share; a click opens the uid's page) beside its Lorenz
 * curve. Plain SVG: a bar per uid, at most a few hundred nodes.
 */
export function DistributionChart({ netuid, series, unitLabel }: { netuid: number; series: DistributionSeriesDto; unitLabel: string }) {
  const [hover, setHover] = useState<number | null>(null);
  const bars = series.bars;
  const max = bars[0]?.value ?? 0;
  const color = COLORS[series.column];
  const h = hover === null ? null : bars[hover]!;
  const W = Math.max(bars.length, 1);
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" data-testid={`dist-${series.column}`}>
      <figure className="min-w-0">
        <figcaption className="mb-1 text-xs text-slate-400">
          {unitLabel} per uid, sorted (u16, 65535 = 1.0); hover a bar, click to open the uid
        </figcaption>
        <div className="relative h-48 rounded border border-slate-800 bg-slate-900/40" onMouseLeave={() => setHover(null)}>
          {max === 0 && (
            <p className="absolute inset-0 flex items-center justify-center px-4 text-center text-sm text-slate-400" data-testid={`dist-${series.column}-empty`}>
              No uid earned {series.column} at this epoch.
            </p>
          )}
          <svg viewBox={`0 0 ${W} 100`} preserveAspectRatio="none" className="h-full w-full" role="group" aria-label={`${unitLabel} per uid, sorted`}>
            <line x1={0} x2={W} y1={99.6} y2={99.6} stroke="var(--color-slate-700)" strokeWidth={0.8} vectorEffect="non-scaling-stroke" />
            {bars.map((b, i) => {
              const height = max === 0 ? 0 : (b.value / max) * 96;
              return (
                <a key={b.uid} href={`/subnets/${netuid}/uids/${b.uid}`} aria-label={`uid ${b.uid}`}>
                  <rect
                    data-testid="dist-bar"
                    data-uid={b.uid}
                    data-value={b.value}
                    x={i}
                    y={0}
                    width={1}
                    height={100}
                    fill="transparent"
                    onMouseEnter={() => setHover(i)}
                  />
                  <rect x={i + 0.1} y={100 - height} width={0.8} height={height} fill={hover === i ? "var(--color-slate-50)" : color} pointerEvents="none" />
                </a>
              );
            })}
          </svg>
          {h && (
            <div data-testid="dist-tooltip" className="pointer-events-none absolute top-2 right-2 left-2 rounded border border-slate-700 bg-slate-950/95 p-2 font-mono text-xs shadow sm:left-auto sm:max-w-md">
              <div>
                uid <span data-testid="tooltip-uid">{h.uid}</span>
              </div>
              <div className="break-all text-slate-400">{h.hotkey}</div>
              <div>
                <span data-testid="tooltip-u16">{h.value}</span> u16 ({(h.value / 65535).toFixed(5)}) · {pct(h.share)} of the total
              </div>
            </div>
          )}
        </div>
        <div className="mt-1 flex justify-between text-xs text-slate-500">
          <span>uid {bars[0]?.uid ?? "—"} (largest)</span>
          <span>{series.earning} of {series.n} earn</span>
        </div>
      </figure>
      <Lorenz series={series} color={color} />
    </div>
  );
}

/** The Lorenz curve (poorest first) against the line of equality; the area between is Gini / 2. */
function Lorenz({ series, color }: { series: DistributionSeriesDto; color: string }) {
  const pts = series.lorenz.map(([x, y]) => `${(x * 100).toFixed(3)},${(100 - y * 100).toFixed(3)}`).join(" ");
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs text-slate-400">Lorenz curve (uids poorest first)</figcaption>
      <div className="mx-auto aspect-square max-h-48 rounded border border-slate-800 bg-slate-900/40 p-2">
        <svg viewBox="-1 -1 102 102" className="h-full w-full" role="img" aria-label={`Lorenz curve, Gini ${series.gini.toFixed(4)}`} data-testid="lorenz" data-points={series.lorenz.length}>
          <line x1={0} y1={100} x2={100} y2={0} stroke="var(--color-slate-600)" strokeDasharray="2 2" strokeWidth={0.6} />
          <polygon points={`0,100 ${pts} 100,100`} fill={color} fillOpacity={0.15} />
          <polyline points={pts} fill="none" stroke={color} strokeWidth={1.2} />
          <text x={4} y={12} fontSize={9} fill="var(--color-slate-300)">
            Gini {series.gini.toFixed(4)}
          </text>
        </svg>
      </div>
    </figure>
  );
}
