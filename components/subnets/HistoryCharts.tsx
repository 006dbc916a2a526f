"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { Panel, axis, tip } from "../tokenomics/Charts";
import type { SubnetHistoryDto } from "@/lib/dto-subnets";

/** Rao as a token number for plotting (display only; the tables stay exact). */
const tokens = (rao: string) => Number(BigInt(rao) / 1_000n) / 1_000_000;

/** Pool price and registration price by block; loaded lazily by SubnetCharts. */
export default function HistoryCharts({ history }: { history: SubnetHistoryDto }) {
  const rows = history.points.map((p) => ({ block: Number(p.block), epoch: p.epoch, price: Number(p.price), burn: p.burn === null ? null : tokens(p.burn) }));
  const xAxis = <XAxis dataKey="block" type="number" domain={["dataMin", "dataMax"]} {...axis} />;
  const pool = history.era === "dtao";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Registration price (τ) after each epoch" testid="chart-burn" points={rows.filter((r) => r.burn !== null).length}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
          {xAxis}
          <YAxis {...axis} width={70} domain={["auto", "auto"]} />
          <Tooltip {...tip} labelFormatter={(b) => `block ${b}`} />
          <Line type="stepAfter" dataKey="burn" name="registration (τ)" stroke="var(--color-amber-400)" dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </Panel>
      {pool ? (
        <Panel title="Pool price (τ per α) after each epoch" testid="chart-price" points={rows.length}>
          <LineChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-800)" />
            {xAxis}
            <YAxis {...axis} width={70} domain={["auto", "auto"]} />
            <Tooltip {...tip} labelFormatter={(b) => `block ${b}`} />
            <Line dataKey="price" name="price (τ/α)" stroke="var(--color-sky-400)" dot={false} isAnimationActive={false} />
          </LineChart>
        </Panel>
      ) : (
        <figure className="rounded-lg border border-slate-800 p-3 text-sm text-slate-400" data-testid="chart-price" data-points={0}>
          No pool price: subnets of the 2024 (root-network) era have no α pool; their τ comes from the root network&apos;s weights.
        </figure>
      )}
    </div>
  );
}
