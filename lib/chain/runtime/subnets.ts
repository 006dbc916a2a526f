/**
 * Subnets and neuron registration (SubtensorModule): `register_network` and `burned_register`,
 * and the per-block registration price decay of `on_initialize`. Spec §7.
 *
 * When all `SubnetLimit` slots are taken, registering dissolves the non-immune subnet with the
 * lowest moving price and reuses its netuid (§7.4).
 *
 * Not here: registration queues, subnet identities and miner collateral (treated as a zero
 * share: the whole price is burned).
 */
import { blockEmissionForIssuance } from "../emission/block-emission";
import { networkLockCost } from "../emission/coinbase";
import { U64F64, fromInt, safeDiv, satAdd, toU64 } from "../math/fixed";
import { bumpBurn, decayBurn } from "../registration/burn";
import { initialQuoteWeight } from "../swap/balancer";
import { MAX_PRICE_RAO, SwapError, currentPrice, limitPriceFromRao, swap } from "../swap/swap";
import { shareValue } from "../staking/share-pool";
import { deposit, keepAliveBalance, payAuthor, withdraw } from "./balances";
import { type DispatchContext, callGroup, defineCall } from "./calls";
import { DispatchError } from "../errors";
import { paramsOf } from "./params";
import { type ChainState, EXISTENTIAL_DEPOSIT, type Neuron, type Subnet, deleteSubnet, newNeuron, setHotkeyOwner, setIssuance, setNetworkLock, setSubnet } from "./state";

/** `get_median_subnet_alpha_price`: the median spot price over subnets with a positive price, 1.0 if none. */
export function medianAlphaPrice(state: ChainState): bigint {
  const prices = [...state.subnets.values()]
    .map((s) => currentPrice(s.pool))
    .filter((p) => p > 0n)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (prices.length === 0) return fromInt(U64F64, 1);
  const lower = prices[(prices.length - 1) >> 1]!;
  const upper = prices[prices.length >> 1]!;
  return lower === upper ? upper : safeDiv(U64F64, satAdd(U64F64, lower, upper), fromInt(U64F64, 2));
}

/** `get_network_lock_cost` at block `now`. */
export function subnetLockCost(state: ChainState, now: bigint): bigint {
  const p = paramsOf(state);
  return networkLockCost({
    lastLock: state.networkLock.lastLock,
    lastLockBlock: state.networkLock.lastLockBlock,
    now,
    minLock: p.networkMinLock,
    reductionInterval: p.networkLockReductionInterval,
    blockEmission: blockEmissionForIssuance(state.totalIssuance),
  });
}

/** Decay every subnet's registration price for block `block` (`update_registration_prices_for_networks`). */
export function onInitializeSubnets(state: ChainState, block: bigint): void {
  for (const s of [...state.subnets.values()]) {
    const burn = decayBurn(s.burn, s.burnParams, block);
    if (burn !== s.burn) setSubnet(state, { ...s, burn });
  }
}

/** The subnet `netuid`, or `SubnetNotExists`. */
export function subnetOrFail(ctx: DispatchContext, netuid: number): Subnet {
  const subnet = ctx.state.subnets.get(netuid);
  if (!subnet) throw new DispatchError("SubtensorModule.SubnetNotExists", `no subnet ${netuid}`);
  return subnet;
}

/** `NonAssociatedColdKey` unless `hotkey` is unowned or the signer's. */
function ensureHotkeyPairing(ctx: DispatchContext, hotkey: string): void {
  const owner = ctx.state.hotkeyOwner.get(hotkey);
  if (owner !== undefined && owner !== ctx.signer) throw new DispatchError("SubtensorModule.NonAssociatedColdKey", `hotkey ${hotkey} belongs to coldkey ${owner}`);
}

/** `create_account_if_non_existent`: an unowned hotkey becomes the signer's (pairing already checked). */
function claimHotkey(ctx: DispatchContext, hotkey: string): void {
  if (!ctx.state.hotkeyOwner.has(hotkey)) setHotkeyOwner(ctx.state, hotkey, ctx.signer);
}

const satSubBlock = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

export interface NewSubnetTerms {
  netuid: number;
  owner: string;
  hotkey: string;
  now: bigint;
  /** TAO locked by the owner (rao); the pool gets at least `NetworkMinLockCost`. */
  lock: bigint;
  /** `get_median_subnet_alpha_price` when it registers (U64F64). */
  median: bigint;
}

/**
 * `set_new_network_state` + `init_new_network`: a subnet whose pool holds the whole lock (at
 * least the minimum) against alpha at the median price, with the owner hotkey as uid 0.
 */
