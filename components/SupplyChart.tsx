"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { NetworkHistoryDto } from "@/lib/dto";
import { LIVE_REFETCH_MS, fetchJson, queryKeys } from "@/lib/query-keys";

/** Rao (decimal string) as a TAO number for plotting (display only; the table views stay exact). */
const tao = (rao: string) => Number(BigInt(rao) / 1_000_000n) / 1000;

/** Supply over the chain's life: issuance, free, staked (alpha at spot price plus root) and pooled TAO. */
export function SupplyChart({ initial }: { initial: NetworkHistoryDto }) {
  const { data } = useQuery({ queryKey: queryKeys.history, queryFn: () => fetchJson<NetworkHistoryDto>("/api/network/history?points=120"), initialData: initial, refetchInterval: LIVE_REFETCH_MS * 5 });
  const rows = data.points.map((p) => ({ block: Number(p.block), issuance: tao(p.issuance), free: tao(p.free), staked: tao(p.staked), pooled: tao(p.pooled) }));
  return (
    <figure className="rounded-lg border border-slate-800 p-4" aria-label="Supply" data-testid="supply-chart" data-points={rows.length}>
      <figcaption className="mb-2 text-sm text-slate-400">Supply (TAO) by block</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#1e293b" />
          <XAxis dataKey="block" stroke="#64748b" type="number" domain={["dataMin", "dataMax"]} />
          <YAxis stroke="#64748b" width={90} />
          <Tooltip contentStyle={{ background: "#0f172a", border: "1px solid #1e293b" }} />
          <Legend />
          <Line dataKey="issuance" stroke="#38bdf8" dot={false} isAnimationActive={false} />
          <Line dataKey="free" stroke="#a78bfa" dot={false} isAnimationActive={false} />
          <Line dataKey="staked" stroke="#34d399" dot={false} isAnimationActive={false} />
          <Line dataKey="pooled" stroke="#fbbf24" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
