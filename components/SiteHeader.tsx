import { SiteNav } from "./SiteNav";

/** The header every page shares (the 404 and error pages too): name, tagline (wide screens), search, theme toggle and navigation. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-800" data-testid="site-header">
      <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:px-6 sm:py-3">
        <a href="/" className="flex shrink-0 items-center gap-2 text-lg font-semibold tracking-tight">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#0f172a" stroke="#1e3a5f" />
            <path d="M7 10.5h18M15.5 10.5v11a3.5 3.5 0 0 0 3.5 3.5h2.5" stroke="#38bdf8" strokeWidth="3.2" fill="none" strokeLinecap="round" />
          </svg>
          Taoscope
        </a>
        <span className="hidden min-w-0 shrink truncate text-sm text-slate-400 xl:inline" data-testid="tagline">
          local Bittensor network &amp; explorer
        </span>
        <SiteNav />
      </div>
    </header>
  );
}
