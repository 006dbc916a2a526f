/**
 * The subnet page's incentive distribution (issue 9 §1), at a stored epoch (the latest by
 * default): incentive (miners) and dividends (validators) per uid with their Lorenz curve, Gini,
 * top-k shares and earners, and the epoch's emission split. A server component: one snapshot
 * row and one split row.
 */
import { getDistribution } from "@/lib/db/distribution";
import { NotFoundError } from "@/lib/db/queries";
import type { DistributionDto, DistributionSeriesDto } from "@/lib/dto";
import { startInstance } from "@/lib/server/instance";
import { DistributionChart } from "./DistributionChart";
import { EmissionSplit } from "./EmissionSplit";

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function Stats({ s }: { s: DistributionSeriesDto }) {
  const items: [string, string, string][] = [
    ["Gini", s.gini.toFixed(4), "gini"],
    ["Top 1 uid", pct(s.top1Share), "top1"],
    ["Top 10 uids", pct(s.top10Share), "top10"],
    ["Uids earning", `${s.earning} / ${s.n}`, "earning"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
      {items.map(([label, value, id]) => (
        <div key={id} className="rounded border border-slate-800 px-3 py-2">
          <dt className="text-xs text-slate-400">{label}</dt>
          <dd className="font-mono text-base" data-testid={`${s.column}-${id}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export async function DistributionSection({ netuid, epoch }: { netuid: number; epoch?: number | null }) {
  const { read } = await startInstance();
  let d: DistributionDto;
  try {
    d = await getDistribution(read, netuid, epoch ?? undefined);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    return (
      <section data-testid="distribution" className="rounded-lg border border-slate-800 p-4 text-sm text-slate-400">
        <h2 className="mb-1 text-lg font-semibold text-slate-100">Incentive distribution</h2>
        No epoch of this subnet is stored yet: the distribution appears after its first epoch.
      </section>
    );
  }
  return (
    <section data-testid="distribution" data-epoch={d.epoch} className="space-y-5 rounded-lg border border-slate-800 p-4">
      <h2 className="text-lg font-semibold">
        Incentive distribution <span className="text-sm font-normal text-slate-400">epoch {d.epoch}, block {d.block}</span>
      </h2>
      {(
        [
          [d.incentive, "Incentive (miners)"],
          [d.dividends, "Dividends (validators)"],
        ] as const
      ).map(([s, title]) => (
        <div key={s.column} className="space-y-3">
          <h3 className="font-medium">{title}</h3>
          <Stats s={s} />
          <DistributionChart netuid={netuid} series={s} unitLabel={s.column === "incentive" ? "Incentive" : "Dividends"} />
        </div>
      ))}
      <EmissionSplit split={d.split} />
    </section>
  );
}
