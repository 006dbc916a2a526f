/**
 * Which clicks follow a link to another explorer page: a plain left click (no modifier key, so
 * not one opening a new tab or window) on a same-origin link that neither targets another
 * window nor downloads, outside the API (a JSON answer or a download such as a metagraph's CSV:
 * no page follows). Shared by the navigation's progress bar and its soft navigation.
 */
export function pageLinkOf(e: MouseEvent): { anchor: HTMLAnchorElement; to: URL } | null {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const anchor = (e.target as Element | null)?.closest?.("a");
  if (!anchor || !anchor.hasAttribute("href") || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const to = new URL(anchor.href, location.href);
  if (to.origin !== location.origin || to.pathname === "/api" || to.pathname.startsWith("/api/")) return null;
  return { anchor, to };
}

/** Whether `to` only moves to an anchor of the page shown (the browser scrolls; nothing loads). */
export const onlyHashChanges = (to: URL): boolean => to.pathname === location.pathname && to.search === location.search && to.hash !== "";
