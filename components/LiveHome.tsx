"use client";

import { useQuery } from "@tanstack/react-query";
import type { BlockSummaryDto, HeadDto, Page } from "@/lib/dto";
import type { OverviewDto } from "@/lib/dto-subnets";
import { LIVE_REFETCH_MS, fetchJson, queryKeys } from "@/lib/query-keys";
import { Address } from "./Address";
import { Amount } from "./Amount";
import { ScrollTable, TableHead } from "./Table";
import { formatRao, formatRatio, formatShare, formatTime, shortHex } from "./format";

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

/** A titled table of the overview, scrolling sideways in its own box. */
function TableSection({ title, testId, columns, className = "", children }: { title: string; testId: string; columns: Parameters<typeof TableHead>[0]["columns"]; className?: string; children: React.ReactNode }) {
  return (
    <section className={`min-w-0 ${className}`} aria-label={title}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      <ScrollTable label={title}>
        <table className="w-full text-sm" data-testid={testId} aria-label={title}>
          <TableHead columns={columns} />
          <tbody>{children}</tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

/** The next halving, the top subnets and validators and the latest extrinsics (`GET /api/overview`). */
function Overview({ o }: { o: OverviewDto }) {
  const h = o.nextHalving;
  return (
    <>
      {h && (
        <section aria-labelledby="halving-title" data-testid="next-halving">
          <h2 id="halving-title" className="mb-3 text-lg font-semibold">
            Next halving <span className="text-sm font-normal text-slate-400">at {formatRao(h.threshold)} τ issued (halving {h.k})</span>
          </h2>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 sm:gap-4">
            <Figure label="Issuance left (TAO)" value={formatRao(h.left)} testId="halving-left" hint={`${h.left} rao`} />
            <Figure label="Estimated block" value={`#${h.block}`} testId="halving-block" hint={`${h.blocksLeft} blocks at ${formatRao(h.blockEmission)} τ a block`} />
            <Figure label="Estimated date (12 s a block)" value={formatTime(h.timestamp).slice(0, 10)} testId="halving-date" hint={formatTime(h.timestamp)} />
          </div>
          <p className="mt-2 text-xs text-slate-400" data-testid="halving-blocks" data-blocks={h.blocksLeft}>
            {Number(h.blocksLeft).toLocaleString("en-US")} blocks away, assuming every block mints its full emission (recycling would delay it).
          </p>
        </section>
      )}
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <TableSection title="Top subnets by emission" testId="top-subnets" columns={["netuid", { label: "share", right: true }, { label: "τ / block", right: true }]}>
                {o.topSubnets.map((s) => (
                  <tr key={s.netuid} className="border-t border-slate-800" data-netuid={s.netuid} data-rao={s.perBlock}>
                    <td className="py-1">
                      <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}`}>
                        {s.netuid}
                      </a>
                    </td>
                    <td className="text-right font-mono">{formatShare(s.share)}</td>
                    <td className="text-right">
                      <Amount rao={s.perBlock} unit="τ" />
                    </td>
                  </tr>
                ))}
        </TableSection>
        <TableSection title="Top validators by stake" testId="top-validators" columns={["hotkey", { label: "stake (τ value)", right: true }, "permits on"]}>
                {o.topValidators.map((v) => (
                  <tr key={v.hotkey} className="border-t border-slate-800" data-hotkey={v.hotkey} data-rao={v.stake}>
                    <td className="py-1">
                      <Address hex={v.hotkey} />
                    </td>
                    <td className="text-right">
                      <Amount rao={v.stake} unit="τ" />
                    </td>
                    <td className="pl-3">{v.permits.join(", ")}</td>
                  </tr>
                ))}
        </TableSection>
      </div>
      <TableSection title="Latest extrinsics" testId="latest-extrinsics" columns={["extrinsic", "call", "signer", "outcome"]}>
              {o.latestExtrinsics.map((x) => (
                <tr key={x.id} className="border-t border-slate-800" data-id={x.id}>
                  <td className="py-1 pr-3">
                    <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${x.id}`}>
                      {x.id}
                    </a>
                  </td>
                  <td className="pr-3 font-mono">{x.call}</td>
                  <td className="pr-3">
                    <Address hex={x.signer} />
                  </td>
                  <td className={x.success ? "text-emerald-400" : "text-rose-300"}>{x.success ? "success" : x.error}</td>
                </tr>
              ))}
      </TableSection>
    </>
  );
}

/** The home page's live part: head, supply figures, the overview and the latest blocks, refetched every block. */
export function LiveHome({ initialHead, initialBlocks, initialOverview, children }: { initialHead: HeadDto | null; initialBlocks: Page<BlockSummaryDto>; initialOverview: OverviewDto; children?: React.ReactNode }) {
  const overview = useQuery({ queryKey: queryKeys.overview, queryFn: () => fetchJson<OverviewDto>("/api/overview"), initialData: initialOverview, refetchInterval: LIVE_REFETCH_MS });
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
      <Overview o={overview.data} />
      <section>
        <h2 className="mb-3 text-lg font-semibold">Latest blocks</h2>
        <ScrollTable label="Latest blocks">
          <table className="w-full text-sm" data-testid="latest-blocks">
            <TableHead columns={["block", "hash", "time", { label: "extrinsics", right: true }, { label: "events", right: true }, "author"]} />
            <tbody>
              {blocks.data.items.map((b) => (
                <tr key={b.number} className="border-t border-slate-800">
                  <td className="py-1">
                    <a className="text-sky-400 hover:underline" href={`/blocks/${b.number}`}>
                      {b.number}
                    </a>
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
