"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { NetworkFiguresDto } from "@/lib/dto";
import { axisTicks, formatCompact, formatRao, formatTauAxis } from "./format";
import { SUPPLY_SERIES } from "./supply-series";

/** Rao (decimal string) as a TAO number, for drawing only (labels come from the strings). */
const tao = (rao: string) => Number(rao) / 1e9;

/** [lo, hi] padded so a flat or nearly flat series still draws as a readable line. */
function domainOf(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi - lo > 0 ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.01, 1);
  return [Math.max(0, lo - pad), hi + pad];
}

function PanelTooltip({ active, payload, label }: { active?: boolean; payload?: { payload: { rao: string } }[]; label?: number }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-xs">
      <div className="text-slate-400">block {label}</div>
      <div className="font-mono">{formatRao(payload[0]!.payload.rao)} τ</div>
    </div>
  );
}

/** The supply chart's four panels (recharts): loaded lazily by SupplyChart. */
export function SupplyPanels({ points }: { points: NetworkFiguresDto[] }) {
  const last = points.at(-1);
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
      {SUPPLY_SERIES.map((s) => {
        const rows = points.map((p) => ({ block: Number(p.block), v: tao(p[s.key]), rao: p[s.key] }));
        const [lo, hi] = domainOf(rows.map((r) => r.v));
        const ticks = axisTicks(lo, hi);
        const label = formatTauAxis(ticks);
        return (
          <div key={s.key} className="rounded-md border border-slate-800 p-2" data-testid={`supply-panel-${s.key}`} data-series={s.key}>
            <div className="flex items-baseline justify-between gap-2 px-1 text-xs">
              <span className="inline-flex items-center gap-1.5 font-medium text-slate-200">
                <span className="inline-block h-2 w-2 rounded-full" style={{ background: s.color }} aria-hidden="true" />
                {s.label}
              </span>
              <span className="font-mono text-slate-300" title={last ? `${formatRao(last[s.key])} τ` : undefined} data-testid={`supply-latest-${s.key}`}>
                {last ? `${formatCompact(tao(last[s.key]))} τ` : "—"}
              </span>
            </div>
            <div className="px-1 text-[11px] text-slate-500">{s.note}</div>
            <ResponsiveContainer width="100%" height={140}>
              <LineChart data={rows} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
                <XAxis dataKey="block" stroke="var(--color-slate-500)" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 10 }} tickCount={4} />
                <YAxis stroke="var(--color-slate-500)" width={80} domain={[ticks[0]!, ticks.at(-1)!]} ticks={ticks} interval={0} tick={{ fontSize: 10 }} tickFormatter={label} allowDataOverflow />
                <Tooltip content={<PanelTooltip />} />
                <Line dataKey="v" name={s.label} stroke={s.color} dot={false} strokeWidth={1.75} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        );
      })}
    </div>
  );
}
