"use client";

import { useQuery } from "@tanstack/react-query";
import type { HealthDto } from "@/lib/dto";
import { LIVE_REFETCH_MS, fetchJson } from "@/lib/query-keys";

/** react-query key of /api/health (kept here: only this banner reads it in the browser). */
export const HEALTH_QUERY_KEY = ["health"] as const;

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/**
 * A banner on every page while the node fast-forwards its history (lib/node/history.ts):
 * blocks done of the target, blocks/s and the time left. It polls /api/health every couple of
 * seconds while history runs, stops polling and disappears once the node is live.
 */
export function SyncProgress() {
  const health = useQuery({
    queryKey: HEALTH_QUERY_KEY,
    queryFn: () => fetchJson<HealthDto>("/api/health"),
    refetchInterval: (q) => (q.state.data?.sync.phase === "live" ? false : LIVE_REFETCH_MS),
    retry: true,
  });
  const sync = health.data?.sync;
  if (!sync || sync.phase !== "history") return null;
  const pct = sync.total ? (100 * sync.done) / sync.total : 0;
  return (
    <div role="status" data-testid="sync-progress" className="border-b border-amber-700/60 bg-amber-950/60 text-amber-100">
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm sm:px-6">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <span className="font-semibold">Fast-forwarding history</span>
          <span className="font-mono" data-testid="sync-blocks">
            {sync.done.toLocaleString("en-US")} / {sync.total.toLocaleString("en-US")} blocks ({pct.toFixed(1)}%)
          </span>
          <span className="font-mono" data-testid="sync-rate">
            {sync.blocksPerSecond === null ? "measuring…" : `${sync.blocksPerSecond.toFixed(1)} blocks/s`}
          </span>
          <span className="font-mono" data-testid="sync-eta">
            {sync.etaSeconds === null ? "ETA …" : `ETA ${duration(sync.etaSeconds)}`}
          </span>
          <span className="text-amber-200/80">Pages show what is committed so far; live blocks follow every 12 s.</span>
        </div>
        <div className="mt-2 h-1.5 w-full overflow-hidden rounded bg-amber-900/60" aria-hidden="true">
          <div className="h-full bg-amber-400 transition-[width] duration-500" style={{ width: `${pct}%` }} />
        </div>
      </div>
    </div>
  );
}
