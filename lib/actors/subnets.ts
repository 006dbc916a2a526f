/**
 * New subnets over time, for the PoI traffic (lib/actors/traffic.ts): now and then a coldkey
 * registers a subnet, and the network's validators and miners join it. Read from the chain
 * state alone (no actor memory), every draw from the caller's seeded generators, and planned so
 * that the chain accepts every call:
 *
 * - register: in a block with probability `rate`, while a subnet slot is free (this never asks
 *   the chain to dissolve a subnet to make room) and `NetworkRateLimit` blocks have passed since
 *   the last registration, a coldkey that can pay the current lock cost (and what it already
 *   spends in the block) signs `SubtensorModule.register_network`, its owner hotkey one of the
 *   coldkey's own hotkeys, or an unowned one, that is no validator's and no subnet's owner hotkey
 *   (the coldkey and the hotkey drawn among those that qualify). The chain gives it the lowest
 *   free netuid, and its task follows from that netuid (profiles.ts's `taskOf`). The owner's
 *   `start_call` comes from activity.ts's `signStartCalls` once the start-call delay has passed;
 * - validators join: on every subnet registered after genesis that has a free uid, the first
 *   validator hotkey (in the configured order) without a uid there registers with
 *   `burned_register`, signed by the coldkey that owns it and paying the burn, one validator a
 *   block a subnet. Their root stake counts on the subnet through `TaoWeight` (stake weight
 *   alpha + tao_weight·root), so they take the validator permits at the subnet's first epochs
 *   and the traffic's rounds start there as on the genesis subnets;
 * - miners join: on each such subnet with a free uid, in a block with probability
 *   {@link MINER_JOIN_RATE} and while the registration price is at most {@link MINER_MAX_BURN},
 *   one miner hotkey (any configured hotkey but the validators', not yet on the subnet) registers,
 *   signed by its coldkey, or, for an unowned hotkey, by a coldkey drawn among the others; never
 *   the subnet owner's coldkey (the chain burns the incentive of every hotkey of the owner's
 *   coldkey). Once the uids are taken, the background churn's registrations replace the weakest.
 *
 * A subnet the block's background churn already registers on is joined in a later block (its
 * burn and uid count are then known), and a hotkey a registration of the block already names is
 * not drawn again.
 */
import type { Keypair } from "../chain/keys/keypair";
import { bumpBurn } from "../chain/registration/burn";
import type { Rng } from "../chain/rng";
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";
import { paramsOf } from "../chain/runtime/params";
import { type ChainState, EXISTENTIAL_DEPOSIT, type Subnet } from "../chain/runtime/state";
import { subnetLockCost } from "../chain/runtime/subnets";
import type { Sign } from "../chain/sim/activity";

const TAO = 1_000_000_000n;

/** The default per-block probability of a subnet registration: about one a day of 7,200 blocks (12 s each), on top of the chain's rate limit. */
export const DEFAULT_NEW_SUBNET_RATE = 1 / 7200;
/** The per-block probability that a miner joins a subnet registered after genesis while it has a free uid. */
export const MINER_JOIN_RATE = 0.1;
/** Miners join a new subnet only while its registration price is at most this (rao): the price paces their arrival. */
export const MINER_MAX_BURN = 10n * TAO;
/** What the traffic sets aside for each extrinsic's fee when it checks a balance (fees are about 0.0002 τ). */
const FEE_ALLOWANCE = TAO / 100n;

export interface SubnetGrowthKeys {
  readonly coldkeys: readonly Keypair[];
  /** Every hotkey the traffic signs for (validators included). */
  readonly hotkeys: readonly Keypair[];
  readonly validators: readonly Keypair[];
}

export interface SubnetGrowthDraws {
  /** Whether a subnet is registered in this block, and by whom. */
  readonly register: Rng;
  /** Whether a miner joins subnet `netuid` in this block, and which. */
  readonly join: (netuid: number) => Rng;
}

