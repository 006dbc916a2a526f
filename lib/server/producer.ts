/**
 * The main thread's handle on the block producer, which runs in a worker thread
 * (lib/server/producer-worker.ts): requests cross as messages, and the producer pushes its head
 * and history progress a few times a second, so `head` and `sync` answer at once even while a
 * block is being computed. Calls that need the producer's own state (the mempool, an advance)
 * wait for it: at most for the block in progress.
 *
 * The worker runs the bundle scripts/bundle-producer.mjs writes (`.next/taoscope-producer.mjs`,
 * made by the build); `TAOSCOPE_PRODUCER_BUNDLE` names another file (the multi-process tests
 * bundle their own).
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SyncStatus } from "../node/history";
import type { ProducerEvent, ProducerMethod, ProducerMethods, ProducerResult, ProducerStatus } from "./producer-protocol";

const STOP_TIMEOUT_MS = 30_000;

export function producerBundlePath(): string {
  return process.env.TAOSCOPE_PRODUCER_BUNDLE ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".next", "taoscope-producer.mjs");
}

/** An error raised in the producer, with its name kept (handle() maps names to statuses). */
function revive(error: { name: string; message: string }): Error {
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

export class Producer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private status: ProducerStatus;
  private exited: Promise<number>;
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    ready: ProducerStatus,
    onFailure: (message: string) => void,
  ) {
    this.status = ready;
    this.exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.on("message", (e: ProducerEvent) => {
      if (e.type === "failed") return onFailure(e.message);
      if (e.type === "ready") return;
      this.status = e.status;
      if (e.type !== "reply") return;
      const p = this.pending.get(e.id);
      if (!p) return;
      this.pending.delete(e.id);
      if (e.ok) p.resolve(e.value);
      else p.reject(revive(e.error));
    });
    worker.on("error", (e) => onFailure(`the block producer crashed: ${e.message}`));
    void this.exited.then((code) => {
      const gone = new Error(`the block producer has stopped (exit code ${code})`);
      for (const p of this.pending.values()) p.reject(gone);
      this.pending.clear();
      if (!this.stopping) onFailure(`the block producer stopped unexpectedly (exit code ${code})`);
    });
  }

  /**
   * Start the producer thread; resolves once it has opened (or created) the chain, rejects with
   * the reason if it cannot. `onFailure` hears of a later failure (the history, a crash).
   */
  static start(onFailure: (message: string) => void): Promise<Producer> {
    const bundle = producerBundlePath();
    if (!fs.existsSync(bundle)) return Promise.reject(new Error(`the block producer's bundle ${bundle} is missing: build with \`npm run build\` (or start with \`npm start\`, which builds)`));
    // Not `new Worker(path)`: the bundler would try to trace (and bundle) every file the path could name.
    const worker: Worker = Reflect.construct(Worker, [bundle]);
    return new Promise((resolve, reject) => {
      const early = (message: string) => {
        void worker.terminate();
        reject(new Error(message));
      };
      const onExit = (code: number) => early(`the block producer exited before it opened the chain (exit code ${code})`);
      const onError = (e: Error) => early(`the block producer could not start: ${e.message}`);
      const onMessage = (e: ProducerEvent) => {
        if (e.type === "failed") return early(e.message);
        if (e.type !== "ready") return;
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        resolve(new Producer(worker, e.status, onFailure));
      };
      worker.on("message", onMessage).once("error", onError).once("exit", onExit);
    });
  }

  private call<M extends ProducerMethod>(method: M, ...args: Parameters<ProducerMethods[M]>): Promise<ProducerResult<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  /** The producer's head, as of its last report (at most a quarter of a second old). */
  get head(): bigint {
    return this.status.head;
  }

  /** The history fast-forward's progress, as of the producer's last report. */
  get sync(): SyncStatus {
    return this.status.sync;
  }

  accept(...args: Parameters<ProducerMethods["accept"]>) {
    return this.call("accept", ...args);
  }

  mempool(limit = Infinity) {
    return this.call("mempool", limit);
  }

  mempoolLookup(hash: string) {
    return this.call("mempoolLookup", hash);
  }

  /** Fast-forward `blocks` blocks (test mode); resolves with the new head. */
  advance(blocks: number) {
    return this.call("advance", blocks);
  }

  /** Let the producer finish its block and close the database, then end the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    const timeout = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    try {
      await this.call("stop").catch(() => null);
      await this.exited;
    } finally {
      clearTimeout(timeout);
    }
  }
}
