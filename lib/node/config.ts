/**
 * Node settings from environment variables, validated together: every problem is reported in
 * one error that names the variable, what it holds and what it may hold.
 */
import { DEFAULT_TASKS, parseTaskList, TaskListError, type TaskName } from "../actors/profiles";
import { availableParallelism } from "node:os";
import { DatabaseUrlError, type DatabaseTarget, databaseTarget } from "../db/url";
import { PRESET_NAMES, eraOf, isPresetName } from "../chain/eras/presets";
import type { PresetName } from "../chain/runtime/state";
import { NETWORK_SHAPES } from "./network";

export interface NodeConfig {
  database: DatabaseTarget;
  /** `BLOCK_TIME_MS`: wall time between blocks of the live node (default 12000). */
  blockTimeMs: number;
  /** `TAOSCOPE_PRESET`: the genesis rules, `mainnet` (default), `test` or `seed2024` (subtensor v1.1.3). */
  preset: PresetName;
  /** `TAOSCOPE_SEED`: seeds the genesis keys and the synthetic activity (default 1). */
  seed: number;
  /** `TAOSCOPE_ACTIVITY`: produce traffic (default on; `off` for empty blocks plus the mempool). */
  activity: boolean;
  /**
   * `TAOSCOPE_TRAFFIC`: what the traffic is, `poi` (lib/actors: miners doing the subnets' tasks,
   * validators scoring them; the default on mainnet) or `synthetic` (lib/chain/sim: weights from
   * a hidden quality number; the default on test and seed2024, whose tests pin its chains, and
   * the only traffic seed2024 has). A new database records it in its spec.
   */
  traffic: "poi" | "synthetic";
  /**
   * `TAOSCOPE_TASKS`: the tasks subnets run under poi traffic, comma-separated, cycled over
   * netuids 1, 2, 3, … (default forecast,classify,compute). A new database records it.
   */
  tasks: TaskName[];
  /** `TAOSCOPE_SUBNETS`, `TAOSCOPE_UIDS`: the genesis network (defaults 4 subnets of 32 uids). */
  subnets: number;
  uids: number;
  /** `TAOSCOPE_CHECKPOINT_EVERY`: blocks between state checkpoints (default 100). */
  checkpointEvery: number;
  /**
   * `TAOSCOPE_PRUNING`: `archive` (the default) keeps everything; a number of blocks N keeps the
   * events, the epochs' full inputs and metagraph snapshots (weights, bonds) of the last N blocks
   * only, as Substrate's `--blocks-pruning N` keeps its last N blocks' bodies. Blocks, extrinsics
   * (what replay and `verify` need), the per-epoch records (SubnetEpoch, NeuronEpoch, EpochSplit)
   * and every subnet's newest snapshot are kept whatever N (lib/db/prune.ts). At least 256.
   */
  pruning: number | null;
  /**
   * `TAOSCOPE_HISTORY_BLOCKS`: blocks fast-forwarded (12 simulated seconds apart) on first start,
   * before the live timer (default 21,600 = 3 days; 0 in test mode). A new database records it.
   */
  historyBlocks: number;
  /** `TAOSCOPE_TEST_MODE=1`: the clock is driven by tests through /api/test/advance, never by a timer. */
  testMode: boolean;
  /**
   * `TAOSCOPE_WRITE_RATE`, `TAOSCOPE_WRITE_BURST`: the per-client limit on POST /api/extrinsics
   * (lib/server/rate-limit.ts), requests a second (fractional allowed) and at once. Test mode
   * keeps them: tests that submit many set them high.
   */
  writeRate: number;
  writeBurst: number;
  /**
   * `TAOSCOPE_COMPRESS`: gzip the server's answers (default off). The explorer is served on the
   * machine that runs it, where sending a page costs nothing and compressing it costs more than
   * rendering parts of it (a 600 kB subnet page: about 15 ms of gzip); turn it on to serve
   * another machine without a reverse proxy that compresses. next.config.js reads it for Next;
   * here it is checked with the other settings.
   */
  compress: boolean;
  /**
   * `TAOSCOPE_VERIFY_WORKERS`: worker threads that verify signatures ahead of the block
   * (lib/node/verify-pool.ts); default `defaultPoolSize()`, 0 to verify on the node's own thread.
   */
  verifyWorkers: number;
}

/** The signature pool's default size: a core for the thread applying blocks, the rest (up to 4) verify; at least 1. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, 4));
}

/** The fewest blocks `TAOSCOPE_PRUNING` may keep (as Substrate's pruning minimum). */
export const MIN_PRUNING_BLOCKS = 256;

/** Default write limit: 10 extrinsics a second per client, 50 at once. */
export const DEFAULT_WRITE_RATE = 10;
export const DEFAULT_WRITE_BURST = 50;

