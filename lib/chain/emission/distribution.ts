/**
 * Distribution of a subnet's drained pending emission at its epoch (`distribute_emission`,
 * run_coinbase.rs), as a pure function: who gets what, in alpha rao. Spec:
 * reference/subtensor-spec.md §5.6. Child keys are not modelled yet: every hotkey keeps its own
 * dividends (step 3 of §5.6 is the identity).
 */
import { U96F32, fromInt, safeDiv, satAdd, satMul, satSub, toU64 } from "../math/fixed";
import type { EpochOutput } from "../consensus/epoch";

const ZERO = 0n;
const u96 = (v: bigint | number) => fromInt(U96F32, v);

export interface HotkeyStake {
  /** The hotkey's alpha stake on the subnet (rao). */
  alpha: bigint;
  /** The hotkey's root (TAO) stake (rao). */
  root: bigint;
}

/**
 * `calculate_dividend_distribution`: each hotkey's dividend splits into an alpha part and a
 * root part by `tao_weight·root / (alpha + tao_weight·root)`; the pending validator alpha is then
 * shared by alpha parts and the pending root alpha by root parts. U96F32 in and out.
 */
export function calculateDividendDistribution(
  pendingAlpha: bigint,
  pendingRootAlpha: bigint,
  taoWeight: bigint,
  stakes: ReadonlyMap<string, HotkeyStake>,
  dividends: ReadonlyMap<string, bigint>,
): { alpha: Map<string, bigint>; root: Map<string, bigint> } {
  const alphaDivs = new Map<string, bigint>();
  const rootDivs = new Map<string, bigint>();
  let totalAlpha = ZERO;
  let totalRoot = ZERO;
  for (const hotkey of [...dividends.keys()].sort()) {
    const stake = stakes.get(hotkey);
    if (!stake) continue;
    const d = dividends.get(hotkey)!;
    if (d === ZERO) {
      // Both parts are 0: the entries exist, the totals do not move.
      if (!alphaDivs.has(hotkey)) alphaDivs.set(hotkey, ZERO);
      if (!rootDivs.has(hotkey)) rootDivs.set(hotkey, ZERO);
      continue;
    }
    const rootWeighted = satMul(U96F32, u96(stake.root), taoWeight);
    const total = satAdd(U96F32, u96(stake.alpha), rootWeighted);
    const rootProp = total === ZERO ? ZERO : safeDiv(U96F32, rootWeighted, total);
    const rootPart = satMul(U96F32, d, rootProp);
    const alphaPart = satSub(U96F32, d, rootPart);
    alphaDivs.set(hotkey, satAdd(U96F32, alphaDivs.get(hotkey) ?? ZERO, alphaPart));
    rootDivs.set(hotkey, satAdd(U96F32, rootDivs.get(hotkey) ?? ZERO, rootPart));
    totalAlpha = satAdd(U96F32, totalAlpha, alphaPart);
    totalRoot = satAdd(U96F32, totalRoot, rootPart);
  }
  // A zero part's share is 0 (0 / total, times pending), so it is not computed.
  const share = (parts: Map<string, bigint>, total: bigint, pending: bigint) =>
    new Map([...parts].map(([h, part]) => [h, part === ZERO ? ZERO : satMul(U96F32, u96(pending), total === ZERO ? ZERO : safeDiv(U96F32, part, total))] as const));
  return { alpha: share(alphaDivs, totalAlpha, pendingAlpha), root: share(rootDivs, totalRoot, pendingRootAlpha) };
}

export interface NeuronOwner {
  hotkey: string;
  coldkey: string;
  /** `Delegates[hotkey]` take (u16 parts of 65535). */
  take: number;
}

