/**
 * AdminUtils: the subnet hyperparameter setters (`pallets/admin-utils`), each allowed to the
 * origins subtensor allows: some to Root only, the rest to Root or the subnet's owner coldkey.
 *
 * Root origin: subtensor reaches these calls through `Sudo.sudo`; Taoscope has no nested calls,
 * so an AdminUtils call signed by the chain's sudo key (set at genesis) acts with Root origin.
 *
 * Checks in subtensor's order:
 * 1. origin (`BadOrigin`);
 * 2. for the owner, the per-hyperparameter rate limit of `OwnerHyperparamRateLimit` tempos
 *    (`TxRateLimitExceeded`);
 * 3. the admin freeze window: no change in the last `AdminFreezeWindow` blocks before the
 *    subnet's epoch (`AdminActionProhibitedDuringWeightsWindow`), except for the setters
 *    subtensor does not check it in (kappa, weights rate limit, registration allowed, emission
 *    enabled);
 * 4. the subnet exists, then each setter's own bounds.
 *
 * Setters are not charged differently from other calls (subtensor makes Root calls free through
 * Sudo; the sudo key here pays the ordinary fee).
 */
import type { ArgReader, CallDefinition, DispatchContext } from "./calls";
import { callGroup, defineCall } from "./calls";
import { DispatchError, type PalletError } from "../errors";
import { paramsOf } from "./params";
import { inAdminFreezeWindow } from "./schedule";
import { type Subnet, type SubnetHyperparams, setSubnet } from "./state";

const TAO = 1_000_000_000n;
/** Runtime bounds of `sudo_set_min_burn` / `sudo_set_max_burn` (`MinBurnUpperBound`, `MaxBurnLowerBound`). */
const MIN_BURN_UPPER_BOUND = TAO;
const MAX_BURN_LOWER_BOUND = TAO / 10n;
/** `MaxBurnHalfLife`. */
const MAX_BURN_HALF_LIFE = 36_100;
/** `MIN_COMMIT_REVEAL_PEROIDS` and `MAX_COMMIT_REVEAL_PEROIDS`. */
const MIN_REVEAL_PERIOD = 1n;
const MAX_REVEAL_PERIOD = 100n;
/** Owners may not set `BondsMovingAverage` above this (per million). */
const OWNER_MAX_BONDS_MOVING_AVERAGE = 975_000n;
/** `do_set_alpha_values`: both alphas at least 65535/40. */
const MIN_ALPHA = 1638;

export type Origin = "root" | "ownerOrRoot";

/** The weight of every setter: each writes one or two storage items. */
const ADMIN_SETTER_WEIGHT = 20_000_000n;

/** Setters subtensor runs without `ensure_admin_window_open`. */
const NO_FREEZE_WINDOW = new Set(["kappa", "weights_set_rate_limit", "network_registration_allowed", "subnet_emission_enabled"]);

interface SetterContext {
  subnet: Subnet;
  /** Signed by the sudo key. */
  root: boolean;
  block: bigint;
  /** `DefaultMaxAllowedUids`. */
  max: number;
}

function adminError(name: PalletError<"AdminUtils">, detail: string): never {
  throw new DispatchError(`AdminUtils.${name}`, detail);
}
function subtensorError(name: PalletError<"SubtensorModule">, detail: string): never {
  throw new DispatchError(`SubtensorModule.${name}`, detail);
}

/** The kind of value an argument takes, as the call's decoder reads it (`ArgReader`'s method). */
export type ArgKind = "u8" | "u16" | "u32" | "i16" | "amount" | "u128" | "bool" | "hash" | "account" | "u16List";

/** A hyperparameter setter as a client needs to build its call: the call, who may sign it, its value arguments in order. */
export interface HyperparameterSetter {
  name: string;
  call: string;
  origin: Origin;
  args: { name: string; kind: ArgKind }[];
}

/** Every `AdminUtils.sudo_set_<name>` by hyperparameter name (filled as the setters are defined below). */
export const HYPERPARAMETER_SETTERS: Record<string, HyperparameterSetter> = {};

/**
 * The arguments `read` takes, found by running it on a reader that records each name and kind
 * (and answers a placeholder value): the decoder stays the one place an argument is named.
 */
function recordArgs(read: (r: ArgReader) => unknown): { name: string; kind: ArgKind }[] {
  const args: { name: string; kind: ArgKind }[] = [];
  const placeholder: Record<ArgKind, unknown> = { u8: 0, u16: 0, u32: 0, i16: 0, amount: 0n, u128: 0n, bool: false, hash: "0x", account: "0x", u16List: [] };
  const recorder = Object.fromEntries(
    (Object.keys(placeholder) as ArgKind[]).map((kind) => [kind, (name: string) => (args.push({ name, kind }), placeholder[kind])]),
  ) as unknown as ArgReader;
  read(recorder);
  return args;
}

