import type { Metadata } from "next";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { FilterForm, FilterInput, FilterSelect, KeysetPager, ListError, TimeAgo } from "@/components/ListPager";
import { EmptyState } from "@/components/State";
import { ScrollTable, TableHead } from "@/components/Table";
import { knownCalls, listExtrinsics } from "@/lib/db/extrinsics";
import { listParams, parseExtrinsicQuery, readOrProblem, searchUrl } from "@/lib/server/explorer-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Extrinsics" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const FIELDS = ["call", "signer", "result", "from", "to", "before", "after"] as const;

export default async function ExtrinsicsPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const params = listParams(search, FIELDS);
  const { read } = await startInstance();
  const calls = await knownCalls(read);
  const { page, problem } = await readOrProblem(() => {
    const { filter, page: request } = parseExtrinsicQuery(searchUrl("/extrinsics", params), calls);
    return listExtrinsics(read, filter, request);
  });
  const filtered = FIELDS.slice(0, 5).some((k) => params[k] !== undefined);
  const now = Date.now();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Extrinsics</h1>
      <FilterForm path="/extrinsics" label="Filter extrinsics">
        <FilterSelect name="call" label="Call" value={params.call} options={calls} width="w-72" />
        <FilterInput name="signer" label="Signer (SS58 or 0x)" value={params.signer} placeholder="5Grw… or 0x…" width="w-80" />
        <FilterSelect name="result" label="Result" value={params.result} options={[["success", "success"], ["failure", "failed"]]} width="w-32" />
        <FilterInput name="from" label="From block" value={params.from} inputMode="numeric" width="w-28" />
        <FilterInput name="to" label="To block" value={params.to} inputMode="numeric" width="w-28" />
      </FilterForm>
      {problem && <ListError>{problem}</ListError>}
      {page && page.items.length === 0 && <EmptyState>{filtered ? "No extrinsics match these filters." : params.before || params.after ? "No extrinsics on this side of the cursor." : "No extrinsics yet."}</EmptyState>}
      {page && page.items.length > 0 && (
        <>
          <ScrollTable label="Extrinsics">
            <table className="stack-sm w-full text-sm" data-testid="extrinsic-list">
              <TableHead columns={["id", "time", "call", "signer", { label: "fee", right: true }, "result"]} />
              <tbody>
                {page.items.map((x) => (
                  <tr key={x.id} className="border-t border-slate-800 align-top [&>td]:py-1.5" data-testid="extrinsic-item" data-id={x.id}>
                    <td className="pr-4">
                      <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${x.id}`}>
                        {x.id}
                      </a>
                    </td>
                    <td className="pr-4">
                      <TimeAgo ms={x.timestamp} now={now} />
                    </td>
                    <td className="pr-4 whitespace-nowrap">{x.call}</td>
                    <td className="pr-4">
                      <Address hex={x.signer.hex} link />
                    </td>
                    <td className="text-right">
                      <Amount rao={x.fee} unit="τ" decimals={6} />
                    </td>
                    <td className={`whitespace-nowrap pl-6 ${x.success ? "text-emerald-400" : "text-rose-400"}`}>{x.success ? "success" : x.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
      {page && (page.items.length > 0 || params.before || params.after) && <KeysetPager path="/extrinsics" params={params} page={page} label="Extrinsic pages" />}
    </div>
  );
}
