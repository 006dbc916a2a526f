/**
 * Proof-of-Intelligence traffic: the node's default extrinsics on mainnet. For the block after a
 * chain state it returns what the off-chain actors sign:
 *
 * 1. owners' `start_call` once the delay has passed (lib/chain/sim/activity.ts, shared);
 * 2. per subnet, each validator hotkey holding a permit that is due (the old generator's rule:
 *    block − LastUpdate ≥ max(tempo, weights_set_rate_limit), and as long since its own last
 *    round, so a refused extrinsic does not make it score again every block) runs one round of
 *    lib/actors/validator.ts on the subnet's miners: every registered uid whose hotkey is neither
 *    a validator key nor the subnet owner's, each answering as its hotkey's profile
 *    (lib/actors/profiles.ts) with the subnet's task. The round's u16 weights go out as
 *    `set_weights`, or, where the subnet has commit-reveal on, as `commit_weights` with a seeded
 *    salt and `reveal_weights` in the reveal epoch;
 * 3. when configured with nominators, now and then a `move_stake` of root stake toward the
 *    validator with the best return (`returnsOf`);
 * 4. the old generator's background calls (stakes, unstakes, registration churn, serve_axon,
 *    transfers), from their own generator;
 * 5. new subnets over time (lib/actors/subnets.ts), planned last so they see what the block's
 *    other calls spend and register: in a block with probability `newSubnetRate` (default
 *    1/7200, about one a day; 0 for none), while a subnet slot is free and the network rate
 *    limit has passed, a coldkey that can pay the lock cost signs `register_network` with a
 *    hotkey of its own (or an unowned one) as owner hotkey; its `start_call` is item 1's. On
 *    every subnet registered after genesis with a free uid, the validator hotkeys register one
 *    a block (`burned_register`, signed by their coldkey; their root stake weighs on the subnet
 *    through TaoWeight, so they take its permits and item 2's rounds run there on the task
 *    `taskOf(netuid)` gives), and miners join with probability 0.1 a block while the burn is at
 *    most 10 τ, never under the subnet owner's coldkey.
 *
 * Every draw comes from a generator seeded by (network seed, block or tempo, purpose), so a
 * block's plan is a function of (chain state, actor memory). The memory is what validators and
 * miners carry between blocks, as JSON strings by key (the node stores them with the block that
 * changed them, table `ActorState`):
 * - `validator/<netuid>/<hotkey>`: the EMA of each miner's score keyed by the miner's HOTKEY (a
 *   uid taken over by a new hotkey starts from 0; deregistered hotkeys are forgotten), the
 *   tempo it last submitted in, the block of its last round, and a pending reveal;
 * - `ledger/<netuid>`: each miner's compute spent and requests served in the current tempo.
 * Each round's scores also go out with the plan (`scores`): the node keeps them as history
 * (table `OffchainScore`) for the explorer; the actors never read them back.
 * A validator's tempo is its subnet's epoch counter (`currentEpoch`), the same for every
 * validator of the subnet, so the budget a miner spends is shared by the tempo's requests.
 */
import type { Keypair } from "../chain/keys/keypair";
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";
import { currentEpoch } from "../chain/runtime/schedule";
import type { ChainState, Neuron, Subnet } from "../chain/runtime/state";
import { weightsCommitHash } from "../chain/runtime/weights";
import { type ActivityConfig, backgroundRates, type BackgroundKeys, isWeightsDue, type Sign, signBackground, signStartCalls, weightsInterval } from "../chain/sim/activity";
import { blockSigner } from "../chain/sim/signer";
import { shareValue } from "../chain/staking/share-pool";
import { requireInt, requireNumber, requirePositive } from "./check";
import { checkMinerBehaviour, type MinerBehaviour, respond, type MinerLedger } from "./miner";
import { DEFAULT_TASKS, hotkeySeed, LAZY_EVERY_TEMPOS, minerProfile, type MinerProfile, minerSpecOf, startTempoOf, type TaskKind, type TaskName, taskKind, taskOf, validatorKind, type ValidatorKind } from "./profiles";
import { mixSeed, rngFor } from "./seed";
import { DEFAULT_NEW_SUBNET_RATE, signSubnetGrowth, type SubnetGrowthKeys } from "./subnets";
import type { Task } from "./task";
import { runValidatorTempo, type TempoResult, type ValidatorBehaviour, type ValidatorSpec } from "./validator";
import type { EmitWeights } from "./weights";

