/**
 * The Bittensor-like genesis (network spec v2) and the TAOSCOPE_HISTORY_BLOCKS setting.
 *
 * Expected values are the 2024 network's figures (6,254,373 τ issued, 5,561,230 τ staked, so
 * 88.9% staked) and stake sums taken here from the state itself, not through the store's code.
 */
import { describe, expect, it } from "vitest";
import { createGenesis } from "@/lib/chain/runtime/block";
import type { ChainState } from "@/lib/chain/runtime/state";
import { ConfigError, loadConfig } from "@/lib/node/config";
import { type NetworkSpec, buildNetwork, genesisTimestamp, specFromJson } from "@/lib/node/network";

const TAO = 1_000_000_000n;
const ISSUED_2024 = 6_254_373n * TAO;
const STAKED_2024 = 5_561_230n * TAO;

describe("TAOSCOPE_HISTORY_BLOCKS", () => {
  it("defaults to 3 simulated days (21,600 blocks of 12 s), and to 0 in test mode", () => {
    expect(loadConfig({}).historyBlocks).toBe(3 * 7_200);
    expect(loadConfig({ TAOSCOPE_TEST_MODE: "1" }).historyBlocks).toBe(0);
    expect(loadConfig({ TAOSCOPE_TEST_MODE: "1", TAOSCOPE_HISTORY_BLOCKS: "400" }).historyBlocks).toBe(400);
    expect(loadConfig({ TAOSCOPE_HISTORY_BLOCKS: "0" }).historyBlocks).toBe(0);
    expect(loadConfig({ TAOSCOPE_HISTORY_BLOCKS: " " }).historyBlocks).toBe(21_600);
    expect(loadConfig({ TAOSCOPE_HISTORY_BLOCKS: "5000000" }).historyBlocks).toBe(5_000_000);
  });

  it.each(["-1", "abc", "1.5", "5000001", "1e3x", "twelve"])("refuses %j with the variable named", (raw) => {
    expect(() => loadConfig({ TAOSCOPE_HISTORY_BLOCKS: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ TAOSCOPE_HISTORY_BLOCKS: raw })).toThrow(`TAOSCOPE_HISTORY_BLOCKS must be an integer in [0, 5000000], got ${JSON.stringify(raw)}`);
  });

  it("is reported together with the other bad settings", () => {
    let error: unknown;
    try {
      loadConfig({ TAOSCOPE_HISTORY_BLOCKS: "lots", TAOSCOPE_UIDS: "1", TAOSCOPE_TEST_MODE: "perhaps" });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'TAOSCOPE_TEST_MODE must be on or off (1/0, true/false), got "perhaps"',
      'TAOSCOPE_UIDS must be an integer in [2, 4096], got "1"',
      'TAOSCOPE_HISTORY_BLOCKS must be an integer in [0, 5000000], got "lots"',
    ]);
  });
});

const spec = (preset: NetworkSpec["preset"], over: Partial<NetworkSpec> = {}): NetworkSpec => ({ version: 2, preset, seed: 1, subnets: 4, uids: 32, timestamp: "1700000000000", historyBlocks: 21_600, ...over });

function sumFree(state: ChainState): bigint {
  let free = 0n;
  for (const a of state.accounts.values()) free += a.free;
  return free;
}

/** Staked as the explorer defines it, summed here: alpha at the pool's spot price (equal weights: τ/α reserves) + root TAO. */
function stakedMainnet(state: ChainState): { staked: bigint; alpha: bigint; root: bigint; pooled: bigint } {
  let root = 0n;
  for (const pool of Object.values(state.root.stake)) root += pool.value;
  let alphaValue = 0n;
  let alpha = 0n;
  let pooled = 0n;
  for (const s of state.subnets.values()) {
    let a = 0n;
    for (const pool of Object.values(s.stake)) a += pool.value;
    alpha += a;
    pooled += s.pool.taoReserve;
    alphaValue += (a * s.pool.taoReserve) / s.pool.alphaReserve;
  }
  return { staked: root + alphaValue, alpha, root, pooled };
}

