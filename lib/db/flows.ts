/**
 * Reward flows over a block range, from the cumulative aggregates the store keeps
 * (`FlowCum`, `FlowNetwork`, lib/db/flow-rows.ts): totals = cum(to) − cum(from − 1), read with
 * one indexed lookup per end (every subnet has a row at every block from its first on).
 */
import type { FlowsDto, SubnetFlowsDto } from "../dto";
import { alphaSankey, tauSankey } from "../flows-graph";
import { FLOW_COLUMNS, type FlowTotals, flowTotalsOf, zeroFlows } from "./flow-rows";
import type { PresetName } from "../chain/runtime/state";
import type { Era, Rules } from "../chain/eras/era";
import { rulesOf } from "../chain/eras/presets";
import type { ReadClient } from "./prisma";

export const DAY_BLOCKS = 7200n;
export const WEEK_BLOCKS = 7n * DAY_BLOCKS;
export const DEFAULT_FLOW_BLOCKS = 360n;
export type FlowRange = "tempo" | "day" | "week" | "all";

/** The stored genesis spec's text per client, once the genesis exists (it never changes). */
const specTexts = new WeakMap<ReadClient, string>();

/** The genesis spec as stored (table Meta, key genesisSpec), or null before the genesis; read once per client. */
export async function genesisSpecText(db: ReadClient): Promise<string | null> {
  const known = specTexts.get(db);
  if (known !== undefined) return known;
  const [row] = await db.sql.query<{ value: string }>(`SELECT "value" FROM "Meta" WHERE "key" = 'genesisSpec'`);
  if (row) specTexts.set(db, row.value);
  return row?.value ?? null;
}

/** The chain's preset, from its genesis spec. */
export async function presetOf(db: ReadClient): Promise<PresetName> {
  const text = await genesisSpecText(db);
  return text === null ? "mainnet" : ((JSON.parse(text) as { preset?: PresetName }).preset ?? "mainnet");
}

/** The chain's rules (era and parameters), from its genesis spec's preset. */
export async function chainRules(db: ReadClient): Promise<Rules> {
  return rulesOf(await presetOf(db));
}

export async function chainEra(db: ReadClient): Promise<Era["name"]> {
  return (await chainRules(db)).era.name;
}

export async function headNumber(db: ReadClient): Promise<bigint> {
  const [row] = await db.sql.query<{ head: unknown }>(`SELECT MAX("number") AS "head" FROM "Block"`);
  return row?.head === null || row?.head === undefined ? -1n : BigInt(row.head as bigint);
}

/** The longest subnet tempo (a "tempo" range covers one epoch of every subnet). */
async function longestTempo(db: ReadClient): Promise<bigint> {
  const s = await db.subnet.findFirst({ orderBy: { tempo: "desc" }, select: { tempo: true } });
  return BigInt(s?.tempo ?? 360);
}

/**
 * The block range [from, to] a request names: a preset range ending at the head (clamped at
 * block 1), or explicit bounds, which must satisfy from ≤ to ≤ head (400 otherwise). The
 * default is the last 360 blocks. Errors are RangeErrors (the API answers 400).
 */
export async function resolveFlowRange(db: ReadClient, q: { range?: FlowRange; from?: bigint; to?: bigint }): Promise<{ from: bigint; to: bigint; head: bigint; range: FlowRange | null }> {
  const head = await headNumber(db);
  if (head < 0n) throw new RangeError("the chain has no blocks yet");
  if (q.range !== undefined && (q.from !== undefined || q.to !== undefined)) throw new RangeError("range cannot be combined with from/to");
  if (q.to !== undefined && q.to > head) throw new RangeError(`to must be at most the head block ${head}, got "${q.to}"`);
  const to = q.to ?? head;
  if (q.from !== undefined && q.from > to) throw new RangeError(`from must be at most to (${to}), got "${q.from}"`);
  const lowest = head === 0n ? 0n : 1n;
  const last = (n: bigint) => (to - n + 1n > lowest ? to - n + 1n : lowest);
  if (q.from !== undefined) return { from: q.from, to, head, range: null };
  switch (q.range) {
    case "tempo":
      return { from: last(await longestTempo(db)), to, head, range: "tempo" };
    case "day":
      return { from: last(DAY_BLOCKS), to, head, range: "day" };
    case "week":
      return { from: last(WEEK_BLOCKS), to, head, range: "week" };
    case "all":
      return { from: 0n, to, head, range: "all" };
    default:
      return { from: last(DEFAULT_FLOW_BLOCKS), to, head, range: null };
  }
}

