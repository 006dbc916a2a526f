"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";

const inputProps = {
  type: "search",
  name: "q",
  required: true,
  maxLength: 200,
  autoComplete: "off",
  spellCheck: false,
  "aria-label": "Search by block, block hash, extrinsic id, address or netuid",
  placeholder: "Block, hash, extrinsic id, address, netuid",
  "data-testid": "search-input",
  className: "h-9 w-full rounded border border-slate-700 bg-slate-900 px-3 text-sm text-slate-100 placeholder:text-slate-500 focus:border-sky-500 focus:outline-none",
} as const;

/** The input, holding the query on the search page itself (so a user can correct it). */
function QueryInput() {
  const pathname = usePathname();
  const params = useSearchParams();
  const q = pathname === "/search" ? (params.get("q") ?? "") : "";
  return <input key={q} defaultValue={q} {...inputProps} />;
}

/**
 * The global search box: a plain GET form to /search, so it works before any script loads. The
 * search page opens the one match, lists several, or says why nothing matched.
 */
export function SearchBox({ className = "" }: { className?: string }) {
  return (
    <form action="/search" method="get" role="search" aria-label="Search the chain" className={className}>
      <Suspense fallback={<input {...inputProps} />}>
        <QueryInput />
      </Suspense>
    </form>
  );
}
