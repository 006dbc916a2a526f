/** Small building blocks the explorer's pages share. */
import type { ReactNode } from "react";

/** A two-column list of labelled facts (a block header, a subnet's figures). */
export function FactList({ facts, mono = false }: { facts: readonly (readonly [string, ReactNode])[]; mono?: boolean }) {
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
      {facts.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className={mono ? "font-mono" : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A table header row; a column named with `right: true` is right-aligned (numbers). */
export function TableHead({ columns }: { columns: readonly (string | { label: string; right: true })[] }) {
  return (
    <thead className="text-left text-slate-400">
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th key={c} className={i === 0 ? "py-1" : undefined}>
              {c}
            </th>
          ) : (
            <th key={c.label} className={`text-right${i === 0 ? " py-1" : ""}`}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A value shown as compact JSON (extrinsic arguments, event data). */
export function JsonCell({ value }: { value: unknown }) {
  return <pre className="max-w-xl overflow-x-auto text-xs text-slate-400">{JSON.stringify(value)}</pre>;
}
