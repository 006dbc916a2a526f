/**
 * Leadership among server processes sharing one PostgreSQL database: the producer holds a
 * session-level advisory lock on its own connection. When that process dies, PostgreSQL ends its
 * session and releases the lock, and a follower's next attempt takes it over.
 */
import pg from "pg";

/** The advisory-lock key: "taoscope" as an int64. */
export const PRODUCER_LOCK_KEY = 0x74616f73636f7065n;

export interface LeaderLock {
  /** Try once; true when this process now holds (or already held) the lock. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

export function postgresLeaderLock(url: string): LeaderLock {
  let client: pg.Client | null = null;
  let held = false;
  return {
    async tryAcquire() {
      if (held) return true;
      if (!client) {
        client = new pg.Client({ connectionString: url });
        client.on("error", () => {
          held = false; // the session is gone, and the lock with it
          client = null;
        });
        await client.connect();
      }
      const r = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [PRODUCER_LOCK_KEY.toString()]);
      held = r.rows[0]!.locked;
      return held;
    },
    async release() {
      if (client) await client.end().catch(() => undefined);
      client = null;
      held = false;
    },
  };
}
