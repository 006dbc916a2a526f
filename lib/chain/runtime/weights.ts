/**
 * Weights (SubtensorModule): `set_weights`, and `commit_weights` / `reveal_weights` for subnets
 * with commit-reveal on. All three are signed by a hotkey and pay no fee (`Pays::No`).
 *
 * `set_weights` runs every check of subtensor's `internal_set_weights` in its order (spec §8.5);
 * weights are stored max-upscaled to u16.
 *
 * Commit-reveal (CR-v2, `WeightCommits`): a hotkey commits `blake2b-256(SCALE(hotkey, netuid,
 * uids, values, salt, version_key))` (the hash subtensor and the Bittensor SDK compute), and
 * reveals the preimage in exactly the epoch `commit epoch + RevealPeriodEpochs`; later the
 * commit has expired. This stands in for subtensor's drand timelock (CR-v3), where the chain
 * itself decrypts the weights at the reveal round: a local network has no drand beacon, so the
 * hotkey reveals, and the timing rule (weights become visible only after the reveal period, and
 * the epoch masks weights of uids registered after an open commit) is the same.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { ScaleWriter } from "../codec/scale";
import { fromHex, toHex } from "../keys/ss58";
import { I64F64, fromInt, toU64 } from "../math/fixed";
import { checkVecMaxLimited, vecU16MaxUpscaleToU16 } from "../math/wide";
import { type ArgReader, type DispatchContext, callGroup, defineCall } from "./calls";
import { DispatchError, type PalletError } from "../errors";
import { paramsOf } from "./params";
import { weightedStakeOf } from "./root";
import { commitExpired, currentEpoch } from "./schedule";
import { type Subnet, type WeightCommit, setSubnet } from "./state";
import { subnetOrFail } from "./subnets";

/** At most this many commits of one hotkey may wait unrevealed (`TooManyUnrevealedCommits`). */
const MAX_UNREVEALED_COMMITS = 10;

export interface SetWeightsArgs {
  netuid: number;
  dests: number[];
  weights: number[];
  versionKey: bigint;
}

/** `set_weights`'s arguments (both eras name them alike). */
export const readSetWeights = (r: ArgReader): SetWeightsArgs => ({ netuid: r.u16("netuid"), dests: r.u16List("dests"), weights: r.u16List("weights"), versionKey: r.amount("version_key") });

function fail(error: PalletError<"SubtensorModule">, detail: string): never {
  throw new DispatchError(`SubtensorModule.${error}`, detail);
}

function uidOrFail(subnet: Subnet, hotkey: string): number {
  const uid = subnet.neurons.findIndex((x) => x.hotkey === hotkey);
  if (uid < 0) fail("HotKeyNotRegisteredInSubNet", `hotkey ${hotkey} has no uid on subnet ${subnet.netuid}`);
  return uid;
}

