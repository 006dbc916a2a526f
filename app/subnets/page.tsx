import type { Metadata } from "next";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { EmptyState, StatePanel } from "@/components/State";
import { ScrollTable } from "@/components/Table";
import { Sparkline } from "@/components/subnets/Sparkline";
import { formatDuration } from "@/components/subnets/duration";
import { formatShare } from "@/components/format";
import { SUBNET_SORTS, type SubnetSort } from "@/lib/dto-subnets";
import { listSubnetFigures } from "@/lib/db/subnet-pages";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Subnets" };

type Order = "asc" | "desc";
/** Columns: label, sort key, right-aligned, the first click's order. */
const COLUMNS: [string, SubnetSort | null, boolean, Order][] = [
  ["netuid", "netuid", false, "asc"],
  ["emission", "emission", true, "desc"],
  ["price (τ/α)", "price", true, "desc"],
  ["7 days", null, false, "desc"],
  ["pool τ", "tao", true, "desc"],
  ["pool α", "alpha", true, "desc"],
  ["registration", "burn", true, "desc"],
  ["uids", "uids", true, "desc"],
  ["tempo", "tempo", true, "desc"],
  ["owner", "owner", false, "asc"],
  ["age", "age", true, "desc"],
];

export default async function SubnetsPage({ searchParams }: { searchParams: Promise<{ sort?: string; order?: string }> }) {
  const q = await searchParams;
  const sort = (q.sort ?? "netuid") as SubnetSort;
  const order = (q.order ?? (COLUMNS.find((c) => c[1] === sort)?.[3] ?? "asc")) as Order;
  if (!SUBNET_SORTS.includes(sort) || (order !== "asc" && order !== "desc")) {
    return (
      <StatePanel title="This sort is not known" tone="error" testId="bad-sort">
        <p>
          sort must be one of {SUBNET_SORTS.join(", ")} and order asc or desc; got sort {JSON.stringify(q.sort ?? null)}, order {JSON.stringify(q.order ?? null)}.
        </p>
      </StatePanel>
    );
  }
  const { read } = await startInstance();
  const subnets = await listSubnetFigures(read, sort, order);
  // Subnets of the 2024 (root-network) era have no α pool: their τ comes from the root weights.
  const era2024 = subnets[0]?.hyperparams.emissionValue !== undefined;
  const noPool = <span className="text-slate-500">no pool</span>;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Subnets</h1>
      {subnets.length === 0 ? (
        <EmptyState>No subnets yet.</EmptyState>
      ) : (
        <ScrollTable label="Subnets">
          <table className="w-full text-sm" data-testid="subnets" aria-label="Subnets">
            <thead className="text-left text-slate-400">
              <tr>
                {COLUMNS.map(([label, key, right, first]) => {
                  const active = key === sort;
                  const next: Order = active ? (order === "asc" ? "desc" : "asc") : first;
                  return (
                    <th key={label} className={`whitespace-nowrap py-1 pr-3 ${right ? "text-right" : ""}`} aria-sort={active ? (order === "asc" ? "ascending" : "descending") : key ? "none" : undefined}>
                      {key ? (
                        <a className={active ? "text-slate-100" : "hover:text-slate-200"} href={`/subnets?sort=${key}&order=${next}`} data-testid={`sort-${key}`} aria-label={`Sort by ${label}, ${next === "asc" ? "ascending" : "descending"}`}>
                          {label}
                          {active ? (order === "asc" ? " ↑" : " ↓") : ""}
                        </a>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {subnets.map((s) => (
                <tr key={s.netuid} className="border-t border-slate-800" data-testid="subnet-row" data-netuid={s.netuid}>
                  <td className="py-1.5 pr-3">
                    <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}`}>
                      {s.netuid}
                    </a>
                  </td>
                  <td className="pr-3 text-right font-mono" data-testid="cell-emission" data-rao={s.emission.perBlock} data-share={s.emission.share} title={`${s.emission.perBlock} rao of τ in the head block`}>
                    {formatShare(s.emission.share)}
                  </td>
                  <td className="pr-3 text-right font-mono" data-testid="cell-price">
                    {era2024 ? noPool : s.price}
                  </td>
                  <td className="pr-3">{era2024 ? noPool : <Sparkline points={s.sparkline.map((p) => p.price)} label={`Subnet ${s.netuid} price over the last 7 days, ${s.sparkline.length} epochs`} />}</td>
                  <td className="pr-3 text-right" data-testid="cell-tao">
                    {era2024 ? noPool : <Amount rao={s.taoReserve} unit="τ" decimals={2} />}
                  </td>
                  <td className="pr-3 text-right" data-testid="cell-alpha">
                    {era2024 ? noPool : <Amount rao={s.alphaReserve} unit="α" decimals={2} />}
                  </td>
                  <td className="pr-3 text-right" data-testid="cell-burn">
                    <Amount rao={s.burn} unit="τ" />
                  </td>
                  <td className="pr-3 text-right" data-testid="cell-uids">
                    {s.neuronCount}/{s.maxAllowedUids}
                  </td>
                  <td className="pr-3 text-right" data-testid="cell-tempo">
                    {s.tempo}
                  </td>
                  <td className="pr-3" data-testid="cell-owner">
                    {s.owner ? <Address hex={s.owner} /> : <span className="text-slate-500">none</span>}
                  </td>
                  <td className="whitespace-nowrap text-right" data-testid="cell-age" data-blocks={s.age.blocks}>
                    {s.age.blocks} blocks
                    {s.age.ms !== null && <span className="text-slate-400"> · {formatDuration(Number(s.age.ms))}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p className="text-xs text-slate-400">
        Emission: the subnet&apos;s τ in the head block as a share of the block emission ({era2024 ? "from the root network's weights at the last root epoch" : "its SubnetEmission: injected, spent buying α, recycled"}). Price line: spot price after each stored epoch of the last 7 days (50,400 blocks).
      </p>
    </div>
  );
}
