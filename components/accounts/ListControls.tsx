import { StatePanel } from "../State";

/** Links that sort a list (the sort lives in the URL); the current one is marked. */
export function SortLinks({ label, options, current, href }: { label: string; options: readonly { value: string; label: string }[]; current: string; href: (sort: string) => string }) {
  return (
    <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label={label} data-testid="sort-links">
      <span className="text-slate-400">Sort by</span>
      {options.map((o) => (
        <a
          key={o.value}
          href={href(o.value)}
          aria-current={o.value === current ? "true" : undefined}
          data-sort={o.value}
          className={`rounded border px-2 py-0.5 ${o.value === current ? "border-sky-500 text-sky-300" : "border-slate-700 text-slate-300 hover:border-slate-500"}`}
        >
          {o.label}
        </a>
      ))}
    </nav>
  );
}

/** A keyset list's page links: back to the first page, and on to the next one when there is one. */
export function PageLinks({ label, first, next, testId }: { label: string; first: string | null; next: string | null; testId: string }) {
  if (!first && !next) return null;
  return (
    <nav className="mt-3 flex flex-wrap gap-4 text-sm" aria-label={label} data-testid={testId}>
      {first && (
        <a className="text-sky-400 hover:underline" href={first} data-testid={`${testId}-first`}>
          ← first page
        </a>
      )}
      {next && (
        <a className="text-sky-400 hover:underline" href={next} rel="next" data-testid={`${testId}-next`}>
          next page →
        </a>
      )}
    </nav>
  );
}

/** A sorted keyset list's URL: the sort and page size when not the defaults, and where the page starts. */
export function listHref(path: string, defaults: { sort: string; limit: number }, sort: string, limit: number, after?: string): string {
  const q = new URLSearchParams();
  if (sort !== defaults.sort) q.set("sort", sort);
  if (limit !== defaults.limit) q.set("limit", String(limit));
  if (after) q.set("after", after);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ""}`;
}

/** What a list page shows for a link whose query does not parse: the field and what it may hold. */
export function MalformedQuery({ message }: { message: string }) {
  return (
    <StatePanel title="This list link is malformed" tone="error" testId="bad-query">
      <p>{message}.</p>
    </StatePanel>
  );
}
