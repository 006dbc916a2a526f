/**
 * The colour theme: light or dark, following the system until the user picks one with the
 * header's toggle (remembered in localStorage). The same rule runs twice: inline in the page's
 * head before anything paints (so a light-theme reader never sees a dark flash), and in the
 * toggle.
 */
export const THEME_KEY = "taoscope-theme";
export type Theme = "light" | "dark";

/** The script the root layout inlines into <head>: applies the stored or the system theme. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: light)").matches?"light":"dark";var c=document.documentElement.classList;c.remove("light","dark");c.add(t)}catch(e){}})()`;

export function applyTheme(theme: Theme): void {
  const c = document.documentElement.classList;
  c.remove("light", "dark");
  c.add(theme);
}

export function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === "light" || t === "dark" ? t : null;
  } catch {
    return null;
  }
}

export const systemTheme = (): Theme => (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark");
