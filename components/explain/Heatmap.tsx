"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Theme } from "../theme";
import { useTheme } from "../useTheme";
import { type PackedU16, unpackU16 } from "@/lib/packed-u16";

export interface HeatmapProps {
  /** The u16 cell values (rows × columns, packed: `packU16`); 0 is an empty cell. */
  cells: PackedU16;
  /** The uid of each row (validators). */
  rowLabels: readonly number[];
  /** The uid of each column; default 0, 1, ... */
  colLabels?: readonly number[];
  /** Hotkeys by uid, for the readout. */
  hotkeys?: readonly string[];
  /** A u16 value per column drawn as a line above the matrix (e.g. consensus per miner). */
  line?: readonly number[];
  lineLabel?: string;
  /** A second value per cell shown in the readout (e.g. the u16 weight as set), of the same shape. */
  extra?: PackedU16;
  extraLabel?: string;
  title: string;
  valueLabel: string;
  /** The uid to outline (its row and column). */
  highlight?: number | null;
  testId?: string;
}

const LINE_STRIP = 48; // CSS px above the matrix for the per-column line
const MAX_HEIGHT = 420;

type Rgb = [number, number, number];

/**
 * The canvas colours per theme (a canvas cannot read the CSS variables): the empty cell, the
 * value ramp from small to large, and the strokes. Dark: navy → sky → yellow; light: pale sky →
 * deep blue, so a large value is the strongest contrast against the page in both.
 */
const PALETTES: Record<Theme, { empty: Rgb; ramp: Rgb[]; background: string; frame: string; line: string; highlight: string; hover: string }> = {
  dark: { empty: [2, 6, 23], ramp: [[15, 23, 42], [14, 116, 144], [56, 189, 248], [253, 224, 71]], background: "#020617", frame: "#1e293b", line: "#f472b6", highlight: "#f8fafc", hover: "#ef4444" },
  light: { empty: [241, 245, 249], ramp: [[224, 242, 254], [56, 189, 248], [3, 105, 161], [23, 37, 84]], background: "#f1f5f9", frame: "#cbd5e1", line: "#db2777", highlight: "#0f172a", hover: "#dc2626" },
};

