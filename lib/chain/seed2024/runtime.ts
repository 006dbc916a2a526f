/**
 * The seed2024 preset's runtime: the network as subtensor v1.1.3 ran it in 2024 (the root-network
 * era, before dynamic TAO). Stake is TAO per (hotkey, coldkey); the root validators' weights over
 * subnets set each subnet's TAO per block at every root epoch; each block pays 18% of it to the
 * subnet owner and queues the rest; each subnet's 2024 Yuma epoch (every tempo + 1 blocks)
 * splits the queue into (server, validator) tuples paid through hotkeys at the next block.
 * Spec: reference/subtensor-2024-spec.md; the pure rules are in root.ts, registration.ts,
 * staking.ts and consensus/epoch.ts (era "2024").
 *
 * Calls: `add_stake`, `remove_stake`, `become_delegate`, `root_register`, `set_root_weights`,
 * `set_weights`, `burned_register`, POW `register` (on subnets that allow it: genesis subnets may;
 * `register_network` subnets do not, as in v1.1.3), `register_network`, and the balance
 * transfers. Not here: the senate, `swap_hotkey`, commit-reveal v1, `dissolve_network`, the take
 * calls and the admin setters. SubtensorModule calls pay no fee (most were
 * `Pays::No` then); transfers pay the ordinary fee.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { type EpochInput, type EpochParams, runEpoch } from "../consensus/epoch";
import { u16MatrixToRows } from "../consensus/u16-matrix";
import { blockEmissionForIssuance } from "../emission/block-emission";
import { fromHex } from "../keys/ss58";
import { U64_MAX } from "../math/fixed";
import { checkVecMaxLimited, vecU16MaxUpscaleToU16 } from "../math/wide";
import { deposit, keepAliveBalance, withdraw } from "../runtime/balances";
import { type DispatchContext, callGroup, defineCall } from "../runtime/calls";
import { DispatchError, InvariantError, type PalletError } from "../errors";
import type { Emit } from "../runtime/events";
import { lowestStakeUid } from "../runtime/root";
import { type SetWeightsArgs, readSetWeights } from "../runtime/weights";
import { type ChainState, getAccount, setAccount, setDelegateTake, setHotkeyOwner, setIssuance } from "../runtime/state";
import { deepFreeze } from "../freeze";
import { adjustRegistrationTerms, networkLockCost2024, subnetToPrune } from "./registration";
import { blocksUntilNextEpoch2024, generateEmission, rootEpoch } from "./root";
import { emitThroughHotkeyParts } from "./staking";
import { type Era2024, type Neuron2024, type Subnet2024, totalHotkeyStake } from "./state";

const TAO = 1_000_000_000n;

/** Global parameters of the 2024 chain (§8; mainnet's 32 subnet slots). */
export const PARAMS_2024 = deepFreeze({
  subnetLimit: 32,
  ownerCut: 11_796,
  defaultTake: 11_796,
  minTake: 5_898,
  txRateLimit: 1_000n,
  targetStakesPerInterval: 1,
  stakeInterval: 360n,
  weightsMinStake: 0n,
  networkMinLock: 1_000n * TAO,
  networkLockReductionInterval: 100_800n,
  networkRateLimit: 7_200n,
  networkImmunityPeriod: 50_400n,
  root: { tempo: 100, maxUids: 64, kappa: 32_767, rho: 10, weightsSetRateLimit: 100n, minAllowedWeights: 0, maxWeightsLimit: 65_535, weightsVersionKey: 0n, maxRegistrationsPerBlock: 1, targetRegistrationsPerInterval: 1, adjustmentInterval: 100n },
} as const);

/** Subtensor v1.1.3's global parameters: `PARAMS_2024`, or a test's own (`Rules.v2024`). */
export type Params2024 = typeof PARAMS_2024;

/**
 * The v1.1.3 parameters the chain runs (its `rules`, chosen at genesis).
 * @throws InvariantError on a chain of another era
 */
export function params2024(state: Pick<ChainState, "rules">): Params2024 {
  const p = state.rules.v2024;
  if (!p) throw new InvariantError(`the v1.1.3 parameters were asked for on a chain of the ${state.rules.era.name} era, whose rules have their own`);
  return p;
}

/** `init_new_network(netuid, 360)` with the storage defaults it does not set (§8). */
export function newSubnet2024(netuid: number, owner: string | null, now: bigint, locked: bigint): Subnet2024 {
  return {
    netuid,
    owner,
    registeredAt: now,
    locked,
    tempo: 360,
    immunityPeriod: 5_000n,
    maxAllowedUids: 256,
    maxAllowedValidators: 64,
    kappa: 32_767,
    bondsMovingAverage: 900_000,
    activityCutoff: 5_000,
    weightsSetRateLimit: 100n,
    minAllowedWeights: 1,
    maxWeightsLimit: 65_535,
    weightsVersionKey: 0n,
    registrationAllowed: true,
    powRegistrationAllowed: false,
    maxRegistrationsPerBlock: 1,
    targetRegistrationsPerInterval: 1,
    adjustmentInterval: 360n,
    adjustmentAlpha: 17_893_341_751_498_265_066n,
    burn: TAO,
    minBurn: 1n,
    maxBurn: 100n * TAO,
    difficulty: 10_000_000n,
    minDifficulty: U64_MAX,
    maxDifficulty: U64_MAX,
    registrationsThisBlock: 0,
    registrationsThisInterval: 0,
    burnRegistrationsThisInterval: 0,
    powRegistrationsThisInterval: 0,
    lastAdjustmentBlock: 0n,
    emissionValue: 0n,
    pendingEmission: 0n,
    loadedEmission: [],
    lastMechanismStepBlock: 0n,
    blocksSinceLastStep: 0n,
    epochIndex: 0,
    neurons: [],
  };
}