/**
 * One `AdminUtils.sudo_set_<name>` call on a subnet. `apply` checks the value and returns the
 * subnet changed; the event `SubtensorModule.HyperparameterSet` names the hyperparameter.
 */
function setter<V extends bigint | number | boolean | readonly number[]>(
  name: string,
  origin: Origin,
  read: (r: ArgReader) => V,
  apply: (c: SetterContext, value: V) => Subnet,
): CallDefinition<{ netuid: number; value: V }> {
  const call = `AdminUtils.sudo_set_${name}`;
  const dispatch = (ctx: DispatchContext, { netuid, value }: { netuid: number; value: V }) => {
    const { state, block } = ctx;
    const p = paramsOf(state);
    const root = state.sudoKey !== null && ctx.signer === state.sudoKey;
    const subnet = state.subnets.get(netuid);
    if (!root && (origin === "root" || subnet?.owner !== ctx.signer)) {
      throw new DispatchError("BadOrigin", origin === "root" ? `${call} needs the sudo key` : `${call} needs subnet ${netuid}'s owner or the sudo key`);
    }
    if (!subnet) adminError("SubnetDoesNotExist", `no subnet ${netuid}`);
    if (!root) {
      const last = subnet.ownerHparamLast[name] ?? 0n;
      const limit = p.ownerHyperparamRateLimit * BigInt(subnet.tempo);
      if (last !== 0n && block - last < limit) subtensorError("TxRateLimitExceeded", `the owner set ${name} at block ${last}; the next change may come at ${last + limit}`);
    }
    if (!NO_FREEZE_WINDOW.has(name) && inAdminFreezeWindow(subnet, block, p.adminFreezeWindow)) {
      subtensorError("AdminActionProhibitedDuringWeightsWindow", `subnet ${netuid}'s epoch is less than ${p.adminFreezeWindow} blocks away`);
    }
    let next = apply({ subnet, root, block, max: p.defaultMaxAllowedUids }, value);
    if (!root) next = { ...next, ownerHparamLast: { ...next.ownerHparamLast, [name]: block } };
    setSubnet(state, next);
    const shown = Array.isArray(value) ? value.join(",") : typeof value === "boolean" ? value : value.toString();
    ctx.emit("SubtensorModule.HyperparameterSet", { netuid, name, value: shown, by: root ? "root" : "owner" });
  };
  HYPERPARAMETER_SETTERS[name] = { name, call, origin, args: recordArgs(read) };
  return defineCall({ name: call, weight: ADMIN_SETTER_WEIGHT, pays: "Yes", read: (r) => ({ netuid: r.u16("netuid"), value: read(r) }), dispatch });
}

/** A setter that stores its value in one `SubnetHyperparams` field after `check`. */
function hyperSetter<K extends keyof SubnetHyperparams>(
  name: string,
  origin: Origin,
  field: K,
  read: (r: ArgReader) => SubnetHyperparams[K],
  check?: (c: SetterContext, value: SubnetHyperparams[K]) => void,
) {
  return setter(name, origin, read as (r: ArgReader) => SubnetHyperparams[K] & (bigint | number | boolean), (c, value) => {
    check?.(c, value);
    return { ...c.subnet, hyper: { ...c.subnet.hyper, [field]: value } };
  });
}

const u16 = (arg: string) => (r: ArgReader) => r.u16(arg);
const u64 = (arg: string) => (r: ArgReader) => r.amount(arg);
const bool = (arg: string) => (r: ArgReader) => r.bool(arg);

