/**
 * Staking (SubtensorModule): `start_call`, `add_stake` and `remove_stake`. Staking swaps TAO for
 * alpha through the subnet's pool and credits the alpha to the (hotkey, coldkey) position of the
 * hotkey's share pool; unstaking swaps it back. Swap fees go to the block author (the alpha fee
 * of an unstake is sold fee-free first). Spec §6 and §8.1–8.3.
 *
 * Also `increase_take` and `decrease_take`, the hotkey's share of its dividends (§8.3).
 *
 * Not yet here: the `_limit` variants, `move_stake`, `unstake_all`, locks and miner collateral.
 */
import { MAX_PRICE_RAO, MIN_PRICE_RAO, type Pool, SwapError, type SwapResult, limitPriceFromRao, swap } from "../swap/swap";
import { EMPTY_POOL, type SharePool, shareValue, updateValueForOne } from "../staking/share-pool";
import { deposit, keepAliveBalance, payAuthor, withdraw } from "./balances";
import { type ArgReader, type DispatchContext, defineCall } from "./calls";
import { DispatchError } from "./events";
import { paramsFor } from "./params";
import { subnetOrFail } from "./subnets";
import { type ChainState, type Subnet, setDelegateTake, setSubnet } from "./state";

function trySwap(pool: Pool, side: "buy" | "sell", amount: bigint, dropFees = false): SwapResult | null {
  try {
    return swap(pool, side, amount, limitPriceFromRao(side === "buy" ? MAX_PRICE_RAO : MIN_PRICE_RAO), undefined, dropFees);
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
  const from = subnet.registeredAt + paramsFor(ctx.state.preset).startCallDelay;
  if (ctx.block < from) throw new DispatchError("SubtensorModule.NeedWaitingMoreBlocksToStarCall", `subnet ${netuid} may start from block ${from}`);
  const first = ctx.block + 1n;
  setSubnet(ctx.state, { ...subnet, firstEmissionBlock: first });
  ctx.emit("SubtensorModule.FirstEmissionBlockNumberSet", { netuid, block: first.toString() });
}

interface StakeArgs {
  hotkey: string;
  netuid: number;
  amount: bigint;
}

function withPosition(subnet: Subnet, hotkey: string, coldkey: string, update: bigint): { stake: Subnet["stake"]; actual: bigint } {
  const { pool, actual } = updateValueForOne(subnet.stake[hotkey] ?? EMPTY_POOL, coldkey, update);
  const stake: Record<string, SharePool> = { ...subnet.stake, [hotkey]: pool };
  if (pool.denominator === 0n && pool.value === 0n) delete stake[hotkey];
  return { stake, actual };
}

function addStake(ctx: DispatchContext, { hotkey, netuid, amount }: StakeArgs): void {
  const { state } = ctx;
  const minStake = paramsFor(state.preset).minStake;
  const subnet = subnetOrFail(ctx, netuid);
  if (subnet.firstEmissionBlock === null) throw new DispatchError("SubtensorModule.SubtokenDisabled", `subnet ${netuid} has not been started by its owner`);
  const minFee = trySwap(subnet.pool, "buy", minStake)?.fee ?? 0n;
  if (amount < minStake + minFee) throw new DispatchError("SubtensorModule.AmountTooLow", `staking needs at least ${minStake + minFee} rao, got ${amount}`);
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < amount) throw new DispatchError("SubtensorModule.NotEnoughBalanceToStake", `${amount} rao to stake, ${spendable} rao is spendable`);
  if (!state.hotkeyOwner.has(hotkey)) throw new DispatchError("SubtensorModule.HotKeyAccountNotExists", `hotkey ${hotkey} is not registered anywhere`);
  const result = trySwap(subnet.pool, "buy", amount);
  if (result === null || result.amountPaidOut === 0n) throw new DispatchError("SubtensorModule.InsufficientLiquidity", `subnet ${netuid}'s pool cannot take ${amount} rao`);
  if (result.amountPaidIn < minStake) throw new DispatchError("SubtensorModule.AmountTooLow", `only ${result.amountPaidIn} rao would reach the pool`);

  withdraw(ctx, ctx.signer, amount);
  payAuthor(state, ctx.author, result.fee, ctx.emit);
  const { stake } = withPosition(subnet, hotkey, ctx.signer, result.amountPaidOut);
  setSubnet(state, {
    ...subnet,
    pool: { ...subnet.pool, taoReserve: subnet.pool.taoReserve + result.amountPaidIn, alphaReserve: subnet.pool.alphaReserve - result.amountPaidOut },
    alphaOut: subnet.alphaOut + result.amountPaidOut,
    stake,
  });
  ctx.emit("SubtensorModule.StakeAdded", {
    coldkey: ctx.signer,
    hotkey,
    tao: amount.toString(),
    alpha: result.amountPaidOut.toString(),
    netuid,
    fee: result.fee.toString(),
    taoToPool: result.amountPaidIn.toString(),
  });
}

