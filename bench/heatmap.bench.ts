/**
 * The heatmap at 256 × 256 in headless Chromium: time to mount and paint, and per hover (pointer
 * move → readout updated), p50/p95. `npx tsx bench/heatmap.bench.ts`
 */
import { packU16 } from "../lib/packed-u16";
import { heatmapPage, matrix256 } from "../tests/helpers/heatmap-page";
import { launchBrowser } from "../tests/helpers/server";

const browser = await launchBrowser();
const { rows, line } = matrix256();
const t0 = performance.now();
const page = await heatmapPage(browser, { cells: packU16(rows), rowLabels: rows.map((_, i) => i), line, title: "256 × 256", valueLabel: "W", testId: "hm" });
console.log(`mount + first paint (incl. page load): ${(performance.now() - t0).toFixed(0)} ms`);
const times = await page.evaluate(async () => {
  const cv = document.querySelector("canvas")!;
  const out = document.querySelector("[data-testid=hm-readout]")!;
  const rect = cv.getBoundingClientRect();
  const top = Number(cv.dataset.plotTop);
  const cellH = Number(cv.dataset.cellHeight);
  const t: number[] = [];
  for (let k = 0; k < 200; k++) {
    const r = (k * 37) % 256;
    const c = (k * 101) % 256;
    const before = out.textContent;
    const s = performance.now();
    cv.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, clientX: rect.left + ((c + 0.5) * rect.width) / 256, clientY: rect.top + top + (r + 0.5) * cellH }));
    await new Promise((res) => requestAnimationFrame(() => res(null)));
    if (out.textContent !== before) t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b);
});
console.log(`hover → readout and repaint (${times.length} moves): p50 ${times[times.length >> 1]!.toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms`);
await browser.close();
