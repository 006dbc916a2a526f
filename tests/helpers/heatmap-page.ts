/**
 * The Heatmap component alone in a browser page: bundled with esbuild (React included, production
 * mode) and mounted with the given props, for the component's browser test and its benchmark.
 */
import path from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import type { HeatmapProps } from "@/components/explain/Heatmap";

const ROOT = path.resolve(import.meta.dirname, "../..");
let bundle: Promise<string> | null = null;

function heatmapBundle(): Promise<string> {
  bundle ??= build({
    stdin: {
      contents: `import { createElement } from "react"; import { createRoot } from "react-dom/client"; import { Heatmap } from "@/components/explain/Heatmap";
        window.mountHeatmap = (props) => createRoot(document.getElementById("root")).render(createElement(Heatmap, props));`,
      resolveDir: ROOT,
      loader: "tsx",
    },
    bundle: true,
    write: false,
    format: "iife",
    jsx: "automatic",
    alias: { "@": ROOT },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** A page of `width` px with the heatmap mounted and painted. */
export async function heatmapPage(browser: Browser, props: HeatmapProps, width = 1200): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: width + 40, height: 900 } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#020617;color:#e2e8f0;font:12px sans-serif"><div id="root" style="width:${width}px;padding:20px"></div></body></html>`);
  await page.addScriptTag({ content: await heatmapBundle() });
  await page.evaluate((p) => (window as unknown as { mountHeatmap: (p: unknown) => void }).mountHeatmap(p), props as unknown as Record<string, unknown>);
  await page.waitForSelector("canvas[data-rows]");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page;
}

/** A deterministic 256 × 256 u16 matrix (about a third of the cells empty) and its consensus line. */
export function matrix256(n = 256): { rows: number[][]; line: number[] } {
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = Array.from({ length: n }, () => Array.from({ length: n }, () => (next() < 0.33 ? 0 : Math.floor(next() * 65536))));
  return { rows, line: Array.from({ length: n }, () => Math.floor(next() * 65536)) };
}
