import type { Metadata } from "next";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { MalformedQuery, PageLinks, SortLinks, listHref } from "@/components/accounts/ListControls";
import { EmptyState } from "@/components/State";
import { ScrollTable, TableHead } from "@/components/Table";
import { formatU16 } from "@/components/format";
import { listValidators } from "@/lib/db/accounts";
import { RETURN_DEFINITION } from "@/lib/dto-accounts";
import { parsePageQuery, validatorsQuery } from "@/lib/server/account-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Validators" };

const SORTS = [
  { value: "stake", label: "total stake" },
  { value: "nominators", label: "nominators" },
  { value: "take", label: "take" },
  { value: "return", label: "return" },
] as const;

const DEFAULTS = { sort: "stake", limit: 50 };
const href = (sort: string, limit: number, after?: string) => listHref("/validators", DEFAULTS, sort, limit, after);

export default async function ValidatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parsePageQuery(await searchParams, validatorsQuery);
  if ("error" in parsed) return <MalformedQuery message={parsed.error} />;
  const { query } = parsed;
  const { read } = await startInstance();
  const list = await listValidators(read, query);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Validators</h1>
        <p className="text-sm text-slate-400">
          Every hotkey holding a validator permit on at least one subnet at block {list.head}: {list.count} in all.
        </p>
      </div>
      <SortLinks label="Sort validators" options={SORTS} current={list.sort} href={(s) => href(s, query.limit)} />
      {list.items.length === 0 ? (
        <EmptyState>{query.after ? "No more validators past this point." : "No hotkey holds a validator permit yet (permits are given at a subnet's first epoch)."}</EmptyState>
      ) : (
        <ScrollTable label="Validators">
          <table className="w-full text-sm" data-testid="validators" data-sort={list.sort}>
            <TableHead columns={["hotkey", { label: "total stake", right: true }, { label: "nominators", right: true }, { label: "take", right: true }, { label: "per 1,000 τ / day", right: true }, "subnets (uid · v-trust · dividends · updated)"]} />
            <tbody>
              {list.items.map((v) => (
                <tr key={v.key.hex} className="border-t border-slate-800 align-top" data-testid="validator-row" data-key={v.key.hex}>
                  <td className="py-1.5">
                    <Address hex={v.key.hex} />
                  </td>
                  <td className="text-right" data-col="stake">
                    <Amount rao={v.totalStake} unit="τ" />
                  </td>
                  <td className="text-right" data-col="nominators">
                    {v.nominators}
                  </td>
                  <td className="text-right font-mono" data-col="take" data-take={v.take ?? ""}>
                    {v.take === null ? "—" : `${((v.take / 65535) * 100).toFixed(2)}%`}
                  </td>
                  <td className="text-right" data-col="return">
                    {v.returnPer1000 === null ? "—" : <Amount rao={v.returnPer1000} unit="τ" />}
                  </td>
                  <td className="min-w-[16rem] py-1.5">
                    <ul className="space-y-0.5 text-xs leading-5" data-testid="validator-subnets">
                      {v.subnets.map((s) => (
                        <li key={`${s.netuid}/${s.uid}`} className="whitespace-nowrap" data-netuid={s.netuid}>
                          <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}/uids/${s.uid}`}>
                            SN{s.netuid} uid {s.uid}
                          </a>
                          <span className="text-slate-400">
                            {" "}
                            · {formatU16(s.validatorTrust)} · {formatU16(s.dividends)} · updated {s.updatedBlocksAgo} blocks ago{s.validatorPermit ? "" : " · no permit"}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <PageLinks label="Validator pages" testId="validators-pages" first={query.after ? href(list.sort, query.limit) : null} next={list.next ? href(list.sort, query.limit, list.next) : null} />
      <section className="rounded border border-slate-800 p-4 text-sm text-slate-300" aria-labelledby="return-definition" data-testid="return-definition">
        <h2 id="return-definition" className="mb-1 font-semibold">
          Return per 1,000 τ per day
        </h2>
        <p>{RETURN_DEFINITION}</p>
        <p className="mt-1 text-slate-400">Measured here over the last {list.windowBlocks} blocks. Take is the hotkey&apos;s share of its dividends; v-trust and dividends are the latest epoch&apos;s u16 values as fractions of 1.</p>
      </section>
    </div>
  );
}
