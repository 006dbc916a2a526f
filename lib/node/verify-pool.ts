/**
 * sr25519 signature checks on a pool of worker threads (lib/node/verify-worker.ts), so the node
 * verifies extrinsics off the thread that applies blocks: the mempool's as they arrive, the
 * traffic's before its block. Each worker runs the engine's own `verifySignature`, so the pool's
 * answers are serial verification's, item for item (tests/unit/verify-pool.test.ts checks it on
 * valid and tampered signatures).
 *
 * `verifyMany` splits a request into batches (at least `minBatch` items each), gives each to the
 * worker with the fewest items outstanding, and resolves with one boolean per item, in order. A
 * worker that throws or exits rejects the requests it held with a `VerifyPoolError` (never a
 * hang), and a fresh worker takes its place on the next request. Idle workers do not keep the
 * process alive; `close()` ends them. A worker takes a moment to start (its WASM compiles, and
 * under tsx its TypeScript); `ready` says whether all have, for callers that would rather verify
 * themselves meanwhile.
 *
 * `stream` is the same with the answers readable one by one as they come, from synchronous code:
 * `answer(i)` blocks the calling thread (Atomics.wait on shared memory) until item i's is known.
 * So a block can start applying while its own signatures are still being verified: the block
 * step runs first, and each extrinsic waits, if at all, only for its own signature.
 *
 * Where the worker's code is: beside this file as TypeScript, run through tsx (scripts, tests,
 * benches), or, inside the producer bundle, the file scripts/bundle-producer.mjs writes beside
 * it (`<bundle>.verify-worker.mjs`). `TAOSCOPE_VERIFY_WORKER` names another file.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SignatureCheck } from "../chain/runtime/extrinsic";
import { defaultPoolSize } from "./config";
import type { VerifyAnswer, VerifyBatch } from "./verify-worker";

export class VerifyPoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyPoolError";
  }
}


export interface WorkerEntry {
  file: string;
  /** A TypeScript file runs through tsx's loader, which a worker must register itself. */
  typescript: boolean;
}

/** The worker's code for this build of the pool, or null when it is not there (then the node verifies serially). */
export function verifyWorkerEntry(env: Readonly<Record<string, string | undefined>> = process.env): WorkerEntry | null {
  const here = fileURLToPath(import.meta.url);
  const file = env.TAOSCOPE_VERIFY_WORKER || (here.endsWith(".ts") ? path.join(path.dirname(here), "verify-worker.ts") : here.replace(/\.m?js$/, "") + ".verify-worker.mjs");
  if (!fs.existsSync(file)) return null;
  return { file, typescript: file.endsWith(".ts") };
}

/** tsx's ESM API (its CommonJS build does not load from a worker's eval). */
function tsxApi(): string {
  const pkg = createRequire(import.meta.url).resolve("tsx/package.json");
  return pathToFileURL(path.join(path.dirname(pkg), "dist", "esm", "api", "index.mjs")).href;
}

export interface VerifyPoolOptions {
  /** Worker threads (default `defaultPoolSize()`). */
  workers?: number;
  /** The fewest items a batch sends one worker (default 4): smaller requests go to one worker whole. */
  minBatch?: number;
  /** The worker's code (default `verifyWorkerEntry()`). */
  entry?: WorkerEntry;
}

interface Waiting {
  count: number;
  resolve(valid: Uint8Array): void;
  reject(e: Error): void;
}

class Slot {
  readonly worker: Worker;
  /** Items sent and not yet answered. */
  outstanding = 0;
  readonly waiting = new Map<number, Waiting>();
  dead = false;
  /** Whether the worker has started (its WASM compiled) and answers at once. */
  ready = false;
  readonly started: Promise<void>;

  constructor(
    entry: WorkerEntry,
    readonly index: number,
    private readonly closing: () => boolean,
  ) {
    // Not `new Worker(file)`: a bundler would try to trace every file the path could name. Node
    // 20's workers do not take tsx's loader from `--import`, so a TypeScript worker imports
    // itself through tsx's API.
    this.worker = entry.typescript
      ? (Reflect.construct(Worker, [`import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(pathToFileURL(entry.file).href)}, ${JSON.stringify(pathToFileURL(entry.file).href)}))`, { eval: true }]) as Worker)
      : (Reflect.construct(Worker, [entry.file]) as Worker);
    this.worker.unref();
    let started!: () => void;
    this.started = new Promise((resolve) => (started = resolve));
    this.worker.on("message", (m: VerifyAnswer | { ready: true }) => {
      if (!("id" in m)) {
        this.ready = true;
        return started();
      }
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      this.settle(w.count);
      w.resolve(m.valid);
    });
    this.worker.on("error", (e) => this.fail(`signature worker ${index} failed: ${e.message}`));
    this.worker.on("exit", (code) => this.fail(this.closing() ? "the signature pool was closed" : `signature worker ${index} exited (code ${code})`));
  }

