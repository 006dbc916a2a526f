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

/** The sum of a per-account breakdown (`EpochDistributed.incentive`, ...). */
export const sumValues = (r: Readonly<Record<string, bigint>>): bigint => {
  let s = 0n;
  for (const x of Object.values(r)) s += x;
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
    switch (e.name) {
      case "SubtensorModule.BlockEmission":
        blockEmission += e.data.blockEmission;
        minted += e.data.minted;
        break;
      case "SubtensorModule.SubnetEmission": {
        const d = e.data;
        const t = of(d.netuid);
        t.taoIn += d.taoIn;
        t.taoBought += d.excessSpent;
        t.taoRecycled += d.recycled;
        t.alphaEmitted += d.alphaOut;
        t.alphaRootRecycled += d.rootRecycled;
        break;
      }
      case "SubtensorModule.EpochDistributed": {
        const d = e.data;
        const t = of(d.netuid);
        t.epochEmission += d.emission;
        t.epochs += 1;
        if ("incentive" in d) {
          // dTAO: the epoch's whole distribution is in the event.
          t.ownerCut += d.ownerCut;
          t.incentive += sumValues(d.incentive);
          t.burnedIncentive += d.burnedIncentive;
          t.take += sumValues(d.take);
          t.nominators += sumValues(d.nominators);
          t.rootDividends += sumValues(d.rootDividends);
        }
        break;
      }
      case "SubtensorModule.RootDividendsPaid": {
        const t = of(e.data.netuid);
        t.rootSoldAlpha += e.data.alpha;
        t.rootSoldTao += e.data.tao;
        break;
      }
      case "SubtensorModule.OwnerCutPaid": {
        // seed2024: paid (minted) every block.
        of(e.data.netuid).ownerCut += e.data.amount;
        minted += e.data.amount;
        break;
      }
      case "SubtensorModule.EmissionDrained": {
        const d = e.data;
        const t = of(d.netuid);
        t.drained += d.minted;
        t.incentive += d.incentive;
        t.take += d.take;
        t.nominators += d.nominators;
        minted += d.minted;
        break;
      }
      case "SubtensorModule.EpochDropped":
        of(e.data.netuid).dropped += e.data.pending;
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
