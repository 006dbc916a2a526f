/**
 * History pruning (`TAOSCOPE_PRUNING=N`, lib/node/config.ts), as Substrate's `--blocks-pruning N`
 * keeps only its last N blocks' bodies: below a block, the rows that grow with every block and
 * that no later block needs go.
 *
 * | rows | below the pruned block |
 * | --- | --- |
 * | `Event`, `EventAccount` | deleted (each block's `eventCount` stays, so the explorer can say what was there) |
 * | `EpochInput`, `MetagraphSnapshot` (full weights and bonds) | deleted, except every subnet's newest |
 * | `Checkpoint` | deleted, except the newest two (resume starts from the newest) |
 * | `Block`, `Extrinsic` | kept: the chain itself, which `verify` replays from genesis |
 * | `SubnetEpoch`, `NeuronEpoch`, `EpochSplit`, `UidRegistration`, `FlowCum`, `NetworkStat`, account history | kept: the compact per-epoch and per-block records the charts read |
 *
 * `Meta.prunedBelow` records the lowest block whose pruned rows remain; readers say "pruned"
 * rather than "none" below it. Everything runs in one transaction, so a prune that fails or is
 * interrupted leaves the history as it was; and it only deletes, so it never leaves half a block.
 */
import type { ReadClient } from "./prisma";
import { big, type Sql } from "./sql";

export interface PruneReport {
  /** The lowest block whose events, inputs and snapshots are kept (`Meta.prunedBelow`). */
  prunedBelow: bigint;
}

/** Delete the prunable rows of blocks below `below` (see the table above). */
export async function pruneBelow(tx: Sql, below: bigint): Promise<PruneReport> {
  const [meta] = await tx.query<{ value: string }>(`SELECT "value" FROM "Meta" WHERE "key" = 'prunedBelow'`);
  const already = meta ? BigInt(meta.value) : 0n;
  if (below <= already) return { prunedBelow: already };
  await tx.run(`DELETE FROM "Event" WHERE "blockNumber" < ?`, [below]);
  await tx.run(`DELETE FROM "EventAccount" WHERE "blockNumber" < ?`, [below]);
  for (const table of ["EpochInput", "MetagraphSnapshot"]) {
    await tx.run(`DELETE FROM "${table}" WHERE "block" < ? AND "epoch" < (SELECT MAX("newest"."epoch") FROM "${table}" AS "newest" WHERE "newest"."netuid" = "${table}"."netuid")`, [below]);
  }
  await tx.run(`DELETE FROM "Checkpoint" WHERE "blockNumber" < ? AND "blockNumber" < (SELECT MIN("blockNumber") FROM (SELECT "blockNumber" FROM "Checkpoint" ORDER BY "blockNumber" DESC LIMIT 2) AS "newest")`, [below]);
  await tx.run(`INSERT INTO "Meta" ("key", "value") VALUES ('prunedBelow', ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, [below.toString()]);
  return { prunedBelow: below };
}

/** The lowest block whose events, epoch inputs and snapshots are kept; 0 on an archive database. */
export async function prunedBelow(db: ReadClient): Promise<bigint> {
  const [row] = await db.sql.query<{ value: unknown }>(`SELECT "value" FROM "Meta" WHERE "key" = 'prunedBelow'`);
  return row ? big(row.value as string) : 0n;
}