/** The ramp's colour at t in [0, 1], linear between its stops. */
function ramp(stops: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

const share = (v: number) => `${((v / 65535) * 100).toFixed(3)}%`;
const shortKey = (h: string | undefined) => (h && h.length > 14 ? `${h.slice(0, 8)}…${h.slice(-4)}` : (h ?? ""));

/**
 * A matrix heatmap on one canvas (no element per cell): the cells are painted into an ImageData
 * of one pixel per cell and scaled up unsmoothed, so 256 × 256 costs one draw. Hover (or tap)
 * maps the pointer position to a cell and shows its uid pair, hotkeys, u16 value and share.
 */
export function Heatmap({ cells: packed, rowLabels, colLabels, hotkeys, line, lineLabel = "consensus", extra, extraLabel = "set", title, valueLabel, highlight = null, testId = "heatmap" }: HeatmapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ r: number; c: number } | null>(null);
  const theme = useTheme();
  const palette = PALETTES[theme];
  const values = useMemo(() => unpackU16(packed), [packed]);
  const extraValues = useMemo(() => (extra ? unpackU16(extra) : null), [extra]);
  const nRows = packed.rows;
  const nCols = packed.cols || (line?.length ?? 0);
  const cols = useMemo(() => colLabels ?? Array.from({ length: nCols }, (_, j) => j), [colLabels, nCols]);
  const max = useMemo(() => {
    let m = 0;
    for (const v of values) if (v > m) m = v;
    return m;
  }, [values]);
  const strip = line ? LINE_STRIP : 0;
  const cellH = nRows === 0 ? 0 : Math.max(2, Math.min(16, Math.floor(MAX_HEIGHT / nRows)));
  const height = strip + nRows * cellH;

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e!.contentRect.width)));
    ro.observe(box);
    setWidth(Math.floor(box.getBoundingClientRect().width));
    return () => ro.disconnect();
  }, []);

  // The cells, one pixel each, recomputed only when the data change.
  const cells = useMemo(() => {
    if (typeof document === "undefined" || nRows === 0 || nCols === 0) return null;
    const off = document.createElement("canvas");
    off.width = nCols;
    off.height = nRows;
    const ctx = off.getContext("2d");
    if (!ctx) return null;
    const img = ctx.createImageData(nCols, nRows);
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < nCols; c++) {
        const v = values[r * nCols + c]!;
        const [R, G, B] = v === 0 ? palette.empty : ramp(palette.ramp, max === 0 ? 0 : 0.15 + 0.85 * (v / max));
        const k = (r * nCols + c) * 4;
        img.data[k] = R;
        img.data[k + 1] = G;
        img.data[k + 2] = B;
        img.data[k + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    return off;
  }, [values, nRows, nCols, max, palette]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, width, height);
    const cellW = width / Math.max(1, nCols);
    if (cells) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(cells, 0, strip, width, nRows * cellH);
    }
    if (line && nCols > 0) {
      ctx.strokeStyle = palette.frame;
      ctx.strokeRect(0.5, 0.5, width - 1, strip - 4);
      ctx.strokeStyle = palette.line;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      line.forEach((v, c) => {
        const x = (c + 0.5) * cellW;
        const y = strip - 6 - (v / 65535) * (strip - 12);
        if (c === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    }
    if (highlight !== null) {
      ctx.strokeStyle = palette.highlight;
      ctx.lineWidth = 1;
      const c = cols.indexOf(highlight);
      if (c >= 0) ctx.strokeRect(c * cellW + 0.5, strip + 0.5, Math.max(1, cellW - 1), nRows * cellH - 1);
      const r = rowLabels.indexOf(highlight);
      if (r >= 0) ctx.strokeRect(0.5, strip + r * cellH + 0.5, width - 1, Math.max(1, cellH - 1));
    }
    if (hover) {
      ctx.strokeStyle = palette.hover;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(hover.c * cellW, strip + hover.r * cellH, Math.max(2, cellW), Math.max(2, cellH));
    }
  }, [cells, width, height, strip, nRows, nCols, cellH, line, highlight, hover, cols, rowLabels, palette]);

  const locate = useCallback(
    (e: React.MouseEvent<HTMLCanvasElement>) => {
      const rect = e.currentTarget.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top - strip;
      const c = Math.floor((x / rect.width) * nCols);
      const r = Math.floor(y / cellH);
      if (c < 0 || c >= nCols || r < 0 || r >= nRows) return setHover(null);
      setHover((h) => (h && h.r === r && h.c === c ? h : { r, c }));
    },
    [strip, nCols, nRows, cellH],
  );

  const readout = hover
    ? (() => {
        const v = values[hover.r * nCols + hover.c]!;
        const from = rowLabels[hover.r]!;
        const to = cols[hover.c]!;
        return (
          <>
            <span>
              uid <b data-testid={`${testId}-from`}>{from}</b> <span className="text-slate-500">{shortKey(hotkeys?.[from])}</span> → uid <b data-testid={`${testId}-to`}>{to}</b>{" "}
              <span className="text-slate-500">{shortKey(hotkeys?.[to])}</span>
            </span>
            <span>
              {valueLabel} <b data-testid={`${testId}-value`}>{v}</b> u16 ({share(v)})
            </span>
            {extraValues && (
              <span>
                {extraLabel} <b data-testid={`${testId}-extra`}>{extraValues[hover.r * nCols + hover.c]}</b> u16
              </span>
            )}
            {line && (
              <span>
                {lineLabel} of uid {to}: {line[hover.c]} u16 ({share(line[hover.c] ?? 0)})
              </span>
            )}
          </>
        );
      })()
    : <span className="text-slate-500">Hover or tap a cell.</span>;

  return (
    <figure className="min-w-0 rounded-lg border border-slate-800 p-3" aria-label={title}>
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-xs text-slate-400">
          {nRows} validators × {nCols} uids · max {max} u16{line ? ` · pink line: ${lineLabel}` : ""}
        </span>
      </figcaption>
      <div ref={boxRef} className="w-full">
        <canvas
          ref={canvasRef}
          data-testid={testId}
          data-rows={nRows}
          data-cols={nCols}
          data-plot-top={strip}
          data-cell-height={cellH}
          style={{ width: "100%", height, display: "block", cursor: "crosshair", touchAction: "manipulation" }}
          onMouseMove={locate}
          onClick={locate}
          onMouseLeave={() => setHover(null)}
        />
      </div>
      <div className="mt-2 flex min-h-10 flex-wrap gap-x-4 gap-y-1 font-mono text-xs" data-testid={`${testId}-readout`}>
        {readout}
      </div>
    </figure>
  );
}
