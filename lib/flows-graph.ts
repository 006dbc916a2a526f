/**
 * Sankey graphs of the reward flows, built from a range's per-subnet totals (pure; the API and
 * the page share it). Every node's inflow equals the sum of its outflows by construction: a
 * remainder (rounding, unallocated) is a node of its own, never dropped. τ and α are never
 * summed: the τ graph carries TAO only, each α graph one subnet's alpha only.
 */
import type { FlowsDto, SankeyDto, SubnetFlowsDto } from "./dto";

class Graph {
  nodes: SankeyDto["nodes"] = [];
  links: SankeyDto["links"] = [];
  private index = new Map<string, number>();
  node(id: string, label: string, unit: "τ" | "α"): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.nodes.length;
      this.index.set(id, i);
      this.nodes.push({ id, label, unit });
    }
    return i;
  }
  link(source: number, target: number, value: bigint): void {
    if (value > 0n) this.links.push({ source, target, value: value.toString() });
  }
  done(): SankeyDto {
    // Keep only nodes that carry a flow (a subnet that earned nothing has no node).
    const used = new Set(this.links.flatMap((l) => [l.source, l.target]));
    const map = new Map<number, number>();
    const nodes = this.nodes.filter((_, i) => used.has(i) && map.set(i, map.size));
    return { nodes, links: this.links.map((l) => ({ ...l, source: map.get(l.source)!, target: map.get(l.target)! })) };
  }
}

const b = (s: string) => BigInt(s);
const subnetLabel = (netuid: number | "other", n?: number) => (netuid === "other" ? `other (${n} subnets)` : `SN ${netuid}`);

/** Subnets merged into one "other" entry by summing every amount (same units: τ with τ). */
function mergeTau(list: SubnetFlowsDto[]): { tau: SubnetFlowsDto["tau"]; paid: SubnetFlowsDto["paid"] } {
  const sum = <T extends Record<string, string>>(pick: (s: SubnetFlowsDto) => T): T => {
    const out: Record<string, bigint> = {};
    for (const s of list) for (const [k, v] of Object.entries(pick(s))) out[k] = (out[k] ?? 0n) + BigInt(v);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toString()])) as T;
  };
  return { tau: sum((s) => s.tau), paid: sum((s) => s.paid) };
}

/** A subnet's weight in the τ graph (what it received). */
export const subnetInflow = (era: FlowsDto["era"], s: SubnetFlowsDto): bigint => b(era === "dtao" ? s.tau.total : s.paid.total);

/**
 * The τ graph. dTAO: block emission → each subnet → injected into its pool / spent buying α for
 * the protocol / recycled, plus the unallocated remainder. seed2024: emission paid → each subnet
 * → owner cut / miner incentive / validator take / nominators / dropped. With `top`, subnets
 * beyond the `top` largest are grouped as "other".
 */
export function tauSankey(era: FlowsDto["era"], network: FlowsDto["network"], subnets: SubnetFlowsDto[], top = Infinity): SankeyDto {
  const g = new Graph();
  const sorted = [...subnets].sort((x, y) => {
    const d = subnetInflow(era, y) - subnetInflow(era, x);
    return d > 0n ? 1 : d < 0n ? -1 : x.netuid - y.netuid;
  });
  const kept = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const groups: { id: string; label: string; tau: SubnetFlowsDto["tau"]; paid: SubnetFlowsDto["paid"] }[] = kept.map((s) => ({ id: `sn${s.netuid}`, label: subnetLabel(s.netuid), tau: s.tau, paid: s.paid }));
  if (rest.length === 1) groups.push({ id: `sn${rest[0]!.netuid}`, label: subnetLabel(rest[0]!.netuid), tau: rest[0]!.tau, paid: rest[0]!.paid });
  else if (rest.length > 1) groups.push({ id: "other", label: subnetLabel("other", rest.length), ...mergeTau(rest) });
  if (era === "dtao") {
    const root = g.node("emission", "Block emission", "τ");
    for (const s of groups) {
      const n = g.node(s.id, s.label, "τ");
      g.link(root, n, b(s.tau.total));
      g.link(n, g.node("injected", "Injected into pools", "τ"), b(s.tau.injected));
      g.link(n, g.node("bought", "Bought α for the protocol", "τ"), b(s.tau.bought));
      g.link(n, g.node("recycled", "Recycled (not minted)", "τ"), b(s.tau.recycled));
    }
    g.link(root, g.node("unallocated", "Not allocated to a subnet (not minted)", "τ"), b(network.unallocated));
  } else {
    const root = g.node("emission", "Emission paid", "τ");
    const validators = g.node("validators", "Validator dividends", "τ");
    for (const s of groups) {
      const n = g.node(s.id, s.label, "τ");
      g.link(root, n, b(s.paid.total));
      g.link(n, g.node("owner", "Owner cut", "τ"), b(s.paid.ownerCut));
      g.link(n, g.node("incentive", "Miner incentive", "τ"), b(s.paid.incentive));
      g.link(n, validators, b(s.paid.take) + b(s.paid.nominators));
      g.link(n, g.node("dropped", "Dropped epochs (not minted)", "τ"), b(s.paid.dropped));
    }
    const total = (k: "take" | "nominators") => subnets.reduce((a, s) => a + b(s.paid[k]), 0n);
    g.link(validators, g.node("take", "Take (hotkey owner)", "τ"), total("take"));
    g.link(validators, g.node("nominators", "Nominators", "τ"), total("nominators"));
  }
  return g.done();
}

/**
 * One subnet's α graph (dTAO): α its epochs distributed → owner cut / miner incentive /
 * incentive burned / validator dividends (→ take, nominators) / root dividends (→ sold for τ,
 * unsold) / rounding.
 */
export function alphaSankey(s: SubnetFlowsDto): SankeyDto {
  const g = new Graph();
  const a = s.alpha;
  const root = g.node("distributed", `SN ${s.netuid} α distributed`, "α");
  g.link(root, g.node("owner", "Owner cut", "α"), b(a.ownerCut));
  g.link(root, g.node("incentive", "Miner incentive", "α"), b(a.incentive));
  g.link(root, g.node("burned", "Incentive burned (owner hotkeys)", "α"), b(a.burnedIncentive));
  const v = g.node("validators", "Validator dividends", "α");
  g.link(root, v, b(a.take) + b(a.nominators));
  g.link(v, g.node("take", "Take (hotkey owner)", "α"), b(a.take));
  g.link(v, g.node("nominators", "Nominators (share pools)", "α"), b(a.nominators));
  const r = g.node("root", "Root dividends", "α");
  g.link(root, r, b(a.rootDividends));
  g.link(r, g.node("sold", `Sold for ${formatTao(a.rootSoldTao)} τ (to root stakers)`, "α"), b(a.rootSold));
  g.link(r, g.node("unsold", "Unsold (burned)", "α"), b(a.rootUnsold));
  g.link(root, g.node("rounding", "Undistributed (no root stake; rounding)", "α"), b(a.rounding));
  return g.done();
}

function formatTao(rao: string): string {
  const v = BigInt(rao);
  return `${v / 1_000_000_000n}.${(v % 1_000_000_000n).toString().padStart(9, "0")}`;
}
