import type { Metadata } from "next";
import { EventRows } from "@/components/EventRows";
import { FilterForm, FilterInput, FilterSelect, KeysetPager, ListError } from "@/components/ListPager";
import { EmptyState } from "@/components/State";
import { EVENT_NAMES, EVENT_PALLETS } from "@/lib/chain/runtime/events";
import { listEvents } from "@/lib/db/extrinsics";
import { prunedBelow } from "@/lib/db/prune";
import { listParams, parseEventQuery, readOrProblem, searchUrl } from "@/lib/server/explorer-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Events" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const FIELDS = ["pallet", "name", "account", "from", "to", "before", "after"] as const;

/**
 * The events the engine emits (of the chosen pallet, when one is), plus a name from the address
 * that is not among them, so the select shows the filter in force.
 */
function eventOptions(pallet: string | undefined, current: string | undefined): string[] {
  const names: string[] = EVENT_NAMES.filter((n) => pallet === undefined || n.startsWith(`${pallet}.`));
  return current !== undefined && !names.includes(current) ? [current, ...names] : names;
}

export default async function EventsPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const params = listParams(search, FIELDS);
  const { read } = await startInstance();
  const [{ page, problem }, pruned] = await Promise.all([
    readOrProblem(() => {
      const { filter, page: request } = parseEventQuery(searchUrl("/events", params));
      return listEvents(read, filter, request);
    }),
    prunedBelow(read),
  ]);
  const filtered = FIELDS.slice(0, 5).some((k) => params[k] !== undefined);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Events</h1>
      {pruned > 0n && (
        <p className="text-sm text-slate-400" data-testid="events-pruned">
          This node prunes its history (TAOSCOPE_PRUNING): the events of blocks before #{pruned.toString()} were deleted; their blocks and extrinsics remain.
        </p>
      )}
      <FilterForm path="/events" label="Filter events">
        <FilterSelect name="pallet" label="Pallet" value={params.pallet} options={EVENT_PALLETS} width="w-52" />
        <FilterSelect name="name" label="Event" value={params.name} options={eventOptions(params.pallet, params.name)} width="w-72" />
        <FilterInput name="account" label="Account (SS58 or 0x)" value={params.account} placeholder="5Grw… or 0x…" width="w-80" />
        <FilterInput name="from" label="From block" value={params.from} inputMode="numeric" width="w-28" />
        <FilterInput name="to" label="To block" value={params.to} inputMode="numeric" width="w-28" />
      </FilterForm>
      {problem && <ListError>{problem}</ListError>}
      {page && page.items.length === 0 && <EmptyState>{filtered ? "No events match these filters." : params.before || params.after ? "No events on this side of the cursor." : "No events yet."}</EmptyState>}
      {page && page.items.length > 0 && <EventRows events={page.items} label="Events" now={Date.now()} />}
      {page && (page.items.length > 0 || params.before || params.after) && <KeysetPager path="/events" params={params} page={page} label="Event pages" />}
    </div>
  );
}