export const adminCalls = callGroup(
  hyperSetter("serving_rate_limit", "ownerOrRoot", "servingRateLimit", u64("serving_rate_limit")),
  hyperSetter("weights_version_key", "ownerOrRoot", "weightsVersionKey", u64("weights_version_key")),
  hyperSetter("weights_set_rate_limit", "root", "weightsSetRateLimit", u64("weights_set_rate_limit")),
  hyperSetter("min_allowed_weights", "ownerOrRoot", "minAllowedWeights", u16("min_allowed_weights")),
  hyperSetter("kappa", "root", "kappa", u16("kappa")),
  hyperSetter("bonds_penalty", "ownerOrRoot", "bondsPenalty", u16("bonds_penalty")),
  hyperSetter("bonds_moving_average", "ownerOrRoot", "bondsMovingAverage", (r) => Number(r.amount("bonds_moving_average")), ({ root }, v) => {
    if (!root && BigInt(v) > OWNER_MAX_BONDS_MOVING_AVERAGE) adminError("BondsMovingAverageMaxReached", `an owner may set at most ${OWNER_MAX_BONDS_MOVING_AVERAGE}, got ${v}`);
    if (v > 1_000_000) adminError("ValueNotInBounds", `the bonds moving average is per million, got ${v}`);
  }),
  hyperSetter("max_allowed_validators", "root", "maxAllowedValidators", u16("max_allowed_validators"), ({ subnet }, v) => {
    if (v > subnet.maxAllowedUids) adminError("MaxValidatorsLargerThanMaxUIds", `${v} validators but at most ${subnet.maxAllowedUids} uids`);
  }),
  hyperSetter("commit_reveal_weights_enabled", "ownerOrRoot", "commitReveal", bool("enabled")),
  setter("commit_reveal_weights_interval", "ownerOrRoot", u64("interval"), ({ subnet }, v) => {
    if (v > MAX_REVEAL_PERIOD) subtensorError("RevealPeriodTooLarge", `the reveal period is at most ${MAX_REVEAL_PERIOD} epochs, got ${v}`);
    if (v < MIN_REVEAL_PERIOD) subtensorError("RevealPeriodTooSmall", `the reveal period is at least ${MIN_REVEAL_PERIOD} epoch, got ${v}`);
    return { ...subnet, hyper: { ...subnet.hyper, revealPeriodEpochs: Number(v) } };
  }),
  hyperSetter("liquid_alpha_enabled", "ownerOrRoot", "liquidAlpha", bool("enabled")),
  hyperSetter("yuma3_enabled", "ownerOrRoot", "yuma3", bool("enabled")),
  hyperSetter("alpha_sigmoid_steepness", "ownerOrRoot", "alphaSigmoidSteepness", (r) => r.i16("steepness"), ({ root }, v) => {
    if (!root && v < 0) adminError("NegativeSigmoidSteepness", `an owner may not set a negative steepness (${v})`);
  }),
  setter("alpha_values", "ownerOrRoot", (r) => [r.u16("alpha_low"), r.u16("alpha_high")] as const, ({ subnet }, [low, high]) => {
    if (!subnet.hyper.liquidAlpha) subtensorError("LiquidAlphaDisabled", `liquid alpha is off on subnet ${subnet.netuid}`);
    if (high < MIN_ALPHA) subtensorError("AlphaHighTooLow", `alpha_high must be at least ${MIN_ALPHA}, got ${high}`);
    if (low < MIN_ALPHA || low > high) subtensorError("AlphaLowOutOfRange", `alpha_low must lie in [${MIN_ALPHA}, ${high}], got ${low}`);
    return { ...subnet, hyper: { ...subnet.hyper, alphaLow: low, alphaHigh: high } };
  }),
  setter("immunity_period", "ownerOrRoot", u16("immunity_period"), ({ subnet }, v) => ({ ...subnet, immunityPeriod: BigInt(v) })),
  setter("max_allowed_uids", "ownerOrRoot", u16("max_allowed_uids"), ({ subnet, max }, v) => {
    if (subnet.neurons.length > v) adminError("MaxAllowedUIdsLessThanCurrentUIds", `subnet ${subnet.netuid} has ${subnet.neurons.length} uids, more than ${v}`);
    if (v > max) adminError("MaxAllowedUidsGreaterThanDefaultMaxAllowedUids", `at most ${max} uids are allowed, got ${v}`);
    return { ...subnet, maxAllowedUids: v };
  }),
  setter("network_registration_allowed", "root", bool("registration_allowed"), ({ subnet }, v) => ({ ...subnet, registrationAllowed: v })),
  setter("subnet_emission_enabled", "root", bool("enabled"), ({ subnet }, v) => ({ ...subnet, emissionEnabled: v })),
  setter("tempo", "root", u16("tempo"), ({ subnet, block }, v) => ({ ...subnet, tempo: v, lastEpochBlock: block })), // apply_tempo_with_cycle_reset
  setter("min_burn", "ownerOrRoot", u64("min_burn"), ({ subnet }, v) => {
    if (v >= MIN_BURN_UPPER_BOUND || v >= subnet.burnParams.maxBurn) adminError("ValueNotInBounds", `min_burn must be below ${MIN_BURN_UPPER_BOUND} and below max_burn ${subnet.burnParams.maxBurn}, got ${v}`);
    return { ...subnet, burnParams: { ...subnet.burnParams, minBurn: v } };
  }),
  setter("max_burn", "ownerOrRoot", u64("max_burn"), ({ subnet }, v) => {
    if (v <= MAX_BURN_LOWER_BOUND || v <= subnet.burnParams.minBurn) adminError("ValueNotInBounds", `max_burn must be above ${MAX_BURN_LOWER_BOUND} and above min_burn ${subnet.burnParams.minBurn}, got ${v}`);
    return { ...subnet, burnParams: { ...subnet.burnParams, maxBurn: v } };
  }),
  setter("burn_half_life", "ownerOrRoot", u16("burn_half_life"), ({ subnet }, v) => {
    if (v === 0 || v > MAX_BURN_HALF_LIFE) adminError("InvalidValue", `burn_half_life must lie in [1, ${MAX_BURN_HALF_LIFE}], got ${v}`);
    return { ...subnet, burnParams: { ...subnet.burnParams, halfLife: v } };
  }),
);