export interface DistributionInput {
  /** The epoch run with `raoEmission = server + validator + root` pending alpha. */
  epoch: Pick<EpochOutput, "serverEmission" | "validatorEmission">;
  /** Per uid: its hotkey, the hotkey's owner coldkey and take. */
  neurons: readonly NeuronOwner[];
  stakes: ReadonlyMap<string, HotkeyStake>;
  pendingServer: bigint;
  pendingValidator: bigint;
  pendingRoot: bigint;
  pendingOwnerCut: bigint;
  /** `TaoWeight` as a U96F32 fraction. */
  taoWeight: bigint;
  /** The subnet owner's coldkey: incentive to any of its hotkeys is burned. */
  ownerColdkey: string | null;
  /** `SubnetOwnerHotkey`, also burned if it earns incentive. */
  ownerHotkey: string | null;
}

export interface Distribution {
  /** Miner incentive staked to (hotkey, its coldkey). */
  incentive: Map<string, bigint>;
  /** Incentive earned by the subnet owner's hotkeys, burned. */
  burnedIncentive: bigint;
  /** Per hotkey: the take staked to the hotkey's owner coldkey. */
  take: Map<string, bigint>;
  /** Per hotkey: alpha added to its share pool (all its nominators gain pro rata). */
  nominators: Map<string, bigint>;
  /** Per hotkey: root alpha after take, claimable by its root stakers. */
  rootClaimable: Map<string, bigint>;
  /** Owner cut, staked to the subnet owner. */
  ownerCut: bigint;
}

/** `distribute_emission`, steps 2–6 of §5.6. */
export function distributeEmission(d: DistributionInput): Distribution {
  const incentive = new Map<string, bigint>();
  let burnedIncentive = ZERO;
  let totalIncentive = ZERO;
  const dividends = new Map<string, bigint>();
  d.neurons.forEach((n, uid) => {
    const inc = d.epoch.serverEmission[uid] ?? ZERO;
    totalIncentive += inc;
    if (inc > ZERO) {
      if (n.coldkey === d.ownerColdkey || n.hotkey === d.ownerHotkey) burnedIncentive += inc;
      else incentive.set(n.hotkey, (incentive.get(n.hotkey) ?? ZERO) + inc);
    }
    const div = d.epoch.validatorEmission[uid] ?? ZERO;
    dividends.set(n.hotkey, satAdd(U96F32, dividends.get(n.hotkey) ?? ZERO, u96(div)));
  });
  // With no incentive at all, validators also receive the miners' half.
  const pendingValidator = totalIncentive === ZERO ? d.pendingValidator + d.pendingServer : d.pendingValidator;
  const split = calculateDividendDistribution(pendingValidator, d.pendingRoot, d.taoWeight, d.stakes, dividends);

  const takes = new Map(d.neurons.map((n) => [n.hotkey, n.take]));
  const fractions = new Map<number, bigint>();
  const takeOf = (hotkey: string): bigint => {
    const t = takes.get(hotkey);
    if (t === undefined) return ZERO;
    let f = fractions.get(t);
    if (f === undefined) fractions.set(t, (f = safeDiv(U96F32, u96(t), u96(65535))));
    return f;
  };
  const take = new Map<string, bigint>();
  const nominators = new Map<string, bigint>();
  const rootClaimable = new Map<string, bigint>();
  // A zero amount's cut and remainder are 0.
  for (const [hotkey, alpha] of split.alpha) {
    const cut = alpha === ZERO ? ZERO : satMul(U96F32, alpha, takeOf(hotkey));
    take.set(hotkey, toU64(U96F32, cut));
    nominators.set(hotkey, alpha === ZERO ? ZERO : toU64(U96F32, satSub(U96F32, alpha, cut)));
  }
  for (const [hotkey, root] of split.root) {
    const cut = root === ZERO ? ZERO : satMul(U96F32, root, takeOf(hotkey));
    take.set(hotkey, (take.get(hotkey) ?? ZERO) + toU64(U96F32, cut));
    rootClaimable.set(hotkey, root === ZERO ? ZERO : toU64(U96F32, satSub(U96F32, root, cut)));
  }
  return { incentive, burnedIncentive, take, nominators, rootClaimable, ownerCut: d.pendingOwnerCut };
}
