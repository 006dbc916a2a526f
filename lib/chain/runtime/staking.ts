/**
 * Staking (SubtensorModule): `start_call`, `add_stake` and `remove_stake`. Staking swaps TAO for
 * alpha through the subnet's pool and credits the alpha to the (hotkey, coldkey) position of the
 * hotkey's share pool; unstaking swaps it back. Swap fees go to the block author (the alpha fee
 * of an unstake is sold fee-free first). On netuid 0 (root) TAO is staked 1:1, without a pool or
 * a fee (root.ts). Spec §6 and §8.1–8.3.
 *
 * Also the limit variants (`add_stake_limit`, `remove_stake_limit`: the amount is capped, or
 * refused with `SlippageTooHigh`, so the price stays on the right side of a limit), `move_stake`,
 * `unstake_all`, and `increase_take` / `decrease_take`, the hotkey's share of its dividends.
 *
 * Not here: stake locks, miner collateral, clearing nominations below the nominator minimum,
 * `transfer_stake` / `swap_stake`.
 */
import { U64F64, fromInt, satMul, toU64 } from "../math/fixed";
import { MAX_PRICE_RAO, MIN_PRICE_RAO, type Pool, SwapError, type SwapResult, currentPrice, limitPriceFromRao, swap } from "../swap/swap";
import { EMPTY_POOL, type SharePool, shareValue, updateValueForOne } from "../staking/share-pool";
import { deposit, keepAliveBalance, payAuthor, withdraw } from "./balances";
import { type ArgReader, type DispatchContext, callGroup, defineCall } from "./calls";
import { rootMaxAtLimit, stakeIntoRoot, transferRootStake, unstakeFromRoot } from "./root";
import { DispatchError, type PalletError } from "../errors";
import { paramsOf } from "./params";
import { subnetOrFail } from "./subnets";
import { type ChainState, type Subnet, setDelegateTake, setSubnet } from "./state";

function trySwap(pool: Pool, side: "buy" | "sell", amount: bigint, limitRao?: bigint, dropFees = false): SwapResult | null {
  try {
    return swap(pool, side, amount, limitPriceFromRao(limitRao ?? (side === "buy" ? MAX_PRICE_RAO : MIN_PRICE_RAO)), undefined, dropFees);
  } catch (e) {
    if (e instanceof SwapError) return null;
    throw e;
  }
}

/** The alpha a coldkey holds through a hotkey on a subnet. */
export function stakeOf(subnet: Subnet, hotkey: string, coldkey: string): bigint {
  const pool = subnet.stake[hotkey];
  return pool ? shareValue(pool, coldkey) : 0n;
}

interface StartCallArgs {
  netuid: number;
}

function startCall(ctx: DispatchContext, { netuid }: StartCallArgs): void {
  const subnet = subnetOrFail(ctx, netuid);
  if (subnet.owner !== ctx.signer) throw new DispatchError("BadOrigin", `only subnet ${netuid}'s owner may start it`);
  if (subnet.firstEmissionBlock !== null) throw new DispatchError("SubtensorModule.FirstEmissionBlockNumberAlreadySet", `subnet ${netuid} started at block ${subnet.firstEmissionBlock}`);
  const from = subnet.registeredAt + paramsOf(ctx.state).startCallDelay;
  if (ctx.block < from) throw new DispatchError("SubtensorModule.NeedWaitingMoreBlocksToStarCall", `subnet ${netuid} may start from block ${from}`);
  const first = ctx.block + 1n;
  setSubnet(ctx.state, { ...subnet, firstEmissionBlock: first });
  ctx.emit("SubtensorModule.FirstEmissionBlockNumberSet", { netuid, block: first });
}

function withPosition(subnet: Subnet, hotkey: string, coldkey: string, update: bigint): { stake: Subnet["stake"]; actual: bigint } {
  const { pool, actual } = updateValueForOne(subnet.stake[hotkey] ?? EMPTY_POOL, coldkey, update);
  const stake: Record<string, SharePool> = { ...subnet.stake, [hotkey]: pool };
  if (pool.denominator === 0n && pool.value === 0n) delete stake[hotkey];
  return { stake, actual };
}

function fail(error: PalletError<"SubtensorModule">, detail: string): never {
  throw new DispatchError(`SubtensorModule.${error}`, detail);
}

function hotkeyExistsOrFail(ctx: DispatchContext, hotkey: string): void {
  if (!ctx.state.hotkeyOwner.has(hotkey)) fail("HotKeyAccountNotExists", `hotkey ${hotkey} is not registered anywhere`);
}

