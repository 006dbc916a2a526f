/**
 * The server's composition root: one read client and one block producer per process, created
 * once (instrumentation.ts calls `startInstance`; calling it again returns the same instance).
 *
 * SQLite: this process produces blocks. PostgreSQL: every process serves reads; the one holding
 * the producer advisory lock produces, the others try to take it over every few seconds.
 *
 * The producer runs in a worker thread (lib/server/producer-worker.ts): it finishes the
 * network's history (lib/node/history.ts; on a new database `TAOSCOPE_HISTORY_BLOCKS` blocks, on
 * a restart what is left of the stored target) while the explorer already serves what is
 * committed, then starts the live timer. Requests are served here, on the main thread, through
 * the read client, so none waits for a block being computed or committed.
 */
import { postgresLeaderLock } from "../db/leader";
import { type ReadClient, createReadClient } from "../db/prisma";
import { SqlChainStore } from "../db/store";
import { type NodeConfig, loadConfig } from "../node/config";
import { Producer } from "./producer";
import { TokenBuckets } from "./rate-limit";

export { describeDatabase } from "./describe";

export interface Instance {
  config: NodeConfig;
  read: ReadClient;
  /** The block producer, once this process produces (always for SQLite; the lock holder for PostgreSQL). */
  node: Producer | null;
  /** The per-client limit on writes (POST /api/extrinsics), one per process. */
  writeLimit: TokenBuckets;
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
  let poll: ReturnType<typeof setInterval> | null = null;
  const lock = config.database.kind === "postgres" ? postgresLeaderLock(config.database.url) : null;
  const inst: Instance = {
    config,
    read,
    node: null,
    writeLimit: new TokenBuckets({ rate: config.writeRate, burst: config.writeBurst }, () => Date.now()),
    status: "starting",
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      await inst.node?.stop();
      await lock?.release();
      await read.$disconnect();
    },
  };
  const fail = (e: unknown) => {
    inst.status = "error";
    inst.error = e instanceof Error ? e.message : String(e);
    console.error(`taoscope: ${inst.error}`);
  };
  const become = async () => {
    const producer = await Producer.start(fail);
    if (stopped) return void (await producer.stop());
    inst.node = producer;
    inst.status = "ok";
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
