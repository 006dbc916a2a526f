/**
 * Pieces the explorer's keyset-paginated lists share (blocks, extrinsics, events): the pager
 * that carries the filters in the URL, times shown relative with the absolute one on hover,
 * the filter form's frame, the message for a bad filter, and the loading skeleton.
 */
import type { ReactNode } from "react";
import { formatTime } from "./format";

/** `path?query` with `set` applied to `params` (an undefined value removes the key). */
export function hrefWith(path: string, params: Record<string, string | undefined>, set: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...set })) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** How long before `now` a time was, in words ("12 s ago", "5 min ago", "3 h ago", "2 d ago"), or how far after ("in 12 s"). */
export function formatAgo(ms: number, now: number): string {
  // A test-mode or fast-forwarded chain stamps blocks 12 s apart however fast it makes them, so its head can lie ahead of the clock.
  const ahead = ms > now;
  const s = Math.round(Math.abs(now - ms) / 1000);
  const span = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 86_400 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86_400)} d`;
  return ahead && s > 0 ? `in ${span}` : `${span} ago`;
}

/** A block time: relative to `now`, the UTC time on hover and for assistive technology. */
export function TimeAgo({ ms, now }: { ms: string; now: number }) {
  const absolute = formatTime(ms);
  return (
    <time className="whitespace-nowrap" dateTime={new Date(Number(ms)).toISOString()} title={absolute} aria-label={absolute}>
      {formatAgo(Number(ms), now)}
    </time>
  );
}

/**
 * Newest / newer / older links of a keyset list, each the list's URL with its filters and a
 * cursor (null: no page that way).
 */
export function Pager({ newest, newer, older, label }: { newest: string | null; newer: string | null; older: string | null; label: string }) {
  const link = "rounded border border-slate-700 px-3 py-1 text-sky-300 hover:border-slate-500";
  const off = "rounded border border-slate-800 px-3 py-1 text-slate-600";
  const item = (href: string | null, text: string, testId: string, rel?: string) =>
    href ? (
      <a className={link} href={href} rel={rel} data-testid={testId}>
        {text}
      </a>
    ) : (
      <span className={off} aria-disabled="true" data-testid={`${testId}-off`}>
        {text}
      </span>
    );
  return (
    <nav className="mt-4 flex flex-wrap items-center gap-2 text-sm" aria-label={label} data-testid="pager">
      {item(newest, "newest", "pager-newest")}
      {item(newer, "← newer", "pager-newer", "prev")}
      {item(older, "older →", "pager-older", "next")}
    </nav>
  );
}

/** The pager of a list whose cursors are `before` (older) and `after` (newer), filters in `params`. */
export function KeysetPager({ path, params, page, label }: { path: string; params: Record<string, string | undefined>; page: { next: string | null; prev: string | null }; label: string }) {
  const base = { ...params, before: undefined, after: undefined };
  const paged = params.before !== undefined || params.after !== undefined;
  return <Pager label={label} newest={paged ? hrefWith(path, base) : null} newer={page.prev ? hrefWith(path, base, { after: page.prev }) : null} older={page.next ? hrefWith(path, base, { before: page.next }) : null} />;
}

/** A GET form of filters: fields side by side, stacked on a phone, with Apply and Clear. */
export function FilterForm({ path, label, children }: { path: string; label: string; children: ReactNode }) {
  return (
    <form action={path} method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-800 bg-slate-900/40 p-3 text-sm" aria-label={label} data-testid="filters">
      {children}
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-600" data-testid="filters-apply">
          Apply
        </button>
        <a className="rounded border border-slate-700 px-3 py-1.5 text-slate-300 hover:border-slate-500" href={path}>
          Clear
        </a>
      </div>
    </form>
  );
}

const inputClass = "w-full rounded border border-slate-700 bg-slate-950 px-2 py-1.5 text-slate-100 placeholder:text-slate-600";

/** A labelled text or number input of a filter form. */
export function FilterInput({ name, label, value, placeholder, width = "w-40", inputMode, list }: { name: string; label: string; value?: string; placeholder?: string; width?: string; inputMode?: "numeric" | "text"; list?: string }) {
  return (
    <label className={`flex flex-col gap-1 ${width} max-w-full`}>
      <span className="text-xs text-slate-400">{label}</span>
      <input className={inputClass} name={name} defaultValue={value} placeholder={placeholder} inputMode={inputMode} list={list} autoComplete="off" spellCheck={false} />
    </label>
  );
}

/** A labelled select of a filter form; the first option ("any") sends nothing. */
export function FilterSelect({ name, label, value, options, width = "w-56" }: { name: string; label: string; value?: string; options: readonly (string | [string, string])[]; width?: string }) {
  return (
    <label className={`flex flex-col gap-1 ${width} max-w-full`}>
      <span className="text-xs text-slate-400">{label}</span>
      <select className={inputClass} name={name} defaultValue={value ?? ""}>
        <option value="">any</option>
        {options.map((o) => {
          const [v, text] = typeof o === "string" ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** What was wrong with the list's address, said plainly (instead of the table). */
export function ListError({ children }: { children: ReactNode }) {
  return (
    <p className="rounded border border-rose-900/70 bg-rose-950/30 px-4 py-3 text-sm text-rose-200" role="alert" data-testid="list-error">
      {children}
    </p>
  );
}

/** A list page while it loads: its title and grey rows where the table goes. */
export function ListSkeleton({ title, rows = 10 }: { title: string; rows?: number }) {
  return (
    <div className="space-y-6" aria-busy="true" data-testid="loading">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="sr-only">Loading…</p>
      <div className="space-y-2">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-7 animate-pulse rounded bg-slate-800/60" />
        ))}
      </div>
    </div>
  );
}
