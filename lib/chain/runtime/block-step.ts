/**
 * The block step that subtensor runs in `on_initialize` (`coinbase/block_step.rs`, spec §5),
 * in its order: registration price decay, the block emission by issuance, the coinbase (TAO
 * split across subnets by moving price, injection into each pool with its cap, excess TAO
 * buying alpha, alpha emission split into the pending accumulators), then the moving prices.
 *
 * Epochs run at each subnet's tempo (§3.1) and distribute the drained pending emission through
 * the consensus core (§5.6): miner incentive staked to the miner's coldkey (burned for the
 * owner's hotkeys), dividends split into alpha and root parts by each validator's stake mix,
 * the alpha part less the hotkey's take raising the hotkey's share pool, the root part paid
 * into root stake (root.ts), the take and the owner cut staked to their coldkeys. The root
 * proportion of each subnet caps its injection and sizes its root alpha.
 *
 * Not yet here: child keys (every hotkey keeps its own stake and dividends).
 */
import { blockEmissionForIssuance } from "../emission/block-emission";
import { rootSellFlag, splitAlphaOut, subnetShares, subnetTaoEmissions, subnetTerms, updateMovingPrice } from "../emission/coinbase";
import { type EpochInput, runEpoch, taoWeightFraction } from "../consensus/epoch";
import { u16MatrixToRows } from "../consensus/u16-matrix";
import { distributeEmission } from "../emission/distribution";
import { I96F32, U64F64, U64_MAX, U96F32, convert, fromInt, safeDiv, toU64 } from "../math/fixed";
import { EMPTY_POOL, type SharePool, updateValueForAll, updateValueForOne } from "../staking/share-pool";
import { BalancerError, quoteWeightAfterAdding } from "../swap/balancer";
import { MAX_PRICE_RAO, SwapError, currentPrice, limitPriceFromRao, swap } from "../swap/swap";
import { InvariantError } from "../errors";
import type { Emit } from "./events";
import { paramsOf } from "./params";
import { type ChainState, type Subnet, setIssuance, setSubnet } from "./state";
import { takeOf } from "./staking";
import { onInitializeSubnets } from "./subnets";
import { commitExpired, epochDue, epochParamsOf } from "./schedule";
import { payRootDividends, rootProportion as rootProportionOf, rootStakeOf } from "./root";


/**
 * Told of each epoch the block step runs, with the exact input it gave the consensus core (for
 * the explorer's epoch explainer; the engine keeps nothing of it). `epoch` is the subnet's epoch
 * counter after the epoch, the number its metagraph snapshot is stored under.
 */
export type EpochObserver = (netuid: number, epoch: number, input: EpochInput) => void;

/** `get_subnets_to_emit_to`: started subnets that allow registration, in netuid order. */
export function emittingSubnets(state: ChainState): Subnet[] {
  return [...state.subnets.values()].filter((s) => s.firstEmissionBlock !== null && s.registrationAllowed).sort((a, b) => a.netuid - b.netuid);
}

/** What the coinbase did to one subnet in one block (rao). */
export interface SubnetCoinbase {
  netuid: number;
  taoIn: bigint;
  alphaIn: bigint;
  excessTao: bigint;
  alphaBought: bigint;
  /** TAO of this subnet's emission that was not minted (injection refused, swap unfilled). */
  recycled: bigint;
  alphaOut: bigint;
}

/** Inject TAO and alpha into the pool keeping its price, or refuse when the weights would leave range. */
function inject(subnet: Subnet, taoIn: bigint, alphaIn: bigint): Subnet | null {
  const { pool } = subnet;
  try {
    const quoteWeight = quoteWeightAfterAdding(pool.quoteWeight, pool.taoReserve, pool.alphaReserve, taoIn, alphaIn);
    return { ...subnet, pool: { taoReserve: pool.taoReserve + taoIn, alphaReserve: pool.alphaReserve + alphaIn, quoteWeight } };
  } catch (e) {
    if (e instanceof BalancerError) return null;
    throw e;
  }
}

