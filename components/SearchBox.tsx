/**
 * The global search box: a plain GET form to /search, so it works before any script loads. The
 * search page opens the one match, lists several, or says why nothing matched.
 */
export function SearchBox({ className = "" }: { className?: string }) {
  return (
    <form action="/search" method="get" role="search" aria-label="Search the chain" className={className}>
      <input
        type="search"
        name="q"
        required
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        aria-label="Search by block, block hash, extrinsic id, address or netuid"
        placeholder="Block, hash, extrinsic id, address, netuid"
        data-testid="search-input"
        className="h-9 w-full rounded border border-slate-700 bg-slate-900 px-3 text-sm text-slate-100 placeholder:text-slate-500 focus:border-sky-500 focus:outline-none"
      />
    </form>
  );
}
