"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { SearchBox } from "./SearchBox";
import { ThemeToggle } from "./ThemeToggle";

const LINKS = [
  { href: "/", label: "Network" },
  { href: "/blocks", label: "Blocks" },
  { href: "/extrinsics", label: "Extrinsics" },
  { href: "/events", label: "Events" },
  { href: "/accounts", label: "Accounts" },
  { href: "/subnets", label: "Subnets" },
  { href: "/validators", label: "Validators" },
  { href: "/tokenomics", label: "Tokenomics" },
  { href: "/flows", label: "Reward flows" },
  { href: "/demo", label: "Consensus demo" },
  { href: "/api-docs", label: "API" },
];

/**
 * Everything in the header right of the name: the search box, the theme toggle and the
 * navigation. From the `lg` width up the navigation is a row of its own under the header's top
 * line; below it, it is collapsed behind a menu button (aria-expanded, aria-controls) that opens
 * it as a full-width list. On a phone the search box takes a line of its own.
 */
export function SiteNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <>
      <SearchBox className="ml-auto hidden w-full max-w-md sm:block" />
      <div className="ml-auto flex items-center gap-2 sm:ml-0">
        <ThemeToggle />
        <button
          type="button"
          className="inline-flex h-9 w-9 items-center justify-center rounded border border-slate-700 text-slate-200 hover:bg-slate-800 lg:hidden"
          aria-label={open ? "Close menu" : "Open menu"}
          aria-expanded={open}
          aria-controls="site-nav"
          data-testid="nav-toggle"
          onClick={() => setOpen((o) => !o)}
        >
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
            {open ? <path d="M4 4l10 10M14 4L4 14" /> : <path d="M2 4.5h14M2 9h14M2 13.5h14" />}
          </svg>
        </button>
      </div>
      <SearchBox className="w-full basis-full sm:hidden" />
      <nav
        id="site-nav"
        aria-label="Main"
        data-testid="site-nav"
        className={`${open ? "flex" : "hidden"} w-full basis-full flex-col border-t border-slate-800 pt-2 text-sm lg:flex lg:flex-row lg:flex-wrap lg:gap-x-5 lg:gap-y-1 lg:border-0 lg:pt-0`}
      >
        {LINKS.map((l) => (
          <a
            key={l.href}
            href={l.href}
            aria-current={current(l.href) ? "page" : undefined}
            className={`py-2 lg:py-0 ${current(l.href) ? "text-sky-300" : "text-slate-300 hover:text-white"}`}
          >
            {l.label}
          </a>
        ))}
      </nav>
    </>
  );
}
