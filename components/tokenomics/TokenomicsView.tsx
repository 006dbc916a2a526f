"use client";

import dynamic from "next/dynamic";
import { formatRao, formatTime } from "@/components/format";
import type { TokenomicsDto } from "@/lib/dto";

const Charts = dynamic(() => import("./Charts"), { ssr: false, loading: () => <div className="h-[560px] animate-pulse rounded bg-slate-900" /> });

export function TokenomicsView({ t }: { t: TokenomicsDto }) {
  const head = t.points.at(-1);
  return (
    <div className="space-y-6">
      {head && (
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="tokenomics-facts">
          {[
            ["issuance", `${formatRao(head.issuance)} τ`, "issuance"],
            ["block emission", `${formatRao(t.projection.blockEmission)} τ`, "block-emission"],
            ["staked", `${(head.stakingRatio * 100).toFixed(2)}%`, "staking-ratio"],
            ["recycled", `${formatRao(head.recycled)} τ`, "recycled"],
          ].map(([k, v, id]) => (
            <div key={k} className="rounded-lg border border-slate-800 p-3">
              <dt className="text-slate-400">{k}</dt>
              <dd className="font-mono" data-testid={`fact-${id}`}>
                {v}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <Charts t={t} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Halvings ahead</h2>
        <p className="text-sm text-slate-400">
          From the current issuance, by the engine&apos;s block-emission function, assuming every block mints its full emission (recycling delays them); dates at 12 s a block from the head&apos;s timestamp.
        </p>
        <div className="overflow-x-auto" role="region" aria-label="Halvings ahead" tabIndex={0}>
          <table className="w-full text-sm" data-testid="halvings">
            <thead>
              <tr className="text-left text-slate-400">
                <th className="py-1 font-normal">halving</th>
                <th className="text-right font-normal">issuance reaches</th>
                <th className="text-right font-normal">at block</th>
                <th className="text-right font-normal">estimated date</th>
                <th className="text-right font-normal">emission after</th>
              </tr>
            </thead>
            <tbody>
              {t.projection.markers.slice(0, 8).map((m) => (
                <tr key={m.k} className="border-t border-slate-800" data-testid={`halving-${m.k}`}>
                  <td className="py-1">{m.k}</td>
                  <td className="text-right font-mono">{formatRao(m.threshold)} τ</td>
                  <td className="text-right font-mono" data-testid={`halving-${m.k}-block`}>
                    {m.block}
                  </td>
                  <td className="text-right">{formatTime(m.timestamp).slice(0, 10)}</td>
                  <td className="text-right font-mono">{formatRao(m.emissionAfter)} τ</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          {t.projection.markers.length} halvings until the block emission reaches 0; the last at block {t.projection.markers.at(-1)?.block}.
        </p>
      </section>
    </div>
  );
}
