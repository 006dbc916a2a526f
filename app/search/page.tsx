import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { StatePanel } from "@/components/State";
import { search } from "@/lib/db/search";
import { SEARCH_HINT } from "@/lib/search/input";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Search" };

const KIND_LABEL = { block: "block", extrinsic: "extrinsic", account: "account", subnet: "subnet" } as const;

/**
 * The global search's answer: one match opens its page; several are listed to choose from (a
 * number that is both a block and a netuid, a hash that is a block's and an account's); none, or
 * a malformed input, says so plainly.
 */
export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw.at(-1) : raw) ?? "";
  if (q.trim() === "")
    return (
      <StatePanel title="Search" testId="search-empty">
        <p>Type {SEARCH_HINT} into the search box.</p>
      </StatePanel>
    );
  const { read } = await startInstance();
  const result = await search(read, q.slice(0, 200));
  if (result.matches.length === 1) redirect(result.matches[0]!.href);
  if (result.invalid)
    return (
      <StatePanel title="Not a search term" testId="search-invalid">
        <p>{result.invalid}</p>
      </StatePanel>
    );
  if (result.matches.length === 0)
    return (
      <StatePanel title="Nothing found" testId="search-none">
        <p>
          Nothing on this chain matches <span className="break-all font-mono">{result.query}</span>.
        </p>
      </StatePanel>
    );
  return (
    <section className="mx-auto max-w-2xl space-y-4" data-testid="search-candidates">
      <h1 className="text-2xl font-semibold">
        {result.matches.length} matches for <span className="break-all font-mono">{result.query}</span>
      </h1>
      <ul className="divide-y divide-slate-800 rounded-lg border border-slate-800" aria-label="Search matches">
        {result.matches.map((m) => (
          <li key={m.href}>
            <a href={m.href} className="flex items-baseline gap-3 px-4 py-3 hover:bg-slate-900" data-kind={m.kind}>
              <span className="w-20 shrink-0 text-xs uppercase tracking-wide text-slate-400">{KIND_LABEL[m.kind]}</span>
              <span className="min-w-0 break-all text-sky-400">{m.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
