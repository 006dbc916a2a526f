import type { Metadata } from "next";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { MalformedQuery, PageLinks, SortLinks, listHref } from "@/components/accounts/ListControls";
import { EmptyState } from "@/components/State";
import { ScrollTable, TableHead } from "@/components/Table";
import { listAccounts } from "@/lib/db/accounts";
import { accountsQuery, parsePageQuery } from "@/lib/server/account-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Accounts" };

const SORTS = [
  { value: "total", label: "total" },
  { value: "free", label: "free" },
  { value: "staked", label: "staked" },
] as const;

const DEFAULTS = { sort: "total", limit: 25 };
const href = (sort: string, limit: number, after?: string) => listHref("/accounts", DEFAULTS, sort, limit, after);

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parsePageQuery(await searchParams, accountsQuery);
  if ("error" in parsed) return <MalformedQuery message={parsed.error} />;
  const { query } = parsed;
  const { read } = await startInstance();
  const list = await listAccounts(read, query);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Accounts</h1>
        <p className="text-sm text-slate-400">
          Every key holding free balance or stake at block {list.head}. Staked is the value of its stake positions in τ: alpha at each subnet&apos;s spot price, root and 2024 stake as it is.
        </p>
      </div>
      <SortLinks label="Sort accounts" options={SORTS} current={list.sort} href={(s) => href(s, query.limit)} />
      {list.items.length === 0 ? (
        <EmptyState>{query.after ? "No more accounts past this point." : "No account holds anything yet."}</EmptyState>
      ) : (
        <ScrollTable label="Accounts by balance">
          <table className="w-full text-sm" data-testid="accounts" data-sort={list.sort}>
            <TableHead columns={["address", { label: "free", right: true }, { label: "staked", right: true }, { label: "total", right: true }]} />
            <tbody>
              {list.items.map((a) => (
                <tr key={a.key.hex} className="border-t border-slate-800" data-testid="account-row" data-key={a.key.hex}>
                  <td className="py-1.5">
                    <Address hex={a.key.hex} />
                  </td>
                  <td className="text-right" data-col="free">
                    <Amount rao={a.free} unit="τ" />
                  </td>
                  <td className="text-right" data-col="staked">
                    <Amount rao={a.staked} unit="τ" />
                  </td>
                  <td className="text-right" data-col="total">
                    <Amount rao={a.total} unit="τ" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <PageLinks label="Account pages" testId="accounts-pages" first={query.after ? href(list.sort, query.limit) : null} next={list.next ? href(list.sort, query.limit, list.next) : null} />
    </div>
  );
}
