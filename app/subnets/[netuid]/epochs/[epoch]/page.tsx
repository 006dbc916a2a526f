import { notFound } from "next/navigation";
import { EpochExplainer } from "@/components/explain/EpochExplainer";
import { explainEpoch } from "@/lib/db/explain";
import { NotFoundError } from "@/lib/db/queries";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

/** /subnets/N/epochs/E[?uid=U]: why each uid earned what it did in that epoch, step by step. */
export default async function EpochExplainPage({ params, searchParams }: { params: Promise<{ netuid: string; epoch: string }>; searchParams: Promise<{ uid?: string }> }) {
  const { netuid: rawNetuid, epoch: rawEpoch } = await params;
  const rawUid = (await searchParams).uid;
  if (!/^\d{1,5}$/.test(rawNetuid) || Number(rawNetuid) > 65535 || !/^\d{1,9}$/.test(rawEpoch) || (rawUid !== undefined && rawUid !== "" && !/^\d{1,5}$/.test(rawUid))) notFound();
  const netuid = Number(rawNetuid);
  const epoch = Number(rawEpoch);
  const { read } = await startInstance();
  let x;
  let missing: string | null = null;
  try {
    x = await explainEpoch(read, netuid, epoch, rawUid ? Number(rawUid) : undefined);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    if (!/before epoch inputs were captured|had no uid/.test(e.message)) notFound();
    missing = e.message;
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold" data-testid="explain-title">
        Subnet {netuid} · epoch {epoch}
        {x && <span className="ml-3 text-base font-normal text-slate-400">block {x.block}</span>}
      </h1>
      <nav className="flex flex-wrap gap-4 text-sm">
        <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}?epoch=${epoch}`}>
          Metagraph at this epoch
        </a>
        {epoch > 1 && (
          <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/epochs/${epoch - 1}${rawUid ? `?uid=${rawUid}` : ""}`}>
            ← epoch {epoch - 1}
          </a>
        )}
        {x && x.latestEpoch !== null && epoch < x.latestEpoch && (
          <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/epochs/${epoch + 1}${rawUid ? `?uid=${rawUid}` : ""}`}>
            epoch {epoch + 1} →
          </a>
        )}
        <a className="text-sky-400 hover:underline" href={`/api/subnets/${netuid}/epochs/${epoch}/explain${rawUid ? `?uid=${rawUid}` : ""}`}>
          JSON
        </a>
      </nav>
      {missing !== null ? (
        <p className="rounded-lg border border-amber-700 bg-amber-950/30 p-3 text-sm" data-testid="explain-missing">
          {missing}.
        </p>
      ) : (
        <EpochExplainer x={x!} />
      )}
    </div>
  );
}
