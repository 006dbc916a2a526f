
/** Preset ranges as links (the range lives in the URL) and an explicit from/to form. */
export function RangeSelector({ path, presets, current, from, to }: { path: string; presets: readonly { key: string | null; label: string }[]; current: string | null; from?: string; to?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="range-selector">
      {presets.map((p) => (
        <a
          key={p.label}
          href={p.key === null ? path : `${path}?range=${p.key}`}
          data-testid={`range-${p.key ?? "default"}`}
          aria-current={current === p.key ? "page" : undefined}
          className={`rounded border px-2 py-0.5 ${current === p.key ? "border-sky-500 bg-sky-950 text-sky-300" : "border-slate-700 text-slate-300 hover:border-slate-500"}`}
        >
          {p.label}
        </a>
      ))}
      {from !== undefined && to !== undefined && (
        <form action={path} method="get" className="flex items-center gap-1">
          <input name="from" defaultValue={from} inputMode="numeric" aria-label="from block" className="w-24 rounded border border-slate-700 bg-slate-900 px-1" />
          <span className="text-slate-500">–</span>
          <input name="to" defaultValue={to} inputMode="numeric" aria-label="to block" className="w-24 rounded border border-slate-700 bg-slate-900 px-1" />
          <button type="submit" className="rounded border border-slate-700 px-2 py-0.5 text-slate-300">
            show
          </button>
        </form>
      )}
    </div>
  );
}

/** A range page whose query was refused: its title, the range choices and the reason, in place of the view. */
export function RangeRefused({ title, path, presets, message, testId }: { title: string; path: string; presets: readonly { key: string | null; label: string }[]; message: string; testId: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <RangeSelector path={path} presets={presets} current={null} />
      <p className="text-red-400" data-testid={testId}>
        {message}
      </p>
    </div>
  );
}
