"use client";

import { useSyncExternalStore } from "react";
import type { Theme } from "./theme";

/** Calls `onChange` whenever html's class (where the theme lives) changes. */
function subscribe(onChange: () => void): () => void {
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => mo.disconnect();
}

const current = (): Theme => (document.documentElement.classList.contains("light") ? "light" : "dark");

/**
 * The theme in force, for what CSS cannot colour (a canvas): follows the header's toggle and the
 * system as `applyTheme` sets them. The server renders as dark; the client corrects it on hydration.
 */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, current, () => "dark");
}