export interface PoiTrafficConfig {
  /** The network seed every profile and draw derives from. */
  readonly seed: number;
  /** Coldkeys that stake, register, transfer and start subnets (they need balances). */
  readonly coldkeys: readonly Keypair[];
  /** Every hotkey the traffic may register and sign with (validators included). */
  readonly hotkeys: readonly Keypair[];
  /** The validator hotkeys: they validate wherever they hold a permit; every other hotkey mines. */
  readonly validators: readonly Keypair[];
  /** The task list the subnets cycle over (default forecast, classify, compute). */
  readonly tasks?: readonly TaskName[];
  /** `mixed` (default): copiers and lazy validators among the honest; `honest`: all honest. */
  readonly validatorMix?: "mixed" | "honest";
  /** Kinds given to some validator hotkeys, over the mix (a test's copier, say). */
  readonly validatorKinds?: Readonly<Record<string, ValidatorKind>>;
  /**
   * Behaviours given to some miner hotkeys (0x + hex) over their profile's, on every subnet: a
   * test's miners that take turns being online (`periodic`, lib/actors/miner.ts), say. The rest of
   * the profile (strategy, capacity, seed) stays the hotkey's.
   */
  readonly minerBehaviours?: Readonly<Record<string, MinerBehaviour>>;
  /** Validators that weight only the given miner hotkeys (equally), on every subnet. */
  readonly cabal?: { readonly validators: readonly string[]; readonly miners: readonly string[] };
  /** Miners a validator scores per round (default 16). */
  readonly sampleSize?: number;
  /** The validators' EMA weight on a new score (default 0.2). */
  readonly emaAlpha?: number;
  /**
   * Nominators: coldkeys holding root stake on validators. In a block with probability
   * `nominatorRate` (default 0.05) one of them moves a tenth of its root stake from the validator
   * it holds with the lowest return to the validator with the highest, when that return is at
   * least 10% higher (return: the validator's dividend shares summed over the subnets, per τ of
   * its root stake).
   */
  readonly nominators?: readonly Keypair[];
  readonly nominatorRate?: number;
  /** The background calls' rates (the old generator's defaults), or false for none. */
  readonly background?: Pick<ActivityConfig, "stakeRate" | "unstakeRate" | "registerRate" | "transferRate"> | false;
  /**
   * The per-block probability, in [0, 1], that a coldkey registers a new subnet when the chain
   * allows one (a free slot, the rate limit passed, a coldkey that can pay the lock; see
   * lib/actors/subnets.ts). Default 1/7200, about one a day of 12 s blocks; 0 registers none.
   * The network's validators and miners join the subnets registered after genesis whatever it is.
   */
  readonly newSubnetRate?: number;
}

/** The actors' memory: JSON strings by key, as stored. */
export type ActorMemory = ReadonlyMap<string, string>;

export interface BlockPlan {
  readonly extrinsics: SignedExtrinsic[];
  /** Memory entries the block changes (null: removed). */
  readonly changes: ReadonlyMap<string, string | null>;
  /** Every score a validator's round gave a miner in this block, in round order (off-chain data the node keeps as history). */
  readonly scores: readonly OffchainScore[];
}

/** One miner's score in one validator's round, as the validator saw it. */
export interface OffchainScore {
  readonly netuid: number;
  /** The subnet's epoch counter the round ran in. */
  readonly tempo: number;
  /** Hotkeys, 0x + hex. */
  readonly validator: string;
  readonly miner: string;
  /** Their uids on the subnet then. */
  readonly validatorUid: number;
  readonly uid: number;
  /** The task's score of its answer, in [0, 1]. */
  readonly score: number;
  /** The validator's EMA of the miner's scores after this one. */
  readonly ema: number;
  /** Compute units the answer cost the miner. */
  readonly computeSpent: number;
}

