import { notFound } from "next/navigation";
import { HistoryChart } from "@/components/neuron/HistoryChart";
import { OffchainScores } from "@/components/neuron/OffchainScores";
import { WeightsTable } from "@/components/neuron/WeightsTable";
import { ScrollTable } from "@/components/Table";
import { NotFoundError } from "@/lib/db/queries";
import { getNeuronHistory } from "@/lib/db/neuron-history";
import { getOffchainScores } from "@/lib/db/offchain";
import type { NeuronHistoryDto } from "@/lib/dto";
import type { OffchainScoresDto } from "@/lib/dto-offchain";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

/** Epochs shown in the charts (the newest ones). */
const POINTS = 500;

/** A uid's history on a subnet (issue 9 §5): figures per stored epoch, its holders, and the weights at one epoch. */
export default async function NeuronPage({ params, searchParams }: { params: Promise<{ netuid: string; uid: string }>; searchParams: Promise<{ epoch?: string }> }) {
  const { netuid: rawNet, uid: rawUid } = await params;
  const epochRaw = (await searchParams).epoch;
  if (!/^\d{1,5}$/.test(rawNet) || !/^\d{1,5}$/.test(rawUid) || (epochRaw !== undefined && !/^\d{1,9}$/.test(epochRaw))) notFound();
  const netuid = Number(rawNet);
  const uid = Number(rawUid);
  const { read } = await startInstance();
  let h: NeuronHistoryDto;
  let offchain: OffchainScoresDto | null;
  try {
    [h, offchain] = await Promise.all([
      getNeuronHistory(read, netuid, uid, { epoch: epochRaw === undefined ? undefined : Number(epochRaw), limit: POINTS }),
      // Root runs no task: no off-chain section there.
      netuid === 0 ? null : getOffchainScores(read, netuid, uid),
    ]);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const unit = h.era === "seed2024" ? "τ" : "α";
  const epochs = h.points.map((p) => p.epoch);
  const blocks = h.points.map((p) => p.block);
  const series = (f: (p: NeuronHistoryDto["points"][number]) => number) => ({ epochs, blocks, values: h.points.map(f) });
  const holder = h.registrations[0];
  const recent = h.points.slice(-12).reverse();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold" data-testid="neuron-title">
        <a href={`/subnets/${netuid}`} className="text-sky-400 hover:underline">
          Subnet {netuid}
        </a>{" "}
        · uid {uid}
      </h1>
      {holder && (
        <p className="text-sm break-all">
          <span className="text-slate-400">Held by </span>
          <span className="font-mono">{holder.hotkey}</span>
          <span className="text-slate-400"> since block {holder.block}</span>
        </p>
      )}
      <section>
        <h2 className="mb-3 text-lg font-semibold">
          Over stored epochs <span className="text-sm font-normal text-slate-400">({h.points.length} epochs{h.next ? `, the newest ${POINTS}` : ""})</span>
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          <HistoryChart id="stake" title={`Stake (${unit})`} format="rao" {...series((p) => Number(p.stake))} />
          <HistoryChart id="emission" title={`Emission per epoch (${unit})`} format="rao" {...series((p) => Number(p.emission))} />
          <HistoryChart id="incentive" title="Incentive" format="u16" domain={[0, 65535]} {...series((p) => p.incentive)} />
          <HistoryChart id="dividends" title="Dividends" format="u16" domain={[0, 65535]} {...series((p) => p.dividends)} />
          <HistoryChart id="consensus" title="Consensus" format="u16" domain={[0, 65535]} {...series((p) => p.consensus)} />
          <HistoryChart id="validatorTrust" title="Validator trust" format="u16" domain={[0, 65535]} {...series((p) => p.validatorTrust)} />
        </div>
      </section>
      {offchain && <OffchainScores data={offchain} />}
      <section>
        <h2 className="mb-2 text-lg font-semibold">Registrations of this uid</h2>
        <ScrollTable label="Registrations">
          <table className="text-sm" data-testid="registrations">
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1">from block</th>
                <th>hotkey</th>
                <th className="hidden sm:table-cell">coldkey</th>
                <th>replaced</th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {h.registrations.map((r) => (
                <tr key={r.block} className="border-t border-slate-800" data-testid="registration-row">
                  <td className="py-1">
                    <a className="text-sky-400 hover:underline" href={`/blocks/${r.block}`}>
                      {r.block}
                    </a>
                  </td>
                  <td title={r.hotkey}>{short(r.hotkey)}</td>
                  <td className="hidden sm:table-cell" title={r.coldkey}>{short(r.coldkey)}</td>
                  <td title={r.replaced ?? ""}>{r.replaced ? short(r.replaced) : "— (new uid)"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Weights {h.epoch === null ? "" : <span className="text-sm font-normal text-slate-400">at epoch {h.epoch} (as stored: max-upscaled u16)</span>}</h2>
        {recent.length > 0 && (
          <nav className="flex flex-wrap items-baseline gap-3 text-sm" data-testid="weight-epochs">
            <span className="text-slate-400">Epoch:</span>
            {recent.map((p) => (
              <a key={p.epoch} className={p.epoch === h.epoch ? "font-semibold" : "text-sky-400 hover:underline"} href={`/subnets/${netuid}/uids/${uid}?epoch=${p.epoch}`}>
                {p.epoch}
              </a>
            ))}
          </nav>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <WeightsTable netuid={netuid} title="Set by this uid" id="weights-set" rows={h.weightsSet} who="to uid" />
          <WeightsTable netuid={netuid} title="Received from validators" id="weights-received" rows={h.weightsReceived} who="from uid" />
        </div>
      </section>
    </div>
  );
}

const short = (ss58: string) => (ss58.length > 16 ? `${ss58.slice(0, 8)}…${ss58.slice(-6)}` : ss58);