  send(batch: VerifyBatch, count: number): Promise<Uint8Array> {
    const transfer = [batch.data.buffer as ArrayBuffer, batch.lengths.buffer as ArrayBuffer];
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(new VerifyPoolError(`signature worker ${this.index} is gone`));
      this.waiting.set(batch.id, { count, resolve, reject });
      if (this.outstanding === 0) this.worker.ref();
      this.outstanding += count;
      this.worker.postMessage(batch, transfer);
    });
  }

  private settle(count: number): void {
    this.outstanding -= count;
    if (this.outstanding === 0) this.worker.unref();
  }

  private fail(message: string): void {
    this.dead = true;
    this.ready = false;
    const e = new VerifyPoolError(message);
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
    this.outstanding = 0;
    this.worker.unref();
  }
}

export interface StreamedVerification {
  /** Every answer, once all are in (rejects as `verifyMany` does). */
  done: Promise<boolean[]>;
  /** Item i's answer, waiting for it at most `timeoutMs` (blocking the thread); null if not known by then. */
  answer(i: number, timeoutMs: number): boolean | null;
}

export class VerifyPool {
  readonly size: number;
  private readonly minBatch: number;
  private readonly entry: WorkerEntry;
  private readonly slots: Slot[];
  private nextId = 1;
  private closed = false;

  constructor(options: VerifyPoolOptions = {}) {
    this.size = options.workers ?? defaultPoolSize();
    if (!Number.isInteger(this.size) || this.size < 1) throw new RangeError(`a signature pool needs at least one worker, got ${options.workers}`);
    this.minBatch = options.minBatch ?? 4;
    const entry = options.entry ?? verifyWorkerEntry();
    if (!entry) throw new VerifyPoolError("the signature worker's code is missing (lib/node/verify-worker.ts, or the bundle's .verify-worker.mjs)");
    this.entry = entry;
    this.slots = Array.from({ length: this.size }, (_, i) => this.spawn(i));
  }

  private spawn(index: number): Slot {
    return new Slot(this.entry, index, () => this.closed);
  }

  /** Whether every worker has started and answers without a start-up delay. */
  get ready(): boolean {
    return this.slots.every((s) => s.ready);
  }

  /** Resolves once every worker has started (never, for one that fails first). */
  whenReady(): Promise<void> {
    return Promise.all(this.slots.map((s) => s.started)).then(() => undefined);
  }

  /** The worker threads, in slot order (for diagnostics and tests). */
  get threads(): readonly Worker[] {
    return this.slots.map((s) => s.worker);
  }

  /** Whether each signature is valid, exactly as `verifySignature` says on this thread. */
  async verifyMany(items: readonly SignatureCheck[]): Promise<boolean[]> {
    return this.dispatch(items);
  }

  /**
   * Start verifying `items`; `answer(i, timeoutMs)` waits (blocking this thread, at most
   * `timeoutMs`) for item i's answer and returns it, or null if it is not known by then (a
   * worker that failed, or a slow one: the caller then verifies that item itself). `done`
   * settles as `verifyMany`'s promise does.
   */
  stream(items: readonly SignatureCheck[]): StreamedVerification {
    const shared = new Int32Array(new SharedArrayBuffer(Math.max(1, items.length) * 4));
    let failed = false;
    const done = this.dispatch(items, shared);
    done.catch(() => (failed = true));
    return {
      done,
      answer(i: number, timeoutMs: number): boolean | null {
        if (Atomics.load(shared, i) === 0 && !failed) Atomics.wait(shared, i, 0, timeoutMs);
        const v = Atomics.load(shared, i);
        if (v === 0) failed = true; // timed out: stop waiting on this request
        return v === 0 ? null : v === 1;
      },
    };
  }

  private async dispatch(items: readonly SignatureCheck[], shared?: Int32Array): Promise<boolean[]> {
    if (this.closed) throw new VerifyPoolError("the signature pool is closed");
    if (items.length === 0) return [];
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]!.dead) this.slots[i] = this.spawn(i); // a crashed worker's replacement
    const per = Math.max(this.minBatch, Math.ceil(items.length / this.slots.length));
    const parts: Promise<Uint8Array>[] = [];
    for (let from = 0; from < items.length; from += per) {
      const chunk = items.slice(from, from + per);
      const slot = this.slots.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
      const batch = pack(this.nextId++, chunk);
      parts.push(slot.send(shared ? { ...batch, shared, base: from } : batch, chunk.length));
    }
    const answers = await Promise.all(parts);
    const out: boolean[] = [];
    for (const a of answers) for (const v of a) out.push(v === 1);
    return out;
  }

  /** End the workers; requests still waiting reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function pack(id: number, items: readonly SignatureCheck[]): VerifyBatch {
  const lengths = new Uint32Array(items.length * 3);
  let total = 0;
  items.forEach((c, i) => {
    lengths[3 * i] = c.publicKey.length;
    lengths[3 * i + 1] = c.signature.length;
    lengths[3 * i + 2] = c.message.length;
    total += c.publicKey.length + c.signature.length + c.message.length;
  });
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of items) {
    data.set(c.publicKey, at);
    data.set(c.signature, (at += c.publicKey.length));
    data.set(c.message, (at += c.signature.length));
    at += c.message.length;
  }
  return { id, data, lengths };
}