/**
 * Where stake trades: a subnet's pool, or the root network's 1:1 market (no pool, no fee, no
 * slippage). The checks and the limit-price arithmetic read the market, not the pool.
 */
interface Market {
  netuid: number;
  /** The subnet, or null for root. */
  subnet: Subnet | null;
  held(hotkey: string, coldkey: string): bigint;
  /** A swap at the extreme price, simulated (null when the pool cannot take it). */
  sim(side: "buy" | "sell", amount: bigint): SwapResult | null;
}

function marketOf(ctx: DispatchContext, netuid: number): Market {
  if (netuid === 0) {
    const root = ctx.state.root;
    return {
      netuid,
      subnet: null,
      held: (hotkey, coldkey) => (root.stake[hotkey] ? shareValue(root.stake[hotkey]!, coldkey) : 0n),
      sim: (_side, amount) => ({ amountPaidIn: amount, amountPaidOut: amount, fee: 0n }),
    };
  }
  const subnet = subnetOrFail(ctx, netuid);
  return { netuid, subnet, held: (hotkey, coldkey) => stakeOf(subnet, hotkey, coldkey), sim: (side, amount) => trySwap(subnet.pool, side, amount) };
}

/** `SubtokenEnabled`: a subnet trades once its owner started it; root always does. */
function subtokenEnabledOrFail(m: Market): void {
  if (m.subnet && m.subnet.firstEmissionBlock === null) fail("SubtokenDisabled", `subnet ${m.netuid} has not been started by its owner`);
}

/** `ensure_*_input_within_swap_limit`: at most 1000 × the input-side reserve (no limit on root). */
function withinSwapLimitOrFail(m: Market, side: "buy" | "sell", amount: bigint): void {
  if (!m.subnet) return;
  const reserve = side === "buy" ? m.subnet.pool.taoReserve : m.subnet.pool.alphaReserve;
  if (amount > reserve * 1000n) fail("InsufficientLiquidity", `${amount} is more than 1000 × subnet ${m.netuid}'s reserve of ${reserve}`);
}

/**
 * `get_max_amount_add` / `get_max_amount_remove`: the most input (fee included) that keeps the
 * price on the right side of `limitRao`, probing with 1000 × the input-side reserve. On root the
 * price is 1 TAO per alpha: everything or nothing.
 */
function maxAmountAtLimit(m: Market, side: "buy" | "sell", limitRao: bigint): bigint {
  if (!m.subnet) return rootMaxAtLimit(side, limitRao);
  const subnet = m.subnet;
  const probe = (side === "buy" ? subnet.pool.taoReserve : subnet.pool.alphaReserve) * 1000n;
  try {
    const r = swap(subnet.pool, side, probe, limitPriceFromRao(limitRao));
    return r.amountPaidIn + r.fee;
  } catch (e) {
    if (e instanceof SwapError) throw new DispatchError(`Swap.${e.error}`, `subnet ${subnet.netuid}'s price is already past the limit ${limitRao} rao per alpha`);
    throw e;
  }
}

/** `validate_add_stake` for `amount` TAO; with `allowPartial` the amount is first capped at `max`. */
function validateAddStake(ctx: DispatchContext, m: Market, hotkey: string, amount: bigint, max: bigint, allowPartial: boolean): bigint {
  const minStake = paramsOf(ctx.state).minStake;
  subtokenEnabledOrFail(m);
  const minFee = m.sim("buy", minStake)?.fee ?? 0n;
  if (amount < minStake + minFee) fail("AmountTooLow", `staking needs at least ${minStake + minFee} rao, got ${amount}`);
  if (!allowPartial && amount > max) fail("SlippageTooHigh", `${amount} rao would move the price past the limit; at most ${max} rao fits`);
  const possible = amount < max ? amount : max;
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < possible) fail("NotEnoughBalanceToStake", `${possible} rao to stake, ${spendable} rao is spendable`);
  hotkeyExistsOrFail(ctx, hotkey);
  const sim = m.sim("buy", possible);
  if (sim === null) fail("InsufficientLiquidity", `subnet ${m.netuid}'s pool cannot take ${possible} rao`);
  if (sim.amountPaidIn < minStake) fail("AmountTooLow", `only ${sim.amountPaidIn} rao would reach the pool`);
  if (sim.amountPaidOut === 0n) fail("InsufficientLiquidity", `subnet ${m.netuid}'s pool cannot take ${possible} rao`);
  return possible;
}

