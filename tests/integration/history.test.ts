/**
 * History fast-forward and genesis time on a real SQLite file, with a mocked clock:
 * genesis = now − history × 12 s, history blocks 12 s apart, live blocks at the wall clock
 * (never before parent + 1 ms), a restart mid-history resuming to the stored target, `verify`
 * rebuilding the same genesis, and the mainnet genesis staying about 89% staked after its first
 * epoch with every metagraph column alive.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import type { ChainState } from "@/lib/chain/runtime/state";
import { loadConfig } from "@/lib/node/config";
import { HistorySync } from "@/lib/node/history";
import { ChainNode, type Clock, verifyChain } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const NOW = 1_800_000_000_000; // 2027-01-15T08:00:00Z
const SPACING = 12_000;

function mockClock(start: number): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    setInterval: () => {
      throw new Error("no timer in this test");
    },
    clearInterval: () => undefined,
  };
  return c;
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function fresh() {
  const db = tempSqlite();
  cleanups.push(db.cleanup);
  return db.target;
}

const small = (history: number) => loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "7", TAOSCOPE_SEED: "9", TAOSCOPE_HISTORY_BLOCKS: String(history) });

async function timestamps(store: SqlChainStore): Promise<bigint[]> {
  const out: bigint[] = [];
  for (let after = -1n; ; ) {
    const batch = await store.blocksAfter(after, 200);
    if (!batch.length) return out;
    out.push(...batch.map((b) => b.timestamp));
    after = batch.at(-1)!.number;
  }
}

describe("history and genesis time", () => {
  it("genesis = mocked now − history × 12 000 ms; block N = genesis + N × 12 000 during history; live blocks at the clock, never before parent + 1 ms", async () => {
    const target = await fresh();
    const store = await SqlChainStore.open(target);
    const clock = mockClock(NOW);
    const node = await ChainNode.open(store, { ...small(30), database: target }, clock);
    const genesis = NOW - 30 * SPACING;
    expect(node.network.spec).toMatchObject({ version: 2, timestamp: String(genesis), historyBlocks: 30 });
    expect(JSON.parse((await store.genesisSpec())!)).toMatchObject({ timestamp: String(genesis), historyBlocks: 30 });
    const sync = new HistorySync(node, clock);
    expect(sync.status()).toMatchObject({ phase: "history", done: 0, total: 30 });
    await sync.run();
    expect(node.head).toBe(30n);
    expect(sync.status()).toMatchObject({ phase: "live", done: 30, total: 30, etaSeconds: 0 });
    const ts = await timestamps(store);
    expect(ts).toEqual(Array.from({ length: 31 }, (_, n) => BigInt(genesis + n * SPACING)));
    expect(ts.at(-1)).toBe(BigInt(NOW)); // the last history block lands at "now"
    clock.t = NOW + 5_000;
    expect((await node.produceNow()).header.timestamp).toBe(BigInt(NOW + 5_000));
    clock.t = NOW - 60_000; // a clock that went back: one millisecond after the parent
    expect((await node.produceNow()).header.timestamp).toBe(BigInt(NOW + 5_001));
    await store.close();
  }, 120_000);

  it("a restart mid-history resumes to the stored target (not the new setting), and verify rebuilds the same genesis", async () => {
    const target = await fresh();
    let store = await SqlChainStore.open(target);
    let node = await ChainNode.open(store, { ...small(50), database: target }, mockClock(NOW));
    await node.advance(20); // then the process dies
    await store.close();

    store = await SqlChainStore.open(target);
    const later = mockClock(NOW + 3_600_000);
    node = await ChainNode.open(store, { ...small(500), database: target }, later);
    expect(node.head).toBe(20n);
    const sync = new HistorySync(node, later);
    expect(sync.status()).toMatchObject({ phase: "history", done: 20, total: 50 });
    const lines: string[] = [];
    await sync.run((l) => lines.push(l), 0);
    expect(node.head).toBe(50n);
    expect(lines.at(-1)).toMatch(/^history 50\/50 blocks \(100\.0%\)/);
    const ts = await timestamps(store);
    expect(ts).toEqual(Array.from({ length: 51 }, (_, n) => BigInt(NOW - 50 * SPACING + n * SPACING)));
    expect(await verifyChain(store)).toEqual({ blocks: 50n, mismatch: null });
    await store.close();
  }, 120_000);

  it("stop() ends the run after the current chunk", async () => {
    const target = await fresh();
    const store = await SqlChainStore.open(target);
    const clock = mockClock(NOW);
    const node = await ChainNode.open(store, { ...small(200), database: target }, clock);
    const sync = new HistorySync(node, clock);
    const run = sync.run(() => sync.stop(), 0);
    await run;
    expect(node.head).toBeGreaterThan(0n);
    expect(node.head).toBeLessThan(200n);
    expect(sync.status().phase).toBe("history");
    await store.close();
  }, 120_000);
});

/** Staked as the explorer defines it, summed here from the state: alpha × τ/α of the pool + root TAO. */
function stakedRatio(state: ChainState): number {
  let staked = 0n;
  for (const pool of Object.values(state.root.stake)) staked += pool.value;
  for (const s of state.subnets.values()) {
    let alpha = 0n;
    for (const pool of Object.values(s.stake)) alpha += pool.value;
    // Balancer spot price (subtensor's palswap): (1 − q)/q × τ reserve / α reserve, q the quote weight in 10^-18.
    const q = Number(s.pool.quoteWeight) / 1e18;
    staked += BigInt(Math.floor(((1 - q) / q) * Number(alpha) * (Number(s.pool.taoReserve) / Number(s.pool.alphaReserve))));
  }
  return Number((staked * 1_000_000n) / state.totalIssuance) / 1e6;
}

describe("the default mainnet genesis after its first epochs", () => {
  it("stays about 89% staked (0.87–0.91), and by the second epoch every subnet has permits, dividends and incentive", async () => {
    const target = await fresh();
    const store = await SqlChainStore.open(target);
    const config = { ...loadConfig({ TAOSCOPE_HISTORY_BLOCKS: "0" }), database: target }; // mainnet, 4 × 32, the defaults
    const node = await ChainNode.open(store, config, mockClock(NOW));
    expect(stakedRatio(node.chain)).toBeGreaterThan(0.88);
    expect(stakedRatio(node.chain)).toBeLessThan(0.9);
    await node.advance(740); // tempo 360: every subnet has had two epochs (its first showed no incentive yet on this seed)
    const state = node.chain;
    const ratio = stakedRatio(state);
    expect(ratio).toBeGreaterThan(0.87);
    expect(ratio).toBeLessThan(0.91);
    const stored = (await store.sql.query<{ staked: string; issuance: string }>(`SELECT "staked", "issuance" FROM "NetworkStat" WHERE "blockNumber" = ?`, [740n]))[0]!;
    expect(Math.abs(Number(stored.staked) / Number(stored.issuance) - ratio)).toBeLessThan(1e-4);
    for (const s of state.subnets.values()) {
      expect(s.epochIndex).toBeGreaterThanOrEqual(2);
      const validators = s.neurons.filter((n) => n.validatorPermit);
      expect(validators.length).toBeGreaterThanOrEqual(7);
      expect(s.neurons.some((n) => n.dividends > 0)).toBe(true);
      expect(s.neurons.some((n) => n.incentive > 0)).toBe(true);
    }
    await store.close();
  }, 300_000);
});
