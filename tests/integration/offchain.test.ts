/**
 * The validators' off-chain scores through the store and back (lib/db/offchain.ts), on a real
 * SQLite file and on PostgreSQL: a small test-preset network driven by the PoI traffic with its
 * registration churn, every block committed with the traffic's plan. The store keeps the scores
 * by uid; the reader must give back exactly what the traffic's plan said, hotkeys included: a
 * miner's history is its own hotkey's (not the previous holder's of its uid), each validator's
 * scores under its hotkey, and a validator's latest round with the miners it asked. A miner's
 * history is its current registration's: a hotkey pruned and registered again starts afresh.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { OffchainScore } from "@/lib/actors/traffic";
import { getOffchainScores } from "@/lib/db/offchain";
import { createReadClient } from "@/lib/db/prisma";
import { SqlChainStore } from "@/lib/db/store";
import { tempPostgres, tempSqlite } from "../helpers/databases";
import { poiChain } from "../helpers/poi-chain";

const BLOCKS = 240;

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`off-chain scores on ${kind}`, () => {
    it("come back as the traffic planned them: by hotkey, not by uid, across a uid's new holder", { timeout: 240_000 }, async () => {
      const db = kind === "sqlite" ? tempSqlite() : await tempPostgres();
      cleanups.push(db.cleanup);
      // Test preset (tempo 10): 16 uids, full, so the churn's registrations replace miners.
      const chain = poiChain({ seed: 12, subnets: 1, uids: 16, traffic: { validatorMix: "honest" } });
      const store = await SqlChainStore.open(db.target);
      await store.commitGenesis(JSON.stringify(chain.network.spec), chain.genesis, chain.state);
      const planned: (OffchainScore & { block: string })[] = [];
      for (let i = 0; i < BLOCKS; i++) {
        const { block, plan } = chain.step();
        await store.commitBlock(block, chain.state, block.header.number % 50n === 0n, undefined, { memory: plan.changes, scores: plan.scores });
        for (const x of plan.scores) planned.push({ ...x, block: block.header.number.toString() });
      }
      await store.close();
      const read = createReadClient(db.target);
      cleanups.push(() => read.$disconnect());

      const subnet = chain.state.subnets.get(1)!;
      const validators = new Set(chain.network.validators.map((v) => v.publicKeyHex));
      const point = (x: (typeof planned)[number]) => ({ block: x.block, tempo: x.tempo, score: x.score, ema: x.ema, computeSpent: x.computeSpent });
      let replacedWithHistory = 0;
      let earlierTenures = 0;
      for (const [uid, n] of subnet.neurons.entries()) {
        if (validators.has(n.hotkey) || n.hotkey === subnet.ownerHotkey) continue;
        const r = await getOffchainScores(read, 1, uid, 5000);
        expect(r.role, `uid ${uid}`).toBe("miner");
        // Its current registration's scores: a hotkey pruned and registered again (here or at
        // another uid) starts afresh, as the validators' EMA of it does.
        const mine = planned.filter((x) => x.netuid === 1 && x.miner === n.hotkey && x.uid === uid && BigInt(x.block) > n.registeredAt);
        if (planned.some((x) => x.netuid === 1 && x.miner === n.hotkey && !mine.includes(x))) earlierTenures++;
        if (planned.some((x) => x.netuid === 1 && x.uid === uid && x.miner !== n.hotkey)) replacedWithHistory++;
        expect(r.rounds, `uid ${uid}`).toBe(mine.length);
        const expected = new Map<string, ReturnType<typeof point>[]>();
        for (const x of mine) expected.set(x.validator, [...(expected.get(x.validator) ?? []), point(x)]);
        expect(new Map(r.scorers.map((s) => [s.validator.hex, s.points])), `uid ${uid}`).toEqual(expected);
      }
      // The run replaced scored miners, so the reader had a previous holder's rows to leave out.
      expect(replacedWithHistory).toBeGreaterThan(0);
      console.log(`${replacedWithHistory} uids held before by a scored miner; ${earlierTenures} hotkeys scored in an earlier registration`);

      for (const v of chain.network.validators) {
        const uid = subnet.neurons.findIndex((n) => n.hotkey === v.publicKeyHex);
        const r = await getOffchainScores(read, 1, uid);
        expect(r.role).toBe("validator");
        const own = planned.filter((x) => x.netuid === 1 && x.validator === v.publicKeyHex);
        const last = own.at(-1)!.block;
        const round = own.filter((x) => x.block === last).sort((a, b) => a.uid - b.uid);
        expect(r.given).toEqual({ block: last, tempo: round[0]!.tempo, scores: round.map((x) => ({ uid: x.uid, miner: expect.objectContaining({ hex: x.miner }), score: x.score, ema: x.ema })) });
      }
    });
  });
}
