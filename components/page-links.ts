/**
 * Which clicks follow a link to another explorer page: a plain left click (no modifier key, so
 * not one opening a new tab or window) on a same-origin link, HTML's `<a>` or SVG's (a
 * distribution chart's bars), that neither targets another window nor downloads, outside the
 * API (a JSON answer or a download such as a metagraph's CSV: no page follows). Returns where
 * it leads, or null. Shared by the navigation's progress bar and its soft navigation.
 */
export function pageLinkOf(e: MouseEvent): URL | null {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  // Attributes, not properties: an SVG anchor's `href` and `target` are animated-string objects.
  const anchor = (e.target as Element | null)?.closest?.("a");
  const href = anchor?.getAttribute("href");
  if (!anchor || href === null || href === undefined) return null;
  const target = anchor.getAttribute("target");
  if ((target && target !== "_self") || anchor.hasAttribute("download")) return null;
  const to = new URL(href, location.href);
  if (to.origin !== location.origin || to.pathname === "/api" || to.pathname.startsWith("/api/")) return null;
  return to;
}

/** Whether `to` only moves to an anchor of the page shown (the browser scrolls; nothing loads). */
export const onlyHashChanges = (to: URL): boolean => to.pathname === location.pathname && to.search === location.search && to.hash !== "";
