"use client";

import dynamic from "next/dynamic";

export interface EpochChartRow {
  epoch: number;
  [series: string]: number;
}

/** The chart library loads only in the browser, after the page: it is not part of the first load. */
const EpochBars = dynamic(() => import("./EpochBars").then((m) => m.EpochBars), {
  ssr: false,
  loading: () => <div className="h-[220px] animate-pulse rounded bg-slate-900/40" />,
});

/** Stacked per-epoch shares (dividends or incentive), one bar per epoch. */
export function EpochChart({ rows, series, label }: { rows: EpochChartRow[]; series: string[]; label: string }) {
  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-4" aria-label={label} data-testid="epoch-chart">
      <figcaption className="mb-2 text-sm text-slate-400">{label}</figcaption>
      <EpochBars rows={rows} series={series} />
    </figure>
  );
}
