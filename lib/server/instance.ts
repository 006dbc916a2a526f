/**
 * The server's composition root: one node and one read client per process, created once
 * (instrumentation.ts calls `startInstance`; calling it again returns the same instance).
 *
 * SQLite: this process produces blocks. PostgreSQL: every process serves reads; the one holding
 * the producer advisory lock produces, the others try to take it over every few seconds.
 *
 * The producer first finishes the network's history (lib/node/history.ts; on a new database
 * `TAOSCOPE_HISTORY_BLOCKS` blocks, on a restart what is left of the stored target) while the
 * explorer already serves what is committed, then starts the live timer. It logs what it does:
 * the database, a new genesis or the block it resumed from, history progress every few
 * seconds, the block time and the URL.
 */
import { postgresLeaderLock } from "../db/leader";
import { type ReadClient, createReadClient } from "../db/prisma";
import { SqlChainStore } from "../db/store";
import { type NodeConfig, loadConfig } from "../node/config";
import { type HistorySync as HistorySyncT, HistorySync, formatDuration, formatProgress } from "../node/history";
import { ChainNode } from "../node/node";

export interface Instance {
  config: NodeConfig;
  read: ReadClient;
  /** The node, once this process produces (always for SQLite; the lock holder for PostgreSQL). */
  node: ChainNode | null;
  /** The producer's history fast-forward (null on a follower or before the node opened). */
  sync: HistorySyncT | null;
  status: "starting" | "ok" | "error";
  error?: string;
  stop(): Promise<void>;
}

const TAKEOVER_POLL_MS = 2000;
const HISTORY_LOG_MS = 5000;

/** The database for the log: the SQLite path, or the PostgreSQL URL without its password. */
export function describeDatabase(config: NodeConfig): string {
  if (config.database.kind === "sqlite") return `SQLite ${config.database.file}`;
  try {
    const u = new URL(config.database.url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return "PostgreSQL (unparseable URL)";
  }
}

/** Where the explorer listens (next start's PORT, as scripts/start.mjs passes it). */
function url(): string {
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}

declare global {
  var __taoscopeInstance: Promise<Instance> | undefined;
}

async function create(): Promise<Instance> {
  const config = loadConfig();
  const read = createReadClient(config.database);
  let stopped = false;
  let store: SqlChainStore | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  const lock = config.database.kind === "postgres" ? postgresLeaderLock(config.database.url) : null;
  const inst: Instance = {
    config,
    read,
    node: null,
    sync: null,
    status: "starting",
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      inst.sync?.stop();
      await inst.node?.stop();
      await store?.close();
      await lock?.release();
      await read.$disconnect();
    },
  };
  const log = (m: string) => console.log(`taoscope: ${m}`);
  const become = async () => {
    log(`database ${describeDatabase(config)}`);
    store = await SqlChainStore.open(config.database);
    const fresh = (await store.head()) === null;
    const node = await ChainNode.open(store, config);
    if (stopped) return;
    const spec = node.network.spec;
    log(
      fresh
        ? `new genesis: ${spec.preset} preset, ${spec.subnets} subnets × ${spec.uids} uids, seed ${spec.seed}, genesis time ${new Date(Number(spec.timestamp)).toISOString()}`
        : `resumed from block ${node.head} (${spec.preset} preset, ${spec.subnets} subnets × ${spec.uids} uids)`,
    );
    const sync = new HistorySync(node, { now: () => Date.now() });
    inst.node = node;
    inst.sync = sync;
    inst.status = "ok";
    const goLive = () => {
      if (stopped) return;
      node.start((m) => console.error(m));
      log(config.testMode ? `test mode: blocks only on POST /api/test/advance (${url()})` : `live: producing a block every ${config.blockTimeMs / 1000} s at ${url()}`);
    };
    if (node.head >= BigInt(sync.total)) return goLive();
    const t0 = Date.now();
    const from = node.head;
    log(`${formatProgress(sync.status())}: fast-forwarding the history before going live; the explorer serves it as it fills (${url()})`);
    void sync
      .run(log, HISTORY_LOG_MS)
      .then(() => {
        if (stopped) return;
        const secs = (Date.now() - t0) / 1000;
        log(`history done: ${Number(node.head - from).toLocaleString("en-US")} blocks in ${formatDuration(secs)} (${(Number(node.head - from) / Math.max(secs, 0.001)).toFixed(1)} blocks/s)`);
        goLive();
      })
      .catch((e: unknown) => {
        if (stopped) return;
        fail(new Error(`history stopped at block ${node.head}: ${e instanceof Error ? e.message : String(e)}`));
      });
  };
  const fail = (e: unknown) => {
    inst.status = "error";
    inst.error = e instanceof Error ? e.message : String(e);
    console.error(`taoscope: ${inst.error}`);
  };
  if (!lock) {
    await become().catch(fail);
    return inst;
  }
  // Migrations first (any process may run them; each is a transaction), then compete for the lock.
  await SqlChainStore.open(config.database)
    .then((s) => s.close())
    .catch(fail);
  let busy = false;
  const attempt = async () => {
    if (stopped || inst.node || busy) return;
    busy = true;
    try {
      if (await lock.tryAcquire()) {
        await become();
        if (poll) clearInterval(poll);
      } else if (inst.status === "starting") {
        inst.status = "ok"; // a follower: serving reads
      }
    } catch (e) {
      fail(e);
      await lock.release(); // let another process (or the next attempt) produce
    } finally {
      busy = false;
    }
  };
  await attempt();
  if (!inst.node) poll = setInterval(() => void attempt(), TAKEOVER_POLL_MS);
  return inst;
}

export function startInstance(): Promise<Instance> {
  globalThis.__taoscopeInstance ??= create();
  return globalThis.__taoscopeInstance;
}
