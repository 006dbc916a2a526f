/**
 * The store's current-state rows written block by block from change sets equal those written in
 * one go from the final state (a store that has written nothing counts every entry as changed):
 * Account, Subnet, Neuron, StakePosition, HotkeyTake and AccountTotal, apart from the columns
 * that say at which block a row was last written. On SQLite, for the `test`, `mainnet` and
 * `seed2024` presets with traffic (registrations, staking, weights, epochs, failing calls).
 */
import { afterAll, describe, expect, it } from "vitest";
import { type PresetName, serializeState, restoreState } from "@/lib/chain/runtime/state";
import { SqlChainStore } from "@/lib/db/store";
import { tempSqlite } from "../helpers/databases";
import { trafficChain } from "../helpers/traffic";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const TABLES: [table: string, order: string, skip: readonly string[]][] = [
  ["Account", `"id"`, ["updatedAt"]],
  ["Subnet", `"netuid"`, ["updatedAt"]],
  ["Neuron", `"netuid", "uid"`, []],
  ["StakePosition", `"netuid", "hotkey", "coldkey"`, []],
  ["HotkeyTake", `"hotkey"`, []],
  ["AccountTotal", `"id"`, ["updatedAt"]],
];

async function currentRows(store: SqlChainStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order, skip] of TABLES) {
    const rows = await store.sql.query<Record<string, unknown>>(`SELECT * FROM "${table}" ORDER BY ${order}`);
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])));
  }
  return out;
}

const CASES: [PresetName, number][] = [
  ["test", 90],
  ["mainnet", 370],
  ["seed2024", 250],
];

describe("rows from change sets", () => {
  for (const [preset, blocks] of CASES) {
    it(`equal the rows of the final state written in one go (${preset}, ${blocks} blocks)`, { timeout: 300_000 }, async () => {
      const chain = trafficChain(preset, 17, `change-set-rows-${preset}`);
      const a = tempSqlite();
      const b = tempSqlite();
      cleanups.push(a.cleanup, b.cleanup);
      const incremental = await SqlChainStore.open(a.target);
      cleanups.push(() => incremental.close());
      await incremental.commitGenesis(JSON.stringify({ test: "change-set-rows", preset }), chain.genesis, chain.state);
      let neurons = 0;
      for (let i = 0; i < blocks; i++) {
        const { block, changes } = chain.block();
        neurons += [...changes.neurons.values(), ...(changes.era2024?.neurons.values() ?? [])].reduce((n, s) => n + s.size, 0);
        await incremental.commitBlock(block, chain.state, i % 100 === 99);
      }
      expect(neurons).toBeGreaterThan(0);
      const whole = await SqlChainStore.open(b.target);
      cleanups.push(() => whole.close());
      // The final state (a copy: genesis writing must not share its objects) as a genesis of its own.
      await whole.commitGenesis(JSON.stringify({ test: "change-set-rows", preset, whole: true }), chain.genesis, restoreState(serializeState(chain.state), chain.state.rules));
      const got = await currentRows(incremental);
      const want = await currentRows(whole);
      for (const [table] of TABLES) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] });
      expect(want.Neuron!.length).toBeGreaterThan(0);
      expect(want.StakePosition!.length).toBeGreaterThan(0);
    });
  }
});
