import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ListError, Pager, TimeAgo } from "@/components/ListPager";
import { EmptyState } from "@/components/State";
import { ScrollTable, TableHead } from "@/components/Table";
import { shortHex } from "@/components/format";
import { getHead, listBlocks } from "@/lib/db/queries";
import { LIST_LIMIT, jumpTarget } from "@/lib/server/explorer-params";
import { startInstance } from "@/lib/server/instance";
import { blockNumber, parseSegment } from "@/lib/server/params";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Blocks" };

type Search = Promise<{ before?: string; height?: string }>;

/** The jump-to-height form: a number opens its block page; anything else is said plainly. */
function JumpForm({ value, head }: { value?: string; head: string | null }) {
  return (
    <form action="/blocks/jump" method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Jump to a block" data-testid="jump-form">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-400">Block number</span>
        <input
          className="w-44 rounded border border-slate-700 bg-slate-950 px-2 py-1.5 text-slate-100 placeholder:text-slate-600"
          name="height"
          defaultValue={value}
          inputMode="numeric"
          autoComplete="off"
          placeholder={head ? `0 – ${head}` : "0"}
          data-testid="jump-input"
        />
      </label>
      <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-600" data-testid="jump-submit">
        Go
      </button>
    </form>
  );
}

export default async function BlocksPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const { read } = await startInstance();
  const head = await getHead(read);
  const headNumber = head?.head.number ?? null;
  const range = headNumber ? `a whole number from 0 to the head, #${headNumber}` : "a whole number";

  let problem: string | null = null;
  const height = search.height?.trim();
  if (height !== undefined && height !== "") {
    const target = jumpTarget(height);
    if (target !== null) redirect(`/blocks/${target}`);
    problem = `“${height}” is not a block number: enter ${range}.`;
  }
  let before: bigint | undefined;
  let cursorProblem: string | null = null;
  if (search.before !== undefined) {
    try {
      before = parseSegment("before", search.before, blockNumber);
    } catch (e) {
      cursorProblem = `The page cursor ${(e as Error).message}. It is the block number the page starts below.`;
    }
  }
  const page = cursorProblem ? null : await listBlocks(read, { limit: LIST_LIMIT, ...(before !== undefined ? { before } : {}) });
  // Blocks are numbered without gaps, so the newer page starts LIST_LIMIT blocks above this one
  // (past the head: the newest page).
  const newer = before !== undefined && headNumber !== null && before <= BigInt(headNumber) ? before + BigInt(LIST_LIMIT) : null;
  const now = Date.now();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Blocks</h1>
        <JumpForm value={height} head={headNumber} />
      </div>
      {(problem ?? cursorProblem) && <ListError>{problem ?? cursorProblem}</ListError>}
      {page && page.items.length === 0 && <EmptyState>{before !== undefined ? `No blocks below #${before}.` : "No blocks yet."}</EmptyState>}
      {page && page.items.length > 0 && (
        <>
          <ScrollTable label="Blocks">
            <table className="w-full text-sm" data-testid="blocks">
              <TableHead columns={["block", "time", { label: "extrinsics", right: true }, { label: "events", right: true }, "hash"]} />
              <tbody>
                {page.items.map((b) => (
                  <tr key={b.number} className="border-t border-slate-800 [&>td]:py-1.5" data-testid="block-row" data-number={b.number}>
                    <td className="pr-4">
                      <a className="font-mono text-sky-400 hover:underline" href={`/blocks/${b.number}`}>
                        {b.number}
                      </a>
                    </td>
                    <td className="pr-4">
                      <TimeAgo ms={b.timestamp} now={now} />
                    </td>
                    <td className="text-right" data-testid="block-extrinsics">
                      {b.extrinsicCount}
                    </td>
                    <td className="text-right" data-testid="block-events">
                      {b.eventCount}
                    </td>
                    <td className="pl-6 font-mono text-slate-300" title={b.hash}>
                      {shortHex(b.hash, 8)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <Pager label="Block pages" newest={before !== undefined ? "/blocks" : null} newer={newer === null ? null : newer > BigInt(headNumber!) ? "/blocks" : `/blocks?before=${newer}`} older={page.next ? `/blocks?before=${page.next}` : null} />
        </>
      )}
    </div>
  );
}
