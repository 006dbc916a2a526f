/**
 * A uid's hotkey in the Proof-of-Intelligence simulation, as the explorer shows it beside the
 * chain's figures: its role on the subnet, its profile as a miner (lib/actors/profiles.ts, a
 * function of the network seed and the hotkey, nothing stored), and the scores the validators'
 * rounds gave it (table OffchainScore, written with each block by the node). Off-chain data: no
 * score is on the chain.
 *
 * The history is the hotkey's current registration's, not the uid's: a uid taken over by a new
 * hotkey, or a hotkey pruned and registered again, starts afresh (the validators forget a pruned
 * hotkey's EMA at their next round). Rows are keyed by uids (prisma/schema.prisma says how the hotkeys are found again).
 */
import { describeMiner, describeValidator, minerProfile, type ValidatorKind, validatorKind } from "../actors/profiles";
import { OFFCHAIN_SCORES_MAX, type OffchainScoresDto, type ScorerDto } from "../dto-offchain";
import { keyOf } from "./keys";
import { specOf, taskInfo, validatorHotkeysOf } from "./moe";
import type { ReadClient } from "./prisma";
import { InvariantError } from "../chain/errors";
import { NotFoundError } from "./queries";
import { subnetRow } from "./rows";

/** A row as the driver returns it: integers may come back as bigint (SQLite) or text (PostgreSQL's BIGINT). */
type Raw<K extends string> = Record<K, unknown>;

/**
 * @param limit the newest scores to return, over all scorers (1 … OFFCHAIN_SCORES_MAX)
 * @throws NotFoundError for netuid 0, an unknown subnet or a uid not registered on it
 */
export async function getOffchainScores(db: ReadClient, netuid: number, uid: number, limit = 2000): Promise<OffchainScoresDto> {
  if (!Number.isInteger(limit) || limit < 1 || limit > OFFCHAIN_SCORES_MAX) throw new RangeError(`limit must be an integer in [1, ${OFFCHAIN_SCORES_MAX}], got ${limit}`);
  if (netuid === 0) throw new NotFoundError("subnet 0 is the root network: it runs no task, and no validator scores its uids");
  const [spec, subnet, neurons, validators] = await Promise.all([
    specOf(db),
    subnetRow(db, netuid),
    db.sql
      .query<Raw<"uid" | "hotkey" | "registeredAt">>(`SELECT "uid", "hotkey", "registeredAt" FROM "Neuron" WHERE "netuid" = ?`, [netuid])
      .then((rows) => rows.map((r) => ({ uid: Number(r.uid), hotkey: String(r.hotkey), registeredAt: BigInt(r.registeredAt as bigint) }))),
    validatorHotkeysOf(db, netuid),
  ]);
  if (!spec || !subnet) throw new NotFoundError(`no subnet ${netuid}`);
  const me = neurons.find((n) => n.uid === uid);
  if (me === undefined) throw new NotFoundError(`no uid ${uid} on subnet ${netuid}`);
  const { hotkey } = me;
  const { seed, traffic, task } = taskInfo(spec, netuid);
  const role = hotkey === subnet.ownerHotkey ? "owner" : validators.has(hotkey) ? "validator" : "miner";
  const base = {
    offChain: true as const,
    netuid,
    uid,
    hotkey: keyOf(hotkey),
    traffic,
    task,
    role,
    miner: role === "miner" && task !== null ? describeMiner(task, minerProfile(seed, hotkey)) : null,
    validator: role === "validator" ? describedValidator(validatorKind(seed, hotkey)) : null,
  } satisfies Partial<OffchainScoresDto>;

  if (role !== "miner") {
    const given = role === "validator" ? await latestRound(db, netuid, uid, me.registeredAt) : null;
    return { ...base, scorers: [], rounds: 0, truncated: false, given };
  }
  // This hotkey's rows: its uid's rounds after the block it registered in.
  const rows = await db.sql.query<Raw<"validatorUid" | "block" | "tempo" | "score" | "ema" | "computeSpent">>(
    `SELECT "validatorUid", "block", "tempo", "score", "ema", "computeSpent" FROM "OffchainScore" WHERE "netuid" = ? AND "uid" = ? AND "block" > ? ORDER BY "block" DESC, "validatorUid" LIMIT ?`,
    [netuid, uid, me.registeredAt, limit + 1],
  );
  const truncated = rows.length > limit;
  const kept = rows.slice(0, limit).reverse();
  const hotkeyAt = await holders(db, netuid, kept.map((r) => Number(r.validatorUid)));
  const byValidator = new Map<string, ScorerDto["points"][number][]>();
  for (const r of kept) {
    const block = BigInt(r.block as bigint);
    const validator = hotkeyAt(Number(r.validatorUid), block);
    let points = byValidator.get(validator);
    if (!points) byValidator.set(validator, (points = []));
    points.push({ block: block.toString(), tempo: Number(r.tempo), score: Number(r.score), ema: Number(r.ema), computeSpent: Number(r.computeSpent) });
  }
  const uidOf = new Map(neurons.map((n) => [n.hotkey, n.uid]));
  const scorers = [...byValidator]
    .map(([validator, points]): ScorerDto => ({ validator: keyOf(validator), uid: uidOf.get(validator) ?? null, kind: validatorKind(seed, validator), points }))
    .sort((a, b) => (a.uid ?? Infinity) - (b.uid ?? Infinity) || a.validator.hex.localeCompare(b.validator.hex));
  return { ...base, scorers, rounds: kept.length, truncated, given: null };
}