/**
 * Signs this block's subnet registration and joins (see the module comment) after the calls
 * already in `out` (the block's extrinsics so far, whose spending it takes into account).
 */
export function signSubnetGrowth(state: ChainState, out: readonly SignedExtrinsic[], sign: Sign, keys: SubnetGrowthKeys, rate: number, draws: SubnetGrowthDraws): void {
  if (!state.rules.era.traits.subnetRegistration) return; // e.g. the 2024 registry's subnets are not registered this way
  const p = paramsOf(state);
  const budget = blockBudget(state, out, p.burnParams.maxBurn);
  const claimed = new Set<string>(); // hotkeys a registration of this block names
  const registeringOn = new Set<number>(); // subnets the block already registers a neuron on
  for (const x of out) {
    if (x.call === "SubtensorModule.burned_register" || x.call === "SubtensorModule.register_network") claimed.add(String(x.args.hotkey));
    if (x.call === "SubtensorModule.burned_register") registeringOn.add(Number(x.args.netuid));
  }
  const validatorHexes = new Set(keys.validators.map((k) => k.publicKeyHex));
  const coldkeyByHex = new Map(keys.coldkeys.map((k) => [k.publicKeyHex, k]));
  const signRegistration = (key: Keypair, call: "SubtensorModule.register_network" | "SubtensorModule.burned_register", args: Record<string, string | number>, cost: bigint) => {
    sign(key, { call, args });
    budget.pay(key, cost);
    claimed.add(String(args.hotkey));
  };

  if (rate > 0 && draws.register.next() < rate) registerSubnet(state, keys, validatorHexes, claimed, budget, draws.register, (key, hotkey, lock) => signRegistration(key, "SubtensorModule.register_network", { hotkey }, lock));

  for (const subnet of [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid)) {
    if (subnet.netuid === 0 || subnet.registeredAt === 0n || !subnet.registrationAllowed || registeringOn.has(subnet.netuid)) continue;
    let room = subnet.maxAllowedUids - subnet.neurons.length;
    if (room <= 0) continue;
    let burn = subnet.burn;
    const onIt = new Set(subnet.neurons.map((n) => n.hotkey));
    const validator = keys.validators.find((v) => !onIt.has(v.publicKeyHex) && !claimed.has(v.publicKeyHex) && coldkeyByHex.has(state.hotkeyOwner.get(v.publicKeyHex) ?? ""));
    if (validator) {
      const coldkey = coldkeyByHex.get(state.hotkeyOwner.get(validator.publicKeyHex)!)!;
      if (budget.canPay(coldkey, burn)) {
        signRegistration(coldkey, "SubtensorModule.burned_register", { netuid: subnet.netuid, hotkey: validator.publicKeyHex }, burn);
        burn = bumpBurn(burn, subnet.burnParams);
        room--;
      }
    }
    const rng = draws.join(subnet.netuid);
    if (room > 0 && rng.next() < MINER_JOIN_RATE && burn <= MINER_MAX_BURN) joinMiner(state, subnet, keys, validatorHexes, coldkeyByHex, onIt, claimed, budget, burn, rng, (key, hotkey) => signRegistration(key, "SubtensorModule.burned_register", { netuid: subnet.netuid, hotkey }, burn));
  }
}

