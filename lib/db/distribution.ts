/**
 * A subnet's incentive and dividends distribution at one stored epoch (issue 9 §1): read from
 * that epoch's metagraph snapshot (one primary-key row) and its stored emission split.
 */
import { gini, lorenz, positiveCount, topShare } from "../analytics/inequality";
import type { DistributionDto, DistributionSeriesDto, EmissionPartDto, EmissionSplitDto } from "../dto";
import type { ReadClient } from "./prisma";
import { EPOCH_SPLITS, subnetExists } from "./rows";
import { ss58Of } from "./keys";
import { requireSnapshot } from "./snapshots";

import { NotFoundError } from "./queries";

/** The spread of one u16 column over all uids. */
export function seriesOf(column: DistributionSeriesDto["column"], values: readonly number[], hotkeys: readonly string[]): DistributionSeriesDto {
  const total = values.reduce((a, x) => a + x, 0);
  const bars = values
    .map((value, uid) => ({ uid, hotkey: ss58Of(hotkeys[uid] ?? ""), value, share: total === 0 ? 0 : value / total }))
    .sort((a, b) => b.value - a.value || a.uid - b.uid);
  return { column, n: values.length, total, gini: gini(values), top1Share: topShare(values, 1), top10Share: topShare(values, 10), earning: positiveCount(values), bars, lorenz: lorenz(values) };
}

/** "1.234567890" (TAO per alpha, 9 decimals) as rao of TAO per alpha. */
function priceRao(price: string): bigint {
  const [whole, frac = ""] = price.split(".");
  return BigInt(whole!) * 1_000_000_000n + BigInt(frac.padEnd(9, "0").slice(0, 9));
}

type SplitRow = NonNullable<Awaited<ReturnType<ReadClient["epochSplit"]["findUnique"]>>>;

function splitDto(r: SplitRow, seed2024: boolean): EmissionSplitDto {
  const p = priceRao(r.price);
  const part = (key: EmissionPartDto["key"], label: string, amount: string): EmissionPartDto => ({ key, label, amount, tao: ((BigInt(amount) * p) / 1_000_000_000n).toString() });
  const parts = [
    part("owner", "Owner cut", r.ownerCut),
    part("miners", "Miners (incentive)", r.miners),
    ...(seed2024 ? [] : [part("burned", "Miners: owner's hotkeys (burned)", r.burnedIncentive)]),
    part("validatorTake", seed2024 ? "Validators: take (all of a non-delegate's)" : "Validators: take", r.validatorTake),
    part("nominators", "Validators: nominators", r.nominators),
    ...(seed2024 ? [] : [part("root", "Root dividends", r.root)]),
    part("unallocated", seed2024 ? "Not distributed" : "Not distributed", r.unallocated),
  ];
  return { unit: seed2024 ? "τ" : "α", price: r.price, emission: r.emission, ownerCut: r.ownerCut, parts };
}

/**
 * The distribution at `epoch`, or at the latest stored epoch. Unknown subnet or epoch:
 * NotFoundError. One snapshot row (a primary-key lookup and one JSON parse: measured faster than
 * materialising the epoch's 256 NeuronEpoch rows) and one split row.
 */
export async function getDistribution(db: ReadClient, netuid: number, epoch?: number): Promise<DistributionDto> {
  if (!(await subnetExists(db, netuid))) throw new NotFoundError(`no subnet ${netuid}`);
  const snap = await requireSnapshot<{ hotkeys: string[]; incentive: number[]; dividends: number[]; emissionValue?: string }>(db, netuid, epoch);
  const d = snap.data;
  // A seed2024 snapshot (subtensor v1.1.3) carries the subnet's per-block TAO emission.
  const seed2024 = d.emissionValue !== undefined;
  const split = await EPOCH_SPLITS.one(db, `WHERE "netuid" = ? AND "epoch" = ?`, [netuid, snap.epoch]);
  return {
    netuid,
    epoch: snap.epoch,
    block: snap.block.toString(),
    era: seed2024 ? "seed2024" : "dynamic",
    incentive: seriesOf("incentive", d.incentive, d.hotkeys),
    dividends: seriesOf("dividends", d.dividends, d.hotkeys),
    split: split ? splitDto(split, seed2024) : null,
  };
}
