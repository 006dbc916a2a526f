import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Address } from "@/components/Address";
import { DistributionSection } from "@/components/distribution/DistributionSection";
import { SubnetHeatmaps } from "@/components/explain/SubnetHeatmaps";
import { MetagraphTable } from "@/components/MetagraphTable";
import { FactList, ScrollTable, TableHead } from "@/components/Table";
import { SubnetCharts } from "@/components/subnets/SubnetCharts";
import { getSubnetTask } from "@/lib/db/moe";
import { getHyperparams, getSubnetHistory, listRegistrations } from "@/lib/db/subnet-pages";
import { formatRao } from "@/components/format";
import { NotFoundError, getMetagraph, listSubnetEpochs, listSubnets } from "@/lib/db/queries";
import { epoch as epochSchema, netuid as netuidSchema, parseSegment } from "@/lib/server/params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

/** "Subnet 1" (latest) or "Subnet 1 · epoch 3"; an unknown subnet is titled by the 404 page. */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ netuid: string }>; searchParams: Promise<{ epoch?: string }> }): Promise<Metadata> {
  const raw = (await params).netuid;
  const epochRaw = (await searchParams).epoch;
  if (!/^\d{1,5}$/.test(raw)) return { title: "Not found" };
  const { read } = await startInstance();
  const netuid = Number(raw);
  if (!(await listSubnets(read)).some((s) => s.netuid === netuid)) return { title: "Not found" };
  if (epochRaw === undefined) return { title: `Subnet ${netuid}` };
  if (!/^\d{1,9}$/.test(epochRaw)) return { title: "Not found" };
  // The newest stored epoch below epoch + 1 is the epoch itself when it is stored.
  const epoch = Number(epochRaw);
  const found = (await listSubnetEpochs(read, netuid, { before: epoch + 1, limit: 1 })).items[0];
  return { title: found?.epoch === epoch ? `Subnet ${netuid} · epoch ${epoch}` : "Not found" };
}

