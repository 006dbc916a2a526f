"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { EpochChartRow } from "./EpochChart";

const COLORS = ["var(--color-sky-400)", "#8b5cf6", "#ec4899", "var(--color-emerald-400)", "var(--color-amber-400)"];

/** Stacked per-epoch shares (recharts): loaded lazily by EpochChart. */
export function EpochBars({ rows, series }: { rows: EpochChartRow[]; series: string[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} margin={{ top: 10, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
        <XAxis dataKey="epoch" stroke="var(--color-slate-500)" />
        <YAxis domain={[0, 1]} stroke="var(--color-slate-500)" width={48} tick={{ fontSize: 12 }} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
        <Tooltip contentStyle={{ background: "var(--color-slate-900)", border: "1px solid var(--color-slate-800)" }} formatter={(v) => `${(Number(v) * 100).toFixed(2)}%`} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s} dataKey={s} stackId="share" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
