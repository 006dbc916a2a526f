/**
 * Events through the store (SQLite): a short seeded chain per era is committed block by block;
 * every stored event, decoded (`decodeEventData`), equals the typed event the engine emitted
 * (amounts bigint again, the same fields, the same phase), and its stored text is the engine
 * event's `eventDataJson` byte for byte.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "@/lib/chain/runtime/block";
import { type ChainEvent, type EventName, type Phase, chainEvent, decodeEventData, eventDataJson } from "@/lib/chain/runtime/events";
import type { PresetName } from "@/lib/chain/runtime/state";
import { SqlChainStore } from "@/lib/db/store";
import { tempSqlite } from "../helpers/databases";
import { trafficChain } from "../helpers/traffic";

const dbs: (() => void)[] = [];
afterAll(() => dbs.forEach((cleanup) => cleanup()));

type Row = { blockNumber: bigint; index: bigint; phase: string; extrinsicIndex: bigint | null; name: string; data: string };

const phaseOf = (r: Row): Phase => (r.phase === "ApplyExtrinsic" ? { kind: "ApplyExtrinsic", index: Number(r.extrinsicIndex) } : { kind: r.phase as "Initialization" | "Finalization" });

/** `blocks` blocks of `preset`'s traffic, each committed; the engine's events by block, and the store's rows. */
async function run(preset: PresetName, blocks: number) {
  const db = tempSqlite();
  dbs.push(db.cleanup);
  const chain = trafficChain(preset, 5, `events-${preset}`);
  const store = await SqlChainStore.open(db.target);
  await store.commitGenesis(JSON.stringify({ test: "events", preset }), chain.genesis, chain.state);
  const produced: Block[] = [chain.genesis];
  for (let b = 1; b <= blocks; b++) {
    const { block, rejected } = chain.block();
    expect(rejected.map((r) => r.reason.message)).toEqual([]);
    await store.commitBlock(block, chain.state, false);
    produced.push(block);
  }
  const rows = await store.sql.query<Row>(`SELECT "blockNumber", "index", "phase", "extrinsicIndex", "name", "data" FROM "Event" ORDER BY "blockNumber", "index"`);
  await store.close();
  return { produced, rows };
}

describe("stored events decode to the engine's typed events", () => {
  for (const [preset, blocks, wanted] of [
    ["test", 45, ["Balances.Transfer", "SubtensorModule.StakeAdded", "SubtensorModule.SubnetEmission", "SubtensorModule.EpochDistributed", "TransactionPayment.TransactionFeePaid"]],
    ["seed2024", 400, ["Balances.Transfer", "SubtensorModule.StakeAdded", "SubtensorModule.OwnerCutPaid", "SubtensorModule.EmissionDrained", "SubtensorModule.EmissionValuesSet", "SubtensorModule.EpochDistributed"]],
  ] as const) {
    it(`${preset}: ${blocks} blocks`, async () => {
      const { produced, rows } = await run(preset, blocks);
      const engine = produced.flatMap((b) => b.events.map((e, index) => ({ block: b.header.number, index, e })));
      expect(rows.length).toBe(engine.length);
      const decoded: ChainEvent[] = rows.map((r) => chainEvent(phaseOf(r), r.name as EventName, decodeEventData(r.name as EventName, r.data)));
      rows.forEach((r, i) => {
        const { block, index, e } = engine[i]!;
        expect([r.blockNumber, Number(r.index)]).toEqual([block, index]);
        expect(decoded[i], `${block}-${index} ${e.name}`).toEqual(e);
        expect(r.data, `${block}-${index} ${e.name}`).toBe(eventDataJson(e.data));
      });
      // The chains reach the events with amounts: at the top level, per account (dTAO's
      // EpochDistributed) and per netuid (seed2024's EmissionValuesSet).
      const names = new Set(engine.map((x) => x.e.name));
      for (const name of wanted) expect([...names]).toContain(name);
      const amounts = decoded.flatMap((e) => Object.values(e.data).filter((v) => typeof v === "bigint"));
      expect(amounts.length).toBeGreaterThan(rows.length / 2);
    });
  }
});
