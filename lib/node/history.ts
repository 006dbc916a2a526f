/**
 * History fast-forward: before a new network goes live, the node produces the spec's
 * `historyBlocks` blocks through `node.advance` (12 simulated seconds apart, the same code path
 * as every block), one block at a time, yielding to the event loop between blocks so the API
 * and the pages keep answering. The target is the
 * one the database's spec recorded, so a restart mid-history resumes and finishes it.
 *
 * Progress (blocks done, blocks/s over the last few seconds, ETA) is readable at any moment for
 * `/api/health`, and `run` can log a line every few seconds.
 */
import type { Clock, ChainNode } from "./node";

export interface SyncStatus {
  phase: "history" | "live";
  /** Blocks of history committed (the head, while history runs). */
  done: number;
  /** The history target (the spec's historyBlocks). */
  total: number;
  /** Blocks a second over the last few seconds (null before the first measurement). */
  blocksPerSecond: number | null;
  /** Seconds left at that rate (null while unknown; 0 when live). */
  etaSeconds: number | null;
}

/**
 * Blocks per `advance` call. After each call the run yields to the event loop (`setImmediate`):
 * the SQLite driver is synchronous, so without it no HTTP request would be served until the
 * whole history is done; with it a page or /api/health waits for at most one block.
 */
const CHUNK = 1;
/** The rate is measured over a sliding window of this many milliseconds. */
const RATE_WINDOW_MS = 5_000;

/** The history target recorded in the node's spec (0 for a version-1 database). */
export function historyTarget(node: ChainNode): number {
  return node.network.spec.historyBlocks ?? 0;
}

export class HistorySync {
  private samples: { t: number; head: number }[] = [];
  private stopped = false;
  private running = false;
  readonly total: number;

  constructor(
    private readonly node: ChainNode,
    private readonly clock: Pick<Clock, "now">,
  ) {
    this.total = historyTarget(node);
  }

  status(): SyncStatus {
    const done = Math.min(Number(this.node.head), this.total);
    if (done >= this.total) return { phase: "live", done: this.total, total: this.total, blocksPerSecond: this.rate(), etaSeconds: 0 };
    const bps = this.rate();
    return { phase: "history", done, total: this.total, blocksPerSecond: bps, etaSeconds: bps && bps > 0 ? Math.ceil((this.total - done) / bps) : null };
  }

  private rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.t <= first.t) return null;
    return ((last.head - first.head) * 1000) / (last.t - first.t);
  }

  private sample(): void {
    const t = this.clock.now();
    this.samples.push({ t, head: Number(this.node.head) });
    while (this.samples.length > 2 && this.samples[1]!.t <= t - RATE_WINDOW_MS) this.samples.shift();
  }

  /**
   * Produce the remaining history; resolves when the head reaches the target (or `stop` was
   * called). `log` gets a progress line at most every `logEveryMs`.
   */
  async run(log?: (line: string) => void, logEveryMs = 5_000): Promise<void> {
    if (this.running) throw new Error("history is already running");
    this.running = true;
    try {
      this.sample();
      let lastLog = this.clock.now();
      while (!this.stopped && Number(this.node.head) < this.total) {
        await this.node.advance(Math.min(CHUNK, this.total - Number(this.node.head)));
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.sample();
        if (log && this.clock.now() - lastLog >= logEveryMs) {
          lastLog = this.clock.now();
          log(formatProgress(this.status()));
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Stop after the current chunk. */
  stop(): void {
    this.stopped = true;
  }
}

export function formatProgress(s: SyncStatus): string {
  const pct = s.total ? ((100 * s.done) / s.total).toFixed(1) : "100.0";
  const rate = s.blocksPerSecond === null ? "… blocks/s" : `${s.blocksPerSecond.toFixed(1)} blocks/s`;
  const eta = s.etaSeconds === null ? "ETA …" : `ETA ${formatDuration(s.etaSeconds)}`;
  return `history ${s.done.toLocaleString("en-US")}/${s.total.toLocaleString("en-US")} blocks (${pct}%), ${rate}, ${eta}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