/** `internal_set_weights`; under commit-reveal the rate limit is the commit's and `LastUpdate` stays the commit block. */
function internalSetWeights(ctx: DispatchContext, { netuid, dests, weights, versionKey }: SetWeightsArgs): void {
  const p = paramsOf(ctx.state);
  if (netuid === 0) fail("CanNotSetRootNetworkWeights", "weights cannot be set on the root network");
  if (dests.length !== weights.length) fail("WeightVecNotEqualSize", `${dests.length} uids but ${weights.length} weights`);
  const subnet = subnetOrFail(ctx, netuid);
  const h = subnet.hyper;
  if (dests.length > subnet.neurons.length) fail("UidsLengthExceedUidsInSubNet", `${dests.length} weights for ${subnet.neurons.length} uids`);
  const uid = uidOrFail(subnet, ctx.signer);
  const isOwner = subnet.ownerHotkey === ctx.signer;
  // check_weights_min_stake: alpha + tao_weight·root against StakeThreshold, except the owner.
  const stake = weightedStakeOf(ctx.state, subnet, ctx.signer);
  if (!isOwner && stake < fromInt(I64F64, p.stakeThreshold)) fail("NotEnoughStakeToSetWeights", `weighted stake ${toU64(I64F64, stake)} rao, ${p.stakeThreshold} needed`);
  if (versionKey < h.weightsVersionKey) fail("IncorrectWeightVersionKey", `version key ${versionKey} is below the subnet's ${h.weightsVersionKey}`);
  const neuron = subnet.neurons[uid]!;
  if (!h.commitReveal) rateLimitOrFail(neuron.lastUpdate, ctx.block, h.weightsSetRateLimit, uid, "SettingWeightsTooFast");
  const selfWeightOnly = dests.length === 1 && dests[0] === uid;
  if (!selfWeightOnly && !isOwner && !neuron.validatorPermit) fail("NeuronNoValidatorPermit", `uid ${uid} has no validator permit`);
  if (new Set(dests).size !== dests.length) fail("DuplicateUids", "a uid appears twice");
  const bad = dests.find((d) => d >= subnet.neurons.length);
  if (bad !== undefined) fail("UidVecContainInvalidOne", `uid ${bad} does not exist on subnet ${netuid} (n = ${subnet.neurons.length})`);
  const min = Math.min(h.minAllowedWeights, subnet.neurons.length);
  if (!selfWeightOnly && dests.length < min) fail("WeightVecLengthIsLow", `${dests.length} weights, at least ${min} needed`);
  const upscaled = vecU16MaxUpscaleToU16(weights);
  if (!selfWeightOnly && !checkVecMaxLimited(upscaled, h.maxWeightsLimit)) fail("MaxWeightExceeded", `a weight exceeds ${h.maxWeightsLimit}/65535 of the total`);

  const row = dests.map((d, i): [number, number] => [d, upscaled[i]!]).sort((a, b) => a[0] - b[0]);
  const neurons = [...subnet.neurons];
  neurons[uid] = { ...neuron, weights: row, lastUpdate: h.commitReveal ? neuron.lastUpdate : ctx.block };
  setSubnet(ctx.state, { ...subnet, neurons });
  ctx.emit("SubtensorModule.WeightsSet", { netuid, uid });
}

/** `check_rate_limit`: a uid that never set weights (`LastUpdate` 0) passes. */
function rateLimitOrFail(lastUpdate: bigint, block: bigint, limit: bigint, uid: number, error: PalletError<"SubtensorModule">): void {
  if (lastUpdate !== 0n && block - lastUpdate < limit) fail(error, `uid ${uid} last set or committed weights at block ${lastUpdate}; the next may come at ${lastUpdate + limit}`);
}

function setWeights(ctx: DispatchContext, args: SetWeightsArgs): void {
  const subnet = ctx.state.subnets.get(args.netuid);
  if (subnet?.hyper.commitReveal) fail("CommitRevealEnabled", `subnet ${args.netuid} takes weights by commit_weights and reveal_weights`);
  internalSetWeights(ctx, args);
}

/** `get_commit_hash`: blake2b-256 of the SCALE encoding of (hotkey, netuid, uids, values, salt, version_key). */
export function weightsCommitHash(hotkey: string, netuid: number, uids: readonly number[], values: readonly number[], salt: readonly number[], versionKey: bigint): string {
  const w = new ScaleWriter().raw(fromHex(hotkey)).u16(netuid);
  for (const list of [uids, values, salt]) {
    w.compact(list.length);
    for (const v of list) w.u16(v);
  }
  w.u64(versionKey);
  return toHex(blake2b(w.finish(), { dkLen: 32 }));
}

interface CommitArgs {
  netuid: number;
  commitHash: string;
}

