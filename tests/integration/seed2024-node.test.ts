/**
 * A seed2024 node on SQLite: synthetic 2024 traffic (root registration and weights, subnet
 * weights, stakes, registrations), rows kept for the explorer, restart and verify.
 */
import { afterAll, expect, it } from "vitest";
import { stateRoot } from "@/lib/chain/runtime/state";
import { eraOf } from "@/lib/chain/seed2024/runtime";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode, verifyChain } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";

const db = tempSqlite();
afterAll(() => db.cleanup());
const config = { ...loadConfig({ TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_CHECKPOINT_EVERY: "50", TAOSCOPE_SEED: "24" }), database: db.target };

it("runs the 2024 network: root weights set emission, rows follow, restart resumes and verify passes", async () => {
  let store = await SqlChainStore.open(db.target);
  let node = await ChainNode.open(store, config);
  await node.advance(230);
  const era = eraOf(node.chain);
  expect(era.root.validators.length).toBeGreaterThan(0); // staked hotkeys joined the root
  expect(era.subnets.every((s) => s.emissionValue > 0n)).toBe(true); // the root epoch at block 200 saw their weights
  const q = <T>(sql: string) => store.sql.query<T>(sql);
  const subnets = await q<{ netuid: bigint; neuronCount: bigint }>(`SELECT "netuid", "neuronCount" FROM "Subnet" ORDER BY "netuid"`);
  expect(subnets.map((s) => [Number(s.netuid), Number(s.neuronCount)])).toEqual(era.subnets.map((s) => [s.netuid, s.neurons.length]));
  const stat = (await q<{ issuance: string; free: string; staked: string }>(`SELECT "issuance", "free", "staked" FROM "NetworkStat" ORDER BY "blockNumber" DESC LIMIT 1`))[0]!;
  const locked = era.subnets.reduce((a, s) => a + s.locked, 0n);
  expect(BigInt(stat.free) + BigInt(stat.staked) + locked).toBe(BigInt(stat.issuance)); // v1.1.3's supply
  const positions = await q<{ alpha: string }>(`SELECT "alpha" FROM "StakePosition" WHERE "netuid" = 0`);
  expect(positions.reduce((a, p) => a + BigInt(p.alpha), 0n)).toBe(BigInt(stat.staked));
  await store.close();

  store = await SqlChainStore.open(db.target);
  node = await ChainNode.open(store, config); // checkpoint at 200, replays 201..230
  expect(node.head).toBe(230n);
  await node.advance(10);
  expect((await store.head())!.stateRoot).toBe(stateRoot(node.chain));
  expect(await verifyChain(store)).toEqual({ blocks: 240n, mismatch: null });
  await store.close();
}, 120_000);