export interface PoiTraffic {
  /** The task subnet `netuid` runs. */
  taskOf(netuid: number): TaskName;
  /** A hotkey's profile as a miner (the same on every subnet). */
  minerProfile(hotkey: string): MinerProfile;
  /** A validator hotkey's behaviour (cabal when configured as one). */
  validatorKind(hotkey: string): ValidatorKind | "cabal";
  /** The signed extrinsics for the block after `state`, and the memory entries they change. */
  plan(state: ChainState, memory: ActorMemory): BlockPlan;
  /**
   * A miner's true quality on `task`: its mean score over `requestsPerTempo` reference challenges
   * in each tempo of [fromTempo, toTempo) (its budget, offline tempos and degradation included),
   * the challenges drawn from a generator no validator uses.
   */
  expectedScore(task: TaskName, hotkey: string, fromTempo: number, toTempo: number, requestsPerTempo: number, startTempo?: number): number;
}

export interface ValidatorMemory {
  /** EMA of each miner's scores by miner hotkey. */
  readonly ema: Readonly<Record<string, number>>;
  readonly lastUpdateTempo: number | null;
  /** Block of its last round (as a number). */
  readonly lastRound: number | null;
  readonly reveal?: PendingReveal;
}

export interface PendingReveal {
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly salt: readonly number[];
  /** The epoch it was committed in. */
  readonly epoch: number;
}

interface LedgerMemory {
  readonly tempo: number;
  /** Per miner hotkey: [compute spent, requests served]. */
  readonly spent: Readonly<Record<string, readonly [number, number]>>;
}

/** What a derived generator of the traffic is for (disjoint from lib/actors/seed.ts's purposes). */
const TRAFFIC_PURPOSE = { sign: 201, background: 202, salt: 203, reference: 204, validator: 205, nominator: 206, newSubnet: 207, join: 208 } as const;

const SALT_WORDS = 8;

const INITIAL_VALIDATOR_MEMORY: ValidatorMemory = { ema: {}, lastUpdateTempo: null, lastRound: null };
const INITIAL_MEMORY = JSON.stringify(INITIAL_VALIDATOR_MEMORY);

export const validatorKey = (netuid: number, hotkey: string) => `validator/${netuid}/${hotkey}`;
export const ledgerKey = (netuid: number) => `ledger/${netuid}`;

/** A task with its miner profiles, erased to what the traffic calls. */
interface TaskRunner {
  readonly name: TaskName;
  round(spec: ValidatorSpec, state: { ema: Record<number, number>; lastUpdateTempo: number | null }, input: RoundInput): TempoResult;
  expectedScore(profile: MinerProfile, fromTempo: number, toTempo: number, requestsPerTempo: number, startTempo: number, seed: number): number;
}

/** A miner of the subnet: its uid, hotkey and the tempo it registered in. */
interface MinerRef {
  readonly uid: number;
  readonly hotkey: string;
  readonly startTempo: number;
}

interface RoundInput {
  readonly tempo: number;
  readonly miners: readonly MinerRef[];
  /** By miner hotkey, updated as the round's requests spend. */
  readonly ledgers: Map<string, MinerLedger>;
  readonly consensus?: readonly number[];
}