function registerSubnet(state: ChainState, keys: SubnetGrowthKeys, validatorHexes: ReadonlySet<string>, claimed: ReadonlySet<string>, budget: BlockBudget, rng: Rng, signIt: (key: Keypair, hotkey: string, lock: bigint) => void): void {
  const p = paramsOf(state);
  const now = state.block + 1n;
  if (state.subnets.size >= p.subnetLimit) return;
  const { lastLockBlock } = state.networkLock;
  if (lastLockBlock !== 0n && now - lastLockBlock < p.networkRateLimit) return;
  const lock = subnetLockCost(state, now);
  // A hundredth over the lock: the price is read before the block's own emission, which moves it by rounding at most.
  const need = lock + lock / 100n;
  const ownerHotkeys = new Set([...state.subnets.values()].map((s) => s.ownerHotkey));
  const usable = keys.hotkeys.filter((h) => !validatorHexes.has(h.publicKeyHex) && !ownerHotkeys.has(h.publicKeyHex) && !claimed.has(h.publicKeyHex));
  const options: { coldkey: Keypair; hotkeys: Keypair[] }[] = [];
  for (const coldkey of keys.coldkeys) {
    if (!budget.canPay(coldkey, need)) continue;
    const own = usable.filter((h) => {
      const owner = state.hotkeyOwner.get(h.publicKeyHex);
      return owner === undefined || owner === coldkey.publicKeyHex;
    });
    if (own.length) options.push({ coldkey, hotkeys: own });
  }
  if (options.length === 0) return;
  const { coldkey, hotkeys } = options[rng.int(options.length)]!;
  signIt(coldkey, hotkeys[rng.int(hotkeys.length)]!.publicKeyHex, lock);
}

function joinMiner(
  state: ChainState,
  subnet: Subnet,
  keys: SubnetGrowthKeys,
  validatorHexes: ReadonlySet<string>,
  coldkeyByHex: ReadonlyMap<string, Keypair>,
  onIt: ReadonlySet<string>,
  claimed: ReadonlySet<string>,
  budget: BlockBudget,
  burn: bigint,
  rng: Rng,
  signIt: (key: Keypair, hotkey: string) => void,
): void {
  const payers = keys.coldkeys.filter((k) => k.publicKeyHex !== subnet.owner && budget.canPay(k, burn));
  if (payers.length === 0) return;
  const candidates: { hotkey: string; coldkey: Keypair | null }[] = [];
  for (const h of keys.hotkeys) {
    const hex = h.publicKeyHex;
    if (validatorHexes.has(hex) || onIt.has(hex) || claimed.has(hex) || hex === subnet.ownerHotkey) continue;
    const owner = state.hotkeyOwner.get(hex);
    if (owner === undefined) candidates.push({ hotkey: hex, coldkey: null });
    else if (owner !== subnet.owner && payers.some((k) => k.publicKeyHex === owner)) candidates.push({ hotkey: hex, coldkey: coldkeyByHex.get(owner)! });
  }
  if (candidates.length === 0) return;
  const chosen = candidates[rng.int(candidates.length)]!;
  signIt(chosen.coldkey ?? payers[rng.int(payers.length)]!, chosen.hotkey);
}

interface BlockBudget {
  /** Whether `key` can still pay `cost` (and a fee) in this block, keeping its account alive. */
  canPay(key: Keypair, cost: bigint): boolean;
  pay(key: Keypair, cost: bigint): void;
}

/**
 * Each signer's free balance less what the block's extrinsics so far may take from it: stakes
 * and transfers at their amounts, a registration at the chain's highest burn, a fee allowance
 * for every extrinsic.
 */
function blockBudget(state: ChainState, out: readonly SignedExtrinsic[], maxBurn: bigint): BlockBudget {
  const pending = new Map<string, bigint>();
  const add = (who: string, cost: bigint) => pending.set(who, (pending.get(who) ?? 0n) + cost + FEE_ALLOWANCE);
  for (const x of out) {
    const a = x.args;
    if (x.call === "SubtensorModule.add_stake") add(x.signer, BigInt(String(a.amount_staked)));
    else if (x.call === "Balances.transfer_keep_alive") add(x.signer, BigInt(String(a.value)));
    else if (x.call === "SubtensorModule.burned_register") add(x.signer, maxBurn);
    else add(x.signer, 0n);
  }
  return {
    canPay(key, cost) {
      const free = state.accounts.get(key.publicKeyHex)?.free ?? 0n;
      return free - EXISTENTIAL_DEPOSIT - (pending.get(key.publicKeyHex) ?? 0n) >= cost + FEE_ALLOWANCE;
    },
    pay: (key, cost) => add(key.publicKeyHex, cost),
  };
}