/** `run_coinbase` for this block: mints at most the block emission. */
export function runCoinbase(state: ChainState, emit: Emit): SubnetCoinbase[] {
  const p = paramsOf(state);
  const subnets = emittingSubnets(state);
  if (subnets.length === 0) return [];
  const blockEmission = blockEmissionForIssuance(state.totalIssuance);
  const shares = subnetShares(subnets.map((s) => ({ movingPrice: convert(I96F32, U64F64, s.movingPrice), minerBurned: s.minerBurned, emissionEnabled: s.emissionEnabled })));
  const taoEmissions = subnetTaoEmissions(blockEmission, shares);
  const rootSell = rootSellFlag(subnets.map((s) => convert(I96F32, U64F64, s.movingPrice)));
  const results: SubnetCoinbase[] = [];
  let minted = 0n;
  subnets.forEach((original, i) => {
    let subnet = original;
    const rootProportion = rootProportionOf(state, original);
    const alphaEmission = blockEmissionForIssuance(subnet.pool.alphaReserve + subnet.alphaOut);
    const price = convert(U64F64, U96F32, currentPrice(subnet.pool));
    const terms = subnetTerms({ taoEmission: taoEmissions[i]!, alphaEmission, price, rootProportion });
    let taoIn = toU64(U96F32, terms.taoIn);
    let alphaIn = toU64(U96F32, terms.alphaIn);
    let recycled = 0n;
    if (taoIn > 0n || alphaIn > 0n) {
      const injected = inject(subnet, taoIn, alphaIn);
      if (injected) subnet = injected;
      else {
        recycled += taoIn;
        taoIn = 0n;
        alphaIn = 0n;
      }
    }
    // TAO that could not be injected buys alpha for the protocol, without a fee.
    const excessTao = toU64(U96F32, terms.excessTao);
    let alphaBought = 0n;
    let excessSpent = 0n;
    if (excessTao > 0n) {
      try {
        const r = swap(subnet.pool, "buy", excessTao, limitPriceFromRao(MAX_PRICE_RAO), undefined, true);
        alphaBought = r.amountPaidOut;
        excessSpent = r.amountPaidIn;
        subnet = { ...subnet, pool: { ...subnet.pool, taoReserve: subnet.pool.taoReserve + excessSpent, alphaReserve: subnet.pool.alphaReserve - alphaBought } };
      } catch (e) {
        if (!(e instanceof SwapError)) throw e;
      }
      recycled += excessTao - excessSpent;
    }
    // Alpha emission is minted outside the pool and split into the pending accumulators.
    const split = splitAlphaOut(fromInt(U96F32, alphaEmission), p.ownerCut, true, rootProportion, rootSell);
    const pending = {
      server: subnet.pending.server + split.server,
      validator: subnet.pending.validator + split.validator,
      ownerCut: subnet.pending.ownerCut + split.ownerCut,
      root: subnet.pending.root + (rootSell ? split.rootAlpha : 0n),
    };
    const rootRecycled = rootSell ? 0n : split.rootAlpha;
    subnet = {
      ...subnet,
      alphaOut: subnet.alphaOut + alphaBought + alphaEmission - rootRecycled,
      protocolAlpha: subnet.protocolAlpha + alphaBought,
      pending,
    };
    setSubnet(state, subnet);
    minted += taoIn + excessSpent;
    const result = { netuid: subnet.netuid, taoIn, alphaIn, excessTao, alphaBought, recycled, alphaOut: alphaEmission };
    results.push(result);
    // excessSpent: the excess TAO the swap took (minted); rootRecycled: root alpha not emitted (no root sell).
    emit("SubtensorModule.SubnetEmission", { ...result, excessSpent, rootRecycled });
  });
  if (minted > blockEmission) throw new InvariantError(`coinbase minted ${minted} rao, above the block emission of ${blockEmission}`);
  setIssuance(state, state.totalIssuance + minted);
  emit("SubtensorModule.BlockEmission", { blockEmission, minted, issuance: state.totalIssuance });
  return results;
}

/** `update_moving_prices`: every subnet's price EMA moves toward its spot price (capped at 1). */
export function updateMovingPrices(state: ChainState, block: bigint): void {
  const p = paramsOf(state);
  for (const subnet of [...state.subnets.values()]) {
    const movingPrice = updateMovingPrice({
      moving: subnet.movingPrice,
      spotPrice: currentPrice(subnet.pool),
      block,
      firstEmissionBlock: subnet.firstEmissionBlock ?? 0n,
      movingAlpha: p.movingAlpha,
      halvingBlocks: p.emaPriceHalvingBlocks,
    });
    if (movingPrice !== subnet.movingPrice) setSubnet(state, { ...subnet, movingPrice });
  }
}

/** Per uid, the block of its earliest unexpired weight commit (`u64::MAX` for none), as the epoch about to run sees it. */
function commitBlocksOf(subnet: Subnet): bigint[] {
  const epoch = subnet.epochIndex + 1;
  return subnet.neurons.map((x) => {
    let earliest = U64_MAX;
    for (const c of subnet.commits[x.hotkey] ?? []) if (!commitExpired(subnet, c, epoch) && c.block < earliest) earliest = c.block;
    return earliest;
  });
}