/**
 * `stake_into_subnet`: `tao` leaves the coldkey, buys alpha up to `limitRao` and the alpha joins
 * the (hotkey, coldkey) position; the swap fee goes to the author. Returns the alpha bought.
 */
function stakeInto(ctx: DispatchContext, netuid: number, hotkey: string, coldkey: string, tao: bigint, limitRao: bigint, dropFee: boolean): bigint {
  if (netuid === 0) return stakeIntoRoot(ctx, hotkey, coldkey, tao);
  const subnet = subnetOrFail(ctx, netuid);
  const result = trySwap(subnet.pool, "buy", tao, limitRao, dropFee);
  if (result === null || result.amountPaidOut === 0n) fail("InsufficientLiquidity", `subnet ${netuid}'s pool cannot take ${tao} rao`);
  const spent = result.amountPaidIn + result.fee;
  withdraw(ctx, coldkey, spent);
  payAuthor(ctx.state, ctx.author, result.fee, ctx.emit);
  const { stake } = withPosition(subnet, hotkey, coldkey, result.amountPaidOut);
  setSubnet(ctx.state, {
    ...subnet,
    pool: { ...subnet.pool, taoReserve: subnet.pool.taoReserve + result.amountPaidIn, alphaReserve: subnet.pool.alphaReserve - result.amountPaidOut },
    alphaOut: subnet.alphaOut + result.amountPaidOut,
    stake,
  });
  ctx.emit("SubtensorModule.StakeAdded", {
    coldkey,
    hotkey,
    tao: spent,
    alpha: result.amountPaidOut,
    netuid,
    fee: result.fee,
    taoToPool: result.amountPaidIn,
  });
  return result.amountPaidOut;
}

/** `validate_remove_stake` for `amount` alpha (`max` is the most the limit price allows). */
function validateRemoveStake(ctx: DispatchContext, m: Market, hotkey: string, amount: bigint, max: bigint, allowPartial: boolean): void {
  const minStake = paramsOf(ctx.state).minStake;
  if (amount === 0n) fail("AmountTooLow", "cannot unstake 0 alpha");
  const held = m.held(hotkey, ctx.signer);
  if (held < amount) fail("NotEnoughStakeToWithdraw", `${held} alpha staked, ${amount} to unstake`);
  const sim = m.sim("sell", amount);
  if (sim === null) fail("InsufficientLiquidity", `subnet ${m.netuid}'s pool cannot take ${amount} alpha`);
  if (held > amount && sim.amountPaidOut < minStake) fail("AmountTooLow", `unstaking ${amount} alpha yields ${sim.amountPaidOut} rao, below the minimum of ${minStake}`);
  if (!allowPartial && amount > max) fail("SlippageTooHigh", `${amount} alpha would move the price past the limit; at most ${max} alpha fits`);
  hotkeyExistsOrFail(ctx, hotkey);
}

/**
 * `unstake_from_subnet`: `alpha` leaves the (hotkey, coldkey) position and sells down to
 * `limitRao` (what the limit leaves unsold returns to the position); the TAO goes to the
 * coldkey. The alpha fee is then sold without a fee and its TAO goes to the author, which moves
 * the price by that small sale past the limit, as in subtensor (with `dropFee` there is no fee).
 * Returns the TAO the coldkey received.
 */
