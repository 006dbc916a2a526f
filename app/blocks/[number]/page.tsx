import type { Metadata } from "next";
import { Hash } from "@/components/Hash";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { Fields } from "@/components/Fields";
import { NextBlockLink } from "@/components/NextBlockLink";
import { EmptyState } from "@/components/State";
import { FactList, ScrollTable, TableHead } from "@/components/Table";
import { formatTime } from "@/components/format";
import { NotFoundError, getBlock, getHead } from "@/lib/db/queries";
import { blockNumber, parseSegment } from "@/lib/server/params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

/** Events shown per page of a block's event list (`?events=N`, 1-based). */
const EVENTS_PER_PAGE = 25;

type Params = Promise<{ number: string }>;
type Search = Promise<{ events?: string; event?: string }>;

/** The block at `raw`, or a 404; cached per request so the title and the page read it once. */
const loadBlock = cache(async (raw: string) => {
  let number: bigint;
  try {
    number = parseSegment("block number", raw, blockNumber); // past 2^63 − 1 no block can exist: the 404 page
  } catch {
    notFound();
  }
  const { read } = await startInstance();
  try {
    const [block, head] = await Promise.all([getBlock(read, number), getHead(read)]);
    return { block, number, head: head?.head.number ?? block.number };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { block } = await loadBlock((await params).number);
  return { title: `Block #${block.number}` };
}

/** `Pallet.Name`, allowed to break after the dot on a narrow screen. */
function EventName({ name }: { name: string }) {
  const dot = name.indexOf(".");
  if (dot < 0) return <>{name}</>;
  return (
    <>
      {name.slice(0, dot + 1)}
      <wbr />
      {name.slice(dot + 1)}
    </>
  );
}

/** `?events=` as a page number in [1, pages]; anything else is page 1. */
function pageOf(raw: string | undefined, pages: number): number {
  const n = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(n, 1), Math.max(pages, 1));
}

function eventsHref(number: string, page: number, filter: string | undefined): string {
  const q = new URLSearchParams();
  if (filter) q.set("event", filter);
  if (page > 1) q.set("events", String(page));
  const s = q.toString();
  return `/blocks/${number}${s ? `?${s}` : ""}#events`;
}

export default async function BlockPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { block: b, number, head } = await loadBlock((await params).number);
  const search = await searchParams;
  const names = new Map<string, number>();
  for (const e of b.events) names.set(e.name, (names.get(e.name) ?? 0) + 1);
  const filter = search.event !== undefined && names.has(search.event) ? search.event : undefined;
  const matching = filter ? b.events.filter((e) => e.name === filter) : b.events;
  const pages = Math.ceil(matching.length / EVENTS_PER_PAGE);
  const page = pageOf(search.events, pages);
  const shown = matching.slice((page - 1) * EVENTS_PER_PAGE, page * EVENTS_PER_PAGE);

  const header: [string, React.ReactNode][] = [
    ["Hash", <Hash key="h" value={b.hash} label="block hash" />],
    ["Parent", number > 0n ? <a key="p" className="font-mono text-sky-400 hover:underline break-all" href={`/blocks/${number - 1n}`}>{b.parentHash}</a> : <span key="p" className="font-mono break-all">{b.parentHash}</span>],
    ["State root", <Hash key="s" value={b.stateRoot} label="state root" />],
    ["Extrinsics root", <Hash key="e" value={b.extrinsicsRoot} label="extrinsics root" />],
    ["Time", formatTime(b.timestamp)],
    ["Author", <Address key="a" hex={b.author} full copy />],
  ];
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold" data-testid="block-title">Block #{b.number}</h1>
        {number > 0n && <a className="text-sm text-sky-400 hover:underline" href={`/blocks/${number - 1n}`} rel="prev">← previous</a>}
        <NextBlockLink number={b.number} head={head} />
      </div>
      <FactList facts={header} />
      <section>
        <h2 className="mb-3 text-lg font-semibold">Extrinsics ({b.extrinsics.length})</h2>
        {b.extrinsics.length === 0 ? (
          <EmptyState>No extrinsics in this block.</EmptyState>
        ) : (
          <ScrollTable label="Extrinsics">
            <table className="stack-sm w-full text-sm" data-testid="extrinsics">
              <TableHead columns={["id", "call", "signer", { label: "fee", right: true }, "result"]} />
              <tbody>
                {b.extrinsics.map((x) => (
                  <tr key={x.id} className="border-t border-slate-800 align-top" data-testid="extrinsic-row">
                    <td className="py-1.5 font-mono">
                      <a className="text-sky-400 hover:underline" href={`/extrinsics/${x.id}`}>
                        {x.id}
                      </a>
                    </td>
                    <td className="stack-wide min-w-[14rem] whitespace-normal sm:min-w-[16rem]">
                      <div className="break-words" data-testid="extrinsic-call">{x.call}</div>
                      <Fields name={x.call} data={x.args} links />
                    </td>
                    <td>
                      <Address hex={x.signer} />
                    </td>
                    <td className="text-right">
                      <Amount rao={x.fee} unit="τ" decimals={6} />
                    </td>
                    <td className={x.success ? "text-emerald-400" : "text-rose-400"} title={x.errorDetail ?? undefined}>
                      {x.success ? "success" : x.error}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
      <section id="events" className="scroll-mt-4">
        <h2 className="mb-3 text-lg font-semibold" data-testid="events-heading">
          Events ({b.eventsPruned ? `${b.eventCount}, pruned` : b.events.length})
        </h2>
        {names.size > 1 && (
          <nav className="mb-3 flex flex-wrap gap-2 text-xs" aria-label="Filter events by name" data-testid="event-filter">
            <a className={`rounded border px-2 py-0.5 ${filter === undefined ? "border-sky-500 text-sky-300" : "border-slate-700 text-slate-300 hover:border-slate-500"}`} href={eventsHref(b.number, 1, undefined)} aria-current={filter === undefined ? "true" : undefined}>
              all {b.events.length}
            </a>
            {[...names].map(([name, count]) => (
              <a key={name} className={`rounded border px-2 py-0.5 ${filter === name ? "border-sky-500 text-sky-300" : "border-slate-700 text-slate-300 hover:border-slate-500"}`} href={eventsHref(b.number, 1, name)} aria-current={filter === name ? "true" : undefined}>
                {name} {count}
              </a>
            ))}
          </nav>
        )}
        {b.eventsPruned ? (
          <EmptyState>
            This block had {b.eventCount} event{b.eventCount === 1 ? "" : "s"}; they were pruned. This node keeps the events of its recent blocks only (TAOSCOPE_PRUNING).
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState>No events in this block.</EmptyState>
        ) : (
          <ScrollTable label="Events">
            <table className="stack-sm w-full text-sm" data-testid="events" data-total={matching.length} data-page={page} data-pages={pages}>
              <TableHead columns={["#", "phase", "event", "data"]} />
              <tbody>
                {shown.map((e) => (
                  <tr key={e.index} className="border-t border-slate-800 align-top" data-testid="event-row" data-index={e.index}>
                    <td className="py-1.5">{e.index}</td>
                    <td>{e.phase === "ApplyExtrinsic" ? `extrinsic ${e.extrinsicIndex}` : e.phase}</td>
                    <td className="whitespace-normal sm:whitespace-nowrap">
                      <EventName name={e.name} />
                    </td>
                    <td className="stack-wide min-w-[14rem] whitespace-normal sm:min-w-[18rem]">
                      <Fields name={e.name} data={e.data} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {pages > 1 && (
          <nav className="mt-3 flex flex-wrap items-center gap-2 text-sm" aria-label="Event pages" data-testid="event-pages">
            <span className="mr-2 text-slate-400" data-testid="event-range">
              {(page - 1) * EVENTS_PER_PAGE + 1}–{(page - 1) * EVENTS_PER_PAGE + shown.length} of {matching.length}
            </span>
            {page > 1 && (
              <a className="text-sky-400 hover:underline" href={eventsHref(b.number, page - 1, filter)} rel="prev">
                ← previous
              </a>
            )}
            {Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
              p === page ? (
                <span key={p} className="rounded bg-slate-800 px-2" aria-current="page">
                  {p}
                </span>
              ) : (
                <a key={p} className="px-2 text-sky-400 hover:underline" href={eventsHref(b.number, p, filter)}>
                  {p}
                </a>
              ),
            )}
            {page < pages && (
              <a className="text-sky-400 hover:underline" href={eventsHref(b.number, page + 1, filter)} rel="next" data-testid="events-next">
                next page →
              </a>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
