/**
 * The server's composition root: one node and one read client per process, created once
 * (instrumentation.ts calls `startInstance`; calling it again returns the same instance).
 *
 * SQLite: this process produces blocks. PostgreSQL: every process serves reads; the one holding
 * the producer advisory lock produces, the others try to take it over every few seconds.
 */
import { postgresLeaderLock } from "../db/leader";
import { type ReadClient, createReadClient } from "../db/prisma";
import { SqlChainStore } from "../db/store";
import { type NodeConfig, loadConfig } from "../node/config";
import { ChainNode } from "../node/node";

export interface Instance {
  config: NodeConfig;
  read: ReadClient;
  /** The node, once this process produces (always for SQLite; the lock holder for PostgreSQL). */
  node: ChainNode | null;
  status: "starting" | "ok" | "error";
  error?: string;
  stop(): Promise<void>;
}

const TAKEOVER_POLL_MS = 2000;

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
    status: "starting",
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      await inst.node?.stop();
      await store?.close();
      await lock?.release();
      await read.$disconnect();
    },
  };
  const become = async () => {
    store = await SqlChainStore.open(config.database);
    const node = await ChainNode.open(store, config);
    if (stopped) return;
    inst.node = node;
    node.start((m) => console.error(m));
    inst.status = "ok";
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