describe("the default genesis (spec v2)", () => {
  it("mainnet: 6,254,373 τ issued, about 89% staked (root stake, as at the dynamic-TAO switch, plus alpha on every subnet)", () => {
    const { state } = createGenesis(buildNetwork(spec("mainnet")).genesis);
    expect(state.totalIssuance).toBe(ISSUED_2024);
    const { staked, alpha, root, pooled } = stakedMainnet(state);
    expect(root).toBe(state.root.taoReserve);
    expect(root).toBeGreaterThan(5_500_000n * TAO);
    expect(alpha).toBeGreaterThan(0n);
    // Every rao is somewhere: free + root stake + the TAO in the pools.
    expect(sumFree(state) + root + pooled).toBe(ISSUED_2024);
    const ratio = Number((staked * 1_000_000n) / state.totalIssuance) / 1e6;
    expect(ratio).toBeGreaterThan(0.88);
    expect(ratio).toBeLessThan(0.9);
    // Every validator holds stake on every subnet, from its own coldkey and from nominators.
    for (const s of state.subnets.values()) {
      const validators = s.neurons.filter((n) => state.root.stake[n.hotkey]);
      expect(validators.length).toBe(7); // ⌊(32 − 1) / 4⌋
      for (const v of validators) {
        expect(s.stake[v.hotkey]?.value ?? 0n).toBeGreaterThan(0n);
        expect(Object.keys(state.root.stake[v.hotkey]!.shares).length).toBe(8); // the owner coldkey and 7 nominators
      }
    }
  });

  it("seed2024: exactly 5,561,230 of 6,254,373 τ staked (88.9%) in TAO positions on delegates", () => {
    const { state } = createGenesis(buildNetwork(spec("seed2024")).genesis);
    expect(state.totalIssuance).toBe(ISSUED_2024);
    let staked = 0n;
    for (const row of Object.values(state.era2024!.stake)) for (const v of Object.values(row)) staked += v;
    expect(staked).toBe(STAKED_2024);
    expect(sumFree(state) + staked).toBe(ISSUED_2024);
    expect(Number((staked * 10_000n) / state.totalIssuance) / 100).toBe(88.91);
    expect(state.delegateTake.size).toBe(7);
  });

  it("a few large validators and a long tail: validator i holds a Zipf share 1/(i+1)", () => {
    const { state } = createGenesis(buildNetwork(spec("seed2024")).genesis);
    const totals = Object.values(state.era2024!.stake).map((row) => Object.values(row).reduce((a, b) => a + b, 0n)).sort((a, b) => (a > b ? -1 : 1));
    const h = [1, 2, 3, 4, 5, 6, 7].reduce((a, i) => a + 1 / i, 0);
    totals.forEach((t, i) => expect(Number(t) / Number(STAKED_2024)).toBeCloseTo(1 / (i + 1) / h, 5));
  });

  it("test stays small and unstaked; version-1 specs rebuild their original genesis", () => {
    const t = createGenesis(buildNetwork(spec("test", { subnets: 2, uids: 8 })).genesis).state;
    expect(t.root.taoReserve).toBe(0n);
    const v1 = specFromJson(JSON.stringify({ version: 1, preset: "mainnet", seed: 1, subnets: 4, uids: 32, timestamp: "1767225600000" }));
    const g = buildNetwork(v1).genesis;
    expect(g.calls).toBeUndefined();
    expect(g.timestamp).toBe(1_767_225_600_000n);
    const s = createGenesis(g).state;
    expect(s.totalIssuance).toBe(1_800_000n * TAO + 4n * 1_000n * TAO); // //Alice 1M + 8 × 100k, and four 1,000 τ pools
    expect(s.root.taoReserve).toBe(0n);
    expect(() => specFromJson(JSON.stringify({ ...v1, version: 3 }))).toThrow(/unknown network spec version 3/);
  });

  it("the same spec builds the same genesis (hash), so restarts and verify reproduce it", () => {
    const a = createGenesis(buildNetwork(spec("mainnet")).genesis).block.hash;
    const b = createGenesis(buildNetwork(specFromJson(JSON.stringify(spec("mainnet")))).genesis).block.hash;
    expect(a).toBe(b);
    expect(createGenesis(buildNetwork(spec("mainnet", { timestamp: "1700000000001" })).genesis).block.hash).not.toBe(a);
  });

  it("genesis time is now − history × 12 s (never before the Unix epoch)", () => {
    expect(genesisTimestamp(1_800_000_000_000n, 21_600)).toBe(1_800_000_000_000n - 259_200_000n);
    expect(genesisTimestamp(1_800_000_000_000n, 0)).toBe(1_800_000_000_000n);
    expect(genesisTimestamp(1_000n, 10)).toBe(0n);
  });
});
