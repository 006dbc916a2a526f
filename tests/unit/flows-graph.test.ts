/**
 * Pure parts of the flows and tokenomics views: the halving projection against the spec's
 * figures (halvings every 10.5M blocks from zero issuance at 1 τ a block), the downsampling
 * grid, and the Sankey's "other" grouping keeping every node balanced.
 */
import { describe, expect, it } from "vitest";
import type { SubnetFlowsDto } from "@/lib/dto";
import { tauSankey } from "@/lib/flows-graph";
import { projectHalvings, samplePoints } from "@/lib/db/tokenomics";
import { expectBalanced } from "../helpers/flow-sums";

describe("halving projection", () => {
  it("from zero issuance: a halving every 10.5M blocks (10.5M, 15.75M, 18.375M ... TAO), dated at 12 s a block", () => {
    const m = projectHalvings(0n, 0n, 1_000n);
    const thresholds = ["10500000000000000", "15750000000000000", "18375000000000000", "19687500000000000"];
    for (let k = 1; k <= 9; k++) {
      expect(m[k - 1]!.k).toBe(k);
      expect(m[k - 1]!.block).toBe(String(10_500_000 * k));
      expect(m[k - 1]!.timestamp).toBe(String(1_000 + 10_500_000 * k * 12_000));
      expect(m[k - 1]!.emissionAfter).toBe(String(1_000_000_000n >> BigInt(k)));
    }
    expect(m.slice(0, 4).map((x) => x.threshold)).toEqual(thresholds);
    // The emission ends (reaches 0 rao) after about 30 halvings: the list is finite and ends there.
    expect(m.at(-1)!.emissionAfter).toBe("0");
    expect(m.length).toBeGreaterThanOrEqual(29);
    expect(m.length).toBeLessThanOrEqual(31);
  });

  it("from an issuance mid-way: the blocks left at 1 τ a block, then 0.5 τ", () => {
    const issuance = 6_254_373n * 1_000_000_000n + 17n; // 2024's issuance, plus some rao
    const m = projectHalvings(issuance, 4_000_000n, 0n);
    const left = (10_500_000n * 1_000_000_000n - issuance + 999_999_999n) / 1_000_000_000n;
    expect(m[0]!.block).toBe((4_000_000n + left).toString());
    const at = issuance + left * 1_000_000_000n;
    expect(m[1]!.block).toBe((4_000_000n + left + (15_750_000n * 1_000_000_000n - at + 499_999_999n) / 500_000_000n).toString());
  });
});

describe("downsampling grid", () => {
  it("at most N points, evenly spaced, ending at the head", () => {
    expect(samplePoints(0n, 100_000n, 120)).toEqual({ start: 100_000n - 841n * 118n, step: 841n });
    expect(samplePoints(0n, 10n, 120)).toEqual({ start: 0n, step: 1n });
    expect(samplePoints(5n, 5n, 120)).toEqual({ start: 5n, step: 1n });
    const { start, step } = samplePoints(0n, 100_000n, 120);
    expect((100_000n - start) / step + 1n).toBeLessThanOrEqual(120n);
  });
});

describe("τ Sankey grouping", () => {
  const subnet = (netuid: number, total: bigint): SubnetFlowsDto => ({
    netuid,
    epochs: 1,
    tau: { total: total.toString(), injected: (total / 3n).toString(), bought: (total - total / 3n - 1n).toString(), recycled: "1" },
    alpha: { emitted: "0", rootNotEmitted: "0", distributed: "0", ownerCut: "0", incentive: "0", burnedIncentive: "0", take: "0", nominators: "0", rootDividends: "0", rootSold: "0", rootSoldTao: "0", rootUnsold: "0", rounding: "0" },
    paid: { total: "0", ownerCut: "0", incentive: "0", take: "0", nominators: "0", dropped: "0" },
  });
  const subnets = [1, 2, 3, 4, 5].map((n) => subnet(n, BigInt(n) * 1_000_003n));
  const emission = subnets.reduce((a, s) => a + BigInt(s.tau.total), 0n) + 7n;
  const network = { blockEmission: emission.toString(), minted: "0", unallocated: "7" };

  it("keeps the top subnets, groups the rest as other, and every node still balances", () => {
    const g = tauSankey("dtao", network, subnets, 2);
    expect(g.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(["SN 5", "SN 4", "other (3 subnets)"]));
    expect(g.nodes.some((n) => n.label === "SN 1")).toBe(false);
    const other = g.nodes.findIndex((n) => n.id === "other");
    expect(g.links.find((l) => l.target === other)!.value).toBe(String((1n + 2n + 3n) * 1_000_003n));
    expectBalanced(g);
    expectBalanced(tauSankey("dtao", network, subnets));
    expect(g.links.filter((l) => l.source === 0).reduce((a, l) => a + BigInt(l.value), 0n)).toBe(emission);
  });
});
