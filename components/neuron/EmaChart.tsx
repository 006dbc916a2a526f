"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axis, tip } from "@/components/tokenomics/Charts";
import type { ScorerDto } from "@/lib/dto-offchain";

const COLORS = ["var(--color-sky-400)", "var(--color-emerald-400)", "var(--color-amber-400)", "#8b5cf6", "#ec4899", "var(--color-rose-400)", "var(--color-lime-400)", "var(--color-slate-400)"];
const fixed = (v: number) => v.toFixed(3);

/** A scorer's label: its uid now (or that it left) and its behaviour. */
const scorerName = (s: ScorerDto) => `${s.uid === null ? "unregistered" : `uid ${s.uid}`} · ${s.kind}`;

/** The y axis's top: the largest EMA rounded up to a tenth (scores of weak miners stay near 0, and a fixed [0, 1] flattens them). */
const emaTop = (scorers: readonly ScorerDto[]) => Math.min(1, Math.max(0.1, Math.ceil(Math.max(...scorers.flatMap((s) => s.points.map((p) => p.ema))) * 10) / 10));

/** Each validator's EMA of a miner's scores by block; loaded lazily by OffchainScores. */
export default function EmaChart({ scorers }: { scorers: readonly ScorerDto[] }) {
  const points = scorers.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-3" data-testid="offchain-chart" data-points={points} data-lines={scorers.length}>
      <figcaption className="mb-2 text-sm text-slate-400">Each validator&apos;s EMA of its scores (what its weights follow), by block</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          <XAxis dataKey="block" type="number" domain={["dataMin", "dataMax"]} allowDuplicatedCategory={false} {...axis} />
          <YAxis {...axis} width={40} domain={[0, emaTop(scorers)]} />
          <Tooltip {...tip} formatter={(v) => (typeof v === "number" ? fixed(v) : String(v))} labelFormatter={(b) => `block ${b}`} />
          <Legend />
          {scorers.map((s, i) => (
            <Line
              key={s.validator.hex}
              data={s.points.map((p) => ({ block: Number(p.block), ema: p.ema }))}
              dataKey="ema"
              name={scorerName(s)}
              stroke={COLORS[i % COLORS.length]}
              dot={s.points.length <= 40 ? { r: 2.5 } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
