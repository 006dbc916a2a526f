/**
 * The root network (netuid 0): `root_register`, TAO staked 1:1 on root (the stable mechanism:
 * no pool, no slippage, no swap fee), the root proportion that caps each subnet's TAO injection
 * and sizes its root dividends, and the payout of root dividends.
 *
 * Root dividends are paid as subtensor's default claim type (`Swap`) would pay them: the root
 * alpha a hotkey earns on a subnet (after its take) is sold on that subnet's pool without a fee
 * and the TAO is added to the hotkey's root stake, so its root stakers gain pro rata. subtensor
 * books the alpha as claimable and pays it when each coldkey claims (or is auto-claimed); here
 * every coldkey claims at once, at the epoch.
 */
import { taoWeightFraction, taoWeightI64F64, weightedStake } from "../consensus/epoch";
import { U64_MAX, U96F32, fromInt, safeDiv } from "../math/fixed";
import { EMPTY_POOL, type SharePool, updateValueForAll, updateValueForOne } from "../staking/share-pool";
import { MIN_PRICE_RAO, SwapError, limitPriceFromRao, swap } from "../swap/swap";
import { deposit, withdraw } from "./balances";
import { type DispatchContext, callGroup, defineCall } from "./calls";
import { DispatchError } from "../errors";
import type { Emit } from "./events";
import { paramsOf } from "./params";
import { type ChainState, type RootNetwork, type Subnet, setDelegateTake, setHotkeyOwner, setRoot } from "./state";

const ONE_TAO_PRICE = 1_000_000_000n;

/** A hotkey's root stake (TAO rao). */
export function rootStakeOf(state: ChainState, hotkey: string): bigint {
  return state.root.stake[hotkey]?.value ?? 0n;
}

/**
 * `get_stake_weights_for_hotkey_on_subnet`'s total: `alpha + tao_weight·root` in I64F64 bits
 * (child keys are not modelled, so inherited stake is the hotkey's own).
 */
export function weightedStakeOf(state: ChainState, subnet: Subnet, hotkey: string): bigint {
  return weightedStake(subnet.stake[hotkey]?.value ?? 0n, rootStakeOf(state, hotkey), taoWeightI64F64(paramsOf(state).taoWeight));
}

/** `root_proportion`: `tao_weight·SubnetTAO[root] / (tao_weight·SubnetTAO[root] + alpha issuance)`, U96F32. */
export function rootProportion(state: ChainState, subnet: Subnet): bigint {
  const taoWeight = taoWeightFraction(paramsOf(state).taoWeight);
  const weighted = (fromInt(U96F32, state.root.taoReserve) * taoWeight) >> U96F32.frac;
  const total = weighted + fromInt(U96F32, subnet.pool.alphaReserve + subnet.alphaOut);
  return total === 0n ? 0n : safeDiv(U96F32, weighted, total);
}

function withRootPosition(root: RootNetwork, hotkey: string, coldkey: string, update: bigint): { stake: RootNetwork["stake"]; actual: bigint } {
  const { pool, actual } = updateValueForOne(root.stake[hotkey] ?? EMPTY_POOL, coldkey, update);
  const stake: Record<string, SharePool> = { ...root.stake, [hotkey]: pool };
  if (pool.denominator === 0n && pool.value === 0n) delete stake[hotkey];
  return { stake, actual };
}

/** The most TAO (buy) or root alpha (sell) a limit price lets through on the 1:1 root market. */
export function rootMaxAtLimit(side: "buy" | "sell", limitRao: bigint): bigint {
  const passes = side === "buy" ? limitRao >= ONE_TAO_PRICE : limitRao <= ONE_TAO_PRICE;
  return passes ? U64_MAX : 0n;
}

/** Stake `tao` from `coldkey` to `hotkey` on root, 1:1 and without a fee. */
export function stakeIntoRoot(ctx: DispatchContext, hotkey: string, coldkey: string, tao: bigint): bigint {
  const root = ctx.state.root;
  withdraw(ctx, coldkey, tao);
  const { stake } = withRootPosition(root, hotkey, coldkey, tao);
  setRoot(ctx.state, { ...root, taoReserve: root.taoReserve + tao, stake });
  ctx.emit("SubtensorModule.StakeAdded", { coldkey, hotkey, tao, alpha: tao, netuid: 0, fee: 0n, taoToPool: tao });
  return tao;
}

/** Unstake `amount` of root stake back to `coldkey`'s free balance, 1:1 (all of it when the rest would lose precision). */
export function unstakeFromRoot(ctx: DispatchContext, hotkey: string, coldkey: string, amount: bigint): bigint {
  const root = ctx.state.root;
  const { stake, actual } = withRootPosition(root, hotkey, coldkey, -amount);
  const tao = -actual;
  setRoot(ctx.state, { ...root, taoReserve: root.taoReserve - tao, stake });
  deposit(ctx, coldkey, tao, "unstake from root");
  ctx.emit("SubtensorModule.StakeRemoved", { coldkey, hotkey, tao, alpha: tao, netuid: 0, fee: 0n, taoFromPool: tao, alphaBurned: 0n });
  return tao;
}

