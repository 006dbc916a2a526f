/**
 * `SubtensorModule.set_weights`, signed by a hotkey, with every check of subtensor's
 * `do_set_weights` in its order (spec §8.5). Weights are stored max-upscaled to u16; the call
 * pays no fee (`Pays::No`), so a hotkey without balance can set weights.
 */
import { checkVecMaxLimited, vecU16MaxUpscaleToU16 } from "../math/wide";
import { type DispatchContext, defineCall } from "./calls";
import { DispatchError } from "./events";
import { paramsFor } from "./params";
import { setSubnet } from "./state";
import { subnetOrFail } from "./subnets";

interface SetWeightsArgs {
  netuid: number;
  dests: number[];
  weights: number[];
  versionKey: bigint;
}

function fail(error: string, detail: string): never {
  throw new DispatchError(`SubtensorModule.${error}`, detail);
}

function setWeights(ctx: DispatchContext, { netuid, dests, weights, versionKey }: SetWeightsArgs): void {
  const p = paramsFor(ctx.state.preset);
  if (dests.length !== weights.length) fail("WeightVecNotEqualSize", `${dests.length} uids but ${weights.length} weights`);
  const subnet = subnetOrFail(ctx, netuid);
  const uid = subnet.neurons.findIndex((x) => x.hotkey === ctx.signer);
  if (uid < 0) fail("HotKeyNotRegisteredInSubNet", `hotkey ${ctx.signer} has no uid on subnet ${netuid}`);
  const isOwner = subnet.ownerHotkey === ctx.signer;
  const stake = subnet.stake[ctx.signer]?.value ?? 0n;
  if (!isOwner && stake < p.epoch.stakeThreshold) fail("NotEnoughStakeToSetWeights", `${stake} alpha staked, ${p.epoch.stakeThreshold} needed`);
  if (versionKey < p.weightsVersionKey) fail("IncorrectWeightVersionKey", `version key ${versionKey} is below the subnet's ${p.weightsVersionKey}`);
  const selfWeightOnly = dests.length === 1 && dests[0] === uid;
  const neuron = subnet.neurons[uid]!;
  if (!selfWeightOnly && !isOwner && !neuron.validatorPermit) fail("NeuronNoValidatorPermit", `uid ${uid} has no validator permit`);
  if (ctx.block - neuron.lastUpdate < p.weightsSetRateLimit) {
    fail("SettingWeightsTooFast", `uid ${uid} last set weights at block ${neuron.lastUpdate}; the next may come at ${neuron.lastUpdate + p.weightsSetRateLimit}`);
  }
  if (new Set(dests).size !== dests.length) fail("DuplicateUids", "a uid appears twice");
  const bad = dests.find((d) => d >= subnet.neurons.length);
  if (bad !== undefined) fail("UidVecContainInvalidOne", `uid ${bad} does not exist on subnet ${netuid} (n = ${subnet.neurons.length})`);
  const min = Math.min(p.minAllowedWeights, subnet.neurons.length);
  if (!selfWeightOnly && dests.length < min) fail("WeightVecLengthIsLow", `${dests.length} weights, at least ${min} needed`);
  const upscaled = vecU16MaxUpscaleToU16(weights);
  if (!selfWeightOnly && !checkVecMaxLimited(upscaled, p.maxWeightsLimit)) fail("MaxWeightExceeded", `a weight exceeds ${p.maxWeightsLimit}/65535 of the total`);

  const row = dests.map((d, i): [number, number] => [d, upscaled[i]!]).sort((a, b) => a[0] - b[0]);
  const neurons = [...subnet.neurons];
  neurons[uid] = { ...neuron, weights: row, lastUpdate: ctx.block };
  setSubnet(ctx.state, { ...subnet, neurons });
  ctx.emit("SubtensorModule.WeightsSet", { netuid, uid });
}

export const weightsCalls = {
  "SubtensorModule.set_weights": defineCall(
    "SubtensorModule.set_weights",
    (r): SetWeightsArgs => ({ netuid: r.u16("netuid"), dests: r.u16List("dests"), weights: r.u16List("weights"), versionKey: r.amount("version_key") }),
    setWeights,
  ),
};