/** Run one subnet's epoch over its pending emission and distribute the result. */
export function runSubnetEpoch(state: ChainState, subnet: Subnet, block: bigint, emit: Emit, onEpoch?: EpochObserver): void {
  const p = paramsOf(state);
  const { neurons, pending } = subnet;
  const alphaStake = neurons.map((x) => subnet.stake[x.hotkey]?.value ?? 0n);
  const taoStake = neurons.map((x) => rootStakeOf(state, x.hotkey));
  const ownerUid = neurons.findIndex((x) => x.hotkey === subnet.ownerHotkey);
  const raoEmission = pending.server + pending.validator + pending.root;
  const input: EpochInput = {
    block,
    params: epochParamsOf(subnet, p),
    alphaStake,
    taoStake,
    lastUpdate: neurons.map((x) => x.lastUpdate),
    blockAtRegistration: neurons.map((x) => x.registeredAt),
    validatorPermit: neurons.map((x) => x.validatorPermit),
    weights: neurons.map((x) => x.weights),
    bonds: neurons.map((x) => x.bonds),
    ownerUid: ownerUid < 0 ? null : ownerUid,
    ...(subnet.hyper.commitReveal ? { commitBlocks: commitBlocksOf(subnet) } : {}),
    lastMechanismStepBlock: subnet.lastMechanismStepBlock,
    raoEmission,
  };
  const out = runEpoch(input);
  onEpoch?.(subnet.netuid, subnet.epochIndex + 1, input);
  const dist = distributeEmission({
    epoch: out,
    neurons: neurons.map((x) => ({ hotkey: x.hotkey, coldkey: x.coldkey, take: takeOf(state, x.hotkey) })),
    stakes: new Map(neurons.map((x, uid) => [x.hotkey, { alpha: alphaStake[uid]!, root: taoStake[uid]! }])),
    pendingServer: pending.server,
    pendingValidator: pending.validator,
    pendingRoot: pending.root,
    pendingOwnerCut: pending.ownerCut,
    taoWeight: taoWeightFraction(p.taoWeight),
    ownerColdkey: subnet.owner,
    ownerHotkey: subnet.ownerHotkey,
  });

  const stake: Record<string, SharePool> = { ...subnet.stake };
  const coldkeyOf = (hotkey: string) => state.hotkeyOwner.get(hotkey)!;
  const stakeTo = (hotkey: string, coldkey: string, amount: bigint) => {
    if (amount > 0n) stake[hotkey] = updateValueForOne(stake[hotkey] ?? EMPTY_POOL, coldkey, amount).pool;
  };
  for (const [hotkey, amount] of dist.incentive) stakeTo(hotkey, coldkeyOf(hotkey), amount);
  for (const [hotkey, amount] of dist.take) stakeTo(hotkey, coldkeyOf(hotkey), amount);
  for (const [hotkey, amount] of dist.nominators) if (amount > 0n) stake[hotkey] = updateValueForAll(stake[hotkey] ?? EMPTY_POOL, amount);
  stakeTo(subnet.ownerHotkey, subnet.owner, dist.ownerCut);
  const totalIncentive = out.serverEmission.reduce((a, x) => a + x, 0n);
  const bonds = u16MatrixToRows(out.bonds);
  const next: Subnet = {
    ...subnet,
    stake,
    alphaOut: subnet.alphaOut - dist.burnedIncentive,
    minerBurned: safeDiv(U64F64, fromInt(U64F64, dist.burnedIncentive), fromInt(U64F64, totalIncentive)),
    pending: { server: 0n, validator: 0n, ownerCut: 0n, root: 0n },
    neurons: neurons.map((x, uid) => ({
      ...x,
      active: out.active[uid]!,
      consensus: out.consensus[uid]!,
      incentive: out.incentive[uid]!,
      dividends: out.dividends[uid]!,
      validatorTrust: out.validatorTrust[uid]!,
      validatorPermit: out.newValidatorPermit[uid]!,
      bonds: bonds[uid] ?? [],
      emission: out.emission[uid]!,
    })),
    lastEpochBlock: block,
    pendingEpochAt: 0n,
    epochIndex: subnet.epochIndex + 1,
    lastMechanismStepBlock: block,
  };
  setSubnet(state, dist.rootClaimable.size > 0 ? payRootDividends(state, next, dist.rootClaimable, emit) : next);
  const record = (m: Map<string, bigint>): Record<string, bigint> => {
    const out: Record<string, bigint> = {};
    for (const [k, v] of m) if (v > 0n) out[k] = v;
    return out;
  };
  emit("SubtensorModule.EpochDistributed", {
    netuid: subnet.netuid,
    epoch: next.epochIndex,
    emission: raoEmission,
    incentive: record(dist.incentive),
    take: record(dist.take),
    nominators: record(dist.nominators),
    ownerCut: dist.ownerCut,
    burnedIncentive: dist.burnedIncentive,
    rootDividends: record(dist.rootClaimable),
  });
}

/** `drain_pending`: each due subnet's epoch, at most `MaxEpochsPerBlock` per block (the rest wait a block). */
export function runEpochs(state: ChainState, block: bigint, emit: Emit, onEpoch?: EpochObserver): void {
  const max = paramsOf(state).maxEpochsPerBlock;
  let ran = 0;
  for (const subnet of [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid)) {
    if (!epochDue(subnet, block)) continue;
    if (ran >= max) {
      setSubnet(state, { ...subnet, pendingEpochAt: block + 1n });
      continue;
    }
    ran++;
    runSubnetEpoch(state, subnet, block, emit, onEpoch);
  }
}

/** The whole block step for block `block`, before its extrinsics. */
export function runBlockStep(state: ChainState, block: bigint, emit: Emit, onEpoch?: EpochObserver): void {
  onInitializeSubnets(state, block);
  runCoinbase(state, emit);
  runEpochs(state, block, emit, onEpoch);
  updateMovingPrices(state, block);
}