function unstakeFrom(ctx: DispatchContext, netuid: number, hotkey: string, coldkey: string, alpha: bigint, limitRao: bigint, dropFee: boolean): bigint {
  if (netuid === 0) return unstakeFromRoot(ctx, hotkey, coldkey, alpha);
  const subnet = subnetOrFail(ctx, netuid);
  // The position shrinks by what the share pool actually removes (all of it when the rest
  // would be too small to keep precision); that alpha is sold.
  const { stake: reduced, actual } = withPosition(subnet, hotkey, coldkey, -alpha);
  const sold = -actual;
  const result = trySwap(subnet.pool, "sell", sold, limitRao, dropFee);
  if (result === null) fail("InsufficientLiquidity", `subnet ${netuid}'s pool cannot take ${sold} alpha`);
  // Alpha the limit price left unswapped goes back to the position.
  const refund = sold - result.amountPaidIn - result.fee;
  const stake = refund > 0n ? withPosition({ ...subnet, stake: reduced }, hotkey, coldkey, refund).stake : reduced;
  let pool: Pool = { ...subnet.pool, alphaReserve: subnet.pool.alphaReserve + result.amountPaidIn, taoReserve: subnet.pool.taoReserve - result.amountPaidOut };
  const feeSale = result.fee > 0n ? trySwap(pool, "sell", result.fee, undefined, true) : null;
  if (feeSale) pool = { ...pool, alphaReserve: pool.alphaReserve + feeSale.amountPaidIn, taoReserve: pool.taoReserve - feeSale.amountPaidOut };
  const feeAlphaSold = feeSale?.amountPaidIn ?? 0n;
  // Fee alpha the fee-free sale did not take stays out of the pool, burned.
  setSubnet(ctx.state, { ...subnet, pool, alphaOut: subnet.alphaOut - sold + refund, stake });
  deposit(ctx, coldkey, result.amountPaidOut, "unstake");
  payAuthor(ctx.state, ctx.author, feeSale?.amountPaidOut ?? 0n, ctx.emit);
  ctx.emit("SubtensorModule.StakeRemoved", {
    coldkey,
    hotkey,
    tao: result.amountPaidOut,
    alpha: sold - refund,
    netuid,
    fee: result.fee,
    taoFromPool: result.amountPaidOut + (feeSale?.amountPaidOut ?? 0n),
    alphaBurned: result.fee - feeAlphaSold,
  });
  return result.amountPaidOut;
}

interface StakeArgs {
  hotkey: string;
  netuid: number;
  amount: bigint;
}

interface StakeLimitArgs extends StakeArgs {
  /** `limit_price`: rao per alpha. */
  limitPrice: bigint;
  allowPartial: boolean;
}

function addStake(ctx: DispatchContext, { hotkey, netuid, amount }: StakeArgs): void {
  const tao = validateAddStake(ctx, marketOf(ctx, netuid), hotkey, amount, amount, false);
  stakeInto(ctx, netuid, hotkey, ctx.signer, tao, MAX_PRICE_RAO, false);
}

function addStakeLimit(ctx: DispatchContext, { hotkey, netuid, amount, limitPrice, allowPartial }: StakeLimitArgs): void {
  const m = marketOf(ctx, netuid);
  withinSwapLimitOrFail(m, "buy", amount);
  const max = maxAmountAtLimit(m, "buy", limitPrice);
  const tao = validateAddStake(ctx, m, hotkey, amount, max, allowPartial);
  stakeInto(ctx, netuid, hotkey, ctx.signer, tao, limitPrice, false);
}

function removeStake(ctx: DispatchContext, { hotkey, netuid, amount }: StakeArgs): void {
  validateRemoveStake(ctx, marketOf(ctx, netuid), hotkey, amount, amount, false);
  unstakeFrom(ctx, netuid, hotkey, ctx.signer, amount, MIN_PRICE_RAO, false);
}

function removeStakeLimit(ctx: DispatchContext, { hotkey, netuid, amount, limitPrice, allowPartial }: StakeLimitArgs): void {
  const m = marketOf(ctx, netuid);
  withinSwapLimitOrFail(m, "sell", amount);
  const max = maxAmountAtLimit(m, "sell", limitPrice);
  validateRemoveStake(ctx, m, hotkey, amount, max, allowPartial);
  unstakeFrom(ctx, netuid, hotkey, ctx.signer, amount < max ? amount : max, limitPrice, false);
}

interface MoveStakeArgs {
  originHotkey: string;
  destinationHotkey: string;
  originNetuid: number;
  destinationNetuid: number;
  alpha: bigint;
}

/**
 * `move_stake` (`transition_stake_internal` for one coldkey): within a subnet the alpha moves
 * between hotkeys' positions at no fee; across subnets it is unstaked (fee on the origin side)
 * and the TAO staked on the destination without a second fee, unless it fell below the minimum.
 */
