import type { ReactNode } from "react";

/**
 * A page-sized message for what is missing or went wrong (404s, errors, empty lists): a title,
 * a sentence on why, and where to go next. `tone` colours the title.
 */
export function StatePanel({ title, children, actions, tone = "neutral", testId }: { title: string; children?: ReactNode; actions?: ReactNode; tone?: "neutral" | "error"; testId?: string }) {
  return (
    <section className="mx-auto max-w-2xl rounded-lg border border-slate-800 bg-slate-900/40 p-6 sm:p-8" data-testid={testId}>
      <h1 className={`text-2xl font-semibold ${tone === "error" ? "text-rose-300" : ""}`}>{title}</h1>
      {children && <div className="mt-3 space-y-2 text-slate-300">{children}</div>}
      <div className="mt-6 flex flex-wrap gap-4 text-sm">
        {actions}
        <a className="text-sky-400 hover:underline" href="/">
          Network overview
        </a>
        <a className="text-sky-400 hover:underline" href="/subnets">
          Subnets
        </a>
      </div>
    </section>
  );
}

/** A short line for an empty list or table. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded border border-dashed border-slate-800 px-4 py-6 text-center text-sm text-slate-400">{children}</p>;
}
