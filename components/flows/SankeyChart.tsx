"use client";

import { useEffect, useState } from "react";
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from "recharts";
import type { SankeyDto } from "@/lib/dto";

/** Rao as a unit number for the layout only (the table beside it is exact). */
const units = (rao: string) => Number(BigInt(rao) / 1000n) / 1e6;
const COLORS = ["var(--color-sky-400)", "var(--color-emerald-400)", "var(--color-amber-400)", "#8b5cf6", "#ec4899", "#fb923c", "var(--color-slate-400)", "#22d3ee", "#a3e635"];

/** A Sankey of one unit (τ or α), drawn by recharts; loaded lazily by FlowsView. */
export default function SankeyChart({ graph }: { graph: SankeyDto }) {
  // On a phone: smaller labels, each on one line with its amount.
  const [compact, setCompact] = useState(false);
  useEffect(() => {
    const q = window.matchMedia("(max-width: 640px)");
    setCompact(q.matches);
    const on = () => setCompact(q.matches);
    q.addEventListener("change", on);
    return () => q.removeEventListener("change", on);
  }, []);
  if (graph.links.length === 0) return <p className="text-sm text-slate-400">No flows in this range.</p>;
  const unit = graph.nodes[0]?.unit ?? "τ";
  const data = { nodes: graph.nodes.map((n) => ({ name: n.label })), links: graph.links.map((l) => ({ source: l.source, target: l.target, value: units(l.value) })) };
  const Node = (p: { x: number; y: number; width: number; height: number; index: number; payload: { name: string; value: number; targetLinks?: number[]; sourceLinks?: number[] } }) => {
    // A sink (no outgoing link) sits on the right edge: label to its left; on a phone, so does a
    // node between two columns, whose label would otherwise run into the sinks' labels.
    const sink = (p.payload.targetLinks?.length ?? 0) === 0;
    const right = sink || (compact && (p.payload.sourceLinks?.length ?? 0) > 0);
    const label = compact && p.payload.name.length > 22 ? `${p.payload.name.slice(0, 21)}…` : p.payload.name;
    return (
      <Layer key={`node-${p.index}`}>
        <Rectangle x={p.x} y={p.y} width={p.width} height={Math.max(p.height, 1)} fill={COLORS[p.index % COLORS.length]} fillOpacity={0.9} />
        <text x={right ? p.x - 6 : p.x + p.width + 6} y={p.y + p.height / 2} textAnchor={right ? "end" : "start"} dominantBaseline="middle" fontSize={compact ? 10 : 12} fill="var(--color-slate-200)">
          {label}
        </text>
        {!compact && (
          <text x={right ? p.x - 6 : p.x + p.width + 6} y={p.y + p.height / 2 + 14} textAnchor={right ? "end" : "start"} dominantBaseline="middle" fontSize={11} fill="var(--color-slate-400)">
            {p.payload.value.toLocaleString("en-US", { maximumFractionDigits: 3 })} {unit}
          </text>
        )}
      </Layer>
    );
  };
  return (
    <ResponsiveContainer width="100%" height={compact ? 460 : 400}>
      <Sankey data={data} node={Node as never} nodePadding={compact ? 14 : 24} nodeWidth={10} margin={{ top: 10, bottom: 26, left: 4, right: 4 }} link={{ stroke: "var(--color-slate-500)", strokeOpacity: 0.35 }} iterations={32}>
        <Tooltip contentStyle={{ background: "var(--color-slate-900)", border: "1px solid var(--color-slate-800)" }} formatter={(v) => `${Number(v).toLocaleString("en-US", { maximumFractionDigits: 9 })} ${unit}`} />
      </Sankey>
    </ResponsiveContainer>
  );
}