export const EMPTY_ERA_2024: Era2024 = {
  subnets: [],
  root: { validators: [], registeredAt: [], lastUpdate: [], weights: [], registrationsThisBlock: 0, registrationsThisInterval: 0, lastAdjustmentBlock: 0n },
  stake: {},
  lastTxBlock: {},
  stakeOps: {},
  networkLastLock: PARAMS_2024.networkMinLock,
  networkLastRegistered: 0n,
  recentBlockHashes: {},
};

/** `append_neuron` (§7.4): a fresh uid, active, pruning score 0. */
export function newNeuron2024(hotkey: string, now: bigint): Neuron2024 {
  return { hotkey, registeredAt: now, lastUpdate: now, validatorPermit: false, weights: [], bonds: [], active: true, rank: 0, trust: 0, consensus: 0, incentive: 0, dividends: 0, validatorTrust: 0, emission: 0n, pruningScore: 0 };
}

export function eraOf(state: ChainState): Era2024 {
  if (!state.era2024) throw new InvariantError("this chain has no 2024 storage: it is not a seed2024 chain");
  return state.era2024;
}

/** Replace the 2024 storage, recording the undo step. */
export function setEra(state: ChainState, era: Era2024): void {
  const previous = state.era2024;
  state.journal?.push(() => (state.era2024 = previous));
  state.era2024 = era;
}

function withSubnet(era: Era2024, subnet: Subnet2024): Era2024 {
  const subnets = era.subnets.filter((s) => s.netuid !== subnet.netuid);
  subnets.push(subnet);
  subnets.sort((a, b) => a.netuid - b.netuid);
  return { ...era, subnets };
}

function withStake(era: Era2024, hotkey: string, coldkey: string, amount: bigint): Era2024 {
  const row = { ...(era.stake[hotkey] ?? {}) };
  if (amount === 0n) delete row[coldkey];
  else row[coldkey] = amount;
  const stake = { ...era.stake, [hotkey]: row };
  if (Object.keys(row).length === 0) delete stake[hotkey];
  return { ...era, stake };
}

const stakeOf = (era: Era2024, hotkey: string, coldkey: string) => era.stake[hotkey]?.[coldkey] ?? 0n;

function fail(error: PalletError<"SubtensorModule">, detail: string): never {
  throw new DispatchError(`SubtensorModule.${error}`, detail);
}

