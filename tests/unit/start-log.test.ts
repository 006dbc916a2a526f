/** What the server prints at start: the database named without a password, and history progress lines. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/node/config";
import { formatDuration, formatProgress } from "@/lib/node/history";
import { describeDatabase } from "@/lib/server/instance";

describe("start-up log", () => {
  it("names the SQLite path, and the PostgreSQL URL with its password redacted", () => {
    expect(describeDatabase(loadConfig({ DATABASE_URL: "file:/srv/chain.db" }))).toBe("SQLite /srv/chain.db");
    expect(describeDatabase(loadConfig({ DATABASE_URL: "postgresql://tao:s3cret@db.local:5432/taoscope" }))).toBe("PostgreSQL postgresql://tao:***@db.local:5432/taoscope");
    expect(describeDatabase(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x" }))).toBe("PostgreSQL postgresql://postgres@127.0.0.1:5432/x");
  });

  it("prints history progress as done/total, blocks/s and ETA", () => {
    expect(formatProgress({ phase: "history", done: 1234, total: 21600, blocksPerSecond: 58.25, etaSeconds: 350 })).toBe("history 1,234/21,600 blocks (5.7%), 58.3 blocks/s, ETA 5 min 50 s");
    expect(formatProgress({ phase: "history", done: 0, total: 400, blocksPerSecond: null, etaSeconds: null })).toBe("history 0/400 blocks (0.0%), … blocks/s, ETA …");
    expect([formatDuration(9), formatDuration(60), formatDuration(3725)]).toEqual(["9 s", "1 min 0 s", "1 h 2 min"]);
  });
});
