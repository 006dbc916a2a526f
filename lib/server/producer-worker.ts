/**
 * The block producer, on its own thread. It owns the node: the store's writing connection, the
 * chain state, the mempool, the history fast-forward and the live timer. The server's main thread
 * only serves requests (reading the database through its own connection) and forwards what must
 * reach the producer (submitted extrinsics, mempool queries, test-mode advances) as messages, so
 * no request ever waits for a block to be computed or committed.
 *
 * Built into `.next/taoscope-producer.mjs` by scripts/bundle-producer.mjs (the build runs it after
 * `next build`); lib/server/producer.ts starts it.
 */
import { parentPort } from "node:worker_threads";
import { SqlChainStore } from "../db/store";
import { loadConfig } from "../node/config";
import { HistorySync, formatDuration, formatProgress } from "../node/history";
import { ChainNode } from "../node/node";
import { describeDatabase, listenUrl } from "./describe";
import type { ProducerEvent, ProducerMethods, ProducerResult, ProducerRequest, ProducerStatus } from "./producer-protocol";

const STATUS_EVERY_MS = 250;
const HISTORY_LOG_MS = 5000;

if (!parentPort) throw new Error("producer-worker.ts runs as a worker thread (lib/server/producer.ts starts it)");
const port = parentPort;
const post = (e: ProducerEvent) => port.postMessage(e);
const log = (m: string) => console.log(`taoscope: ${m}`);

const config = loadConfig();
let stopped = false;

async function main(): Promise<void> {
  log(`database ${describeDatabase(config)}`);
  const store = await SqlChainStore.open(config.database);
  const fresh = (await store.head()) === null;
  const node = await ChainNode.open(store, config);
  const spec = node.network.spec;
  log(
    fresh
      ? `new genesis: ${spec.preset} preset, ${spec.subnets} subnets × ${spec.uids} uids, seed ${spec.seed}, genesis time ${new Date(Number(spec.timestamp)).toISOString()}`
      : `resumed from block ${node.head} (${spec.preset} preset, ${spec.subnets} subnets × ${spec.uids} uids)`,
  );
  const sync = new HistorySync(node, { now: () => Date.now() });
  const status = (): ProducerStatus => ({ head: node.head, sync: sync.status() });
  const ticker = setInterval(() => post({ type: "status", status: status() }), STATUS_EVERY_MS);

  const methods: { [M in keyof ProducerMethods]: (...args: Parameters<ProducerMethods[M]>) => ProducerResult<M> | Promise<ProducerResult<M>> } = {
    accept: (ext) => node.accept(ext),
    mempool: (limit) => node.mempool(limit),
    mempoolLookup: (hash) => node.mempoolLookup(hash),
    advance: (blocks) => node.advance(blocks),
    stop: async () => {
      stopped = true;
      clearInterval(ticker);
      sync.stop();
      await node.stop();
      await store.close();
      return null;
    },
  };
  port.on("message", (req: ProducerRequest) => {
    void (async () => {
      try {
        const value = await (methods[req.method] as (...a: unknown[]) => unknown)(...req.args);
        post({ type: "reply", id: req.id, ok: true, value, status: status() });
      } catch (e) {
        const error = e instanceof Error ? { name: e.name, message: e.message } : { name: "Error", message: String(e) };
        post({ type: "reply", id: req.id, ok: false, error, status: status() });
      }
      if (req.method === "stop") port.close();
    })();
  });
  post({ type: "ready", status: status() });

  const goLive = () => {
    if (stopped) return;
    node.start((m) => console.error(m));
    log(config.testMode ? `test mode: blocks only on POST /api/test/advance (${listenUrl()})` : `live: producing a block every ${config.blockTimeMs / 1000} s at ${listenUrl()}`);
  };
  if (node.head >= BigInt(sync.total)) return goLive();
  const t0 = Date.now();
  const from = node.head;
  log(`${formatProgress(sync.status())}: fast-forwarding the history before going live; the explorer serves it as it fills (${listenUrl()})`);
  try {
    await sync.run(log, HISTORY_LOG_MS);
  } catch (e) {
    if (!stopped) post({ type: "failed", message: `history stopped at block ${node.head}: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  if (stopped) return;
  const secs = (Date.now() - t0) / 1000;
  log(`history done: ${Number(node.head - from).toLocaleString("en-US")} blocks in ${formatDuration(secs)} (${(Number(node.head - from) / Math.max(secs, 0.001)).toFixed(1)} blocks/s)`);
  post({ type: "status", status: status() });
  goLive();
}

main().catch((e: unknown) => post({ type: "failed", message: e instanceof Error ? e.message : String(e) }));
