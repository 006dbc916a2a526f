/**
 * The reusable heatmap at 256 × 256 in a real browser: one canvas and a handful of elements (no
 * element per cell), the dimensions in its data attributes, and the hover readout naming the cell
 * under the pointer with its exact value, for cells across the whole matrix. (Its speed is in
 * bench/heatmap.bench.ts.)
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { packU16 } from "@/lib/packed-u16";
import { heatmapPage, matrix256 } from "../helpers/heatmap-page";
import { launchBrowser, screenshot } from "../helpers/server";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());

it("draws 256 × 256 on one canvas and reads out the hovered cell exactly", async () => {
  const { rows, line } = matrix256();
  const labels = rows.map((_, i) => 1000 + i);
  const page = await heatmapPage(browser, { cells: packU16(rows), rowLabels: labels, line, title: "256 × 256", valueLabel: "W", testId: "hm" });
  const canvas = page.getByTestId("hm");
  expect([await canvas.getAttribute("data-rows"), await canvas.getAttribute("data-cols")]).toEqual(["256", "256"]);
  expect(await page.locator("canvas").count()).toBe(1);
  expect(await page.locator("figure *").count()).toBeLessThan(20);
  const box = (await canvas.boundingBox())!;
  const top = Number(await canvas.getAttribute("data-plot-top"));
  const cellH = Number(await canvas.getAttribute("data-cell-height"));
  expect(box.height).toBeCloseTo(top + 256 * cellH, 0);
  for (const [r, c] of [[0, 0], [255, 255], [17, 200], [128, 3], [200, 129]] as const) {
    await page.mouse.move(box.x + ((c + 0.5) * box.width) / 256, box.y + top + (r + 0.5) * cellH);
    await expect.poll(() => page.getByTestId("hm-to").textContent()).toBe(String(c));
    expect(await page.getByTestId("hm-from").textContent()).toBe(String(1000 + r));
    expect(await page.getByTestId("hm-value").textContent()).toBe(String(rows[r]![c]));
  }
  // The canvas backs its CSS size at the device pixel ratio: painted, not blank.
  const painted = await page.evaluate(() => {
    const cv = document.querySelector("canvas")!;
    const d = cv.getContext("2d")!.getImageData(0, cv.height - 4, cv.width, 1).data;
    const colours = new Set<string>();
    for (let k = 0; k < d.length; k += 4) colours.add(`${d[k]},${d[k + 1]},${d[k + 2]}`);
    return colours.size;
  });
  expect(painted).toBeGreaterThan(50);
  await screenshot(page, "heatmap-256x256");

  // The canvas follows the theme (it cannot read CSS): an empty cell is dark on the dark theme
  // and light on the light one, repainted when html's class changes.
  const [er, ec] = (() => {
    for (let r = 0; r < 256; r++) for (let c = 0; c < 256; c++) if (rows[r]![c] === 0) return [r, c];
    throw new Error("matrix256 has no empty cell");
  })();
  const lightness = () =>
    page.evaluate(
      ({ r, c, top, cellH }) => {
        const cv = document.querySelector("canvas")!;
        const scale = cv.width / cv.getBoundingClientRect().width;
        const x = Math.floor(((c + 0.5) * cv.width) / 256);
        const y = Math.floor((top + (r + 0.5) * cellH) * scale);
        const d = cv.getContext("2d")!.getImageData(x, y, 1, 1).data;
        return (d[0]! + d[1]! + d[2]!) / 3;
      },
      { r: er, c: ec, top, cellH },
    );
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.documentElement.className = "dark"));
  await expect.poll(lightness).toBeLessThan(40);
  await page.evaluate(() => (document.documentElement.className = "light"));
  await expect.poll(lightness).toBeGreaterThan(200);
  await screenshot(page, "heatmap-256x256-light");
  await page.close();
});