/** Move `amount` of `coldkey`'s root stake from one hotkey to another (no swap); returns what moved. */
export function transferRootStake(ctx: DispatchContext, fromHotkey: string, toHotkey: string, coldkey: string, amount: bigint): bigint {
  const root = ctx.state.root;
  const { stake: afterRemove, actual } = withRootPosition(root, fromHotkey, coldkey, -amount);
  const moved = -actual;
  const { stake } = withRootPosition({ ...root, stake: afterRemove }, toHotkey, coldkey, moved);
  setRoot(ctx.state, { ...root, stake });
  return moved;
}

/**
 * Pay root dividends earned on `subnet`: each hotkey's root alpha is sold fee-free on the
 * subnet's pool and the TAO raises the hotkey's root pool. Returns the subnet after the sales.
 */
export function payRootDividends(state: ChainState, subnet: Subnet, claimable: ReadonlyMap<string, bigint>, emit: Emit): Subnet {
  let s = subnet;
  let root = state.root;
  for (const hotkey of [...claimable.keys()].sort()) {
    const alpha = claimable.get(hotkey)!;
    if (alpha === 0n) continue;
    // The alpha leaves circulation: sold into the pool, or burned when it cannot be.
    s = { ...s, alphaOut: s.alphaOut - alpha };
    const pool = root.stake[hotkey];
    if (!pool || pool.denominator === 0n) continue;
    let sold;
    try {
      sold = swap(s.pool, "sell", alpha, limitPriceFromRao(MIN_PRICE_RAO), undefined, true);
    } catch (e) {
      if (!(e instanceof SwapError)) throw e;
      continue;
    }
    s = { ...s, pool: { ...s.pool, alphaReserve: s.pool.alphaReserve + sold.amountPaidIn, taoReserve: s.pool.taoReserve - sold.amountPaidOut } };
    root = { ...root, taoReserve: root.taoReserve + sold.amountPaidOut, stake: { ...root.stake, [hotkey]: updateValueForAll(pool, sold.amountPaidOut) } };
    emit("SubtensorModule.RootDividendsPaid", { netuid: s.netuid, hotkey, alpha, tao: sold.amountPaidOut });
  }
  setRoot(state, root);
  return s;
}

interface RootRegisterArgs {
  hotkey: string;
}

/** `root_register`: a uid on root, appended while there is room, else replacing the lowest root stake if the hotkey's is higher. */
function rootRegister(ctx: DispatchContext, { hotkey }: RootRegisterArgs): void {
  const { state } = ctx;
  const max = paramsOf(state).maxRootValidators;
  const root = state.root;
  if (root.validators.includes(hotkey)) throw new DispatchError("SubtensorModule.HotKeyAlreadyRegisteredInSubNet", `hotkey ${hotkey} already has a root uid`);
  const owner = state.hotkeyOwner.get(hotkey);
  if (owner !== undefined && owner !== ctx.signer) throw new DispatchError("SubtensorModule.NonAssociatedColdKey", `hotkey ${hotkey} belongs to coldkey ${owner}`);
  let uid = root.validators.length;
  let replaced: string | null = null;
  if (root.validators.length >= max) {
    let lowest: bigint;
    ({ uid, stake: lowest } = lowestStakeUid(root.validators, (h) => rootStakeOf(state, h)));
    if (!(lowest < rootStakeOf(state, hotkey))) throw new DispatchError("SubtensorModule.StakeTooLowForRoot", `all ${max} root uids are taken and the lowest root stake (${lowest} rao) is not below hotkey ${hotkey}'s`);
    replaced = root.validators[uid]!;
  }
  if (owner === undefined) setHotkeyOwner(state, hotkey, ctx.signer);
  const validators = [...root.validators];
  validators[uid] = hotkey;
  setRoot(state, { ...root, validators });
  if (!state.delegateTake.has(hotkey)) setDelegateTake(state, hotkey, paramsOf(state).defaultTake, 0n); // delegate_hotkey with the default 18%
  ctx.emit("SubtensorModule.NeuronRegistered", { netuid: 0, uid, hotkey, ...(replaced ? { replacedHotkey: replaced } : {}) });
}

export const rootCalls = callGroup(
  defineCall({ name: "SubtensorModule.root_register", weight: 250_000_000n, pays: "Yes", read: (r): RootRegisterArgs => ({ hotkey: r.account("hotkey") }), dispatch: rootRegister }),
);

/**
 * The root uid to replace when the root network is full: the first uid holding the lowest stake
 * (subtensor scans uids in order and keeps the first strict minimum).
 */
export function lowestStakeUid(validators: readonly string[], stakeOf: (hotkey: string) => bigint): { uid: number; stake: bigint } {
  let uid = 0;
  let stake = U64_MAX;
  validators.forEach((h, i) => {
    const s = stakeOf(h);
    if (s < stake) {
      stake = s;
      uid = i;
    }
  });
  return { uid, stake };
}