export function newSubnet(state: ChainState, t: NewSubnetTerms): Subnet {
  const p = paramsOf(state);
  const poolTao = t.lock > p.networkMinLock ? t.lock : p.networkMinLock;
  const poolAlpha = toU64(U64F64, safeDiv(U64F64, fromInt(U64F64, poolTao), t.median));
  return {
    netuid: t.netuid,
    owner: t.owner,
    ownerHotkey: t.hotkey,
    registeredAt: t.now,
    firstEmissionBlock: null,
    tempo: p.defaultTempo,
    immunityPeriod: p.immunityPeriod,
    maxAllowedUids: p.maxAllowedUids,
    registrationAllowed: true,
    burn: p.initialBurn,
    burnParams: p.burnParams,
    pool: { taoReserve: poolTao, alphaReserve: poolAlpha, quoteWeight: initialQuoteWeight(poolTao, poolAlpha) },
    alphaOut: 0n,
    locked: t.lock,
    emissionEnabled: p.emissionEnabledAtRegistration,
    movingPrice: 0n,
    minerBurned: 0n,
    protocolAlpha: 0n,
    pending: { server: 0n, validator: 0n, ownerCut: 0n, root: 0n },
    lastEpochBlock: satSubBlock(t.now, BigInt(t.netuid % Math.max(p.defaultTempo, 1))), // the per-netuid stagger of init_new_network
    pendingEpochAt: 0n,
    epochIndex: 0,
    lastMechanismStepBlock: 0n,
    neurons: [newNeuron(t.hotkey, t.owner, t.now)],
    stake: {},
    hyper: p.hyper,
    axons: {},
    commits: {},
    ownerHparamLast: {},
  };
}

interface RegisterNetworkArgs {
  hotkey: string;
}

function registerNetwork(ctx: DispatchContext, { hotkey }: RegisterNetworkArgs): void {
  const { state, block: now } = ctx;
  const p = paramsOf(state);
  ensureHotkeyPairing(ctx, hotkey);
  const { lastLockBlock } = state.networkLock;
  if (lastLockBlock !== 0n && now - lastLockBlock < p.networkRateLimit) {
    throw new DispatchError("SubtensorModule.NetworkTxRateLimitExceeded", `the last subnet was registered at block ${lastLockBlock}; the next may come at block ${lastLockBlock + p.networkRateLimit}`);
  }
  // When every slot is taken, the cheapest non-immune subnet makes room (after all checks pass).
  const pruned = state.subnets.size >= p.subnetLimit ? subnetToPrune(state, now) : null;
  if (state.subnets.size >= p.subnetLimit && pruned === null) {
    throw new DispatchError("SubtensorModule.SubnetLimitReached", `all ${p.subnetLimit} subnet slots are taken and every subnet is younger than the network immunity period of ${p.networkImmunityPeriod} blocks`);
  }
  const lock = subnetLockCost(state, now);
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < lock) throw new DispatchError("SubtensorModule.CannotAffordLockCost", `the lock costs ${lock} rao, ${spendable} rao is spendable`);

  if (pruned !== null) dissolveSubnet(ctx, pruned);
  let netuid = pruned ?? 1;
  while (state.subnets.has(netuid)) netuid++;
  const median = medianAlphaPrice(state); // after the pruned subnet is gone, before the new one exists
  withdraw(ctx, ctx.signer, lock);
  setNetworkLock(state, { lastLock: lock, lastLockBlock: now });
  claimHotkey(ctx, hotkey);
  const subnet = newSubnet(state, { netuid, owner: ctx.signer, hotkey, now, lock, median });
  setSubnet(state, subnet);
  const { taoReserve: poolTao, alphaReserve: poolAlpha } = subnet.pool;
  ctx.emit("SubtensorModule.NetworkAdded", { netuid, mechid: 1, owner: ctx.signer, hotkey, lock, poolTao, poolAlpha });
  ctx.emit("SubtensorModule.NeuronRegistered", { netuid, uid: 0, hotkey });
}

/**
 * `get_network_to_prune`: among subnets past `NetworkImmunityPeriod`, the lowest moving price,
 * ties to the earliest registered. `null` when every subnet is immune.
 */
export function subnetToPrune(state: ChainState, now: bigint): number | null {
  const immunity = paramsOf(state).networkImmunityPeriod;
  let best: Subnet | null = null;
  for (const s of state.subnets.values()) {
    if (now < s.registeredAt + immunity) continue;
    if (best === null || s.movingPrice < best.movingPrice || (s.movingPrice === best.movingPrice && s.registeredAt < best.registeredAt)) best = s;
  }
  return best?.netuid ?? null;
}

/**
 * `do_dissolve_network` for a subnet registered after subtensor's refund cut-off (so the owner's
 * lock is not refunded): the pool's TAO is shared among every alpha position and the protocol
 * (the pool's alpha plus `SubnetProtocolAlpha`) pro rata to alpha, by largest remainder; stakers
 * are paid, the protocol's share and any payment too small to open an account are recycled.
 * The subnet's alpha, pending emission and neurons vanish with it.
 */