function removeStake(ctx: DispatchContext, { hotkey, netuid, amount }: StakeArgs): void {
  const { state } = ctx;
  const minStake = paramsFor(state.preset).minStake;
  const subnet = subnetOrFail(ctx, netuid);
  if (amount === 0n) throw new DispatchError("SubtensorModule.AmountTooLow", "cannot unstake 0 alpha");
  const held = stakeOf(subnet, hotkey, ctx.signer);
  if (held < amount) throw new DispatchError("SubtensorModule.NotEnoughStakeToWithdraw", `${held} alpha staked, ${amount} to unstake`);
  const sim = trySwap(subnet.pool, "sell", amount);
  if (sim === null) throw new DispatchError("SubtensorModule.InsufficientLiquidity", `subnet ${netuid}'s pool cannot take ${amount} alpha`);
  if (held > amount && sim.amountPaidOut < minStake) throw new DispatchError("SubtensorModule.AmountTooLow", `unstaking ${amount} alpha yields ${sim.amountPaidOut} rao, below the minimum of ${minStake}`);
  if (!state.hotkeyOwner.has(hotkey)) throw new DispatchError("SubtensorModule.HotKeyAccountNotExists", `hotkey ${hotkey} is not registered anywhere`);

  // The position shrinks by what the share pool actually removes (all of it when the rest
  // would be too small to keep precision); that alpha is sold.
  const { stake, actual } = withPosition(subnet, hotkey, ctx.signer, -amount);
  const sold = -actual;
  const result = trySwap(subnet.pool, "sell", sold);
  if (result === null) throw new DispatchError("SubtensorModule.InsufficientLiquidity", `subnet ${netuid}'s pool cannot take ${sold} alpha`);
  let pool: Pool = { ...subnet.pool, alphaReserve: subnet.pool.alphaReserve + result.amountPaidIn, taoReserve: subnet.pool.taoReserve - result.amountPaidOut };
  // The alpha fee is sold without a fee and its TAO goes to the author.
  const feeSale = result.fee > 0n ? trySwap(pool, "sell", result.fee, true) : null;
  if (feeSale) pool = { ...pool, alphaReserve: pool.alphaReserve + feeSale.amountPaidIn, taoReserve: pool.taoReserve - feeSale.amountPaidOut };
  const feeAlphaSold = feeSale?.amountPaidIn ?? 0n;
  // Alpha the swaps did not take (none at the extreme limit price) stays out of the pool, burned.
  setSubnet(state, { ...subnet, pool, alphaOut: subnet.alphaOut - sold, stake });
  deposit(ctx, ctx.signer, result.amountPaidOut, "unstake");
  payAuthor(state, ctx.author, feeSale?.amountPaidOut ?? 0n, ctx.emit);
  ctx.emit("SubtensorModule.StakeRemoved", {
    coldkey: ctx.signer,
    hotkey,
    tao: result.amountPaidOut.toString(),
    alpha: sold.toString(),
    netuid,
    fee: result.fee.toString(),
    taoFromPool: (result.amountPaidOut + (feeSale?.amountPaidOut ?? 0n)).toString(),
    alphaBurned: (sold - result.amountPaidIn - feeAlphaSold).toString(),
  });
}

/** Arguments as subtensor names them: `amount_staked` (TAO rao) or `amount_unstaked` (alpha rao). */
/** `Delegates[hotkey]`: the hotkey's take (u16 parts of 65535). */
export function takeOf(state: ChainState, hotkey: string): number {
  return state.delegateTake.get(hotkey)?.take ?? paramsFor(state.preset).defaultTake;
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
  const p = paramsFor(ctx.state.preset);
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
  const p = paramsFor(ctx.state.preset);
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

export const stakingCalls = {
  "SubtensorModule.start_call": defineCall("SubtensorModule.start_call", (r): StartCallArgs => ({ netuid: r.u16("netuid") }), startCall),
  "SubtensorModule.add_stake": defineCall("SubtensorModule.add_stake", readStake("amount_staked"), addStake),
  "SubtensorModule.remove_stake": defineCall("SubtensorModule.remove_stake", readStake("amount_unstaked"), removeStake),
  "SubtensorModule.increase_take": defineCall("SubtensorModule.increase_take", readTake, increaseTake),
  "SubtensorModule.decrease_take": defineCall("SubtensorModule.decrease_take", readTake, decreaseTake),
};
