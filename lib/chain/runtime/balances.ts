/**
 * `Balances.transfer_keep_alive` and `Balances.transfer_allow_death` (pallet_balances), with the
 * 500-rao existential deposit: an account below it does not exist, a new account must be
 * endowed with at least it, and an account that falls below it is reaped (its dust burned).
 */
import { type ArgReader, type DispatchContext, callGroup, defineCall } from "./calls";
import { DispatchError, InvariantError } from "../errors";
import type { Emit } from "./events";
import { type ChainState, EXISTENTIAL_DEPOSIT, burnIssuance, getAccount, setAccount } from "./state";

interface TransferArgs {
  dest: string;
  value: bigint;
}

const readTransfer = (r: ArgReader): TransferArgs => ({ dest: r.account("dest"), value: r.amount("value") });

/** Credit `amount` to `who`, creating the account (it must then reach the existential deposit). */
export function deposit(ctx: DispatchContext, who: string, amount: bigint, reason: string): void {
  const acc = getAccount(ctx.state, who);
  const isNew = acc.free === 0n; // a nonce-only account (a hotkey that set weights) holds nothing yet
  if (isNew && amount < EXISTENTIAL_DEPOSIT) throw new DispatchError("Balances.ExistentialDeposit", `${reason}: ${amount} rao cannot open an account`);
  setAccount(ctx.state, who, { ...acc, free: acc.free + amount });
  if (isNew) {
    ctx.emit("System.NewAccount", { account: who });
    ctx.emit("Balances.Endowed", { account: who, freeBalance: amount });
  }
}

/** TAO a signer can spend without being reaped: free balance above the existential deposit. */
export function keepAliveBalance(ctx: DispatchContext, who: string): bigint {
  const free = getAccount(ctx.state, who).free;
  return free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n;
}

/** Take `amount` from `who`, keeping the account alive (callers check `keepAliveBalance` first). */
export function withdraw(ctx: DispatchContext, who: string, amount: bigint): void {
  const acc = getAccount(ctx.state, who);
  if (acc.free - amount < EXISTENTIAL_DEPOSIT) throw new InvariantError(`withdrawing ${amount} rao would reap ${who}`);
  setAccount(ctx.state, who, { ...acc, free: acc.free - amount });
  ctx.emit("Balances.Withdraw", { who, amount });
}

/**
 * Credit a fee to the block author; when the author has no account and the amount cannot open
 * one, the amount is burned instead (issuance falls by it), as an unbalanced imbalance would be.
 */
export function payAuthor(state: ChainState, author: string, amount: bigint, emit: Emit): void {
  if (amount === 0n) return;
  const acc = getAccount(state, author);
  const isNew = acc.free === 0n;
  if (isNew && amount < EXISTENTIAL_DEPOSIT) {
    burnIssuance(state, amount, "fee", null);
    emit("Balances.Burned", { who: author, amount });
    return;
  }
  if (isNew) {
    emit("System.NewAccount", { account: author });
    emit("Balances.Endowed", { account: author, freeBalance: amount });
  }
  setAccount(state, author, { ...acc, free: acc.free + amount });
  emit("Balances.Deposit", { who: author, amount });
}

function transfer(ctx: DispatchContext, { dest, value }: TransferArgs, keepAlive: boolean): void {
  const from = getAccount(ctx.state, ctx.signer);
  if (from.free < value) throw new DispatchError("Balances.InsufficientBalance", `${from.free} rao free, ${value} to send`);
  const remaining = from.free - value;
  const reaped = remaining < EXISTENTIAL_DEPOSIT;
  if (reaped && keepAlive) throw new DispatchError("Balances.KeepAlive", `the sender would keep ${remaining} rao, below the existential deposit`);
  if (dest === ctx.signer) {
    ctx.emit("Balances.Transfer", { from: ctx.signer, to: dest, amount: value });
    return;
  }
  // A reaped account is removed entirely, nonce included, as Substrate does.
  setAccount(ctx.state, ctx.signer, reaped ? { free: 0n, nonce: 0 } : { ...from, free: remaining });
  deposit(ctx, dest, value, "transfer");
  ctx.emit("Balances.Transfer", { from: ctx.signer, to: dest, amount: value });
  if (reaped) {
    // The sender's dust below the existential deposit is burned with its account.
    if (remaining > 0n) {
      burnIssuance(ctx.state, remaining, "dust", null);
      ctx.emit("Balances.DustLost", { account: ctx.signer, amount: remaining });
    }
    ctx.emit("System.KilledAccount", { account: ctx.signer });
  }
}

export const balancesCalls = callGroup(
  defineCall({ name: "Balances.transfer_keep_alive", weight: 60_000_000n, pays: "Yes", read: readTransfer, dispatch: (ctx, a) => transfer(ctx, a, true) }),
  defineCall({ name: "Balances.transfer_allow_death", weight: 60_000_000n, pays: "Yes", read: readTransfer, dispatch: (ctx, a) => transfer(ctx, a, false) }),
);