/** A validator's latest round on the subnet since `since` (its registration): the scores it gave (the rows of one block), by uid. */
async function latestRound(db: ReadClient, netuid: number, validatorUid: number, since: bigint): Promise<OffchainScoresDto["given"]> {
  const rows = await db.sql.query<Raw<"block" | "tempo" | "uid" | "score" | "ema">>(
    `SELECT "block", "tempo", "uid", "score", "ema" FROM "OffchainScore" WHERE "netuid" = ? AND "validatorUid" = ? AND "block" = (SELECT MAX("block") FROM "OffchainScore" WHERE "netuid" = ? AND "validatorUid" = ? AND "block" > ?) ORDER BY "uid"`,
    [netuid, validatorUid, netuid, validatorUid, since],
  );
  if (rows.length === 0) return null;
  const block = BigInt(rows[0]!.block as bigint);
  const hotkeyAt = await holders(db, netuid, rows.map((r) => Number(r.uid)));
  return {
    block: block.toString(),
    tempo: Number(rows[0]!.tempo),
    scores: rows.map((r) => ({ uid: Number(r.uid), miner: keyOf(hotkeyAt(Number(r.uid), block)), score: Number(r.score), ema: Number(r.ema) })),
  };
}

/**
 * Who held each of `uids` when a round of block B ran (on the state after B − 1): the last
 * registration (table UidRegistration) before B.
 * @returns a lookup; it throws InvariantError for a uid nobody held then (a score row without a holder)
 */
async function holders(db: ReadClient, netuid: number, uids: readonly number[]): Promise<(uid: number, block: bigint) => string> {
  const distinct = [...new Set(uids)];
  const regs = new Map<number, { block: bigint; hotkey: string }[]>();
  if (distinct.length) {
    const rows = await db.sql.query<Raw<"uid" | "block" | "hotkey">>(`SELECT "uid", "block", "hotkey" FROM "UidRegistration" WHERE "netuid" = ? AND "uid" IN (${distinct.map(() => "?").join(", ")}) ORDER BY "uid", "block"`, [netuid, ...distinct]);
    for (const r of rows) {
      const list = regs.get(Number(r.uid)) ?? [];
      list.push({ block: BigInt(r.block as bigint), hotkey: String(r.hotkey) });
      regs.set(Number(r.uid), list);
    }
  }
  return (uid, block) => {
    const list = regs.get(uid) ?? [];
    let hotkey: string | undefined;
    for (const r of list) if (r.block < block) hotkey = r.hotkey; // ascending: the last before the round
    if (hotkey === undefined) throw new InvariantError(`subnet ${netuid}: a score of block ${block} names uid ${uid}, which no registration held before it`);
    return hotkey;
  };
}

const describedValidator = (kind: ValidatorKind) => ({ kind, behaviour: describeValidator(kind) });