function commitWeights(ctx: DispatchContext, { netuid, commitHash }: CommitArgs): void {
  const subnet = subnetOrFail(ctx, netuid);
  if (!subnet.hyper.commitReveal) fail("CommitRevealDisabled", `commit-reveal is off on subnet ${netuid}`);
  const uid = uidOrFail(subnet, ctx.signer);
  const neuron = subnet.neurons[uid]!;
  rateLimitOrFail(neuron.lastUpdate, ctx.block, subnet.hyper.weightsSetRateLimit, uid, "CommittingWeightsTooFast");
  const epoch = currentEpoch(subnet, ctx.block);
  const pending = (subnet.commits[ctx.signer] ?? []).filter((c) => !commitExpired(subnet, c, epoch));
  if (pending.length >= MAX_UNREVEALED_COMMITS) fail("TooManyUnrevealedCommits", `hotkey ${ctx.signer} has ${pending.length} unrevealed commits on subnet ${netuid}`);
  const neurons = [...subnet.neurons];
  neurons[uid] = { ...neuron, lastUpdate: ctx.block };
  const commit: WeightCommit = { hash: commitHash, epoch, block: ctx.block };
  setSubnet(ctx.state, { ...subnet, neurons, commits: { ...subnet.commits, [ctx.signer]: [...pending, commit] } });
  ctx.emit("SubtensorModule.WeightsCommitted", { hotkey: ctx.signer, netuid, commitHash, epoch, revealEpoch: epoch + subnet.hyper.revealPeriodEpochs });
}

interface RevealArgs {
  netuid: number;
  uids: number[];
  values: number[];
  salt: number[];
  versionKey: bigint;
}

function revealWeights(ctx: DispatchContext, { netuid, uids, values, salt, versionKey }: RevealArgs): void {
  const subnet = subnetOrFail(ctx, netuid);
  if (!subnet.hyper.commitReveal) fail("CommitRevealDisabled", `commit-reveal is off on subnet ${netuid}`);
  const all = subnet.commits[ctx.signer];
  if (!all || all.length === 0) fail("NoWeightsCommitFound", `hotkey ${ctx.signer} has no commit on subnet ${netuid}`);
  const epoch = currentEpoch(subnet, ctx.block);
  const expired = all.filter((c) => commitExpired(subnet, c, epoch));
  const live = all.slice(expired.length);
  const hash = weightsCommitHash(ctx.signer, netuid, uids, values, salt, versionKey);
  const position = live.findIndex((c) => c.hash === hash);
  if (position < 0) {
    if (expired.some((c) => c.hash === hash)) fail("ExpiredWeightCommit", `the commit ${hash} expired after epoch ${expired.find((c) => c.hash === hash)!.epoch + subnet.hyper.revealPeriodEpochs}`);
    if (live.length === 0) fail("NoWeightsCommitFound", `hotkey ${ctx.signer} has no unexpired commit on subnet ${netuid}`);
    fail("InvalidRevealCommitHashNotMatch", `no commit of hotkey ${ctx.signer} hashes to ${hash}`);
  }
  const commit = live[position]!;
  const revealEpoch = commit.epoch + subnet.hyper.revealPeriodEpochs;
  if (epoch !== revealEpoch) fail("RevealTooEarly", `the commit of epoch ${commit.epoch} reveals in epoch ${revealEpoch}; this is epoch ${epoch}`);
  // The revealed commit and every one before it leave the queue, then the weights are set.
  const rest = live.slice(position + 1);
  const commits = { ...subnet.commits };
  if (rest.length === 0) delete commits[ctx.signer];
  else commits[ctx.signer] = rest;
  setSubnet(ctx.state, { ...subnet, commits });
  internalSetWeights(ctx, { netuid, dests: uids, weights: values, versionKey });
  ctx.emit("SubtensorModule.WeightsRevealed", { hotkey: ctx.signer, netuid, commitHash: hash });
}

/** Weight-setting is `Pays::No` in subtensor: a hotkey with no balance can still send it. */
export const weightsCalls = callGroup(
  defineCall({ name: "SubtensorModule.set_weights", weight: 0n, pays: "No", read: readSetWeights, dispatch: setWeights }),
  defineCall({ name: "SubtensorModule.commit_weights", weight: 0n, pays: "No", read: (r): CommitArgs => ({ netuid: r.u16("netuid"), commitHash: r.hash("commit_hash") }), dispatch: commitWeights }),
  defineCall({
    name: "SubtensorModule.reveal_weights",
    weight: 0n,
    pays: "No",
    read: (r): RevealArgs => ({ netuid: r.u16("netuid"), uids: r.u16List("uids"), values: r.u16List("values"), salt: r.u16List("salt"), versionKey: r.amount("version_key") }),
    dispatch: revealWeights,
  }),
);
