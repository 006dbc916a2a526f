/**
 * The block store against the engine directly (SQLite): rows follow a subnet through
 * registration, epochs and dissolution, and a re-registered netuid starts a fresh history.
 */
import { afterAll, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { createGenesis } from "@/lib/chain/runtime/block";
import { paramsFor } from "@/lib/chain/eras/presets";
import { SqlChainStore } from "@/lib/db/store";
import { T0, TAO, driver, errorsOf } from "../helpers/chain-driver";
import { tempSqlite } from "../helpers/databases";

const db = tempSqlite();
afterAll(() => db.cleanup());

it("replaces a dissolved subnet's rows and history with the new subnet's", async () => {
  const [alice, bob] = ["//Alice", "//Bob"].map(keypairFromUri);
  const hot = Array.from({ length: 4 }, (_, i) => keypairFromUri(`//store-hot-${i}`).publicKeyHex);
  const { state, block: genesis } = createGenesis({ preset: "test", timestamp: T0, endowments: [[alice!.publicKeyHex, 10_000n * TAO], [bob!.publicKeyHex, 10_000n * TAO]] });
  const store = await SqlChainStore.open(db.target);
  await store.commitGenesis(JSON.stringify({ test: "store" }), genesis, state);
  const d = driver(state, keypairFromUri("//Eve").publicKeyHex);
  const step = async () => {
    const b = d.block();
    await store.commitBlock(b, d.s, false);
    return b;
  };
  const P = paramsFor("test");
  d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[0] });
  await step();
  for (let i = 0; i < 4; i++) await step();
  d.submit(alice!, "SubtensorModule.start_call", { netuid: 1 });
  d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[1] });
  expect(errorsOf(await step())).toEqual([null, null]);
  for (let i = 0; i < 5; i++) await step();
  d.submit(alice!, "SubtensorModule.register_network", { hotkey: hot[2] });
  await step();
  while (d.s.block + 1n < 1n + P.networkImmunityPeriod) await step(); // subnet 1 ran epochs meanwhile
  const q = <T>(sql: string, params: (string | number)[] = []) => store.sql.query<T>(sql, params);
  const oldEpochs = await q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "SubnetEpoch" WHERE "netuid" = 1`);
  expect(Number(oldEpochs[0]!.n)).toBe(d.s.subnets.get(1)!.epochIndex);
  expect(Number(oldEpochs[0]!.n)).toBeGreaterThan(0);
  const oldPositions = await q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "StakePosition" WHERE "netuid" = 1`);
  expect(Number(oldPositions[0]!.n)).toBeGreaterThan(0); // the owner cut is staked to the owner

  d.submit(bob!, "SubtensorModule.register_network", { hotkey: hot[3] });
  const b = await step();
  expect(b.events.find((e) => e.name === "SubtensorModule.NetworkRemoved")!.data).toMatchObject({ netuid: 1 });
  const subnet = await q<{ owner: string; ownerHotkey: string; epochIndex: bigint }>(`SELECT "owner", "ownerHotkey", "epochIndex" FROM "Subnet" WHERE "netuid" = 1`);
  expect(subnet).toEqual([{ owner: bob!.publicKeyHex, ownerHotkey: hot[3], epochIndex: 0n }]);
  const neurons = await q<{ uid: bigint; hotkey: string }>(`SELECT "uid", "hotkey" FROM "Neuron" WHERE "netuid" = 1`);
  expect(neurons).toEqual([{ uid: 0n, hotkey: hot[3] }]);
  for (const table of ["SubnetEpoch", "MetagraphSnapshot", "StakePosition"]) {
    const rows = await q<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "${table}" WHERE "netuid" = 1`);
    expect([table, Number(rows[0]!.n)]).toEqual([table, 0]);
  }
  await store.close();
});

it("keeps the two newest checkpoints and those at multiples of 10,000 blocks, and resumes from the newest", async () => {
  const cpDb = tempSqlite();
  try {
    const alice = keypairFromUri("//Alice");
    const { state, block: genesis } = createGenesis({ preset: "test", timestamp: T0, endowments: [[alice.publicKeyHex, 1_000n * TAO]] });
    const store = await SqlChainStore.open(cpDb.target);
    await store.commitGenesis(JSON.stringify({ test: "checkpoints" }), genesis, state);
    const d = driver(state, alice.publicKeyHex);
    let last = genesis;
    for (let i = 0; i < 12; i++) await store.commitBlock((last = d.block()), d.s, true);
    const kept = await store.sql.query<{ blockNumber: bigint; stateRoot: string }>(`SELECT "blockNumber", "stateRoot" FROM "Checkpoint" ORDER BY "blockNumber"`);
    expect(kept.map((r) => Number(r.blockNumber))).toEqual([0, 11, 12]); // genesis (a multiple of 10,000) and the two newest
    expect(kept.at(-1)!.stateRoot).toBe(last.header.stateRoot);
    expect((await store.checkpoint(12n))!.number).toBe(12n);
    expect((await store.checkpoint(10n))!.number).toBe(0n); // older states replay from genesis
    await store.close();
  } finally {
    cpDb.cleanup();
  }
});