function moveStake(ctx: DispatchContext, a: MoveStakeArgs): void {
  const { minStake } = paramsOf(ctx.state);
  const coldkey = ctx.signer;
  const available = a.originNetuid === 0 || ctx.state.subnets.has(a.originNetuid) ? marketOf(ctx, a.originNetuid).held(a.originHotkey, coldkey) : 0n;
  const amount = a.alpha < available ? a.alpha : available;
  // validate_stake_transition
  if (a.originHotkey === a.destinationHotkey && a.originNetuid === a.destinationNetuid) fail("SameNetuid", "the stake would move onto itself");
  const from = marketOf(ctx, a.originNetuid);
  const to = marketOf(ctx, a.destinationNetuid);
  subtokenEnabledOrFail(from);
  subtokenEnabledOrFail(to);
  hotkeyExistsOrFail(ctx, a.originHotkey);
  hotkeyExistsOrFail(ctx, a.destinationHotkey);
  if (a.alpha > available) fail("NotEnoughStakeToWithdraw", `${available} alpha staked on ${a.originHotkey} in subnet ${a.originNetuid}, ${a.alpha} to move`);
  const moved = { coldkey, originHotkey: a.originHotkey, originNetuid: a.originNetuid, destinationHotkey: a.destinationHotkey, destinationNetuid: a.destinationNetuid };
  if (a.originNetuid !== a.destinationNetuid) {
    const sim = from.sim("sell", amount);
    if (sim === null) fail("InsufficientLiquidity", `subnet ${a.originNetuid}'s pool cannot take ${amount} alpha`);
    if (sim.amountPaidOut <= minStake) fail("AmountTooLow", `moving ${amount} alpha is worth ${sim.amountPaidOut} rao, not above the minimum of ${minStake}`);
    // One fee: on the origin side, unless the origin is root (then on the destination side).
    const rootOrigin = a.originNetuid === 0;
    const tao = unstakeFrom(ctx, a.originNetuid, a.originHotkey, coldkey, amount, MIN_PRICE_RAO, rootOrigin);
    if (tao >= minStake) stakeInto(ctx, a.destinationNetuid, a.destinationHotkey, coldkey, tao, MAX_PRICE_RAO, !rootOrigin);
    ctx.emit("SubtensorModule.StakeMoved", { ...moved, tao });
    return;
  }
  // transfer_stake_within_subnet: no swap; the TAO equivalent at the spot price must reach the minimum.
  const price = from.subnet ? currentPrice(from.subnet.pool) : fromInt(U64F64, 1);
  const tao = toU64(U64F64, satMul(U64F64, price, fromInt(U64F64, amount)));
  if (tao < minStake) fail("AmountTooLow", `moving ${amount} alpha is worth ${tao} rao, below the minimum of ${minStake}`);
  let alpha: bigint;
  if (from.subnet) {
    const { stake: afterRemove, actual } = withPosition(from.subnet, a.originHotkey, coldkey, -amount);
    alpha = -actual;
    const { stake } = withPosition({ ...from.subnet, stake: afterRemove }, a.destinationHotkey, coldkey, alpha);
    setSubnet(ctx.state, { ...from.subnet, stake });
  } else {
    alpha = transferRootStake(ctx, a.originHotkey, a.destinationHotkey, coldkey, amount);
  }
  ctx.emit("SubtensorModule.StakeMoved", { ...moved, tao, alpha });
}

interface UnstakeAllArgs {
  hotkey: string;
}

/** `unstake_all`: the whole position of (hotkey, signer) on root and on every started subnet, sold for TAO; positions that fail validation stay. */
function unstakeAll(ctx: DispatchContext, { hotkey }: UnstakeAllArgs): void {
  hotkeyExistsOrFail(ctx, hotkey);
  for (const netuid of [0, ...[...ctx.state.subnets.keys()].sort((a, b) => a - b)]) {
    const m = marketOf(ctx, netuid);
    if (m.subnet && m.subnet.firstEmissionBlock === null) continue;
    const alpha = m.held(hotkey, ctx.signer);
    try {
      validateRemoveStake(ctx, m, hotkey, alpha, alpha, false);
    } catch (e) {
      if (e instanceof DispatchError) continue;
      throw e;
    }
    unstakeFrom(ctx, netuid, hotkey, ctx.signer, alpha, MIN_PRICE_RAO, false);
  }
}

/** `Delegates[hotkey]`: the hotkey's take (u16 parts of 65535). */
export function takeOf(state: ChainState, hotkey: string): number {
  return state.delegateTake.get(hotkey)?.take ?? paramsOf(state).defaultTake;
}

interface TakeArgs {
  hotkey: string;
  take: number;
}

/** `do_take_checks`: the hotkey exists and the signer owns it. */
function takeChecks(ctx: DispatchContext, hotkey: string): void {
  const owner = ctx.state.hotkeyOwner.get(hotkey);
  if (owner === undefined) throw new DispatchError("SubtensorModule.HotKeyAccountNotExists", `hotkey ${hotkey} is not registered anywhere`);
  if (owner !== ctx.signer) throw new DispatchError("SubtensorModule.NonAssociatedColdKey", `hotkey ${hotkey} belongs to coldkey ${owner}`);
}

