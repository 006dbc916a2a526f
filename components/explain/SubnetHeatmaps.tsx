"use client";

/**
 * The subnet page's weights and bonds heatmaps at a stored epoch, fetched by the browser from
 * /api/subnets/N/epochs/E/heatmaps (the epoch re-run on its stored inputs). Fetched rather than
 * rendered with the page: the re-run and its three packed matrices (about 90 kB at 94 validators
 * × 123 uids, sent twice in a server render, as HTML payload and as React's) were a third of a
 * past epoch's page; the canvas draws in the browser anyway. The epoch explainer, which is about
 * these numbers, still renders them with the page.
 */
import { useQuery } from "@tanstack/react-query";
import type { EpochHeatmapsDto } from "@/lib/dto";
import { ApiError, fetchJson } from "@/lib/query-keys";
import { EpochHeatmaps } from "./EpochHeatmaps";

export function SubnetHeatmaps({ netuid, epoch }: { netuid: number; epoch: number }) {
  const q = useQuery({
    queryKey: ["heatmaps", netuid, epoch],
    queryFn: () => fetchJson<EpochHeatmapsDto>(`/api/subnets/${netuid}/epochs/${epoch}/heatmaps`),
    // A stored epoch never changes: fetched once per page view.
    staleTime: Infinity,
    // An epoch stored before its inputs were (404) stays so; anything else is worth one more try.
    retry: (n, e) => n < 1 && !(e instanceof ApiError && e.status === 404),
  });
  return (
    <section className="space-y-3" aria-labelledby="heatmaps-title" data-testid="subnet-heatmaps" data-state={q.data ? "ready" : q.error ? "error" : "loading"}>
      <h2 id="heatmaps-title" className="text-lg font-semibold">
        Weights and bonds at epoch {epoch}{" "}
        <a className="text-sm font-normal text-sky-400 hover:underline" href={`/subnets/${netuid}/epochs/${epoch}`}>
          explain this epoch step by step →
        </a>
      </h2>
      {q.data ? (
        <EpochHeatmaps x={q.data} />
      ) : q.error ? (
        <p className="text-sm text-slate-400" data-testid="heatmaps-error">
          {q.error.message}
        </p>
      ) : (
        <p role="status" className="min-h-40 rounded-lg border border-slate-800 p-4 text-sm text-slate-400">
          Re-running epoch {epoch} for its weights and bonds…
        </p>
      )}
    </section>
  );
}
