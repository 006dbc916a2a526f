"use client";

import { useMemo, useState } from "react";
import type { NeuronDto } from "@/lib/dto";
import { Address, accountForms } from "./Address";
import { ScrollTable } from "./Table";
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
      <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/uids/${n.uid}`} title={`uid ${n.uid}: its history over stored epochs`}>
        {n.uid}
      </a>
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

type Role = "all" | "validators" | "miners" | "active" | "inactive";
const ROLES: [Role, string][] = [
  ["all", "all uids"],
  ["validators", "validator permit"],
  ["miners", "no validator permit"],
  ["active", "active"],
  ["inactive", "inactive"],
];

/**
 * Whether a uid matches the search: digits alone name a uid exactly; anything else is looked
 * for in the hotkey and coldkey, as SS58 (case-sensitive) or 0x-hex (any case).
 */
export function metagraphMatch(n: { uid: number; keys: string[] }, query: string): boolean {
  const q = query.trim();
  if (q === "") return true;
  if (/^\d+$/.test(q)) return n.uid === Number(q);
  const lower = q.toLowerCase();
  return n.keys.some((k) => (k.startsWith("0x") ? k.includes(lower) : k.includes(q)));
}

const roleMatch = (n: NeuronDto, role: Role) =>
  role === "all" || (role === "validators" ? n.validatorPermit : role === "miners" ? !n.validatorPermit : role === "active" ? n.active : !n.active);

/**
 * Every uid of a metagraph with the SDK's columns, all rows at once; a header click sorts by it
 * (again: reverses), the search box filters by uid, hotkey or coldkey and the select by role.
 * `unit` names what stake and emission are in: α on dynamic-TAO subnets, τ on seed2024 ones.
 * Each uid links to its history page on subnet `netuid`; `exportEpoch` (a stored epoch) adds
 * CSV and JSON downloads of it under the SDK's column names.
 */
export function MetagraphTable({ netuid, neurons, unit = "α", exportEpoch = null }: { netuid: number; neurons: NeuronDto[]; unit?: string; exportEpoch?: number | null }) {
  const COLUMNS = useMemo(() => columns(unit, netuid), [unit, netuid]);
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: "uid", desc: false });
  const [query, setQuery] = useState("");
  const [role, setRole] = useState<Role>("all");
  const keys = useMemo(() => new Map(neurons.map((n) => [n.uid, [n.hotkey, n.coldkey].flatMap((k) => { const f = accountForms(k); return f ? [f.ss58, f.hex] : [k.toLowerCase()]; })])), [neurons]);
  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    const shown = neurons.filter((n) => roleMatch(n, role) && metagraphMatch({ uid: n.uid, keys: keys.get(n.uid)! }, query));
    return shown.sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const c = x < y ? -1 : x > y ? 1 : a.uid - b.uid;
      return sort.desc ? -c : c;
    });
  }, [neurons, sort, COLUMNS, role, query, keys]);
  const exportHref = (format: string) => `/api/subnets/${netuid}/metagraph/export?epoch=${exportEpoch}&format=${format}`;
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <input
          type="search"
          className="w-full min-w-0 rounded border border-slate-700 bg-slate-900 px-2 py-1 sm:w-80"
          placeholder="uid, hotkey or coldkey"
          aria-label="Search the metagraph by uid, hotkey or coldkey"
          data-testid="metagraph-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select className="rounded border border-slate-700 bg-slate-900 px-2 py-1" aria-label="Show uids by role" data-testid="metagraph-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map(([r, label]) => (
            <option key={r} value={r}>
              {label}
            </option>
          ))}
        </select>
        <span className="text-slate-400" data-testid="metagraph-count" aria-live="polite">
          {rows.length} of {neurons.length} uids
        </span>
        {exportEpoch !== null && (
          <span className="flex gap-3 sm:ml-auto">
            <span className="text-slate-400">epoch {exportEpoch}:</span>
            <a className="text-sky-400 hover:underline" href={exportHref("csv")} data-testid="export-csv" download>
              CSV
            </a>
            <a className="text-sky-400 hover:underline" href={exportHref("json")} data-testid="export-json" download>
              JSON
            </a>
          </span>
        )}
      </div>
      <ScrollTable label="Metagraph" testId="metagraph-box">
        <table className="metagraph w-full text-sm" data-testid="metagraph" aria-label={`Metagraph of subnet ${netuid}`}>
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
                  <td key={c.key} className={c.numeric ? "num" : undefined}>
                    {c.show(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {rows.length === 0 && <p className="mt-2 text-sm text-slate-400" data-testid="metagraph-empty">No uid matches “{query}”.</p>}
    </>
  );
}