function increaseTake(ctx: DispatchContext, { hotkey, take }: TakeArgs): void {
  const p = paramsOf(ctx.state);
  takeChecks(ctx, hotkey);
  const current = takeOf(ctx.state, hotkey);
  if (take <= current) throw new DispatchError("SubtensorModule.DelegateTakeTooLow", `take ${take} is not above the current ${current}`);
  if (take > p.maxTake) throw new DispatchError("SubtensorModule.DelegateTakeTooHigh", `take ${take} is above the maximum ${p.maxTake}`);
  const last = ctx.state.delegateTake.get(hotkey)?.changedAt ?? 0n;
  if (p.takeRateLimit !== 0n && last !== 0n && ctx.block - last <= p.takeRateLimit) {
    throw new DispatchError("SubtensorModule.DelegateTxRateLimitExceeded", `the take last changed at block ${last}; it may rise after block ${last + p.takeRateLimit}`);
  }
  setDelegateTake(ctx.state, hotkey, take, ctx.block);
  ctx.emit("SubtensorModule.TakeIncreased", { coldkey: ctx.signer, hotkey, take });
}

function decreaseTake(ctx: DispatchContext, { hotkey, take }: TakeArgs): void {
  const p = paramsOf(ctx.state);
  takeChecks(ctx, hotkey);
  const current = takeOf(ctx.state, hotkey);
  if (take >= current) throw new DispatchError("SubtensorModule.DelegateTakeTooLow", `take ${take} is not below the current ${current}`);
  if (take < p.minTake) throw new DispatchError("SubtensorModule.DelegateTakeTooLow", `take ${take} is below the minimum ${p.minTake}`);
  setDelegateTake(ctx.state, hotkey, take, ctx.block);
  ctx.emit("SubtensorModule.TakeDecreased", { coldkey: ctx.signer, hotkey, take });
}

const readTake = (r: ArgReader): TakeArgs => ({ hotkey: r.account("hotkey"), take: r.u16("take") });

/** Stake arguments as subtensor names them: `amount_staked` (TAO rao) or `amount_unstaked` (alpha rao). */
const readStake =
  (amountName: string) =>
  (r: ArgReader): StakeArgs => ({ hotkey: r.account("hotkey"), netuid: r.u16("netuid"), amount: r.amount(amountName) });
const readStakeLimit =
  (amountName: string) =>
  (r: ArgReader): StakeLimitArgs => ({ ...readStake(amountName)(r), limitPrice: r.amount("limit_price"), allowPartial: r.bool("allow_partial") });
const readMove = (r: ArgReader): MoveStakeArgs => ({
  originHotkey: r.account("origin_hotkey"),
  destinationHotkey: r.account("destination_hotkey"),
  originNetuid: r.u16("origin_netuid"),
  destinationNetuid: r.u16("destination_netuid"),
  alpha: r.amount("alpha_amount"),
});

export const stakingCalls = callGroup(
  defineCall({ name: "SubtensorModule.start_call", weight: 40_000_000n, pays: "Yes", read: (r): StartCallArgs => ({ netuid: r.u16("netuid") }), dispatch: startCall }),
  defineCall({ name: "SubtensorModule.add_stake", weight: 200_000_000n, pays: "Yes", read: readStake("amount_staked"), dispatch: addStake }),
  defineCall({ name: "SubtensorModule.remove_stake", weight: 200_000_000n, pays: "Yes", read: readStake("amount_unstaked"), dispatch: removeStake }),
  defineCall({ name: "SubtensorModule.add_stake_limit", weight: 200_000_000n, pays: "Yes", read: readStakeLimit("amount_staked"), dispatch: addStakeLimit }),
  defineCall({ name: "SubtensorModule.remove_stake_limit", weight: 200_000_000n, pays: "Yes", read: readStakeLimit("amount_unstaked"), dispatch: removeStakeLimit }),
  defineCall({ name: "SubtensorModule.move_stake", weight: 300_000_000n, pays: "Yes", read: readMove, dispatch: moveStake }),
  defineCall({ name: "SubtensorModule.unstake_all", weight: 400_000_000n, pays: "Yes", read: (r): UnstakeAllArgs => ({ hotkey: r.account("hotkey") }), dispatch: unstakeAll }),
  defineCall({ name: "SubtensorModule.increase_take", weight: 40_000_000n, pays: "Yes", read: readTake, dispatch: increaseTake }),
  defineCall({ name: "SubtensorModule.decrease_take", weight: 40_000_000n, pays: "Yes", read: readTake, dispatch: decreaseTake }),
);
