"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { NetworkHistoryDto } from "@/lib/dto";
import { LIVE_REFETCH_MS, fetchJson, queryKeys } from "@/lib/query-keys";
import { SUPPLY_SERIES } from "./supply-series";

/** The chart library loads only in the browser, after the page: it is not part of the first load. */
const SupplyPanels = dynamic(() => import("./SupplyPanels").then((m) => m.SupplyPanels), {
  ssr: false,
  loading: () => <PanelsSkeleton />,
});

function PanelsSkeleton() {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
      {SUPPLY_SERIES.map((s) => (
        <div key={s.key} className="h-[188px] animate-pulse rounded-md border border-slate-800 bg-slate-900/40" />
      ))}
    </div>
  );
}

/**
 * Supply over the chain's life, one small panel per figure (issuance, free, staked, pooled),
 * each on its own scale: issuance and free are millions of τ while staked and pooled can be a
 * few thousand, so one shared axis would flatten the small ones to zero, and a dual axis would
 * invite comparing heights that mean different things. Every panel's axis is labelled in τ
 * (1.8M τ); the tooltip shows the exact value from the API's rao string.
 */
export function SupplyChart({ initial }: { initial: NetworkHistoryDto }) {
  const { data } = useQuery({ queryKey: queryKeys.history, queryFn: () => fetchJson<NetworkHistoryDto>("/api/network/history?points=120"), initialData: initial, refetchInterval: LIVE_REFETCH_MS * 5 });
  return (
    <figure className="rounded-lg border border-slate-800 p-3 sm:p-4" aria-label="Supply" data-testid="supply-chart" data-points={data.points.length}>
      <figcaption className="mb-3 text-sm text-slate-400">Supply by block (each panel on its own scale)</figcaption>
      <SupplyPanels points={data.points} />
    </figure>
  );
}
