"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { formatRao } from "@/components/format";
import type { FlowsDto, SubnetFlowsDto } from "@/lib/dto";
import { alphaSankey, subnetInflow, tauSankey } from "@/lib/flows-graph";

const SankeyChart = dynamic(() => import("./SankeyChart"), { ssr: false, loading: () => <div className="h-[400px] animate-pulse rounded bg-slate-900" /> });

const TOP = 6;

function Row({ label, value, unit, testid, indent = 0 }: { label: string; value: string; unit: "τ" | "α"; testid?: string; indent?: number }) {
  return (
    <tr className="border-t border-slate-800">
      <td className="whitespace-normal py-1" style={{ paddingLeft: indent * 12 }}>
        {label}
      </td>
      <td className="whitespace-nowrap pl-2 text-right font-mono" data-testid={testid} data-rao={value}>
        {formatRao(value)} {unit}
      </td>
    </tr>
  );
}

/** The τ stage's table: exact rao for every flow of the Sankey. */
function TauTable({ flows }: { flows: FlowsDto }) {
  const dtao = flows.era === "dtao";
  return (
    <table className="w-full text-sm" data-testid="flows-table">
      <thead>
        <tr className="text-left text-slate-400">
          <th className="py-1 font-normal">flow</th>
          <th className="text-right font-normal">amount</th>
        </tr>
      </thead>
      <tbody>
        {dtao ? (
          <>
            <Row label="Block emission" value={flows.network.blockEmission} unit="τ" testid="flow-block-emission" />
            <Row label="Minted" value={flows.network.minted} unit="τ" testid="flow-minted" indent={1} />
            <Row label="Not allocated to a subnet (not minted)" value={flows.network.unallocated} unit="τ" testid="flow-unallocated" indent={1} />
            {flows.subnets.map((s) => (
              <SubnetTauRows key={s.netuid} s={s} />
            ))}
          </>
        ) : (
          <>
            <Row label="TAO minted (owner cuts, epoch payouts)" value={flows.network.minted} unit="τ" testid="flow-minted" />
            {flows.subnets.map((s) => (
              <SubnetPaidRows key={s.netuid} s={s} />
            ))}
          </>
        )}
      </tbody>
    </table>
  );
}

function SubnetTauRows({ s }: { s: SubnetFlowsDto }) {
  return (
    <>
      <Row label={`SN ${s.netuid}: its share`} value={s.tau.total} unit="τ" testid={`flow-sn${s.netuid}-tau`} indent={1} />
      <Row label="injected into the pool" value={s.tau.injected} unit="τ" testid={`flow-sn${s.netuid}-injected`} indent={2} />
      <Row label="bought α for the protocol" value={s.tau.bought} unit="τ" testid={`flow-sn${s.netuid}-bought`} indent={2} />
      <Row label="recycled (not minted)" value={s.tau.recycled} unit="τ" testid={`flow-sn${s.netuid}-recycled`} indent={2} />
    </>
  );
}

function SubnetPaidRows({ s }: { s: SubnetFlowsDto }) {
  return (
    <>
      <Row label={`SN ${s.netuid}: paid (${s.epochs} epochs)`} value={s.paid.total} unit="τ" testid={`flow-sn${s.netuid}-paid`} indent={1} />
      <Row label="owner cut" value={s.paid.ownerCut} unit="τ" testid={`flow-sn${s.netuid}-owner`} indent={2} />
      <Row label="miner incentive" value={s.paid.incentive} unit="τ" testid={`flow-sn${s.netuid}-incentive`} indent={2} />
      <Row label="validator take" value={s.paid.take} unit="τ" testid={`flow-sn${s.netuid}-take`} indent={2} />
      <Row label="nominators" value={s.paid.nominators} unit="τ" testid={`flow-sn${s.netuid}-nominators`} indent={2} />
      <Row label="dropped epochs (not minted)" value={s.paid.dropped} unit="τ" testid={`flow-sn${s.netuid}-dropped`} indent={2} />
    </>
  );
}