export default async function SubnetPage({ params, searchParams }: { params: Promise<{ netuid: string }>; searchParams: Promise<{ epoch?: string; regs?: string }> }) {
  const raw = (await params).netuid;
  const { epoch: epochRaw, regs } = await searchParams;
  let id: number, epochAsked: number | undefined;
  try {
    id = parseSegment("netuid", raw, netuidSchema);
    epochAsked = epochRaw === undefined ? undefined : parseSegment("epoch", epochRaw, epochSchema);
  } catch {
    notFound();
  }
  const { read } = await startInstance();
  let m;
  try {
    m = await getMetagraph(read, id, epochAsked);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const s = m.subnet;
  const regsCursor = regs === undefined ? undefined : /^\d{1,18}-\d{1,5}$/.test(regs) ? { block: BigInt(regs.split("-")[0]!), uid: Number(regs.split("-")[1]) } : null;
  const [taskInfo, epochs, hyper, history, registrations] = await Promise.all([
    s.netuid === 0 ? null : getSubnetTask(read, s.netuid),
    listSubnetEpochs(read, s.netuid, { limit: 12 }),
    getHyperparams(read, s.netuid),
    // A past epoch's view draws the history up to that epoch: nothing after it.
    getSubnetHistory(read, s.netuid, "all", 120, m.epoch ?? undefined),
    // A past epoch's view lists what happened up to its block (a cursor past it is the first page).
    listRegistrations(read, s.netuid, { limit: 25, ...(regsCursor ? { before: regsCursor } : m.epoch !== null ? { before: { block: BigInt(m.block) + 1n, uid: 0 } } : {}) }),
  ]);
  const pageLink = (extra: Record<string, string>) => `/subnets/${s.netuid}?${new URLSearchParams({ ...(epochRaw === undefined ? {} : { epoch: epochRaw }), ...extra })}`;
  /** The stored epoch the analytics show: the one asked for, else the latest stored. */
  const shownEpoch = m.epoch ?? epochs.items[0]?.epoch ?? null;
  // A past epoch's figures its snapshot lacks (written before they were recorded) are unknown.
  const u = <T,>(v: T | null, show: (x: T) => string = String): string => (v === null ? "unknown" : show(v));
  const h = (s.hyperparams ?? {}) as Record<string, string | number | boolean | undefined>;
  // A seed2024 subnet (subtensor v1.1.3) has no pool: its TAO per block comes from the root epoch.
  const era2024 = h.emissionValue !== undefined;
  const poolFacts: [string, React.ReactNode][] = era2024
    ? [
        ["Owner", s.owner ? <Address key="o" hex={s.owner} full /> : "none"],
        ["Emission (τ/block)", formatRao(String(h.emissionValue))],
        ["Pending emission", `${formatRao(String(h.pendingEmission))} τ`],
      ]
    : [
        ["Owner", s.owner === null ? "unknown" : <Address key="o" hex={s.owner} full />],
        ["Owner hotkey", s.ownerHotkey === null ? "unknown" : <Address key="h" hex={s.ownerHotkey} full />],
        ["Price (τ/α)", u(s.price)],
        ["Moving price", u(s.movingPrice)],
        ["Pool", `${u(s.taoReserve, formatRao)} τ / ${u(s.alphaReserve, formatRao)} α`],
        ["Alpha out", u(s.alphaOut, formatRao)],
      ];
  const facts: [string, React.ReactNode][] = [...poolFacts, ["Registration burn", `${u(s.burn, formatRao)} τ`], ["Tempo / epochs", `${u(s.tempo)} / ${s.epochIndex} (last at block ${u(s.lastEpochBlock)})`]];
  return (
    <div className="space-y-6">
      <h1 className="flex flex-wrap items-baseline gap-x-3 text-2xl font-semibold" data-testid="subnet-title">
        Subnet {s.netuid}
        <span className="text-base font-normal text-slate-400">{m.epoch === null ? `latest, block ${m.block}` : `epoch ${m.epoch}, block ${m.block}`}</span>
      </h1>
      <FactList facts={facts} mono />
      {taskInfo && (
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm" data-testid="subnet-task">
          <span className="text-slate-400">Task:</span>
          {taskInfo.task === null ? (
            <span>none (this network runs the synthetic traffic)</span>
          ) : (
            <>
              <span className="font-mono" data-testid="subnet-task-name">{taskInfo.task}</span>
              <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}/query`} data-testid="query-link">
                query the subnet (mixture of experts) →
              </a>
            </>
          )}
        </p>
      )}
      {epochs.items.length > 0 && (
        <nav className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm" data-testid="epochs">
          <span className="text-slate-400">Epochs:</span>
          <a className={m.epoch === null ? "font-semibold" : "text-sky-400 hover:underline"} href={`/subnets/${s.netuid}`}>
            latest
          </a>
          {epochs.items.map((e) => (
            <a key={e.epoch} className={m.epoch === e.epoch ? "font-semibold" : "text-sky-400 hover:underline"} href={`/subnets/${s.netuid}?epoch=${e.epoch}`} title={`block ${e.block}, ${formatRao(e.emission)} α emitted`}>
              {e.epoch}
            </a>
          ))}
          {shownEpoch !== null && (
            <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}/epochs/${shownEpoch}`} data-testid="explain-link">
              explain epoch {shownEpoch} →
            </a>
          )}
        </nav>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-3 text-lg font-semibold">
          Price and registration history{m.epoch !== null && <span className="text-sm font-normal text-slate-400"> to epoch {m.epoch}</span>}
        </h2>
        <SubnetCharts history={history} />
      </section>
      <section aria-labelledby="hyper-title">
        <h2 id="hyper-title" className="mb-3 text-lg font-semibold">
          Hyperparameters <span className="text-sm font-normal text-slate-400">
            now (block {hyper.block}){m.epoch !== null && `, not as at epoch ${m.epoch}: only their current values are stored`}, named as btcli names them
          </span>
        </h2>
        <ScrollTable label="Hyperparameters">
          <table className="w-full text-xs sm:text-sm" data-testid="hyperparams" aria-label="Hyperparameters">
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1">name</th>
                <th className="text-right">value</th>
                <th className="hidden pl-3 sm:table-cell">unit</th>
                <th className="hidden pl-3 md:table-cell">meaning</th>
              </tr>
            </thead>
            <tbody>
              {hyper.params.map((p) => (
                <tr key={p.name} className="border-t border-slate-800" data-testid="hyperparam-row" data-name={p.name} data-value={p.value}>
                  <td className="break-all py-1 pr-3 font-mono sm:break-normal" title={p.description}>
                    {p.name}
                  </td>
                  <td className="whitespace-nowrap text-right font-mono" title={`${p.value}${p.unit ? ` (${p.unit})` : ""}`}>
                    {p.display}
                  </td>
                  <td className="hidden whitespace-nowrap pl-3 text-slate-400 sm:table-cell">{p.unit ?? ""}</td>
                  <td className="hidden pl-3 text-slate-400 md:table-cell">{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <DistributionSection netuid={s.netuid} epoch={m.epoch} />
      {shownEpoch !== null && <SubnetHeatmaps netuid={s.netuid} epoch={shownEpoch} />}
      <section aria-labelledby="regs-title">
        <h2 id="regs-title" className="mb-3 text-lg font-semibold">
          Registrations and deregistrations{m.epoch !== null && <span className="text-sm font-normal text-slate-400"> to epoch {m.epoch} (block {m.block})</span>}
        </h2>
        {regsCursor === null ? (
          <p className="text-sm text-rose-300" data-testid="regs-bad-cursor">
            regs must be a cursor {"{block}-{uid}"} as the “older” link gives it, got {JSON.stringify(regs)}.
          </p>
        ) : registrations.items.length === 0 ? (
          <p className="text-sm text-slate-400">No registrations {regsCursor ? "before this point" : "yet"}.</p>
        ) : (
          <ScrollTable label="Registrations">
            <table className="w-full text-sm" data-testid="registrations" aria-label="Registrations and deregistrations">
              <TableHead columns={["block", { label: "uid", right: true }, "hotkey", "coldkey", "deregistered (pruned hotkey)"]} />
              <tbody>
                {registrations.items.map((r) => (
                  <tr key={`${r.block}-${r.uid}`} className="border-t border-slate-800" data-testid="registration-row" data-block={r.block} data-uid={r.uid} data-hotkey={r.hotkey} data-replaced={r.replaced ?? ""}>
                    <td className="py-1 pr-3">
                      <a className="text-sky-400 hover:underline" href={`/blocks/${r.block}`}>
                        {r.block}
                      </a>
                    </td>
                    <td className="pr-3 text-right">
                      <a className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}/uids/${r.uid}`}>
                        {r.uid}
                      </a>
                    </td>
                    <td className="pr-3">
                      <Address hex={r.hotkey} />
                    </td>
                    <td className="pr-3">{r.coldkey ? <Address hex={r.coldkey} /> : <span className="text-slate-500">unknown</span>}</td>
                    <td>{r.replaced ? <Address hex={r.replaced} /> : <span className="text-slate-500">new uid</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <nav className="mt-2 flex gap-4 text-sm" aria-label="Registration pages">
          {regsCursor && (
            <a className="text-sky-400 hover:underline" href={pageLink({})}>
              ← newest
            </a>
          )}
          {registrations.next && (
            <a className="text-sky-400 hover:underline" href={pageLink({ regs: registrations.next })} data-testid="regs-older">
              older →
            </a>
          )}
        </nav>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Metagraph ({m.neurons.length} uids)</h2>
        <MetagraphTable netuid={s.netuid} neurons={m.neurons} unit={era2024 ? "τ" : "α"} exportEpoch={shownEpoch} />
      </section>
    </div>
  );
}
