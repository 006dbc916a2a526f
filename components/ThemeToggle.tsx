"use client";

import { useEffect, useState } from "react";
import { THEME_KEY, type Theme, applyTheme, storedTheme, systemTheme } from "./theme";

/** Switches between the light and dark theme and remembers the choice; until then the system decides. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => {
    // Applied again here: a page React renders on the client from scratch (a 404 or an error
    // boundary) resets html's class to the server's.
    const current = storedTheme() ?? systemTheme();
    applyTheme(current);
    setTheme(current);
    const mq = matchMedia("(prefers-color-scheme: light)");
    const follow = () => {
      if (storedTheme()) return;
      applyTheme(systemTheme());
      setTheme(systemTheme());
    };
    mq.addEventListener("change", follow);
    return () => mq.removeEventListener("change", follow);
  }, []);
  const next: Theme = theme === "light" ? "dark" : "light";
  return (
    <button
      type="button"
      className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded border border-slate-700 text-slate-200 hover:bg-slate-800"
      aria-label={`Switch to the ${next} theme`}
      title={`Switch to the ${next} theme`}
      data-testid="theme-toggle"
      data-theme={theme ?? undefined}
      onClick={() => {
        try {
          localStorage.setItem(THEME_KEY, next);
        } catch {
          // private mode: the choice lasts for this page only
        }
        applyTheme(next);
        setTheme(next);
      }}
    >
      <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
        {theme === "light" ? (
          <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
        ) : (
          <>
            <circle cx="12" cy="12" r="4.2" />
            <path d="M12 2.5v2.2M12 19.3v2.2M2.5 12h2.2M19.3 12h2.2M5.3 5.3l1.6 1.6M17.1 17.1l1.6 1.6M5.3 18.7l1.6-1.6M17.1 6.9l1.6-1.6" />
          </>
        )}
      </svg>
    </button>
  );
}