function taskRunner<Q, T, A, S>(task: Task<Q, T, A, S>, kind: TaskKind<S>, profileOf: (hotkey: string) => MinerProfile): TaskRunner {
  const specOf = (profile: MinerProfile, uid: number, startTempo: number) => minerSpecOf(kind, profile, uid, startTempo);
  return {
    name: kind.name,
    round(spec, state, input) {
      const byUid = new Map(input.miners.map((m) => [m.uid, m]));
      const ask = (uid: number, query: Q, tempo: number) => {
        const m = byUid.get(uid);
        if (!m) return { answer: null, computeSpent: 0 };
        const { work, ledger } = respond(task, specOf(profileOf(m.hotkey), uid, m.startTempo), input.ledgers.get(m.hotkey), query, tempo);
        input.ledgers.set(m.hotkey, ledger);
        return work;
      };
      return runValidatorTempo(task, spec, state, { tempo: input.tempo, minerUids: input.miners.map((m) => m.uid), ask, ...(input.consensus ? { consensus: input.consensus } : {}) });
    },
    expectedScore(profile, fromTempo, toTempo, requestsPerTempo, startTempo, seed) {
      const spec = specOf(profile, 0, startTempo);
      let total = 0;
      let n = 0;
      for (let t = fromTempo; t < toTempo; t++) {
        let ledger: MinerLedger | undefined;
        for (let r = 0; r < requestsPerTempo; r++) {
          const { query, truth } = task.query(rngFor(seed, TRAFFIC_PURPOSE.reference, t, r), t);
          const out = respond(task, spec, ledger, query, t);
          ledger = out.ledger;
          total += task.score(query, truth, out.work.answer);
          n++;
        }
      }
      return n ? total / n : 0;
    },
  };
}

