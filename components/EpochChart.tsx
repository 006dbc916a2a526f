"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface EpochChartRow {
  epoch: number;
  [series: string]: number;
}

const COLORS = ["#38bdf8", "#a78bfa", "#f472b6", "#34d399", "#fbbf24"];

/** Stacked per-epoch shares (dividends or incentive), one bar per epoch. */
export function EpochChart({ rows, series, label }: { rows: EpochChartRow[]; series: string[]; label: string }) {
  return (
    <figure className="rounded-lg border border-slate-800 p-4" aria-label={label}>
      <figcaption className="mb-2 text-sm text-slate-400">{label}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#1e293b" />
          <XAxis dataKey="epoch" stroke="#64748b" />
          <YAxis domain={[0, 1]} stroke="#64748b" />
          <Tooltip contentStyle={{ background: "#0f172a", border: "1px solid #1e293b" }} />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s} dataKey={s} stackId="share" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
