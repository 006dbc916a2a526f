"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { pageLinkOf } from "./page-links";

/**
 * The loading state of every page: a bar across the top of the window from the moment an
 * internal link is followed until the new page is shown. Pages render on the server before their
 * first byte (so an unknown entity is a real 404, not a streamed 200), which leaves the old page
 * on screen meanwhile; this says that the next one is coming. A click counts when `pageLinkOf`
 * says it follows a link to another page.
 */
export function NavigationProgress() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [pending, setPending] = useState(false);
  const shown = useRef("");

  // The new address is shown: the navigation is over.
  useEffect(() => {
    shown.current = `${pathname}?${search}`;
    setPending(false);
  }, [pathname, search]);

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const to = pageLinkOf(e);
      if (!to) return;
      if (to.pathname === location.pathname && to.search === location.search) return; // same page (an anchor)
      setPending(true);
    };
    // Back and forward render another page too (not when only the #anchor differs).
    const onPop = () => {
      if (`${location.pathname}?${location.search.slice(1)}` !== shown.current) setPending(true);
    };
    // In the capture phase: SoftLinks cancels the click's default (it navigates itself).
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPop);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPop);
    };
  }, []);

  if (!pending) return null;
  return (
    <div className="fixed inset-x-0 top-0 z-50 h-[3px] overflow-hidden bg-sky-950" role="progressbar" aria-label="Loading the page" data-testid="navigation-progress">
      <div className="h-full w-1/3 animate-[taoscope-progress_1.2s_ease-in-out_infinite] bg-sky-400" />
    </div>
  );
}
