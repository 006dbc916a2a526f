"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { NeuronDto } from "@/lib/dto";
import { Address } from "./Address";
import { formatRao, formatU16 } from "./format";

/** An axon's address: IPv4 as dotted quad (the chain stores it as an integer), IPv6 as given. */
function axonText(a: NonNullable<NeuronDto["axon"]>): string {
  const ip = String(a.ip);
  if (a.ipType === 4 && /^\d+$/.test(ip) && BigInt(ip) < 1n << 32n) {
    const n = Number(ip);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}:${a.port}`;
  }
  return `${ip}:${a.port}`;
}

type Column = { key: string; label: string; numeric: boolean; value: (n: NeuronDto) => number | bigint | string; show: (n: NeuronDto) => React.ReactNode };

const columns = (unit: string, netuid: number): Column[] => [
  {
    key: "uid",
    label: "uid",
    numeric: true,
    value: (n) => n.uid,
    show: (n) => (
      <Link className="text-sky-400 hover:underline" href={`/subnets/${netuid}/uids/${n.uid}`} title={`uid ${n.uid}: its history over stored epochs`}>
        {n.uid}
      </Link>
    ),
  },
  { key: "hotkey", label: "hotkey", numeric: false, value: (n) => n.hotkey, show: (n) => <Address hex={n.hotkey} /> },
  { key: "coldkey", label: "coldkey", numeric: false, value: (n) => n.coldkey, show: (n) => <Address hex={n.coldkey} /> },
  { key: "stake", label: `stake (${unit})`, numeric: true, value: (n) => BigInt(n.stake), show: (n) => formatRao(n.stake) },
  { key: "consensus", label: "consensus", numeric: true, value: (n) => n.consensus, show: (n) => formatU16(n.consensus) },
  { key: "incentive", label: "incentive", numeric: true, value: (n) => n.incentive, show: (n) => formatU16(n.incentive) },
  { key: "dividends", label: "dividends", numeric: true, value: (n) => n.dividends, show: (n) => formatU16(n.dividends) },
  { key: "emission", label: `emission (${unit})`, numeric: true, value: (n) => BigInt(n.emission), show: (n) => formatRao(n.emission) },
  { key: "validatorTrust", label: "v-trust", numeric: true, value: (n) => n.validatorTrust, show: (n) => formatU16(n.validatorTrust) },
  { key: "validatorPermit", label: "permit", numeric: true, value: (n) => (n.validatorPermit ? 1 : 0), show: (n) => (n.validatorPermit ? "✓" : "") },
  { key: "active", label: "active", numeric: true, value: (n) => (n.active ? 1 : 0), show: (n) => (n.active ? "✓" : "") },
  { key: "lastUpdate", label: "updated", numeric: true, value: (n) => BigInt(n.lastUpdate), show: (n) => n.lastUpdate },
  { key: "registeredAt", label: "registered", numeric: true, value: (n) => BigInt(n.registeredAt), show: (n) => n.registeredAt },
  { key: "axon", label: "axon", numeric: false, value: (n) => (n.axon ? axonText(n.axon) : ""), show: (n) => (n.axon ? <span title={`ip ${n.axon.ip} (IPv${n.axon.ipType}), port ${n.axon.port}`}>{axonText(n.axon)}</span> : "") },
];

/**
 * Every uid of a metagraph with the SDK's columns; a header click sorts by it (again: reverses).
 * `unit` names what stake and emission are in: α on dynamic-TAO subnets, τ on seed2024 ones.
 * Each uid links to its history page on subnet `netuid`.
 */
export function MetagraphTable({ netuid, neurons, unit = "α" }: { netuid: number; neurons: NeuronDto[]; unit?: string }) {
  const COLUMNS = useMemo(() => columns(unit, netuid), [unit, netuid]);
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: "uid", desc: false });
  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    const sorted = [...neurons].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const c = x < y ? -1 : x > y ? 1 : a.uid - b.uid;
      return sort.desc ? -c : c;
    });
    return sorted;
  }, [neurons, sort, COLUMNS]);
  return (
    <table className="metagraph w-full text-sm" data-testid="metagraph">
      <thead className="text-left text-slate-400">
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} className={`cursor-pointer select-none py-1 ${c.numeric ? "text-right" : ""}`} aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}>
              <button type="button" data-testid={`sort-${c.key}`} onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.numeric }))}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="font-mono text-[13px]">
        {rows.map((n) => (
          <tr key={n.uid} className="border-t border-slate-800" data-testid="neuron-row" data-uid={n.uid}>
            {COLUMNS.map((c) => (
              <td key={c.key} className={`py-1 ${c.numeric ? "text-right" : ""}`}>
                {c.show(n)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