/** @throws RangeError on a bad sample size, EMA weight or new-subnet rate, or a bad miner behaviour (naming its hotkey and field) */
export function createPoiTraffic(config: PoiTrafficConfig): PoiTraffic {
  const seed = requireInt("seed", config.seed, 0);
  const tasks = config.tasks ?? DEFAULT_TASKS;
  if (tasks.length === 0) throw new RangeError("tasks must name at least one task, got none");
  const sampleSize = requireInt("sampleSize", config.sampleSize ?? 16, 1);
  const emaAlpha = requirePositive("emaAlpha", config.emaAlpha ?? 0.2, 1);
  const newSubnetRate = requireNumber("newSubnetRate", config.newSubnetRate ?? DEFAULT_NEW_SUBNET_RATE, 0, 1);
  const growthKeys: SubnetGrowthKeys = { coldkeys: config.coldkeys, hotkeys: config.hotkeys, validators: config.validators };
  const validatorHexes = new Set(config.validators.map((k) => k.publicKeyHex));
  const keyByHex = new Map([...config.hotkeys, ...config.validators].map((k) => [k.publicKeyHex, k]));
  const cabalValidators = new Set(config.cabal?.validators ?? []);
  const cabalMiners = new Set(config.cabal?.miners ?? []);
  const background: BackgroundKeys | null = config.background === false ? null : { coldkeys: config.coldkeys, hotkeys: config.hotkeys, hotkeyByHex: new Map(config.hotkeys.map((k) => [k.publicKeyHex, k])), rates: backgroundRates(config.background ?? {}) };

  const behaviours = new Map(Object.entries(config.minerBehaviours ?? {}));
  for (const [hotkey, b] of behaviours) {
    hotkeySeed(seed, hotkey); // throws on a malformed hotkey
    checkMinerBehaviour(b, `minerBehaviours[${hotkey}].`);
  }
  const profiles = new Map<string, MinerProfile>();
  const profileOf = (hotkey: string): MinerProfile => {
    let p = profiles.get(hotkey);
    if (!p) {
      p = minerProfile(seed, hotkey);
      const b = behaviours.get(hotkey);
      profiles.set(hotkey, (p = b ? { ...p, behaviour: b } : p));
    }
    return p;
  };
  const runners = new Map<TaskName, TaskRunner>();
  const runnerOf = (name: TaskName): TaskRunner => {
    let r = runners.get(name);
    if (!r) {
      const made = taskKind(name);
      r = taskRunner(made.task, made.kind, profileOf);
      runners.set(name, r);
    }
    return r;
  };
  // PERF: memos, not state (each is a function of what it is keyed by): a subnet's validator
  // uids by the identity of its neurons array (the engine replaces the array when a neuron
  // changes), and a memory entry's parsed value by its text.
  const validatorUids = new WeakMap<readonly Neuron[], number[]>();
  const validatorUidsOf = (neurons: readonly Neuron[]): number[] => {
    let uids = validatorUids.get(neurons);
    if (!uids) {
      uids = [];
      for (let uid = 0; uid < neurons.length; uid++) if (validatorHexes.has(neurons[uid]!.hotkey)) uids.push(uid);
      validatorUids.set(neurons, uids);
    }
    return uids;
  };
  const parsedMemory = new Map<string, { text: string; value: ValidatorMemory }>();
  const parsed = (key: string, text: string): ValidatorMemory => {
    const hit = parsedMemory.get(key);
    if (hit && hit.text === text) return hit.value;
    const value = JSON.parse(text) as ValidatorMemory;
    parsedMemory.set(key, { text, value });
    return value;
  };
  const kindOf = (hotkey: string): ValidatorKind | "cabal" =>
    cabalValidators.has(hotkey) ? "cabal" : (config.validatorKinds?.[hotkey] ?? (config.validatorMix === "honest" ? "honest" : validatorKind(seed, hotkey)));

  function behaviourOf(hotkey: string, miners: readonly { uid: number; hotkey: string }[]): ValidatorBehaviour | null {
    const kind = kindOf(hotkey);
    if (kind === "cabal") {
      const own = miners.filter((m) => cabalMiners.has(m.hotkey)).map((m) => m.uid);
      return own.length ? { kind: "cabal", ownUids: own } : null; // none of its miners here: it submits nothing
    }
    if (kind === "lazy") return { kind: "lazy", everyTempos: LAZY_EVERY_TEMPOS };
    return { kind };
  }

  function planSubnet(subnet: Subnet, state: ChainState, memory: ActorMemory, sign: Sign, changes: Map<string, string | null>, scores: OffchainScore[]): void {
    const block = state.block + 1n;
    const cr = subnet.hyper.commitReveal;
    // PERF: a validator's memory is read only when it may act this block (due by the chain's
    // rule, or on a commit-reveal subnet, where a reveal may be due); on most blocks nobody is,
    // and the subnet costs a look at its validators' uids.
    const acting = validatorUidsOf(subnet.neurons).filter((uid) => {
      const n = subnet.neurons[uid]!;
      return cr || (n.validatorPermit && isWeightsDue(subnet, n.lastUpdate, block));
    });
    if (acting.length === 0) return;
    const tempo = currentEpoch(subnet, block);
    const runner = runnerOf(taskOf(subnet.netuid, tasks));
    // Built when a due validator first asks its miners (copiers and cabals ask none).
    const lazy: { miners?: MinerRef[]; ledgers?: Map<string, MinerLedger> } = {};
    const minersNow = (): MinerRef[] => {
      if (lazy.miners) return lazy.miners;
      const miners: MinerRef[] = [];
      subnet.neurons.forEach((n, uid) => {
        if (validatorHexes.has(n.hotkey) || n.hotkey === subnet.ownerHotkey) return;
        miners.push({ uid, hotkey: n.hotkey, startTempo: startTempoOf(tempo, block, n.registeredAt, subnet.tempo) });
      });
      return (lazy.miners = miners);
    };
    const ledgerText = memory.get(ledgerKey(subnet.netuid));
    const ledgersNow = (): Map<string, MinerLedger> => {
      if (lazy.ledgers) return lazy.ledgers;
      const ledgers = new Map<string, MinerLedger>();
      const stored = ledgerText ? (JSON.parse(ledgerText) as LedgerMemory) : null;
      if (stored && stored.tempo === tempo) for (const [hotkey, [spent, requests]] of Object.entries(stored.spent)) ledgers.set(hotkey, { tempo, spent, requests });
      return (lazy.ledgers = ledgers);
    };
    const interval = weightsInterval(subnet);

    for (const uid of acting) {
      const n = subnet.neurons[uid]!;
      const key = keyByHex.get(n.hotkey);
      if (!key) continue;
      const mKey = validatorKey(subnet.netuid, n.hotkey);
      const before = memory.get(mKey);
      let mem: ValidatorMemory = before ? parsed(mKey, before) : INITIAL_VALIDATOR_MEMORY;
      const initial = mem;
      if (mem.reveal) {
        const revealEpoch = mem.reveal.epoch + subnet.hyper.revealPeriodEpochs;
        if (cr && tempo === revealEpoch) sign(key, { call: "SubtensorModule.reveal_weights", args: { netuid: subnet.netuid, uids: [...mem.reveal.uids], values: [...mem.reveal.values], salt: [...mem.reveal.salt], version_key: "0" } });
        if (!cr || tempo >= revealEpoch) mem = withoutReveal(mem);
      }
      // Due by the chain's rule, and by its own: a lazy validator between its rounds, or one
      // whose weights the chain refused, stays due on chain and must not score every block.
      const due = n.validatorPermit && isWeightsDue(subnet, n.lastUpdate, block) && (mem.lastRound === null || Number(block) - mem.lastRound >= interval);
      if (!due && mem === initial) continue; // nothing changed: no new text to store
      if (due) {
        const miners = minersNow();
        const behaviour = behaviourOf(n.hotkey, miners);
        const vseed = mixSeed(hotkeySeed(seed, n.hotkey), subnet.netuid, TRAFFIC_PURPOSE.validator);
        let weights: EmitWeights | null = null;
        const ema: Record<string, number> = {};
        if (behaviour) {
          const byUid: Record<number, number> = {};
          for (const m of miners) if (mem.ema[m.hotkey] !== undefined) byUid[m.uid] = mem.ema[m.hotkey]!;
          const consensus = behaviour.kind === "copier" ? subnet.neurons.map((x, i) => (i === uid ? 0 : x.consensus)) : undefined;
          const spec: ValidatorSpec = { uid, seed: vseed, sampleSize, emaAlpha, behaviour };
          const result = runner.round(spec, { ema: byUid, lastUpdateTempo: mem.lastUpdateTempo }, { tempo, miners, ledgers: ledgersNow(), ...(consensus ? { consensus } : {}) });
          for (const m of miners) if (result.state.ema[m.uid] !== undefined) ema[m.hotkey] = result.state.ema[m.uid]!;
          const hotkeyOf = new Map(miners.map((m) => [m.uid, m.hotkey]));
          for (const x of result.scored) scores.push({ netuid: subnet.netuid, tempo, validator: n.hotkey, miner: hotkeyOf.get(x.uid)!, validatorUid: uid, uid: x.uid, score: x.score, ema: result.state.ema[x.uid]!, computeSpent: x.computeSpent });
          weights = result.weights;
          mem = { ...mem, ema, lastUpdateTempo: result.state.lastUpdateTempo };
        } else mem = { ...mem, ema };
        mem = { ...mem, lastRound: Number(block) };
        if (weights && !cr) sign(key, { call: "SubtensorModule.set_weights", args: { netuid: subnet.netuid, dests: [...weights.uids], weights: [...weights.values], version_key: "0" } });
        if (weights && cr && !mem.reveal) {
          const saltRng = rngFor(vseed, Number(block), TRAFFIC_PURPOSE.salt);
          const salt = Array.from({ length: SALT_WORDS }, () => saltRng.int(65536));
          const commitHash = weightsCommitHash(n.hotkey, subnet.netuid, weights.uids, weights.values, salt, 0n);
          sign(key, { call: "SubtensorModule.commit_weights", args: { netuid: subnet.netuid, commit_hash: commitHash } });
          mem = { ...mem, reveal: { uids: weights.uids, values: weights.values, salt, epoch: tempo } };
        }
      }
      const after = JSON.stringify(mem);
      if (after !== (before ?? INITIAL_MEMORY)) {
        changes.set(mKey, after);
        parsedMemory.set(mKey, { text: after, value: mem });
      }
    }

    const { miners, ledgers } = lazy;
    if (!ledgers || !miners) return; // nobody asked a miner this block
    const spent: Record<string, [number, number]> = {};
    for (const m of miners) {
      const l = ledgers.get(m.hotkey);
      if (l && l.tempo === tempo) spent[m.hotkey] = [l.spent, l.requests];
    }
    const after = JSON.stringify({ tempo, spent } satisfies LedgerMemory);
    if (after !== (ledgerText ?? JSON.stringify({ tempo, spent: {} }))) changes.set(ledgerKey(subnet.netuid), after);
  }

  const nominatorRate = config.nominatorRate ?? 0.05;
  function signNominator(state: ChainState, block: number, sign: Sign): void {
    const rng = rngFor(seed, block, TRAFFIC_PURPOSE.nominator);
    if (rng.next() >= nominatorRate) return;
    const nominator = config.nominators![rng.int(config.nominators!.length)]!;
    const returns = returnsOf(state, config.validators);
    const held = returns.filter((r) => r.hotkey in state.root.stake && state.root.stake[r.hotkey]!.shares[nominator.publicKeyHex] !== undefined);
    if (held.length === 0) return;
    const worst = held.reduce((a, b) => (b.perTao < a.perTao ? b : a));
    const best = returns.reduce((a, b) => (b.perTao > a.perTao ? b : a));
    if (best.hotkey === worst.hotkey || !(best.perTao >= 1.1 * worst.perTao)) return;
    const amount = shareValue(state.root.stake[worst.hotkey]!, nominator.publicKeyHex) / 10n;
    if (amount <= 0n) return;
    sign(nominator, { call: "SubtensorModule.move_stake", args: { origin_hotkey: worst.hotkey, destination_hotkey: best.hotkey, origin_netuid: 0, destination_netuid: 0, alpha_amount: amount.toString() } });
  }

  return {
    taskOf: (netuid) => taskOf(netuid, tasks),
    minerProfile: profileOf,
    validatorKind: kindOf,
    plan(state, memory) {
      const block = Number(state.block + 1n);
      const { sign, out } = blockSigner(state, rngFor(seed, block, TRAFFIC_PURPOSE.sign));
      const changes = new Map<string, string | null>();
      const scores: OffchainScore[] = [];
      signStartCalls(sign, state, config.coldkeys);
      for (const subnet of [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid)) if (subnet.netuid > 0) planSubnet(subnet, state, memory, sign, changes, scores);
      if (config.nominators?.length) signNominator(state, block, sign);
      if (background) signBackground(rngFor(seed, block, TRAFFIC_PURPOSE.background), sign, state, background);
      // Last, so that it sees what the block's other calls spend and register.
      signSubnetGrowth(state, out, sign, growthKeys, newSubnetRate, { register: rngFor(seed, block, TRAFFIC_PURPOSE.newSubnet), join: (netuid) => rngFor(seed, block, TRAFFIC_PURPOSE.join, netuid) });
      return { extrinsics: out, changes, scores };
    },
    expectedScore(task, hotkey, fromTempo, toTempo, requestsPerTempo, startTempo = 0) {
      requireInt("requestsPerTempo", requestsPerTempo, 1);
      return runnerOf(task).expectedScore(profileOf(hotkey), fromTempo, toTempo, requestsPerTempo, startTempo, seed);
    },
  };
}

/**
 * Each validator's return as nominators see it: its dividend shares (u16 / 65535) summed over the
 * subnets it is on, per τ of root stake (validators without root stake are left out).
 */
export function returnsOf(state: ChainState, validators: readonly Keypair[]): { hotkey: string; perTao: number }[] {
  const dividends = new Map<string, number>(validators.map((v) => [v.publicKeyHex, 0]));
  for (const subnet of state.subnets.values()) {
    for (const n of subnet.neurons) {
      const d = dividends.get(n.hotkey);
      if (d !== undefined) dividends.set(n.hotkey, d + n.dividends / 65535);
    }
  }
  const out: { hotkey: string; perTao: number }[] = [];
  for (const [hotkey, d] of dividends) {
    const staked = Number(state.root.stake[hotkey]?.value ?? 0n) / 1e9;
    if (staked > 0) out.push({ hotkey, perTao: d / staked });
  }
  return out;
}

function withoutReveal(mem: ValidatorMemory): ValidatorMemory {
  const { reveal: _reveal, ...rest } = mem;
  return rest;
}