export function dissolveSubnet(ctx: DispatchContext, netuid: number): void {
  const { state } = ctx;
  const subnet = state.subnets.get(netuid)!;
  const stakers: { coldkey: string; value: bigint }[] = [];
  for (const hotkey of Object.keys(subnet.stake).sort()) {
    const pool = subnet.stake[hotkey]!;
    for (const coldkey of Object.keys(pool.shares).sort()) {
      const value = shareValue(pool, coldkey);
      if (value > 0n) stakers.push({ coldkey, value });
    }
  }
  const protocolValue = subnet.pool.alphaReserve + subnet.protocolAlpha;
  const total = stakers.reduce((a, x) => a + x.value, protocolValue);
  const pot = subnet.pool.taoReserve;
  const portions = [...stakers, { coldkey: null, value: protocolValue }].map((x, i) => ({ ...x, i, share: total === 0n ? 0n : (pot * x.value) / total, rem: total === 0n ? 0n : (pot * x.value) % total }));
  let leftover = pot - portions.reduce((a, x) => a + x.share, 0n);
  // Largest remainder first (a stable sort keeps position order among equal remainders).
  for (const x of [...portions].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i))) {
    if (leftover === 0n) break;
    x.share += 1n;
    leftover -= 1n;
  }
  let paid = 0n;
  for (const x of portions) {
    if (x.coldkey === null || x.share === 0n) continue;
    const acc = state.accounts.get(x.coldkey);
    if ((acc?.free ?? 0n) === 0n && x.share < EXISTENTIAL_DEPOSIT) continue; // cannot open an account: recycled
    deposit(ctx, x.coldkey, x.share, "dissolution refund");
    paid += x.share;
  }
  const recycled = pot - paid;
  setIssuance(state, state.totalIssuance - recycled);
  deleteSubnet(state, netuid);
  ctx.emit("SubtensorModule.NetworkRemoved", { netuid, taoReturned: paid, taoRecycled: recycled, alphaDestroyed: subnet.alphaOut + subnet.pool.alphaReserve });
}

/**
 * `get_neuron_to_prune` (§7.3): the owner's immortal hotkeys are skipped; the rest are ranked by
 * lowest last-epoch emission, then oldest registration, then lowest uid; a non-immune uid is
 * preferred while more than `MinNonImmuneUids` of them remain. `null` when nothing may go.
 */
export function neuronToPrune(subnet: Subnet, now: bigint, immuneOwnerUidsLimit: number, minNonImmuneUids: number): number | null {
  // By uid, reading the neurons in place: this runs on every registration into a full subnet.
  const n = subnet.neurons;
  const earlier = (a: number, b: number) => {
    const x = n[a]!.registeredAt;
    const y = n[b]!.registeredAt;
    return x !== y ? (x < y ? -1 : 1) : a - b;
  };
  const ownerUids: number[] = [];
  for (let uid = 0; uid < n.length; uid++) if (n[uid]!.coldkey === subnet.owner) ownerUids.push(uid);
  let immortal = ownerUids.sort(earlier).slice(0, immuneOwnerUidsLimit).map((uid) => n[uid]!.hotkey);
  if (n.some((x) => x.hotkey === subnet.ownerHotkey) && !immortal.includes(subnet.ownerHotkey)) {
    immortal = [subnet.ownerHotkey, ...immortal].slice(0, immuneOwnerUidsLimit);
  }
  const immortals = new Set(immortal);
  /** Whether uid a is pruned before uid b (-1: none yet): lowest emission, then earliest registered, then lowest uid. */
  const before = (a: number, b: number) => b < 0 || (n[a]!.emission !== n[b]!.emission ? n[a]!.emission < n[b]!.emission : earlier(a, b) < 0);
  let bestFree = -1;
  let bestImmune = -1;
  let freeCount = 0;
  for (let uid = 0; uid < n.length; uid++) {
    const x = n[uid]!;
    if (immortals.has(x.hotkey)) continue;
    if (now - x.registeredAt < subnet.immunityPeriod) {
      if (before(uid, bestImmune)) bestImmune = uid;
    } else {
      freeCount++;
      if (before(uid, bestFree)) bestFree = uid;
    }
  }
  const chosen = freeCount > minNonImmuneUids && bestFree >= 0 ? bestFree : bestImmune;
  return chosen < 0 ? null : chosen;
}

interface BurnedRegisterArgs {
  netuid: number;
  hotkey: string;
}

