/**
 * Node settings and database URLs: defaults, and errors that name every bad variable at once.
 * Also keeps the SQLite and PostgreSQL Prisma schemas' models identical.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, DatabaseUrlError, databaseTarget } from "@/lib/db/url";
import { ConfigError, loadConfig } from "@/lib/node/config";
import { NetworkSpecError, buildNetwork } from "@/lib/node/network";

describe("loadConfig", () => {
  it("defaults to a 12 s mainnet node on ./data/taoscope.db", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ blockTimeMs: 12_000, preset: "mainnet", seed: 1, activity: true, subnets: 4, uids: 32, checkpointEvery: 100, testMode: false });
    expect(c.database).toEqual({ kind: "sqlite", file: path.resolve("data/taoscope.db"), url: `file:${path.resolve("data/taoscope.db")}` });
    expect(DEFAULT_DATABASE_URL).toBe("file:./data/taoscope.db");
  });

  it("reports every bad setting in one error", () => {
    let error: unknown;
    try {
      loadConfig({ BLOCK_TIME_MS: "fast", TAOSCOPE_PRESET: "devnet", TAOSCOPE_ACTIVITY: "maybe", DATABASE_URL: "mysql://x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL must be file:<path> (SQLite) or postgresql://... (PostgreSQL), got "mysql://x"',
      'TAOSCOPE_PRESET must be mainnet, test or seed2024, got "devnet"',
      'BLOCK_TIME_MS must be an integer in [50, 3600000], got "fast"',
      'TAOSCOPE_ACTIVITY must be on or off (1/0, true/false), got "maybe"',
    ]);
  });

  it("limits writes to 10 a second and 50 at once per client unless set, test mode included", () => {
    expect(loadConfig({})).toMatchObject({ writeRate: 10, writeBurst: 50 });
    expect(loadConfig({ TAOSCOPE_TEST_MODE: "1" })).toMatchObject({ writeRate: 10, writeBurst: 50 });
    expect(loadConfig({ TAOSCOPE_WRITE_RATE: "0.5", TAOSCOPE_WRITE_BURST: "3" })).toMatchObject({ writeRate: 0.5, writeBurst: 3 });
  });

  it("names bad write limits with the other settings", () => {
    let error: unknown;
    try {
      loadConfig({ TAOSCOPE_WRITE_RATE: "0", TAOSCOPE_WRITE_BURST: "lots", TAOSCOPE_SEED: "-1" });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'TAOSCOPE_SEED must be an integer in [0, 2147483647], got "-1"',
      'TAOSCOPE_WRITE_RATE must be a positive number up to 1000000, got "0"',
      'TAOSCOPE_WRITE_BURST must be an integer in [1, 1000000], got "lots"',
    ]);
    expect(() => loadConfig({ TAOSCOPE_WRITE_RATE: "1e3" })).toThrow('TAOSCOPE_WRITE_RATE must be a positive number up to 1000000, got "1e3"');
    expect(() => loadConfig({ TAOSCOPE_WRITE_RATE: "-2" })).toThrow(/TAOSCOPE_WRITE_RATE must be a positive number/);
  });

  it("compresses answers only when TAOSCOPE_COMPRESS is on, in the node's settings and in next.config.js alike", () => {
    const nextCompress = (value: string | undefined) => {
      const env = { ...process.env };
      delete env.TAOSCOPE_COMPRESS;
      if (value !== undefined) env.TAOSCOPE_COMPRESS = value;
      const out = spawnSync(process.execPath, ["--input-type=module", "-e", `const c = (await import(${JSON.stringify(pathToFileURL(path.resolve("next.config.js")).href)})).default; console.log(String(c.compress));`], { env, encoding: "utf8" });
      return out.stdout.trim();
    };
    expect(loadConfig({}).compress).toBe(false);
    expect(nextCompress(undefined)).toBe("false");
    for (const [value, on] of [["on", true], ["1", true], [" TRUE ", true], ["yes", true], ["off", false], ["0", false], ["false", false], ["no", false], ["", false]] as const) {
      expect(loadConfig({ TAOSCOPE_COMPRESS: value }).compress, value).toBe(on);
      expect(nextCompress(value), value).toBe(String(on));
    }
    expect(() => loadConfig({ TAOSCOPE_COMPRESS: "gzip" })).toThrow('TAOSCOPE_COMPRESS must be on or off (1/0, true/false), got "gzip"');
  });

  it("runs the seed2024 preset", () => {
    expect(loadConfig({ TAOSCOPE_PRESET: "seed2024" }).preset).toBe("seed2024");
  });
});

describe("databaseTarget", () => {
  it("tells SQLite files from PostgreSQL URLs", () => {
    expect(databaseTarget("file:/tmp/a.db")).toEqual({ kind: "sqlite", file: "/tmp/a.db", url: "file:/tmp/a.db" });
    expect(databaseTarget("file:rel/b.db", "/srv")).toMatchObject({ file: "/srv/rel/b.db" });
    expect(databaseTarget("postgresql://u@h:5432/db")).toEqual({ kind: "postgres", url: "postgresql://u@h:5432/db" });
    expect(() => databaseTarget("file:")).toThrow(DatabaseUrlError);
    expect(() => databaseTarget("postgres://")).toThrow(/not a valid PostgreSQL URL/);
  });
});

describe("buildNetwork", () => {
  it("refuses a network the preset cannot hold", () => {
    const spec = { version: 1, preset: "test", seed: 1, subnets: 4, uids: 8, timestamp: "0" } as const;
    expect(() => buildNetwork(spec)).toThrow(NetworkSpecError);
    expect(() => buildNetwork({ ...spec, subnets: 2, uids: 17 })).toThrow(/allows 16 uids per subnet; 17 were asked for/);
  });

  it("never gives a miner its subnet owner's coldkey", () => {
    const n = buildNetwork({ version: 1, preset: "mainnet", seed: 2, subnets: 7, uids: 20, timestamp: "0" });
    for (const s of n.genesis.subnets!) for (const x of s.neurons!.slice(4)) expect(x.coldkey).not.toBe(s.owner);
  });
});

describe("Prisma schemas", () => {
  it("declare the same models for SQLite and PostgreSQL", () => {
    const models = (file: string) => fs.readFileSync(file, "utf8").slice(fs.readFileSync(file, "utf8").indexOf("/// One row per block"));
    expect(models("prisma/postgres/schema.prisma")).toBe(models("prisma/schema.prisma"));
  });
});
