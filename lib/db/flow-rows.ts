/**
 * The reward-flow aggregates kept as blocks are written (`FlowCum`, `FlowNetwork`): running
 * totals from genesis of every emission event's amounts, per subnet and network-wide. One row
 * per block for every subnet seen so far, so any range's totals are cum(to) − cum(from − 1):
 * two indexed lookups, never a scan of events. Pure: the store keeps the running totals and
 * writes the rows this returns.
 */
import type { Block } from "../chain/runtime/block";
import type { ChainState } from "../chain/runtime/state";

/** Cumulative columns of `FlowCum`, in table order after (blockNumber, netuid). */
export const FLOW_COLUMNS = [
  "taoIn",
  "taoBought",
  "taoRecycled",
  "alphaEmitted",
  "alphaRootRecycled",
  "epochEmission",
  "ownerCut",
  "incentive",
  "burnedIncentive",
  "take",
  "nominators",
  "rootDividends",
  "rootSoldAlpha",
  "rootSoldTao",
  "dropped",
  "drained",
] as const;
export type FlowColumn = (typeof FLOW_COLUMNS)[number];
export type FlowTotals = Record<FlowColumn, bigint> & { epochs: number };

export const zeroFlows = (): FlowTotals => ({ ...(Object.fromEntries(FLOW_COLUMNS.map((c) => [c, 0n])) as Record<FlowColumn, bigint>), epochs: 0 });

/** Running totals after some block: per netuid, and network-wide. */
export interface FlowTip {
  subnets: Map<number, FlowTotals>;
  blockEmission: bigint;
  minted: bigint;
}
export const emptyFlowTip = (): FlowTip => ({ subnets: new Map(), blockEmission: 0n, minted: 0n });

const big = (v: unknown): bigint => (v === undefined || v === null ? 0n : BigInt(String(v)));
const sumValues = (v: unknown): bigint => {
  let s = 0n;
  if (v && typeof v === "object") for (const x of Object.values(v as Record<string, unknown>)) s += big(x);
  return s;
};

/** The totals after `block`, from those before it (not mutated) and the block's events. */
export function nextFlowTip(prev: FlowTip, block: Block, state: ChainState): FlowTip {
  const subnets = new Map(prev.subnets);
  let { blockEmission, minted } = prev;
  const touched = new Map<number, FlowTotals>();
  const of = (netuid: number): FlowTotals => {
    let t = touched.get(netuid);
    if (!t) {
      t = { ...(subnets.get(netuid) ?? zeroFlows()) };
      touched.set(netuid, t);
      subnets.set(netuid, t);
    }
    return t;
  };
  for (const e of block.events) {
    const d = e.data as Record<string, unknown>;
    switch (e.name) {
      case "SubtensorModule.BlockEmission":
        blockEmission += big(d.blockEmission);
        minted += big(d.minted);
        break;
      case "SubtensorModule.SubnetEmission": {
        const t = of(Number(d.netuid));
        t.taoIn += big(d.taoIn);
        t.taoBought += big(d.excessSpent);
        t.taoRecycled += big(d.recycled);
        t.alphaEmitted += big(d.alphaOut);
        t.alphaRootRecycled += big(d.rootRecycled);
        break;
      }
      case "SubtensorModule.EpochDistributed": {
        const t = of(Number(d.netuid));
        t.epochEmission += big(d.emission);
        t.epochs += 1;
        if (typeof d.incentive === "object") {
          // dTAO: the epoch's whole distribution is in the event.
          t.ownerCut += big(d.ownerCut);
          t.incentive += sumValues(d.incentive);
          t.burnedIncentive += big(d.burnedIncentive);
          t.take += sumValues(d.take);
          t.nominators += sumValues(d.nominators);
          t.rootDividends += sumValues(d.rootDividends);
        }
        break;
      }
      case "SubtensorModule.RootDividendsPaid": {
        const t = of(Number(d.netuid));
        t.rootSoldAlpha += big(d.alpha);
        t.rootSoldTao += big(d.tao);
        break;
      }
      case "SubtensorModule.OwnerCutPaid": {
        // seed2024: paid (minted) every block.
        of(Number(d.netuid)).ownerCut += big(d.amount);
        minted += big(d.amount);
        break;
      }
      case "SubtensorModule.EmissionDrained": {
        const t = of(Number(d.netuid));
        t.drained += big(d.minted);
        t.incentive += big(d.incentive);
        t.take += big(d.take);
        t.nominators += big(d.nominators);
        minted += big(d.minted);
        break;
      }
      case "SubtensorModule.EpochDropped":
        of(Number(d.netuid)).dropped += big(d.pending);
        break;
    }
  }
  // Every subnet the chain holds gets a row from its first block on (zeros until it earns).
  for (const netuid of state.subnets.keys()) if (!subnets.has(netuid)) subnets.set(netuid, zeroFlows());
  for (const s of state.era2024?.subnets ?? []) if (!subnets.has(s.netuid)) subnets.set(s.netuid, zeroFlows());
  return { subnets, blockEmission, minted };
}

/** `FlowCum` rows of a tip at block `number`: one per netuid, cumulative. */
export function flowCumRows(number: bigint, tip: FlowTip): (string | number | bigint)[][] {
  return [...tip.subnets].sort(([a], [b]) => a - b).map(([netuid, t]) => [number, netuid, ...FLOW_COLUMNS.map((c) => t[c].toString()), t.epochs]);
}

/** A `FlowCum` row read back (text amounts) as totals. */
export function flowTotalsOf(row: Record<string, unknown>): FlowTotals {
  const t = zeroFlows();
  for (const c of FLOW_COLUMNS) t[c] = BigInt(String(row[c]));
  t.epochs = Number(row.epochs);
  return t;
}
