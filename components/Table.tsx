/** Small building blocks the explorer's pages share. */
import type { ReactNode } from "react";

/** A two-column list of labelled facts (a block header, a subnet's figures); stacks on a phone. */
export function FactList({ facts, mono = false }: { facts: readonly (readonly [string, ReactNode])[]; mono?: boolean }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
      {facts.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="mt-2 text-slate-400 sm:mt-0">{k}</dt>
          <dd className={`min-w-0 break-words ${mono ? "font-mono" : ""}`}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A wide table's box: the table scrolls sideways inside it instead of widening the page (phone
 * widths, the metagraph's many columns). Give it the table as its child.
 */
export function ScrollTable({ children, label, testId, className = "" }: { children: ReactNode; label?: string; testId?: string; className?: string }) {
  return (
    <div className={`scroll-table -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0 ${className}`} role={label ? "region" : undefined} aria-label={label} tabIndex={label ? 0 : undefined} data-testid={testId}>
      {children}
    </div>
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

/** A value shown as compact JSON (for values no field renderer knows). */
export function JsonCell({ value }: { value: unknown }) {
  return <pre className="max-w-xl overflow-x-auto whitespace-pre-wrap break-all text-xs text-slate-400">{JSON.stringify(value)}</pre>;
}
