"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { onlyHashChanges, pageLinkOf } from "./page-links";

/**
 * Client-side navigation for the explorer's plain `<a href>` links, as next/link gives its own:
 * one click listener on the document instead of a component per link. A metagraph lists two
 * accounts and a uid per row, a block page hundreds of addresses; next/link costs about 35 µs of
 * server rendering each (the subnet page spent 13 ms on 369 of them), a plain anchor about 2.
 * A click something else already handled (it cancelled the default) is left alone, as is
 * anything `pageLinkOf` does not count as a page link.
 */
export function SoftLinks() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented) return;
      const to = pageLinkOf(e);
      if (!to || onlyHashChanges(to)) return;
      e.preventDefault();
      router.push(`${to.pathname}${to.search}${to.hash}`);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [router]);
  return null;
}