/** One subnet's α stage: its table. */
function AlphaTable({ s }: { s: SubnetFlowsDto }) {
  const a = s.alpha;
  const id = `flow-sn${s.netuid}`;
  return (
    <table className="w-full text-sm" data-testid="alpha-table">
      <tbody>
        <Row label={`α emitted per block in the range`} value={a.emitted} unit="α" testid={`${id}-alpha-emitted`} />
        <Row label="root α not emitted (root sell off)" value={a.rootNotEmitted} unit="α" indent={1} />
        <Row label={`α distributed by ${s.epochs} epochs in the range`} value={a.distributed} unit="α" testid={`${id}-alpha-distributed`} />
        <Row label="owner cut" value={a.ownerCut} unit="α" testid={`${id}-alpha-owner`} indent={1} />
        <Row label="miner incentive" value={a.incentive} unit="α" testid={`${id}-alpha-incentive`} indent={1} />
        <Row label="incentive burned (owner hotkeys)" value={a.burnedIncentive} unit="α" testid={`${id}-alpha-burned`} indent={1} />
        <Row label="validator take" value={a.take} unit="α" testid={`${id}-alpha-take`} indent={1} />
        <Row label="nominators (share pools)" value={a.nominators} unit="α" testid={`${id}-alpha-nominators`} indent={1} />
        <Row label="root dividends" value={a.rootDividends} unit="α" testid={`${id}-alpha-root`} indent={1} />
        <Row label="sold for τ" value={a.rootSold} unit="α" indent={2} />
        <Row label="τ paid to root stakers" value={a.rootSoldTao} unit="τ" indent={3} />
        <Row label="undistributed (root α, no root stake; rounding)" value={a.rounding} unit="α" testid={`${id}-alpha-rounding`} indent={1} />
      </tbody>
    </table>
  );
}

export function FlowsView({ flows }: { flows: FlowsDto }) {
  const [expanded, setExpanded] = useState(false);
  const ranked = [...flows.subnets].sort((a, b) => (subnetInflow(flows.era, b) > subnetInflow(flows.era, a) ? 1 : -1));
  const [netuid, setNetuid] = useState<number | null>(ranked[0]?.netuid ?? null);
  const tau = tauSankey(flows.era, flows.network, flows.subnets, expanded ? Infinity : TOP);
  const selected = flows.subnets.find((s) => s.netuid === netuid);
  return (
    <div className="space-y-8">
      <section className="space-y-3" aria-label="TAO flows">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">{flows.era === "dtao" ? "τ stage: block emission to subnets and pools" : "Emission paid: subnets to owners, miners and validators (τ)"}</h2>
          {flows.subnets.length > TOP && (
            <button type="button" className="rounded border border-slate-700 px-2 py-0.5 text-sm text-sky-400" onClick={() => setExpanded(!expanded)} data-testid="expand-subnets">
              {expanded ? `group small subnets as "other"` : `show all ${flows.subnets.length} subnets`}
            </button>
          )}
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
          <div className="min-w-0 rounded-lg border border-slate-800 p-2" data-testid="tau-sankey" data-links={tau.links.length}>
            <SankeyChart graph={tau} />
          </div>
          <div className="min-w-0 overflow-x-auto">
            <TauTable flows={flows} />
          </div>
        </div>
      </section>
      {flows.era === "dtao" && selected && (
        <section className="space-y-3" aria-label="Alpha flows">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-lg font-semibold">α stage: what SN {selected.netuid}&apos;s epochs paid (its own α, never added to τ)</h2>
            <label className="text-sm text-slate-400">
              subnet{" "}
              <select className="rounded border border-slate-700 bg-slate-900 px-1 text-slate-100" value={selected.netuid} onChange={(e) => setNetuid(Number(e.target.value))} data-testid="alpha-subnet">
                {ranked.map((s) => (
                  <option key={s.netuid} value={s.netuid}>
                    SN {s.netuid}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
            <div className="min-w-0 rounded-lg border border-slate-800 p-2" data-testid="alpha-sankey">
              <SankeyChart graph={alphaSankey(selected)} />
            </div>
            <div className="min-w-0 overflow-x-auto">
              <AlphaTable s={selected} />
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