function subnetOrFail(era: Era2024, netuid: number): Subnet2024 {
  const s = era.subnets.find((x) => x.netuid === netuid);
  if (!s) fail("SubNetworkDoesNotExist", `no subnet ${netuid}`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Staking (§6)

/** §6.4: one operation per (coldkey, hotkey) per `StakeInterval`, the window restarting at each. */
function stakeRateOrFail(p: Params2024, era: Era2024, coldkey: string, hotkey: string, now: bigint, error: PalletError<"SubtensorModule">): Era2024 {
  const key = `${coldkey}|${hotkey}`;
  const prev = era.stakeOps[key];
  const count = prev && prev.last + p.stakeInterval > now ? prev.count : 0;
  if (count >= p.targetStakesPerInterval) fail(error, `one stake operation per ${p.stakeInterval} blocks for this hotkey; the last was at block ${prev!.last}`);
  return { ...era, stakeOps: { ...era.stakeOps, [key]: { count: count + 1, last: now } } };
}

function delegateOrOwnerOrFail(ctx: DispatchContext, hotkey: string): void {
  const owner = ctx.state.hotkeyOwner.get(hotkey);
  if (owner === undefined) fail("HotKeyAccountNotExists", `hotkey ${hotkey} does not exist`);
  if (owner !== ctx.signer && !ctx.state.delegateTake.has(hotkey)) fail("HotKeyNotDelegateAndSignerNotOwnHotKey", `hotkey ${hotkey} is not a delegate and not the signer's`);
}

interface StakeArgs {
  hotkey: string;
  amount: bigint;
}

function addStake(ctx: DispatchContext, { hotkey, amount }: StakeArgs): void {
  let era = eraOf(ctx.state);
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (amount > spendable) fail("NotEnoughBalanceToStake", `${amount} rao to stake, ${spendable} rao is spendable`);
  delegateOrOwnerOrFail(ctx, hotkey);
  era = stakeRateOrFail(params2024(ctx.state), era, ctx.signer, hotkey, ctx.block, "StakeRateLimitExceeded");
  withdraw(ctx, ctx.signer, amount);
  era = withStake(era, hotkey, ctx.signer, stakeOf(era, hotkey, ctx.signer) + amount);
  setEra(ctx.state, { ...era, lastTxBlock: { ...era.lastTxBlock, [ctx.signer]: ctx.block } });
  ctx.emit("SubtensorModule.StakeAdded", { coldkey: ctx.signer, hotkey, tao: amount });
}

function removeStake(ctx: DispatchContext, { hotkey, amount }: StakeArgs): void {
  let era = eraOf(ctx.state);
  delegateOrOwnerOrFail(ctx, hotkey);
  if (amount === 0n) fail("StakeToWithdrawIsZero", "cannot unstake 0 rao");
  const held = stakeOf(era, hotkey, ctx.signer);
  if (held < amount) fail("NotEnoughStakeToWithdraw", `${held} rao staked, ${amount} to unstake`);
  era = stakeRateOrFail(params2024(ctx.state), era, ctx.signer, hotkey, ctx.block, "UnstakeRateLimitExceeded");
  era = withStake(era, hotkey, ctx.signer, held - amount);
  setEra(ctx.state, { ...era, lastTxBlock: { ...era.lastTxBlock, [ctx.signer]: ctx.block } });
  deposit(ctx, ctx.signer, amount, "unstake");
  ctx.emit("SubtensorModule.StakeRemoved", { coldkey: ctx.signer, hotkey, tao: amount });
}

interface HotkeyArgs {
  hotkey: string;
}

/** `become_delegate`: the owner opens the hotkey to nominators at the default take. */
function becomeDelegate(ctx: DispatchContext, { hotkey }: HotkeyArgs): void {
  const era = eraOf(ctx.state);
  const owner = ctx.state.hotkeyOwner.get(hotkey);
  if (owner !== ctx.signer) fail("NonAssociatedColdKey", `hotkey ${hotkey} is not the signer's`);
  if (ctx.state.delegateTake.has(hotkey)) fail("HotKeyAlreadyDelegate", `hotkey ${hotkey} is already a delegate`);
  const last = era.lastTxBlock[ctx.signer] ?? 0n;
  if (last !== 0n && ctx.block - last <= params2024(ctx.state).txRateLimit) fail("DelegateTxRateLimitExceeded", `the signer's last transaction was at block ${last}; wait until after block ${last + params2024(ctx.state).txRateLimit}`);
  setDelegateTake(ctx.state, hotkey, params2024(ctx.state).defaultTake, ctx.block);
  setEra(ctx.state, { ...era, lastTxBlock: { ...era.lastTxBlock, [ctx.signer]: ctx.block } });
  ctx.emit("SubtensorModule.DelegateAdded", { coldkey: ctx.signer, hotkey, take: params2024(ctx.state).defaultTake });
}

// ---------------------------------------------------------------------------------------------
// Root network (§4)

function rootRegister(ctx: DispatchContext, { hotkey }: HotkeyArgs): void {
  const { state } = ctx;
  let era = eraOf(state);
  const root = era.root;
  const p = params2024(ctx.state).root;
  if (root.registrationsThisBlock >= p.maxRegistrationsPerBlock) fail("TooManyRegistrationsThisBlock", `at most ${p.maxRegistrationsPerBlock} root registration per block`);
  if (root.registrationsThisInterval >= 3 * p.targetRegistrationsPerInterval) fail("TooManyRegistrationsThisInterval", `at most ${3 * p.targetRegistrationsPerInterval} root registrations per ${p.adjustmentInterval}-block interval`);
  if (root.validators.includes(hotkey)) fail("HotKeyAlreadyRegisteredInSubNet", `hotkey ${hotkey} already has a root uid`);
  // create_account_if_non_existent: a new hotkey becomes the signer's; an existing one is not checked.
  if (!state.hotkeyOwner.has(hotkey)) setHotkeyOwner(state, hotkey, ctx.signer);
  let uid = root.validators.length;
  let replaced: string | null = null;
  if (root.validators.length >= p.maxUids) {
    let lowest: bigint;
    ({ uid, stake: lowest } = lowestStakeUid(root.validators, (h) => totalHotkeyStake(era, h)));
    if (!(lowest < totalHotkeyStake(era, hotkey))) fail("StakeTooLowForRoot", `all ${p.maxUids} root uids are taken and the lowest stake (${lowest} rao) is not below hotkey ${hotkey}'s`);
    replaced = root.validators[uid]!;
  }
  const set = <T>(xs: readonly T[], v: T) => {
    const out = [...xs];
    out[uid] = v;
    return out;
  };
  // replace_neuron keeps the uid's weights and last update: the newcomer inherits them (§7.4).
  era = {
    ...era,
    root: {
      ...root,
      validators: set(root.validators, hotkey),
      registeredAt: set(root.registeredAt, ctx.block),
      lastUpdate: replaced ? root.lastUpdate : set(root.lastUpdate, ctx.block),
      weights: replaced ? root.weights : set(root.weights, []),
      registrationsThisBlock: root.registrationsThisBlock + 1,
      registrationsThisInterval: root.registrationsThisInterval + 1,
    },
  };
  setEra(state, era);
  if (!state.delegateTake.has(hotkey)) setDelegateTake(state, hotkey, params2024(state).defaultTake, 0n);
  ctx.emit("SubtensorModule.NeuronRegistered", { netuid: 0, uid, hotkey, ...(replaced ? { replacedHotkey: replaced } : {}) });
}

interface RootWeightsArgs {
  netuid: number;
  hotkey: string;
  dests: number[];
  weights: number[];
  versionKey: bigint;
}

/** `set_root_weights` (§4.3), signed by the hotkey's owner coldkey. */
function setRootWeights(ctx: DispatchContext, { netuid, hotkey, dests, weights, versionKey }: RootWeightsArgs): void {
  const era = eraOf(ctx.state);
  const p = params2024(ctx.state).root;
  const owner = ctx.state.hotkeyOwner.get(hotkey);
  if (owner === undefined) fail("HotKeyAccountNotExists", `hotkey ${hotkey} does not exist`);
  if (owner !== ctx.signer) fail("NonAssociatedColdKey", `hotkey ${hotkey} belongs to ${owner}`);
  if (netuid !== 0 && !era.subnets.some((x) => x.netuid === netuid)) fail("SubNetworkDoesNotExist", `no subnet ${netuid}`);
  if (netuid !== 0) fail("NotRootSubnet", "root weights are set on netuid 0");
  if (dests.length !== weights.length) fail("WeightVecNotEqualSize", `${dests.length} netuids but ${weights.length} weights`);
  const bad = dests.find((d) => d !== 0 && !era.subnets.some((s) => s.netuid === d));
  if (bad !== undefined) fail("UidVecContainInvalidOne", `netuid ${bad} does not exist`);
  const uid = era.root.validators.indexOf(hotkey);
  if (uid < 0) fail("HotKeyNotRegisteredInSubNet", `hotkey ${hotkey} has no root uid`);
  const stake = totalHotkeyStake(era, hotkey);
  if (stake < params2024(ctx.state).weightsMinStake) fail("NotEnoughStakeToSetWeights", `${stake} rao staked`);
  if (p.weightsVersionKey !== 0n && versionKey < p.weightsVersionKey) fail("IncorrectWeightVersionKey", `version key ${versionKey} is below ${p.weightsVersionKey}`);
  const last = era.root.lastUpdate[uid]!;
  if (last !== 0n && ctx.block - last < p.weightsSetRateLimit) fail("SettingWeightsTooFast", `root uid ${uid} last set weights at block ${last}; the next may come at ${last + p.weightsSetRateLimit}`);
  if (new Set(dests).size !== dests.length) fail("DuplicateUids", "a netuid appears twice");
  const upscaled = vecU16MaxUpscaleToU16(weights);
  if (!checkVecMaxLimited(upscaled, p.maxWeightsLimit)) fail("MaxWeightExceeded", `a weight exceeds ${p.maxWeightsLimit}/65535`);
  const row = dests.map((d, i): [number, number] => [d, upscaled[i]!]).sort((a, b) => a[0] - b[0]);
  const weightsRows = [...era.root.weights];
  weightsRows[uid] = row;
  const lastUpdate = [...era.root.lastUpdate];
  lastUpdate[uid] = ctx.block;
  setEra(ctx.state, { ...era, root: { ...era.root, weights: weightsRows, lastUpdate } });
  ctx.emit("SubtensorModule.WeightsSet", { netuid: 0, uid });
}

// ---------------------------------------------------------------------------------------------
// Subnet weights and registration (§5.3, §7)


/** `do_set_weights` (§5.3), signed by the hotkey. */
function setWeights(ctx: DispatchContext, { netuid, dests, weights, versionKey }: SetWeightsArgs): void {
  const era = eraOf(ctx.state);
  if (netuid === 0) fail("CanNotSetRootNetworkWeights", "root weights are set with set_root_weights");
  if (dests.length !== weights.length) fail("WeightVecNotEqualSize", `${dests.length} uids but ${weights.length} weights`);
  const s = subnetOrFail(era, netuid);
  if (dests.length > s.neurons.length) fail("UidsLengthExceedUidsInSubNet", `${dests.length} weights for ${s.neurons.length} uids`);
  const uid = s.neurons.findIndex((x) => x.hotkey === ctx.signer);
  if (uid < 0) fail("HotKeyNotRegisteredInSubNet", `hotkey ${ctx.signer} has no uid on subnet ${netuid}`);
  const stake = totalHotkeyStake(era, ctx.signer);
  if (stake < params2024(ctx.state).weightsMinStake) fail("NotEnoughStakeToSetWeights", `${stake} rao staked`);
  if (s.weightsVersionKey !== 0n && versionKey < s.weightsVersionKey) fail("IncorrectWeightVersionKey", `version key ${versionKey} is below ${s.weightsVersionKey}`);
  const neuron = s.neurons[uid]!;
  if (neuron.lastUpdate !== 0n && ctx.block - neuron.lastUpdate < s.weightsSetRateLimit) fail("SettingWeightsTooFast", `uid ${uid} last set weights at block ${neuron.lastUpdate}`);
  const selfOnly = dests.length === 1 && dests[0] === uid;
  if (!selfOnly && !neuron.validatorPermit) fail("NeuronNoValidatorPermit", `uid ${uid} has no validator permit`);
  if (new Set(dests).size !== dests.length) fail("DuplicateUids", "a uid appears twice");
  const bad = dests.find((d) => d >= s.neurons.length);
  if (bad !== undefined) fail("UidVecContainInvalidOne", `uid ${bad} does not exist on subnet ${netuid}`);
  if (!selfOnly && dests.length < Math.min(s.minAllowedWeights, s.neurons.length)) fail("WeightVecLengthIsLow", `${dests.length} weights, at least ${Math.min(s.minAllowedWeights, s.neurons.length)} needed`);
  const upscaled = vecU16MaxUpscaleToU16(weights);
  if (!selfOnly && s.maxWeightsLimit !== 65_535 && !checkVecMaxLimited(upscaled, s.maxWeightsLimit)) fail("MaxWeightExceeded", `a weight exceeds ${s.maxWeightsLimit}/65535`);
  const neurons = [...s.neurons];
  neurons[uid] = { ...neuron, weights: dests.map((d, i): [number, number] => [d, upscaled[i]!]).sort((a, b) => a[0] - b[0]), lastUpdate: ctx.block };
  setEra(ctx.state, withSubnet(era, { ...s, neurons }));
  ctx.emit("SubtensorModule.WeightsSet", { netuid, uid });
}

/** `get_neuron_to_prune` (§7.5); the chosen uid's pruning score becomes 65 535. */
export function neuronToPrune2024(s: Subnet2024, now: bigint): number {
  let min = 65_535;
  let minImmune = 65_535;
  let candidate = 0;
  let candidateImmune = 0;
  s.neurons.forEach((n, uid) => {
    const immune = now - n.registeredAt < s.immunityPeriod;
    const score = n.pruningScore;
    if (score <= min) {
      if (immune) {
        if (minImmune > score) {
          minImmune = score;
          candidateImmune = uid;
        }
      } else {
        min = score;
        candidate = uid;
      }
    }
  });
  return min === 65_535 ? candidateImmune : candidate;
}

/** Unstake every staker of a hotkey back to free balance (`unstake_all_coldkeys_from_hotkey_account`). */
function unstakeEveryone(ctx: DispatchContext, era: Era2024, hotkey: string): Era2024 {
  let next = era;
  for (const [coldkey, amount] of Object.entries(era.stake[hotkey] ?? {})) {
    next = withStake(next, hotkey, coldkey, 0n);
    if (amount > 0n) deposit(ctx, coldkey, amount, "unstake of a deregistered hotkey");
  }
  return next;
}

interface BurnedRegisterArgs {
  netuid: number;
  hotkey: string;
}

function burnedRegister(ctx: DispatchContext, { netuid, hotkey }: BurnedRegisterArgs): void {
  const { state } = ctx;
  const era = eraOf(state);
  if (netuid === 0) fail("RegistrationNotPermittedOnRootSubnet", "use root_register for the root network");
  const s = subnetOrFail(era, netuid);
  if (!s.registrationAllowed) fail("SubNetRegistrationDisabled", `registration is off on subnet ${netuid}`);
  if (s.registrationsThisBlock >= s.maxRegistrationsPerBlock) fail("TooManyRegistrationsThisBlock", `at most ${s.maxRegistrationsPerBlock} per block on subnet ${netuid}`);
  if (s.registrationsThisInterval >= 3 * s.targetRegistrationsPerInterval) fail("TooManyRegistrationsThisInterval", `at most ${3 * s.targetRegistrationsPerInterval} per interval on subnet ${netuid}`);
  if (s.neurons.some((n) => n.hotkey === hotkey)) fail("HotKeyAlreadyRegisteredInSubNet", `hotkey ${hotkey} already has a uid on subnet ${netuid}`);
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < s.burn) fail("NotEnoughBalanceToStake", `registration burns ${s.burn} rao, ${spendable} rao is spendable`);
  const owner = state.hotkeyOwner.get(hotkey);
  if (owner !== undefined && owner !== ctx.signer) fail("NonAssociatedColdKey", `hotkey ${hotkey} belongs to ${owner}`);
  if (s.maxAllowedUids === 0) fail("NoNeuronIdAvailable", `subnet ${netuid} allows no uids`);
  // The burn leaves circulation (TotalIssuance falls by it).
  withdraw(ctx, ctx.signer, s.burn);
  setIssuance(state, state.totalIssuance - s.burn);
  ctx.emit("Balances.Burned", { who: ctx.signer, amount: s.burn });
  if (owner === undefined) setHotkeyOwner(state, hotkey, ctx.signer);
  const { uid, replaced } = admitNeuron(ctx, era, s, hotkey, "burn");
  ctx.emit("SubtensorModule.NeuronRegistered", { netuid, uid, hotkey, burn: s.burn, ...(replaced ? { replacedHotkey: replaced } : {}) });
}

/**
 * Give `hotkey` a uid on `s` (append, or replace the uid `get_neuron_to_prune` picks) and count
 * the registration; a replaced hotkey that is left on no network returns every stake on it.
 */
function admitNeuron(ctx: DispatchContext, era: Era2024, s: Subnet2024, hotkey: string, kind: "burn" | "pow"): { uid: number; replaced: string | null } {
  const { neurons, uid, replaced } = placeNeuron(s, hotkey, ctx.block);
  let next = withSubnet(era, {
    ...s,
    neurons,
    registrationsThisBlock: s.registrationsThisBlock + 1,
    registrationsThisInterval: s.registrationsThisInterval + 1,
    burnRegistrationsThisInterval: s.burnRegistrationsThisInterval + (kind === "burn" ? 1 : 0),
    powRegistrationsThisInterval: s.powRegistrationsThisInterval + (kind === "pow" ? 1 : 0),
  });
  if (replaced && !next.subnets.some((x) => x.neurons.some((n) => n.hotkey === replaced)) && !next.root.validators.includes(replaced)) next = unstakeEveryone(ctx, next, replaced);
  setEra(ctx.state, next);
  return { uid, replaced };
}

/** A POW seal may refer to one of the last this many blocks (`now − block_number < 3`). */
const POW_WORK_WINDOW = 3n;
const U256_MAX = (1n << 256n) - 1n;

/** `create_seal_hash`: keccak256(sha256(nonce LE ‖ keccak256(block hash ‖ hotkey))) (§7.2). */
export function sealHash(blockHash: string, hotkey: string, nonce: bigint): Uint8Array {
  const h1 = keccak_256(Uint8Array.from([...fromHex(blockHash), ...fromHex(hotkey)]));
  const nonceLe = new Uint8Array(8);
  for (let i = 0, x = nonce; i < 8; i++, x >>= 8n) nonceLe[i] = Number(x & 0xffn);
  return keccak_256(sha256(Uint8Array.from([...nonceLe, ...h1])));
}

/** `hash_meets_difficulty`: the hash as a big-endian U256 times the difficulty does not overflow 2^256. */
export function meetsDifficulty(hash: Uint8Array, difficulty: bigint): boolean {
  let n = 0n;
  for (const b of hash) n = (n << 8n) | BigInt(b);
  return n * difficulty <= U256_MAX;
}

interface PowRegisterArgs {
  netuid: number;
  blockNumber: bigint;
  nonce: bigint;
  work: string;
  hotkey: string;
  coldkey: string;
}

/** `register` (POW, §7.2): signed by the hotkey, free, for subnets that allow it. */
function powRegister(ctx: DispatchContext, a: PowRegisterArgs): void {
  const { state, block: now } = ctx;
  const era = eraOf(state);
  if (ctx.signer !== a.hotkey) fail("TransactorAccountShouldBeHotKey", "POW registration is signed by the hotkey it registers");
  if (a.netuid === 0) fail("RegistrationNotPermittedOnRootSubnet", "use root_register for the root network");
  const s = subnetOrFail(era, a.netuid);
  if (!s.powRegistrationAllowed) fail("SubNetRegistrationDisabled", `POW registration is off on subnet ${a.netuid}`);
  if (s.registrationsThisBlock >= s.maxRegistrationsPerBlock) fail("TooManyRegistrationsThisBlock", `at most ${s.maxRegistrationsPerBlock} per block on subnet ${a.netuid}`);
  if (s.registrationsThisInterval >= 3 * s.targetRegistrationsPerInterval) fail("TooManyRegistrationsThisInterval", `at most ${3 * s.targetRegistrationsPerInterval} per interval on subnet ${a.netuid}`);
  if (s.neurons.some((n) => n.hotkey === a.hotkey)) fail("HotKeyAlreadyRegisteredInSubNet", `hotkey ${a.hotkey} already has a uid on subnet ${a.netuid}`);
  if (a.blockNumber > now || now - a.blockNumber >= POW_WORK_WINDOW) fail("InvalidWorkBlock", `work for block ${a.blockNumber} is not from the last ${POW_WORK_WINDOW} blocks`);
  const work = fromHex(a.work);
  if (!meetsDifficulty(work, s.difficulty)) fail("InvalidDifficulty", `the work does not meet difficulty ${s.difficulty}`);
  const blockHash = a.blockNumber === now ? `0x${"00".repeat(32)}` : (era.recentBlockHashes[String(a.blockNumber)] ?? `0x${"00".repeat(32)}`);
  const seal = sealHash(blockHash, a.hotkey, a.nonce);
  if (seal.some((b, i) => b !== work[i])) fail("InvalidSeal", "the work is not the seal of this block, hotkey and nonce");
  const owner = state.hotkeyOwner.get(a.hotkey);
  if (owner !== undefined && owner !== a.coldkey) fail("NonAssociatedColdKey", `hotkey ${a.hotkey} belongs to ${owner}`);
  if (s.maxAllowedUids === 0) fail("NoNeuronIdAvailable", `subnet ${a.netuid} allows no uids`);
  if (owner === undefined) setHotkeyOwner(state, a.hotkey, a.coldkey);
  const { uid, replaced } = admitNeuron(ctx, era, s, a.hotkey, "pow");
  ctx.emit("SubtensorModule.NeuronRegistered", { netuid: a.netuid, uid, hotkey: a.hotkey, pow: true, ...(replaced ? { replacedHotkey: replaced } : {}) });
}

/** `append_neuron`, or `replace_neuron` of the uid `get_neuron_to_prune` picks (§7.4). */
function placeNeuron(s: Subnet2024, hotkey: string, now: bigint): { neurons: Neuron2024[]; uid: number; replaced: string | null } {
  const neurons = [...s.neurons];
  if (neurons.length < s.maxAllowedUids) {
    neurons.push(newNeuron2024(hotkey, now));
    return { neurons, uid: neurons.length - 1, replaced: null };
  }
  const uid = neuronToPrune2024(s, now);
  const old = neurons[uid]!;
  // replace_neuron: only keys, registration block and activity change; the rest is inherited.
  neurons[uid] = { ...old, hotkey, registeredAt: now, active: true, pruningScore: 65_535 };
  return { neurons, uid, replaced: old.hotkey };
}

/** `user_add_network` (§7.7): lock the cost, take the lowest free netuid or replace the weakest subnet. */
function registerNetwork(ctx: DispatchContext): void {
  const { state, block: now } = ctx;
  let era = eraOf(state);
  const p = params2024(ctx.state);
  if (era.networkLastRegistered !== 0n && now - era.networkLastRegistered < p.networkRateLimit) fail("NetworkTxRateLimitExceeded", `the last subnet was registered at block ${era.networkLastRegistered}`);
  const cost = networkLockCost2024({ lastLock: era.networkLastLock, lastRegistered: era.networkLastRegistered, now, minLock: p.networkMinLock, reductionInterval: p.networkLockReductionInterval });
  const spendable = keepAliveBalance(ctx, ctx.signer);
  if (spendable < cost) fail("NotEnoughBalanceToStake", `the lock costs ${cost} rao, ${spendable} rao is spendable`);
  let netuid: number;
  if (era.subnets.length < p.subnetLimit) {
    netuid = 1;
    while (era.subnets.some((s) => s.netuid === netuid)) netuid++;
  } else {
    netuid = subnetToPrune(
      era.subnets.map((s) => ({ netuid: s.netuid, registeredAt: s.registeredAt, emissionValue: s.emissionValue })),
      now,
      p.networkImmunityPeriod,
    );
    if (netuid === 0) fail("AllNetworksInImmunity", "every subnet is within its immunity period");
    era = removeNetwork(ctx, era, netuid);
  }
  withdraw(ctx, ctx.signer, cost);
  era = withSubnet({ ...era, networkLastLock: cost, networkLastRegistered: now }, newSubnet2024(netuid, ctx.signer, now, cost));
  setEra(state, era);
  ctx.emit("SubtensorModule.NetworkAdded", { netuid, owner: ctx.signer, lock: cost });
}

/** `remove_network` (§7.8): the lock is refunded, root weights on it become 0; stakes stay. */
function removeNetwork(ctx: DispatchContext, era: Era2024, netuid: number): Era2024 {
  const s = subnetOrFail(era, netuid);
  if (s.owner && s.locked > 0n) deposit(ctx, s.owner, s.locked, "lock refund");
  const weights = era.root.weights.map((row) => row.map(([d, w]): [number, number] => [d, d === netuid ? 0 : w]));
  ctx.emit("SubtensorModule.NetworkRemoved", { netuid });
  return { ...era, subnets: era.subnets.filter((x) => x.netuid !== netuid), root: { ...era.root, weights } };
}

// ---------------------------------------------------------------------------------------------
// The block step (§2)


/** Epoch parameters of a 2024 subnet for the consensus core (era "2024"). */
function epochParams2024(s: Subnet2024): EpochParams {
  return {
    era: "2024",
    tempo: s.tempo,
    activityCutoff: s.activityCutoff,
    kappa: s.kappa,
    bondsPenalty: 65_535,
    bondsMovingAverage: s.bondsMovingAverage,
    maxAllowedValidators: s.maxAllowedValidators,
    yuma3: false,
    liquidAlpha: false,
    alphaLow: 0,
    alphaHigh: 0,
    alphaSigmoidSteepness: 0,
    stakeThreshold: 0n,
    taoWeight: 0n,
    commitReveal: false,
  };
}

function adjustSubnetTerms(s: Subnet2024, now: bigint): Subnet2024 {
  if (now - s.lastAdjustmentBlock < s.adjustmentInterval) return s.registrationsThisBlock === 0 ? s : { ...s, registrationsThisBlock: 0 };
  const terms = adjustRegistrationTerms(
    { burn: s.burn, difficulty: s.difficulty },
    { registrations: BigInt(s.registrationsThisInterval), pow: BigInt(s.powRegistrationsThisInterval), burned: BigInt(s.burnRegistrationsThisInterval) },
    { target: BigInt(s.targetRegistrationsPerInterval), alpha: s.adjustmentAlpha, minBurn: s.minBurn, maxBurn: s.maxBurn, minDifficulty: s.minDifficulty, maxDifficulty: s.maxDifficulty },
  );
  return { ...s, burn: terms.burn, difficulty: terms.difficulty, lastAdjustmentBlock: now, registrationsThisInterval: 0, burnRegistrationsThisInterval: 0, powRegistrationsThisInterval: 0, registrationsThisBlock: 0 };
}

/** The root epoch: `EmissionValues` for every subnet from the root validators' weights and stake (§4.5). */
function runRootEpoch(state: ChainState, era: Era2024, emit: Emit): Era2024 {
  const columns = [0, ...era.subnets.map((s) => s.netuid)];
  const values = rootEpoch({
    blockEmission: blockEmissionForIssuance(state.totalIssuance),
    columns: columns.length,
    validators: era.root.validators.map((h, uid) => ({
      stake: totalHotkeyStake(era, h),
      weights: (era.root.weights[uid] ?? []).flatMap(([netuid, w]) => {
        const j = columns.indexOf(netuid);
        return j < 0 ? [] : [[j, w] as const];
      }),
    })),
    kappa: params2024(state).root.kappa,
    rho: params2024(state).root.rho,
  });
  if (values === null) return era; // subtensor's Err: EmissionValues keep their previous values
  emit("SubtensorModule.EmissionValuesSet", Object.fromEntries(columns.slice(1).map((netuid, j) => [String(netuid), values[j + 1]!])));
  return { ...era, subnets: era.subnets.map((s, j) => ({ ...s, emissionValue: values[j + 1]! })) };
}

/** Run one subnet's 2024 epoch over `drained` rao; null when its tuples would exceed it (dropped). */
function runSubnetEpoch2024(
  era: Era2024,
  s: Subnet2024,
  block: bigint,
  drained: bigint,
): { subnet: Subnet2024; tuples: { hotkey: string; server: bigint; validator: bigint }[]; input: EpochInput } | null {
  const n = s.neurons;
  const input: EpochInput = {
    block,
    params: epochParams2024(s),
    alphaStake: n.map((x) => totalHotkeyStake(era, x.hotkey)),
    lastUpdate: n.map((x) => x.lastUpdate),
    blockAtRegistration: n.map((x) => x.registeredAt),
    validatorPermit: n.map((x) => x.validatorPermit),
    weights: n.map((x) => x.weights),
    bonds: n.map((x) => x.bonds),
    ownerUid: null,
    lastMechanismStepBlock: s.lastMechanismStepBlock,
    raoEmission: drained,
  };
  const out = runEpoch(input);
  const tuples = n.map((x, uid) => ({ hotkey: x.hotkey, server: out.serverEmission[uid]!, validator: out.validatorEmission[uid]! }));
  const total = tuples.reduce((a, t) => a + t.server + t.validator, 0n);
  if (total > drained) return null;
  const bonds = u16MatrixToRows(out.bonds);
  const neurons = n.map(
    (x, uid): Neuron2024 => ({
      ...x,
      active: out.active[uid]!,
      rank: out.rank?.[uid] ?? 0,
      trust: out.trust?.[uid] ?? 0,
      consensus: out.consensus[uid]!,
      incentive: out.incentive[uid]!,
      dividends: out.dividends[uid]!,
      validatorTrust: out.validatorTrust[uid]!,
      emission: out.emission[uid]!,
      pruningScore: out.pruningScores?.[uid] ?? 0,
      validatorPermit: out.newValidatorPermit[uid]!,
      bonds: bonds[uid] ?? [],
    }),
  );
  return { subnet: { ...s, neurons, lastMechanismStepBlock: block, blocksSinceLastStep: 0n, epochIndex: s.epochIndex + 1 }, tuples, input };
}

/** `block_step` of v1.1.3 for block `block` (§2), before its extrinsics. */
export function runBlockStep2024(state: ChainState, block: bigint, emit: Emit, onEpoch?: (netuid: number, epoch: number, input: EpochInput) => void): void {
  let era = eraOf(state);
  // `BlockHash` of the parent, kept for the few blocks a POW seal may refer to.
  const recentBlockHashes: Record<string, string> = { [String(block - 1n)]: state.parentHash };
  for (const [n, h] of Object.entries(era.recentBlockHashes)) if (BigInt(n) >= block - POW_WORK_WINDOW) recentBlockHashes[n] = h;
  era = { ...era, recentBlockHashes };
  // 1. Registration terms (root included), then the per-block counters.
  const root = era.root;
  const rootDue = block - root.lastAdjustmentBlock >= params2024(state).root.adjustmentInterval;
  era = {
    ...era,
    subnets: era.subnets.map((s) => adjustSubnetTerms(s, block)),
    root: { ...root, registrationsThisBlock: 0, ...(rootDue ? { registrationsThisInterval: 0, lastAdjustmentBlock: block } : {}) },
  };
  // 2. The root epoch, every root tempo + 1 blocks.
  if (blocksUntilNextEpoch2024(0n, BigInt(params2024(state).root.tempo), block) === 0n) era = runRootEpoch(state, era, emit);
  // 3. Pay the tuples the epochs of the previous block queued, minting them.
  for (const s of era.subnets) {
    if (s.loadedEmission.length === 0) continue;
    let minted = 0n;
    // Where the minted TAO went (event data only): miners' incentive, validators' take, nominators.
    let incentive = 0n;
    let takes = 0n;
    let nominators = 0n;
    // PERF: one copy of the stake record for the subnet's tuples, not one per tuple (the record
    // holds every staked hotkey; a tuple per uid made the drain quadratic). Rows stay replaced,
    // never mutated.
    const stake: Record<string, Readonly<Record<string, bigint>>> = { ...era.stake };
    for (const t of s.loadedEmission) {
      const owner = state.hotkeyOwner.get(t.hotkey);
      if (owner === undefined) continue;
      const take = state.delegateTake.get(t.hotkey)?.take ?? null;
      const after = emitThroughHotkeyParts({ owner, stakes: new Map(Object.entries(stake[t.hotkey] ?? {})), take }, t.server, t.validator);
      stake[t.hotkey] = Object.fromEntries(after.stakes);
      minted += t.server + t.validator;
      incentive += t.server;
      takes += after.take;
      nominators += after.nominators;
    }
    era = { ...era, stake };
    setIssuance(state, state.totalIssuance + minted);
    era = withSubnet(era, { ...s, loadedEmission: [] });
    emit("SubtensorModule.EmissionDrained", { netuid: s.netuid, minted, incentive, take: takes, nominators });
  }
  // 4. Accumulate, pay owner cuts, and run the epochs that are due.
  for (const original of era.subnets) {
    let s = original;
    const r = generateEmission(
      { netuid: BigInt(s.netuid), tempo: BigInt(s.tempo), emissionValue: s.emissionValue, pending: s.pendingEmission, hasOwner: s.owner !== null, registrationAllowed: s.registrationAllowed },
      params2024(state).ownerCut,
      block,
    );
    if (r.ownerCut > 0n && s.owner) {
      const acc = getAccount(state, s.owner);
      setAccount(state, s.owner, { ...acc, free: acc.free + r.ownerCut });
      setIssuance(state, state.totalIssuance + r.ownerCut);
      emit("SubtensorModule.OwnerCutPaid", { netuid: s.netuid, owner: s.owner, amount: r.ownerCut });
    }
    s = { ...s, pendingEmission: r.pending };
    if (r.drained === null) {
      s = { ...s, blocksSinceLastStep: s.blocksSinceLastStep + 1n };
    } else {
      const epoch = runSubnetEpoch2024(era, s, block, r.drained);
      if (epoch === null) {
        emit("SubtensorModule.EpochDropped", { netuid: s.netuid, pending: r.drained });
      } else {
        s = { ...epoch.subnet, pendingEmission: 0n, loadedEmission: [...epoch.tuples, ...s.loadedEmission] };
        onEpoch?.(s.netuid, s.epochIndex, epoch.input);
        emit("SubtensorModule.EpochDistributed", { netuid: s.netuid, emission: r.drained, tuples: epoch.tuples.length });
      }
    }
    era = withSubnet(era, s);
  }
  setEra(state, era);
}

// ---------------------------------------------------------------------------------------------

/**
 * v1.1.3's SubtensorModule calls. Taoscope makes all of them `Pays::No` (most were in 2024);
 * the weights are the ref-time parts of v1.1.3's declared weights, or the dynamic-TAO call's
 * where the name is shared, and price nothing here.
 */
export const calls2024 = callGroup(
  defineCall({ name: "SubtensorModule.add_stake", weight: 200_000_000n, pays: "No", read: (r): StakeArgs => ({ hotkey: r.account("hotkey"), amount: r.amount("amount_staked") }), dispatch: addStake }),
  defineCall({ name: "SubtensorModule.remove_stake", weight: 200_000_000n, pays: "No", read: (r): StakeArgs => ({ hotkey: r.account("hotkey"), amount: r.amount("amount_unstaked") }), dispatch: removeStake }),
  defineCall({ name: "SubtensorModule.become_delegate", weight: 79_000_000n, pays: "No", read: (r): HotkeyArgs => ({ hotkey: r.account("hotkey") }), dispatch: becomeDelegate }),
  defineCall({ name: "SubtensorModule.root_register", weight: 250_000_000n, pays: "No", read: (r): HotkeyArgs => ({ hotkey: r.account("hotkey") }), dispatch: rootRegister }),
  defineCall({
    name: "SubtensorModule.set_root_weights",
    weight: 10_151_000_000n,
    pays: "No",
    read: (r): RootWeightsArgs => ({ netuid: r.u16("netuid"), hotkey: r.account("hotkey"), dests: r.u16List("dests"), weights: r.u16List("weights"), versionKey: r.amount("version_key") }),
    dispatch: setRootWeights,
  }),
  defineCall({ name: "SubtensorModule.set_weights", weight: 0n, pays: "No", read: readSetWeights, dispatch: setWeights }),
  defineCall({ name: "SubtensorModule.burned_register", weight: 250_000_000n, pays: "No", read: (r): BurnedRegisterArgs => ({ netuid: r.u16("netuid"), hotkey: r.account("hotkey") }), dispatch: burnedRegister }),
  defineCall({
    name: "SubtensorModule.register",
    weight: 192_000_000n,
    pays: "No",
    read: (r): PowRegisterArgs => ({ netuid: r.u16("netuid"), blockNumber: r.amount("block_number"), nonce: r.amount("nonce"), work: r.hash("work"), hotkey: r.account("hotkey"), coldkey: r.account("coldkey") }),
    dispatch: powRegister,
  }),
  defineCall({ name: "SubtensorModule.register_network", weight: 300_000_000n, pays: "No", read: () => ({}), dispatch: registerNetwork }),
);

export interface GenesisSubnet2024 {
  owner: string | null;
  neurons: readonly { hotkey: string; coldkey: string }[];
  /** `NetworkPowRegistrationAllowed`. */
  powRegistration?: boolean;
}

/** Genesis 2024 storage: the root network, and subnets from the chain spec (uids from 0). */
export function genesis2024(state: ChainState, subnets: readonly GenesisSubnet2024[]): void {
  let era = EMPTY_ERA_2024;
  subnets.forEach((spec, i) => {
    const netuid = i + 1;
    for (const { hotkey, coldkey } of spec.neurons) {
      const owner = state.hotkeyOwner.get(hotkey);
      if (owner !== undefined && owner !== coldkey) throw new RangeError(`genesis subnet ${netuid}: hotkey ${hotkey} belongs to ${owner}, not ${coldkey}`);
      setHotkeyOwner(state, hotkey, coldkey);
    }
    era = withSubnet(era, { ...newSubnet2024(netuid, spec.owner, 0n, 0n), powRegistrationAllowed: spec.powRegistration ?? false, neurons: spec.neurons.map((n) => newNeuron2024(n.hotkey, 0n)) });
  });
  const p = params2024(state);
  if (era.subnets.length > p.subnetLimit) throw new RangeError(`genesis has ${era.subnets.length} subnets; the seed2024 preset has ${p.subnetLimit} slots`);
  state.era2024 = { ...era, networkLastLock: p.networkMinLock };
}