/** 3 simulated days of 7,200 blocks. */
export const DEFAULT_HISTORY_BLOCKS = 21_600;
/** About 2.3 simulated years: far beyond what the node fast-forwards in a sensible time. */
export const MAX_HISTORY_BLOCKS = 5_000_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid node settings:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): NodeConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return v;
  };
  const positive = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const v = Number(raw);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !(v > 0) || v > max) {
      problems.push(`${name} must be a positive number up to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return v;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === "") return fallback;
    if (["1", "true", "on", "yes"].includes(raw)) return true;
    if (["0", "false", "off", "no"].includes(raw)) return false;
    problems.push(`${name} must be on or off (1/0, true/false), got ${JSON.stringify(env[name])}`);
    return fallback;
  };
  let database: DatabaseTarget = databaseTarget(undefined);
  try {
    database = databaseTarget(env.DATABASE_URL);
  } catch (e) {
    if (!(e instanceof DatabaseUrlError)) throw e;
    problems.push(e.message);
  }
  const presetRaw = env.TAOSCOPE_PRESET?.trim() || "mainnet";
  const preset: PresetName = isPresetName(presetRaw) ? presetRaw : "mainnet";
  if (!isPresetName(presetRaw)) problems.push(`TAOSCOPE_PRESET must be ${PRESET_NAMES.slice(0, -1).join(", ")} or ${PRESET_NAMES.at(-1)}, got ${JSON.stringify(presetRaw)}`);
  const testMode = flag("TAOSCOPE_TEST_MODE", false);
  const trafficRaw = env.TAOSCOPE_TRAFFIC?.trim() || NETWORK_SHAPES[preset].defaultTraffic;
  if (trafficRaw !== "poi" && trafficRaw !== "synthetic") problems.push(`TAOSCOPE_TRAFFIC must be poi or synthetic, got ${JSON.stringify(env.TAOSCOPE_TRAFFIC)}`);
  else if (trafficRaw === "poi" && !eraOf(preset).traits.poi) problems.push(`TAOSCOPE_TRAFFIC=poi needs the ${PRESET_NAMES.filter((p) => eraOf(p).traits.poi).join(" or ")} preset; ${preset} has only the synthetic traffic`);
  let tasks: TaskName[] = [...DEFAULT_TASKS];
  if (env.TAOSCOPE_TASKS !== undefined && env.TAOSCOPE_TASKS.trim() !== "") {
    try {
      tasks = parseTaskList(env.TAOSCOPE_TASKS);
    } catch (e) {
      if (!(e instanceof TaskListError)) throw e;
      problems.push(`TAOSCOPE_TASKS: ${e.message}`);
    }
  }
  const pruningRaw = env.TAOSCOPE_PRUNING?.trim() || "archive";
  let pruning: number | null = null;
  if (pruningRaw !== "archive") {
    const v = Number(pruningRaw);
    if (!/^\d+$/.test(pruningRaw) || !Number.isSafeInteger(v) || v < MIN_PRUNING_BLOCKS) problems.push(`TAOSCOPE_PRUNING must be archive or a whole number of blocks to keep, at least ${MIN_PRUNING_BLOCKS}, got ${JSON.stringify(env.TAOSCOPE_PRUNING)}`);
    else pruning = v;
  }
  const config: NodeConfig = {
    database,
    blockTimeMs: int("BLOCK_TIME_MS", 12_000, 50, 3_600_000),
    preset,
    seed: int("TAOSCOPE_SEED", 1, 0, 2 ** 31 - 1),
    activity: flag("TAOSCOPE_ACTIVITY", true),
    traffic: trafficRaw === "poi" ? "poi" : "synthetic",
    tasks,
    subnets: int("TAOSCOPE_SUBNETS", 4, 1, 128),
    uids: int("TAOSCOPE_UIDS", 32, 2, 4096),
    checkpointEvery: int("TAOSCOPE_CHECKPOINT_EVERY", 100, 1, 1_000_000),
    pruning,
    testMode,
    historyBlocks: int("TAOSCOPE_HISTORY_BLOCKS", testMode ? 0 : DEFAULT_HISTORY_BLOCKS, 0, MAX_HISTORY_BLOCKS),
    writeRate: positive("TAOSCOPE_WRITE_RATE", DEFAULT_WRITE_RATE, 1_000_000),
    writeBurst: int("TAOSCOPE_WRITE_BURST", DEFAULT_WRITE_BURST, 1, 1_000_000),
    compress: flag("TAOSCOPE_COMPRESS", false),
    verifyWorkers: int("TAOSCOPE_VERIFY_WORKERS", defaultPoolSize(), 0, 64),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
