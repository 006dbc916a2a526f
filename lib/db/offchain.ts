/**
 * A uid's hotkey in the Proof-of-Intelligence simulation, as the explorer shows it beside the
 * chain's figures: its role on the subnet, its profile as a miner (lib/actors/profiles.ts, a
 * function of the network seed and the hotkey, nothing stored), and the scores the validators'
 * rounds gave it (table OffchainScore, written with each block by the node). Off-chain data: no
 * score is on the chain.
 *
 * The history follows the hotkey, not the uid: a uid taken over by a new hotkey shows the new
 * hotkey's scores only (the validators' EMA of a new hotkey starts from 0 too).
 */
import { describeMiner, describeValidator, minerProfile, type ValidatorKind, validatorKind } from "../actors/profiles";
import { OFFCHAIN_SCORES_MAX, type OffchainScoresDto, type ScorerDto } from "../dto-offchain";
import { keyOf } from "./keys";
import { specOf, taskInfo, validatorHotkeysOf } from "./moe";
import type { ReadClient } from "./prisma";
import { NotFoundError } from "./queries";
import { subnetRow } from "./rows";

/** A row as the driver returns it: integers may come back as bigint (SQLite) or text (PostgreSQL's BIGINT). */
interface ScoreRow {
  validator: string;
  block: unknown;
  tempo: unknown;
  score: unknown;
  ema: unknown;
  computeSpent: unknown;
}

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
    db.sql.query<{ uid: unknown; hotkey: string }>(`SELECT "uid", "hotkey" FROM "Neuron" WHERE "netuid" = ?`, [netuid]).then((rows) => rows.map((r) => ({ uid: Number(r.uid), hotkey: r.hotkey }))),
    validatorHotkeysOf(db, netuid),
  ]);
  if (!spec || !subnet) throw new NotFoundError(`no subnet ${netuid}`);
  const hotkey = neurons.find((n) => n.uid === uid)?.hotkey;
  if (hotkey === undefined) throw new NotFoundError(`no uid ${uid} on subnet ${netuid}`);
  const { seed, traffic, task } = taskInfo(spec, netuid);
  const role = hotkey === subnet.ownerHotkey ? "owner" : validators.has(hotkey) ? "validator" : "miner";
  const uidOf = new Map(neurons.map((n) => [n.hotkey, n.uid]));
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
    const given = role === "validator" ? await latestRound(db, netuid, hotkey) : null;
    return { ...base, scorers: [], rounds: 0, truncated: false, given };
  }
  const rows = await db.sql.query<ScoreRow>(
    `SELECT "validator", "block", "tempo", "score", "ema", "computeSpent" FROM "OffchainScore" WHERE "netuid" = ? AND "miner" = ? ORDER BY "block" DESC, "validator" LIMIT ?`,
    [netuid, hotkey, limit + 1],
  );
  const truncated = rows.length > limit;
  const byValidator = new Map<string, ScorerDto["points"][number][]>();
  for (const r of rows.slice(0, limit).reverse()) {
    let points = byValidator.get(r.validator);
    if (!points) byValidator.set(r.validator, (points = []));
    points.push({ block: String(r.block), tempo: Number(r.tempo), score: Number(r.score), ema: Number(r.ema), computeSpent: Number(r.computeSpent) });
  }
  const scorers = [...byValidator]
    .map(([validator, points]): ScorerDto => ({ validator: keyOf(validator), uid: uidOf.get(validator) ?? null, kind: validatorKind(seed, validator), points }))
    .sort((a, b) => (a.uid ?? Infinity) - (b.uid ?? Infinity) || a.validator.hex.localeCompare(b.validator.hex));
  return { ...base, scorers, rounds: Math.min(rows.length, limit), truncated, given: null };
}

/** A validator's latest round on the subnet: the scores it gave (the rows of one block), by uid. */
async function latestRound(db: ReadClient, netuid: number, validator: string): Promise<OffchainScoresDto["given"]> {
  const rows = await db.sql.query<{ block: unknown; tempo: unknown; uid: unknown; miner: string; score: unknown; ema: unknown }>(
    `SELECT "block", "tempo", "uid", "miner", "score", "ema" FROM "OffchainScore" WHERE "netuid" = ? AND "validator" = ? AND "block" = (SELECT MAX("block") FROM "OffchainScore" WHERE "netuid" = ? AND "validator" = ?) ORDER BY "uid"`,
    [netuid, validator, netuid, validator],
  );
  if (rows.length === 0) return null;
  return { block: String(rows[0]!.block), tempo: Number(rows[0]!.tempo), scores: rows.map((r) => ({ uid: Number(r.uid), miner: keyOf(r.miner), score: Number(r.score), ema: Number(r.ema) })) };
}

const describedValidator = (kind: ValidatorKind) => ({ kind, behaviour: describeValidator(kind) });