function burnedRegister(ctx: DispatchContext, { netuid, hotkey }: BurnedRegisterArgs): void {
  const { state, block: now } = ctx;
  const p = paramsOf(state);
  if (netuid === 0) throw new DispatchError("SubtensorModule.RegistrationNotPermittedOnRootSubnet", "burned_register cannot target the root network");
  const subnet = subnetOrFail(ctx, netuid);
  if (!subnet.registrationAllowed) throw new DispatchError("SubtensorModule.SubNetRegistrationDisabled", `registration is off on subnet ${netuid}`);
  if (subnet.neurons.some((x) => x.hotkey === hotkey)) throw new DispatchError("SubtensorModule.HotKeyAlreadyRegisteredInSubNet", `hotkey ${hotkey} already has a uid on subnet ${netuid}`);
  const price = subnet.burn;
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < price) throw new DispatchError("SubtensorModule.NotEnoughBalanceToStake", `registration costs ${price} rao, ${spendable} rao is spendable`);
  ensureHotkeyPairing(ctx, hotkey);
  if (subnet.maxAllowedUids === 0) throw new DispatchError("SubtensorModule.NoNeuronIdAvailable", `subnet ${netuid} allows no uids`);
  const full = subnet.neurons.length >= subnet.maxAllowedUids;
  const pruned = full ? neuronToPrune(subnet, now, p.immuneOwnerUidsLimit, p.minNonImmuneUids) : null;
  if (full && pruned === null) throw new DispatchError("SubtensorModule.NoNeuronIdAvailable", `subnet ${netuid} is full and every uid is the owner's`);

  // Pay: the price goes into the pool as TAO, the alpha it buys is burned, the swap fee goes to
  // the block author.
  claimHotkey(ctx, hotkey);
  withdraw(ctx, ctx.signer, price);
  let result;
  try {
    result = swap(subnet.pool, "buy", price, limitPriceFromRao(MAX_PRICE_RAO));
  } catch (e) {
    if (e instanceof SwapError) throw new DispatchError(`Swap.${e.error}`, `registration swap on subnet ${netuid}: ${e.message}`);
    throw e;
  }
  // When the pool's price reaches the maximum, the swap fills only part of the price. subtensor
  // leaves the rest in the subnet's account, outside every reserve; here it leaves circulation.
  const unspent = price - result.amountPaidIn - result.fee;
  if (unspent > 0n) {
    setIssuance(state, state.totalIssuance - unspent);
    ctx.emit("Balances.Burned", { who: ctx.signer, amount: unspent });
  }
  payAuthor(state, ctx.author, result.fee, ctx.emit);

  const uid = pruned ?? subnet.neurons.length;
  const replaced = pruned === null ? null : subnet.neurons[pruned]!;
  // replace_neuron: the uid's own rows go, and weights others gave it become 0 (entries kept).
  // Rows that gave it nothing keep their identity, so the state root does not re-hash them.
  const neurons = replaced === null ? [...subnet.neurons] : subnet.neurons.map((x) => withZeroWeightTo(x, uid));
  neurons[uid] = newNeuron(hotkey, ctx.signer, now);
  const axons = { ...subnet.axons };
  if (replaced) delete axons[replaced.hotkey]; // replace_neuron clears the old hotkey's axon
  setSubnet(state, {
    ...subnet,
    axons,
    burn: bumpBurn(subnet.burn, subnet.burnParams),
    pool: { ...subnet.pool, taoReserve: subnet.pool.taoReserve + result.amountPaidIn, alphaReserve: subnet.pool.alphaReserve - result.amountPaidOut },
    neurons,
  });
  ctx.emit("SubtensorModule.NeuronRegistered", {
    netuid,
    uid,
    hotkey,
    coldkey: ctx.signer,
    burn: price,
    taoToPool: result.amountPaidIn,
    swapFee: result.fee,
    alphaBurned: result.amountPaidOut,
    ...(replaced ? { replacedHotkey: replaced.hotkey } : {}),
  });
}

/** `x` with its weight to `uid` set to 0 (the entry kept); `x` itself when it gave `uid` nothing. */
function withZeroWeightTo(x: Neuron, uid: number): Neuron {
  // Weights rows are sorted by uid: binary search for the entry.
  const row = x.weights;
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (row[mid]![0] < uid) lo = mid + 1;
    else hi = mid;
  }
  if (lo === row.length || row[lo]![0] !== uid || row[lo]![1] === 0) return x;
  const weights = row.slice();
  weights[lo] = [uid, 0];
  return { ...x, weights };
}

export const subnetCalls = callGroup(
  defineCall({ name: "SubtensorModule.register_network", weight: 300_000_000n, pays: "Yes", read: (r): RegisterNetworkArgs => ({ hotkey: r.account("hotkey") }), dispatch: registerNetwork }),
  defineCall({ name: "SubtensorModule.burned_register", weight: 250_000_000n, pays: "Yes", read: (r): BurnedRegisterArgs => ({ netuid: r.u16("netuid"), hotkey: r.account("hotkey") }), dispatch: burnedRegister }),
);
