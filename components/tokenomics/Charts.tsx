"use client";

import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TokenomicsDto } from "@/lib/dto";

/** Rao as a TAO number for plotting (display only; the tables stay exact). */
const tao = (rao: string) => Number(BigInt(rao) / 1_000_000n) / 1000;
const COLORS = ["var(--color-sky-400)", "var(--color-emerald-400)", "var(--color-amber-400)", "#8b5cf6", "#ec4899", "var(--color-slate-400)"];
export const tip = { contentStyle: { background: "var(--color-slate-900)", border: "1px solid var(--color-slate-800)" } };
export const axis = { stroke: "var(--color-slate-500)", fontSize: 11 };
/** Large TAO amounts on an axis: 1.80M, 250k. */
const short = (v: number) => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : Math.abs(v) >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : String(v));

export function Panel({ title, testid, points, children }: { title: string; testid: string; points: number; children: React.ReactElement }) {
  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-3" data-testid={testid} data-points={points}>
      <figcaption className="mb-2 text-sm text-slate-400">{title}</figcaption>
      <ResponsiveContainer width="100%" height={230}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

/** Every tokenomics chart; loaded lazily by TokenomicsView. */
export default function Charts({ t }: { t: TokenomicsDto }) {
  const rows = t.points.map((p) => ({
    block: Number(p.block),
    issuance: tao(p.issuance),
    reference: tao(p.reference),
    emission: tao(p.blockEmission),
    ratio: p.stakingRatio * 100,
    free: tao(p.free),
    staked: tao(p.staked),
    pooled: tao(p.pooled),
    recycled: tao(p.recycled),
  }));
  const head = t.points.at(-1);
  const projection = head ? [{ block: Number(head.block), issuance: tao(head.issuance) }, ...t.projection.markers.map((m) => ({ block: Number(m.block), issuance: tao(m.threshold) }))] : [];
  const shares = t.shares.rows.map((r) => ({ block: Number(r.block), ...Object.fromEntries(t.shares.series.map((s, i) => [s, (r.values[i] ?? 0) * 100])) }));
  const xAxis = <XAxis dataKey="block" type="number" domain={["dataMin", "dataMax"]} {...axis} />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Issuance (τ) and the 2024 reference: 1 τ a block from the range's start" testid="chart-issuance" points={rows.length}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={80} domain={["auto", "auto"]} />
          <Tooltip {...tip} />
          <Legend />
          <Line dataKey="issuance" stroke="var(--color-sky-400)" dot={false} isAnimationActive={false} />
          <Line dataKey="reference" name="1 τ/block (7,200 τ/day)" stroke="var(--color-slate-500)" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </Panel>
      <Panel title="Projection to 21M τ: issuance at each halving (every block minting its full emission)" testid="chart-projection" points={projection.length}>
        <LineChart data={projection}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          <XAxis dataKey="block" type="number" domain={["dataMin", "dataMax"]} {...axis} tickFormatter={(b: number) => `${(b / 1e6).toFixed(0)}M`} />
          <YAxis {...axis} width={80} domain={[0, 21_000_000]} tickFormatter={(v: number) => `${(v / 1e6).toFixed(1)}M`} />
          <Tooltip {...tip} />
          <ReferenceLine y={21_000_000} stroke="var(--color-red-400)" strokeDasharray="4 4" label={{ value: "21M", fill: "var(--color-red-400)", fontSize: 11, position: "insideTopRight" }} />
          {t.projection.markers.slice(0, 4).map((m) => (
            <ReferenceLine key={m.k} x={Number(m.block)} stroke="var(--color-amber-400)" strokeDasharray="2 4" />
          ))}
          <Line dataKey="issuance" stroke="var(--color-sky-400)" dot isAnimationActive={false} />
        </LineChart>
      </Panel>
      <Panel title="Block emission (τ): steps at halvings; the 2024 network's 1 τ a block" testid="chart-emission" points={rows.length}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={60} domain={[0, 1.1]} />
          <Tooltip {...tip} />
          <ReferenceLine y={1} stroke="var(--color-slate-500)" strokeDasharray="4 4" label={{ value: "2024: 1 τ/block, 7,200 τ/day", fill: "var(--color-slate-400)", fontSize: 11, position: "insideBottomRight" }} />
          <Line type="stepAfter" dataKey="emission" name="block emission" stroke="var(--color-emerald-400)" dot={false} isAnimationActive={false} />
        </LineChart>
      </Panel>
      <Panel title="Staking ratio (staked ÷ issuance, %); 2024: 89%" testid="chart-ratio" points={rows.length}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={60} domain={[0, 100]} />
          <Tooltip {...tip} />
          <ReferenceLine y={89} stroke="var(--color-slate-500)" strokeDasharray="4 4" />
          <Line dataKey="ratio" name="staked %" stroke="#8b5cf6" dot={false} isAnimationActive={false} />
        </LineChart>
      </Panel>
      <Panel title="Supply (τ): free, staked, pooled, recycled (stacked)" testid="chart-supply" points={rows.length}>
        <AreaChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={60} tickFormatter={short} />
          <Tooltip {...tip} />
          <Legend />
          {(["free", "staked", "pooled", "recycled"] as const).map((k, i) => (
            <Area key={k} dataKey={k} stackId="supply" stroke={COLORS[i]} fill={COLORS[i]} fillOpacity={0.35} isAnimationActive={false} />
          ))}
        </AreaChart>
      </Panel>
      <Panel title={`Emission share per subnet (%, per ${t.step}-block interval${t.shares.series.includes("other") ? `; top ${t.shares.series.length - 1} + other` : ""})`} testid="chart-shares" points={shares.length}>
        <AreaChart data={shares}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={50} domain={[0, 100]} />
          <Tooltip {...tip} />
          <Legend />
          {t.shares.series.map((s, i) => (
            <Area key={s} dataKey={s} stackId="share" stroke={COLORS[i % COLORS.length]} fill={COLORS[i % COLORS.length]} fillOpacity={0.45} isAnimationActive={false} />
          ))}
        </AreaChart>
      </Panel>
    </div>
  );
}
