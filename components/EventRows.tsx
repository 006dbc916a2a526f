import { Fields } from "./Fields";
import { TimeAgo } from "./ListPager";
import { EmptyState } from "./State";
import { ScrollTable, TableHead } from "./Table";
import type { EventItemDto } from "@/lib/dto-extrinsics";

/** `Pallet.Name`, allowed to break after the dot on a narrow screen. */
function EventName({ name }: { name: string }) {
  const dot = name.indexOf(".");
  return (
    <>
      {name.slice(0, dot + 1)}
      <wbr />
      {name.slice(dot + 1)}
    </>
  );
}

/**
 * Events as a table: id, (with `now`) block and time, the extrinsic that emitted it, the name and
 * the data with accounts, subnets and amounts rendered and linked.
 */
export function EventRows({ events, label, now }: { events: readonly EventItemDto[]; label: string; now?: number }) {
  if (events.length === 0) return <EmptyState>No events.</EmptyState>;
  const listed = now !== undefined;
  return (
    <ScrollTable label={label}>
      <table className="stack-sm w-full text-sm" data-testid="event-list">
        <TableHead columns={listed ? ["id", "time", "emitted by", "event", "data"] : ["id", "event", "data"]} />
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-t border-slate-800 align-top [&>td]:py-1.5" data-testid="event-item" data-id={e.id} data-name={e.name}>
              <td className="pr-4">
                <a className="font-mono whitespace-nowrap text-sky-400 hover:underline" href={`/blocks/${e.blockNumber}#events`}>
                  {e.id}
                </a>
              </td>
              {listed && (
                <>
                  <td className="pr-4">
                    <TimeAgo ms={e.timestamp} now={now} />
                  </td>
                  <td className="pr-4 whitespace-nowrap">
                    {e.extrinsicId ? (
                      <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${e.extrinsicId}`}>
                        {e.extrinsicId}
                      </a>
                    ) : (
                      <span className="text-slate-400">{e.phase}</span>
                    )}
                  </td>
                </>
              )}
              <td className="pr-4 whitespace-normal sm:whitespace-nowrap">
                <EventName name={e.name} />
              </td>
              <td className="stack-wide min-w-[14rem] whitespace-normal sm:min-w-[18rem]" data-testid="event-data">
                <Fields name={e.name} data={e.data} links />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
