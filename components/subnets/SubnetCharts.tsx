"use client";

import dynamic from "next/dynamic";
import type { SubnetHistoryDto } from "@/lib/dto-subnets";

/** recharts loads only in the browser, after the page. */
const HistoryCharts = dynamic(() => import("./HistoryCharts"), { ssr: false, loading: () => <div className="h-[290px] animate-pulse rounded bg-slate-900" /> });

/** The subnet's pool price and registration price after each stored epoch (evenly sampled). */
export function SubnetCharts({ history }: { history: SubnetHistoryDto }) {
  if (history.points.length === 0) return <p className="text-sm text-slate-400">No stored epochs yet: the charts start at the subnet&apos;s first epoch.</p>;
  return <HistoryCharts history={history} />;
}
