"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { BlockSummaryDto, HeadDto, Page } from "@/lib/dto";
import { LIVE_REFETCH_MS, fetchJson, queryKeys } from "@/lib/query-keys";
import { Address } from "./Address";
import { ScrollTable, TableHead } from "./Table";
import { formatRao, formatRatio, formatTime, shortHex } from "./format";

function Figure({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-800 p-3 sm:p-4">
      <div className="text-xs uppercase tracking-wide text-slate-400">{label}</div>
      <div className="mt-1 break-all font-mono text-base sm:text-lg" data-testid={testId} title={hint}>
        {value}
      </div>
    </div>
  );
}

/** The home page's live part: head, supply figures and the latest blocks, refetched every block. */
export function LiveHome({ initialHead, initialBlocks, children }: { initialHead: HeadDto | null; initialBlocks: Page<BlockSummaryDto>; children?: React.ReactNode }) {
  const head = useQuery({ queryKey: queryKeys.head, queryFn: () => fetchJson<HeadDto>("/api/head"), initialData: initialHead ?? undefined, refetchInterval: LIVE_REFETCH_MS });
  const blocks = useQuery({ queryKey: queryKeys.blocks(null), queryFn: () => fetchJson<Page<BlockSummaryDto>>("/api/blocks?limit=12"), initialData: initialBlocks, refetchInterval: LIVE_REFETCH_MS });
  const h = head.data;
  if (!h) return <p className="text-slate-400">The node is starting; the first block appears here in a moment.</p>;
  const f = h.figures;
  return (
    <div className="space-y-8">
      <section className="grid grid-cols-1 gap-3 sm:grid-cols-3 sm:gap-4">
        <Figure label="Head block" value={`#${h.head.number}`} testId="head-number" hint={h.head.hash} />
        <Figure label="Issuance (TAO)" value={formatRao(f.issuance)} testId="issuance" />
        <Figure label="Staked ratio" value={formatRatio(f.staked, f.issuance)} testId="staked-ratio" hint={`${formatRao(f.staked)} TAO staked (alpha at spot price) of ${formatRao(f.issuance)}`} />
        <Figure label="Block emission (TAO)" value={formatRao(f.blockEmission)} testId="block-emission" />
        <Figure label="Free (TAO)" value={formatRao(f.free)} testId="free" />
        <Figure label="In subnet pools (TAO)" value={formatRao(f.pooled)} testId="pooled" />
        <Figure label="Staked on root (TAO)" value={formatRao(f.rootStaked)} testId="root-staked" />
        <Figure label="Recycled (TAO)" value={formatRao(f.recycled)} testId="recycled" />
        <Figure label="Extrinsics / accounts / subnets" value={`${h.totals.extrinsics} / ${h.totals.accounts} / ${h.totals.subnets}`} testId="totals" />
      </section>
      {children}
      <section>
        <h2 className="mb-3 text-lg font-semibold">Latest blocks</h2>
        <ScrollTable label="Latest blocks">
          <table className="w-full text-sm" data-testid="latest-blocks">
            <TableHead columns={["block", "hash", "time", { label: "extrinsics", right: true }, { label: "events", right: true }, "author"]} />
            <tbody>
              {blocks.data.items.map((b) => (
                <tr key={b.number} className="border-t border-slate-800">
                  <td className="py-1">
                    <Link className="text-sky-400 hover:underline" href={`/blocks/${b.number}`}>
                      {b.number}
                    </Link>
                  </td>
                  <td className="font-mono">{shortHex(b.hash)}</td>
                  <td>{formatTime(b.timestamp)}</td>
                  <td className="text-right">{b.extrinsicCount}</td>
                  <td className="text-right">{b.eventCount}</td>
                  <td>
                    <Address hex={b.author} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </div>
  );
}