type CumRow = Record<string, unknown> & { netuid: number };

/** Every subnet's cumulative totals stored at `block` (none before genesis). */
export async function cumAt(db: ReadClient, block: bigint): Promise<Map<number, FlowTotals>> {
  if (block < 0n) return new Map();
  const rows = (await db.flowCum.findMany({ where: { blockNumber: block } })) as unknown as CumRow[];
  return new Map(rows.map((r) => [r.netuid, flowTotalsOf(r)]));
}

const diff = (a: FlowTotals, b: FlowTotals): FlowTotals => {
  const out = zeroFlows();
  for (const c of FLOW_COLUMNS) out[c] = a[c] - b[c];
  out.epochs = a.epochs - b.epochs;
  return out;
};

/** A subnet's range totals as the DTO states them (the remainders computed, never dropped). */
export function subnetFlows(netuid: number, t: FlowTotals): SubnetFlowsDto {
  const s = (v: bigint) => v.toString();
  const distributed = t.epochEmission + t.ownerCut;
  const paidOut = t.ownerCut + t.incentive + t.burnedIncentive + t.take + t.nominators + t.rootDividends;
  return {
    netuid,
    epochs: t.epochs,
    tau: { total: s(t.taoIn + t.taoBought + t.taoRecycled), injected: s(t.taoIn), bought: s(t.taoBought), recycled: s(t.taoRecycled) },
    alpha: {
      emitted: s(t.alphaEmitted),
      rootNotEmitted: s(t.alphaRootRecycled),
      distributed: s(distributed),
      ownerCut: s(t.ownerCut),
      incentive: s(t.incentive),
      burnedIncentive: s(t.burnedIncentive),
      take: s(t.take),
      nominators: s(t.nominators),
      rootDividends: s(t.rootDividends),
      rootSold: s(t.rootSoldAlpha),
      rootSoldTao: s(t.rootSoldTao),
      rootUnsold: s(t.rootDividends - t.rootSoldAlpha),
      rounding: s(distributed - paidOut),
    },
    paid: { total: s(t.ownerCut + t.drained + t.dropped), ownerCut: s(t.ownerCut), incentive: s(t.incentive), take: s(t.take), nominators: s(t.nominators), dropped: s(t.dropped) },
  };
}

/** The reward flows of blocks [from, to] (both stored; the caller resolved the range). */
export async function getFlows(db: ReadClient, r: { from: bigint; to: bigint; head: bigint; range: FlowRange | null }): Promise<FlowsDto> {
  const [rules, end, start, netEnd, netStart] = await Promise.all([
    chainRules(db),
    cumAt(db, r.to),
    cumAt(db, r.from - 1n),
    db.flowNetwork.findUnique({ where: { blockNumber: r.to } }),
    r.from > 0n ? db.flowNetwork.findUnique({ where: { blockNumber: r.from - 1n } }) : null,
  ]);
  const subnets = [...end].sort(([a], [b]) => a - b).map(([netuid, t]) => subnetFlows(netuid, diff(t, start.get(netuid) ?? zeroFlows())));
  const net = (k: "blockEmission" | "minted") => BigInt(netEnd?.[k] ?? "0") - BigInt(netStart?.[k] ?? "0");
  const blockEmission = net("blockEmission");
  const allocated = subnets.reduce((a, s) => a + BigInt(s.tau.total), 0n);
  const { name: era, traits } = rules.era;
  // With pools, what the block emission did not inject is unallocated; v1.1.3 mints only what it pays.
  const network = { blockEmission: blockEmission.toString(), minted: net("minted").toString(), unallocated: (traits.pools ? blockEmission - allocated : 0n).toString() };
  return {
    era,
    from: r.from.toString(),
    to: r.to.toString(),
    head: r.head.toString(),
    range: r.range,
    network,
    subnets,
    tau: tauSankey(era, network, subnets),
    alpha: traits.pools ? subnets.map((s) => ({ netuid: s.netuid, sankey: alphaSankey(s) })) : [],
  };
}
