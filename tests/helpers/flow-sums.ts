/**
 * The tests' own arithmetic over stored emission events (independent of lib/db/flows.ts): read
 * the Event rows of a block range and add their amounts per subnet.
 */
import { expect } from "vitest";
import type { SqlChainStore } from "@/lib/db/store";
import type { SankeyDto } from "@/lib/dto";

type Ev = { blockNumber: bigint; name: string; data: Record<string, unknown> };

/** The stored events of blocks [from, to], read directly. */
export async function eventsOf(store: SqlChainStore, from: bigint, to: bigint): Promise<Ev[]> {
  const rows = await store.sql.query<{ blockNumber: bigint; name: string; data: string }>(`SELECT "blockNumber", "name", "data" FROM "Event" WHERE "blockNumber" >= ? AND "blockNumber" <= ? ORDER BY "blockNumber", "index"`, [from, to]);
  return rows.map((r) => ({ blockNumber: BigInt(r.blockNumber), name: r.name, data: JSON.parse(r.data) as Record<string, unknown> }));
}

const n = (v: unknown) => BigInt(String(v ?? "0"));
const sumRecord = (v: unknown) => Object.values((v ?? {}) as Record<string, string>).reduce((a, x) => a + BigInt(x), 0n);

/** Per netuid, the test's own sums of the event amounts. */
export function sumEvents(events: Ev[]) {
  const per = new Map<number, Record<string, bigint>>();
  const at = (netuid: unknown) => {
    const k = Number(netuid);
    if (!per.has(k)) per.set(k, {});
    return per.get(k)!;
  };
  const add = (o: Record<string, bigint>, k: string, v: bigint) => (o[k] = (o[k] ?? 0n) + v);
  let blockEmission = 0n;
  let minted = 0n;
  let epochs = 0;
  for (const e of events) {
    const d = e.data;
    if (e.name === "SubtensorModule.BlockEmission") {
      blockEmission += n(d.blockEmission);
      minted += n(d.minted);
    } else if (e.name === "SubtensorModule.SubnetEmission") {
      const o = at(d.netuid);
      add(o, "taoIn", n(d.taoIn));
      add(o, "excessSpent", n(d.excessSpent));
      add(o, "recycled", n(d.recycled));
      add(o, "alphaOut", n(d.alphaOut));
    } else if (e.name === "SubtensorModule.EpochDistributed") {
      const o = at(d.netuid);
      epochs++;
      add(o, "emission", n(d.emission));
      add(o, "ownerCut", n(d.ownerCut));
      add(o, "incentive", sumRecord(d.incentive));
      add(o, "burned", n(d.burnedIncentive));
      add(o, "take", sumRecord(d.take));
      add(o, "nominators", sumRecord(d.nominators));
      add(o, "root", sumRecord(d.rootDividends));
    } else if (e.name === "SubtensorModule.RootDividendsPaid") {
      add(at(d.netuid), "rootSold", n(d.alpha));
    } else if (e.name === "SubtensorModule.OwnerCutPaid") {
      add(at(d.netuid), "ownerCut", n(d.amount));
      minted += n(d.amount);
    } else if (e.name === "SubtensorModule.EmissionDrained") {
      const o = at(d.netuid);
      add(o, "drained", n(d.minted));
      add(o, "incentive", n(d.incentive));
      add(o, "take", n(d.take));
      add(o, "nominators", n(d.nominators));
      minted += n(d.minted);
    } else if (e.name === "SubtensorModule.EpochDropped") add(at(d.netuid), "dropped", n(d.pending));
  }
  return { per, blockEmission, minted, epochs };
}

/** Every node of a Sankey: inflow = Σ outflows wherever it has both; and no zero or negative link. */
export function expectBalanced(g: SankeyDto) {
  const inflow = new Map<number, bigint>();
  const outflow = new Map<number, bigint>();
  for (const l of g.links) {
    expect(BigInt(l.value)).toBeGreaterThan(0n);
    inflow.set(l.target, (inflow.get(l.target) ?? 0n) + BigInt(l.value));
    outflow.set(l.source, (outflow.get(l.source) ?? 0n) + BigInt(l.value));
  }
  for (const [node, out] of outflow) if (inflow.has(node)) expect({ node: g.nodes[node]!.label, out }).toEqual({ node: g.nodes[node]!.label, out: inflow.get(node) });
  // One unit per graph.
  expect(new Set(g.nodes.map((x) => x.unit)).size).toBeLessThanOrEqual(1);
}

export const link = (g: SankeyDto, from: string, to: string) => {
  const l = g.links.find((x) => g.nodes[x.source]!.id === from && g.nodes[x.target]!.id === to);
  return l ? BigInt(l.value) : 0n;
};

