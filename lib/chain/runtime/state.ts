/**
 * The chain's state: accounts, issuance and subnets (with their pools and neurons; stake joins
 * with the staking calls), with a journal so a failing call can be undone, and the state root
 * over it.
 */
import { blake2b256 } from "../fast-crypto";
import { ScaleWriter } from "../codec/scale";
import type { EpochParams } from "../consensus/epoch";
import type { Era2024, Neuron2024, Subnet2024 } from "../seed2024/state";
import type { Rules } from "../eras/era";
import { InvariantError } from "../errors";
import { canonicalJson } from "./extrinsic";
import type { Neuron } from "./neuron";
import { fromHex, toHex } from "../keys/ss58";
import type { BurnParams } from "../registration/burn";
import type { SharePool } from "../staking/share-pool";
import type { Pool } from "../swap/swap";

/** Substrate's existential deposit on subtensor: 500 rao. */
export const EXISTENTIAL_DEPOSIT = 500n;

export interface Account {
  /** Free balance in rao. */
  free: bigint;
  nonce: number;
}

export type PresetName = "mainnet" | "seed2024" | "test";

// A neuron is defined in its own module, which the 2024 storage shares, so that neither era's
// storage imports the other's.
export { type Neuron, newNeuron } from "./neuron";

/**
 * A subnet's hyperparameters that AdminUtils setters change (the subnet owner or the sudo key,
 * as subtensor allows each one), stored per netuid as subtensor stores them.
 */
export interface SubnetHyperparams
  extends Pick<EpochParams, "kappa" | "bondsPenalty" | "bondsMovingAverage" | "maxAllowedValidators" | "yuma3" | "liquidAlpha" | "alphaLow" | "alphaHigh" | "alphaSigmoidSteepness"> {
  /** `ActivityCutoffFactorMilli`: the activity cutoff as ‰ of the tempo. */
  activityCutoffFactorMilli: number;
  /** `CommitRevealWeightsEnabled` and `RevealPeriodEpochs`. */
  commitReveal: boolean;
  revealPeriodEpochs: number;
  /** set_weights: `WeightsSetRateLimit`, `MinAllowedWeights`, `MaxWeightsLimit`, `WeightsVersionKey`. */
  weightsSetRateLimit: bigint;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersionKey: bigint;
  /** `ServingRateLimit`: blocks between two `serve_axon` of one hotkey. */
  servingRateLimit: bigint;
}

/** `AxonInfo` as `serve_axon` stores it; `ip` is the u128 as a decimal string. */
export interface AxonInfo {
  block: bigint;
  version: number;
  ip: string;
  port: number;
  ipType: number;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
}

/** One `WeightCommits` entry: the commit hash, the epoch it was made in, and its block. */
export interface WeightCommit {
  hash: string;
  epoch: number;
  block: bigint;
}

/** One subnet's storage. Replaced as a whole on every change (copy on write), so it journals cheaply. */
export interface Subnet {
  netuid: number;
  /** `SubnetOwner` (coldkey) and `SubnetOwnerHotkey`. */
  owner: string;
  ownerHotkey: string;
  registeredAt: bigint;
  /** `FirstEmissionBlockNumber`, set by the owner's `start_call`, which also enables the subtoken (staking). */
  firstEmissionBlock: bigint | null;
  tempo: number;
  immunityPeriod: bigint;
  maxAllowedUids: number;
  registrationAllowed: boolean;
  /** `Burn`: the current registration price in rao, with its decay and bump parameters. */
  burn: bigint;
  burnParams: BurnParams;
  /** `SubnetTAO` and `SubnetAlphaIn` with the pool's quote weight. */
  pool: Pool;
  /** `SubnetAlphaOut`: alpha outside the pool. */
  alphaOut: bigint;
  /** `SubnetLocked`: the TAO the owner locked to create the subnet (it sits in the pool). */
  locked: bigint;
  /** `SubnetEmissionEnabled`: whether the subnet takes a share of the TAO emission. */
  emissionEnabled: boolean;
  /** `SubnetMovingPrice` (I96F32 bits): the price EMA that decides the subnet's TAO share. */
  movingPrice: bigint;
  /** `MinerBurned` (U64F64 bits): the fraction of last tempo's miner incentive that was burned. */
  minerBurned: bigint;
  /** `SubnetProtocolAlpha`: alpha the chain bought with TAO it could not inject. */
  protocolAlpha: bigint;
  /** `PendingServerEmission`, `PendingValidatorEmission`, `PendingOwnerCut`, `PendingRootAlphaDivs` (alpha rao). */
  pending: { server: bigint; validator: bigint; ownerCut: bigint; root: bigint };
  /** Uid i is `neurons[i]`. */
  neurons: Neuron[];
  /** `LastEpochBlock`, `PendingEpochAt` (0 = none), `SubnetEpochIndex`, `LastMechansimStepBlock`. */
  lastEpochBlock: bigint;
  pendingEpochAt: bigint;
  epochIndex: number;
  lastMechanismStepBlock: bigint;
  /** Alpha staked to each hotkey on this subnet, shared among its coldkeys. */
  stake: Readonly<Record<string, SharePool>>;
  hyper: SubnetHyperparams;
  /** `Axons` by hotkey. */
  axons: Readonly<Record<string, AxonInfo>>;
  /** `WeightCommits` by hotkey, oldest first. */
  commits: Readonly<Record<string, readonly WeightCommit[]>>;
  /** The block the owner last set each hyperparameter (owner updates are rate-limited per parameter). */
  ownerHparamLast: Readonly<Record<string, bigint>>;
}

export interface ChainState {
  preset: PresetName;
  /** The chain's era and parameters (frozen), chosen at genesis; not storage: checkpoints restore them by `preset`. */
  readonly rules: Rules;
  genesisHash: string;
  /** Number of the last block applied (0 at genesis). */
  block: bigint;
  /** Hash of the last block applied. */
  parentHash: string;
  /** Accounts by 0x-hex public key. */
  accounts: Map<string, Account>;
  /** TAO in existence, in rao. */
  totalIssuance: bigint;
  /** Subnets by netuid. */
  subnets: Map<number, Subnet>;
  /** `Owner`: the coldkey of every hotkey ever registered. */
  hotkeyOwner: Map<string, string>;
  /** `Delegates` take (u16 parts of 65535) of hotkeys that changed it, and the block of the change. */
  delegateTake: Map<string, { take: number; changedAt: bigint }>;
  /** `NetworkLastLockCost` and `NetworkLastRegistered` (0 before any subnet registration). */
  networkLock: { lastLock: bigint; lastLockBlock: bigint };
  /** The sudo key (AdminUtils calls it signs act with Root origin), if the chain has one. */
  sudoKey: string | null;
  /** The root network (netuid 0). Replaced as a whole on change. */
  root: RootNetwork;
  /** The seed2024 preset's storage (stake in TAO, 2024 subnets and root); absent on other presets. */
  era2024?: Era2024;
  /** Undo log of the open transaction, if any. */
  journal: (() => void)[] | null;
}

/**
 * The root network (netuid 0, the stable mechanism): TAO staked 1:1 to hotkeys, weighted by
 * `TaoWeight` in every subnet's epoch, earning root dividends; and its registered validators.
 */
export interface RootNetwork {
  /** `SubnetTAO[root]`: all TAO staked on root. */
  taoReserve: bigint;
  /** Root stake per hotkey, shared among its coldkeys (TAO rao). */
  stake: Readonly<Record<string, SharePool>>;
  /** Root uids: the hotkey of each, in uid order (`root_register`). */
  validators: readonly string[];
}

export const EMPTY_ROOT: RootNetwork = { taoReserve: 0n, stake: {}, validators: [] };

export const ZERO_HASH = `0x${"00".repeat(32)}`;

export function newState(rules: Rules): ChainState {
  return {
    preset: rules.preset,
    rules,
    genesisHash: ZERO_HASH,
    block: 0n,
    parentHash: ZERO_HASH,
    accounts: new Map(),
    totalIssuance: 0n,
    subnets: new Map(),
    hotkeyOwner: new Map(),
    delegateTake: new Map(),
    networkLock: { lastLock: 0n, lastLockBlock: 0n },
    sudoKey: null,
    root: EMPTY_ROOT,
    journal: null,
  };
}

export function getAccount(state: ChainState, who: string): Account {
  return state.accounts.get(who) ?? { free: 0n, nonce: 0 };
}

/** Write an account (removing it when it holds nothing), recording the undo step. */
export function setAccount(state: ChainState, who: string, account: Account): void {
  setEntry(state, state.accounts, who, account.free === 0n && account.nonce === 0 ? undefined : { ...account });
}

export function setIssuance(state: ChainState, issuance: bigint): void {
  const previous = state.totalIssuance;
  state.journal?.push(() => (state.totalIssuance = previous));
  state.totalIssuance = issuance;
}

/** Write (or with `undefined` delete) a map entry, recording the undo step. */
function setEntry<K, V>(state: ChainState, map: Map<K, V>, key: K, value: V | undefined): void {
  const had = map.has(key);
  const previous = map.get(key);
  state.journal?.push(() => {
    if (had) map.set(key, previous as V);
    else map.delete(key);
    touch(map, key);
  });
  if (value === undefined) map.delete(key);
  else map.set(key, value);
  touch(map, key);
}

export function setSubnet(state: ChainState, subnet: Subnet): void {
  setEntry(state, state.subnets, subnet.netuid, subnet);
}

export function deleteSubnet(state: ChainState, netuid: number): void {
  setEntry(state, state.subnets, netuid, undefined);
}

export function setHotkeyOwner(state: ChainState, hotkey: string, coldkey: string): void {
  setEntry(state, state.hotkeyOwner, hotkey, coldkey);
}

export function setDelegateTake(state: ChainState, hotkey: string, take: number, changedAt: bigint): void {
  setEntry(state, state.delegateTake, hotkey, { take, changedAt });
}

export function setRoot(state: ChainState, root: RootNetwork): void {
  const previous = state.root;
  state.journal?.push(() => (state.root = previous));
  state.root = root;
}

export function setNetworkLock(state: ChainState, lock: ChainState["networkLock"]): void {
  const previous = state.networkLock;
  state.journal?.push(() => (state.networkLock = previous));
  state.networkLock = { ...lock };
}

/** Run `fn` so that a throw undoes every state change it made, then rethrows. */
export function transactional<T>(state: ChainState, fn: () => T): T {
  const outer = state.journal;
  const journal: (() => void)[] = [];
  state.journal = journal;
  try {
    const result = fn();
    if (outer) for (const undo of journal) outer.push(undo); // an enclosing transaction can still undo these
    return result;
  } catch (e) {
    for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
    throw e;
  } finally {
    state.journal = outer;
  }
}

/**
 * The state root: blake2b-256 of the SCALE encoding of the block number, the issuance, the
 * hash of the accounts (public key, free balance, nonce), the network lock, the hashes of the
 * hotkey owners and of the delegate takes, and the hash of every subnet in netuid order. A
 * subnet's hash covers its scalars, the hash of its neuron list (the hashes of its chunks of 16
 * uids, each over its neurons' hashes in uid order; a neuron's hash covers its fields and the
 * hashes of its weights and bonds rows) and the hash of its stake (a bucket tree of the hotkeys
 * and their share pools' hashes, as the keyed maps).
 *
 * Hashes are memoised: subnets, neuron lists, neurons, rows, stake records and share pools are
 * replaced, never mutated, so an unchanged object keeps its hash (a subnet's and its stake
 * record's with the last ones seen for its netuid, the others by identity); the keyed maps and
 * stake records re-hash only their changed buckets. A block re-hashes only what it changed.
 */
export function stateRoot(state: ChainState): string {
  const w = new ScaleWriter(512 + 32 * state.subnets.size).u64(state.block).u128(state.totalIssuance);
  w.raw(mapHash(state.accounts, (x, k, a) => x.raw(keyBytesOf(k)).u128(a.free).u32(a.nonce)));
  w.u64(state.networkLock.lastLock).u64(state.networkLock.lastLockBlock);
  w.raw(keyBytesOf(state.sudoKey ?? ZERO_HASH));
  w.raw(rootHash(state.root));
  const eraPart = state.rules.era.stateRootPart(state);
  if (eraPart) w.raw(eraPart);
  w.raw(mapHash(state.hotkeyOwner, (x, h, c) => x.raw(keyBytesOf(h)).raw(keyBytesOf(c))));
  w.raw(mapHash(state.delegateTake, (x, h, t) => x.raw(keyBytesOf(h)).u16(t.take).u64(t.changedAt)));
  const netuids = [...state.subnets.keys()].sort((a, b) => a - b);
  w.compact(netuids.length);
  let seen = lastSeen.get(state.subnets);
  if (!seen) lastSeen.set(state.subnets, (seen = new Map()));
  for (const id of netuids) w.raw(subnetHashSeen(seen, state.subnets.get(id)!));
  return toHex(blake2b256(w.finish()));
}

const blake = (w: ScaleWriter) => blake2b256(w.peek());

/**
 * Decoded keys for hashing: the same few thousand hex keys are hashed every block, and parsing
 * hex is a measurable share of the state root. Bounded; the oldest entries go first.
 */
const KEY_CACHE_LIMIT = 200_000;
const keyBytes = new Map<string, Uint8Array>();
function keyBytesOf(hex: string): Uint8Array {
  let bytes = keyBytes.get(hex);
  if (!bytes) {
    bytes = fromHex(hex);
    if (keyBytes.size >= KEY_CACHE_LIMIT) keyBytes.delete(keyBytes.keys().next().value!);
    keyBytes.set(hex, bytes);
  }
  return bytes;
}

function memo<K extends object>(cache: WeakMap<K, Uint8Array>, key: K, compute: () => Uint8Array): Uint8Array {
  let h = cache.get(key);
  if (!h) {
    h = compute();
    cache.set(key, h);
  }
  return h;
}

/**
 * Keyed maps (accounts, hotkey owners, takes) hash as a two-level tree: keys fall into 256
 * buckets by their first byte (a 257th for a key that is not 0x-hex); a bucket hashes its entries
 * in key order, the map hashes its non-empty buckets in order, each with its index (compact).
 * Writes mark their bucket dirty, so a block re-hashes a few small buckets instead of every
 * account.
 */
interface MapIndex {
  keys: (Set<string> | undefined)[];
  hashes: (Uint8Array | undefined)[];
  dirty: Set<number>;
  /** The map's hash while no bucket is dirty. */
  hash: Uint8Array | null;
}
const BUCKETS = 257;
const mapIndexes = new WeakMap<Map<unknown, unknown>, MapIndex>();

function bucketOf(key: string): number {
  const b = Number.parseInt(key.slice(2, 4), 16);
  return key.startsWith("0x") && key.length >= 4 && b >= 0 ? b : BUCKETS - 1;
}

function indexKey(ix: MapIndex, key: string, present: boolean): void {
  const b = bucketOf(key);
  ix.dirty.add(b);
  const set = (ix.keys[b] ??= new Set());
  if (present) set.add(key);
  else set.delete(key);
}

function touch<K, V>(map: Map<K, V>, key: K): void {
  const ix = mapIndexes.get(map as Map<unknown, unknown>);
  if (ix && typeof key === "string") indexKey(ix, key, map.has(key));
}

function mapHash<V>(map: Map<string, V>, encode: (w: ScaleWriter, key: string, value: V) => void): Uint8Array {
  let ix = mapIndexes.get(map as Map<unknown, unknown>);
  if (!ix) {
    ix = { keys: new Array(BUCKETS), hashes: new Array(BUCKETS), dirty: new Set(), hash: null };
    for (const k of map.keys()) indexKey(ix, k, true);
    mapIndexes.set(map as Map<unknown, unknown>, ix);
  }
  if (ix.dirty.size === 0 && ix.hash) return ix.hash;
  for (const b of ix.dirty) {
    const keys = [...(ix.keys[b] ?? [])].sort();
    if (keys.length === 0) {
      ix.hashes[b] = undefined;
      continue;
    }
    const w = new ScaleWriter(8 + 64 * keys.length).compact(keys.length);
    for (const k of keys) encode(w, k, map.get(k)!);
    ix.hashes[b] = blake(w);
  }
  ix.dirty.clear();
  return (ix.hash = bucketsHash(ix.hashes));
}

/** The hash of a bucket tree: its non-empty buckets in order, each as its index (compact) and hash. */
function bucketsHash(hashes: readonly (Uint8Array | undefined)[]): Uint8Array {
  let count = 0;
  for (let b = 0; b < BUCKETS; b++) if (hashes[b]) count++;
  const w = new ScaleWriter(4 + 34 * count).compact(count);
  for (let b = 0; b < BUCKETS; b++) {
    const h = hashes[b];
    if (h) w.compact(b).raw(h);
  }
  return blake(w);
}

/**
 * A record keyed by 0x-hex (a subnet's stake by hotkey), hashed as a bucket tree like the keyed
 * maps. Records are replaced, never mutated; `recordTree` diffs a record against the tree of
 * the last version seen (entries compared by identity) and re-hashes only the buckets whose
 * entries were added, removed or replaced. A subnet's stake record grows with every hotkey that
 * ever held stake there, and changes in one or two entries at a time.
 */
interface RecordTree {
  record: Readonly<Record<string, unknown>>;
  size: number;
  /** Each bucket's keys, sorted. */
  keys: readonly (readonly string[] | undefined)[];
  hashes: readonly (Uint8Array | undefined)[];
  hash: Uint8Array;
}

function recordTree<V>(prev: RecordTree | undefined, record: Readonly<Record<string, V>>, encode: (w: ScaleWriter, key: string, value: V) => void): RecordTree {
  const keys = Object.keys(record);
  const dirty = new Set<number>();
  const added = new Map<number, string[]>();
  const old = prev?.record ?? {};
  let kept = 0;
  for (const k of keys) {
    if (!Object.hasOwn(old, k)) {
      const b = bucketOf(k);
      dirty.add(b);
      let list = added.get(b);
      if (!list) added.set(b, (list = []));
      list.push(k);
    } else {
      kept++;
      if (old[k] !== record[k]) dirty.add(bucketOf(k));
    }
  }
  if (prev && kept < prev.size) for (const k of Object.keys(old)) if (!Object.hasOwn(record, k)) dirty.add(bucketOf(k));
  if (prev && dirty.size === 0) return { ...prev, record };
  const bucketKeys = prev ? [...prev.keys] : new Array<readonly string[] | undefined>(BUCKETS);
  const hashes = prev ? [...prev.hashes] : new Array<Uint8Array | undefined>(BUCKETS);
  for (const b of dirty) {
    const inBucket = [...(bucketKeys[b] ?? []).filter((k) => Object.hasOwn(record, k)), ...(added.get(b) ?? [])].sort();
    bucketKeys[b] = inBucket.length ? inBucket : undefined;
    if (!inBucket.length) {
      hashes[b] = undefined;
      continue;
    }
    const w = new ScaleWriter(8 + 64 * inBucket.length).compact(inBucket.length);
    for (const k of inBucket) encode(w, k, record[k]!);
    hashes[b] = blake(w);
  }
  return { record, size: keys.length, keys: bucketKeys, hashes, hash: bucketsHash(hashes) };
}

const neuronHashes = new WeakMap<Neuron, Uint8Array>();
const poolHashes = new WeakMap<SharePool, Uint8Array>();
const neuronListHashes = new WeakMap<readonly object[], Uint8Array>();
const recordHashes = new WeakMap<object, Uint8Array>();

/** Hash of a small plain record (hyperparameters, axons, commits) by its canonical JSON. */
function recordHash(record: object): Uint8Array {
  return memo(recordHashes, record, () => blake2b256(new TextEncoder().encode(canonicalJson(record, (v) => `${v}n`))));
}

function neuronHash(n: Neuron): Uint8Array {
  return memo(neuronHashes, n, () => {
    const w = new ScaleWriter().raw(keyBytesOf(n.hotkey)).raw(keyBytesOf(n.coldkey)).u64(n.registeredAt).u64(n.lastUpdate).bool(n.validatorPermit);
    w.bool(n.active).u16(n.consensus).u16(n.incentive).u16(n.dividends).u16(n.validatorTrust).u64(n.emission);
    return blake(w.raw(rowHash(n.weights)).raw(rowHash(n.bonds)));
  });
}

const rowHashes = new WeakMap<readonly (readonly [number, number])[], Uint8Array>();

/**
 * A weights or bonds row: blake2b-256 of its length (u32) and its `(uid u16, value u16)` pairs,
 * little-endian. Memoised by the row's identity: an epoch rewrites every neuron's bonds and
 * outputs but keeps its weights row, and a weights row is up to 4,096 pairs.
 */
function rowHash(row: readonly (readonly [number, number])[]): Uint8Array {
  return memo(rowHashes, row, () => {
    const bytes = new Uint8Array(4 + 4 * row.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, row.length, true);
    for (let i = 0; i < row.length; i++) {
      const entry = row[i]!;
      const uid = entry[0];
      const v = entry[1];
      if (!(uid >= 0 && uid <= 0xffff && v >= 0 && v <= 0xffff && Number.isInteger(uid) && Number.isInteger(v))) throw new InvariantError(`row entry (${uid}, ${v}) is not a pair of u16`);
      view.setUint16(4 + 4 * i, uid, true);
      view.setUint16(6 + 4 * i, v, true);
    }
    return blake2b256(bytes);
  });
}

function poolHash(pool: SharePool): Uint8Array {
  return memo(poolHashes, pool, () => {
    const coldkeys = Object.keys(pool.shares).sort();
    const w = new ScaleWriter().u64(pool.value).u128(pool.denominator).compact(coldkeys.length);
    for (const c of coldkeys) w.raw(keyBytesOf(c)).u128(pool.shares[c]!);
    return blake(w);
  });
}

const rootHashes = new WeakMap<RootNetwork, Uint8Array>();

function rootHash(r: RootNetwork): Uint8Array {
  return memo(rootHashes, r, () => {
    const w = new ScaleWriter().u64(r.taoReserve).compact(r.validators.length);
    for (const v of r.validators) w.raw(keyBytesOf(v));
    const hotkeys = Object.keys(r.stake).sort();
    w.compact(hotkeys.length);
    for (const h of hotkeys) w.raw(keyBytesOf(h)).raw(poolHash(r.stake[h]!));
    return blake(w);
  });
}

/**
 * Per subnets map (one per state), what the last state root saw of each netuid: the subnet, its
 * neuron list and stake record, and their hashes. The coinbase replaces every emitting subnet
 * each block while its neuron list and stake record mostly stay the same objects; comparing with
 * the last ones seen costs less than a WeakMap lookup and insert for objects that live a block.
 */
interface SubnetSeen {
  subnet: Subnet;
  hash: Uint8Array;
  neurons: readonly Neuron[];
  neuronsHash: Uint8Array;
  stake: RecordTree;
}
const lastSeen = new WeakMap<Map<number, Subnet>, Map<number, SubnetSeen>>();

function subnetHashSeen(seen: Map<number, SubnetSeen>, s: Subnet): Uint8Array {
  const last = seen.get(s.netuid);
  if (last?.subnet === s) return last.hash;
  const neuronsHash = last?.neurons === s.neurons ? last.neuronsHash : neuronListHash(s.neurons, neuronHash);
  const stake = last?.stake.record === s.stake ? last.stake : recordTree(last?.stake, s.stake, (w, hotkey, pool) => w.raw(keyBytesOf(hotkey)).raw(poolHash(pool)));
  const hash = subnetHash(s, neuronsHash, stake.hash);
  seen.set(s.netuid, { subnet: s, hash, neurons: s.neurons, neuronsHash, stake });
  return hash;
}

/** Reused for the subnets' scalars, which every block's coinbase changes (not re-entrant: nothing else is hashed while it is in use). */
const subnetScratch = new ScaleWriter(1024);

function subnetHash(s: Subnet, neuronsHash: Uint8Array, stakeHashOf: Uint8Array): Uint8Array {
  // Nested hashes first: they use writers of their own.
  const parts = [neuronsHash, stakeHashOf, recordHash(s.hyper), recordHash(s.axons), recordHash(s.commits), recordHash(s.ownerHparamLast)];
  const w = subnetScratch.reset();
  w.u16(s.netuid).raw(keyBytesOf(s.owner)).raw(keyBytesOf(s.ownerHotkey)).u64(s.registeredAt).u64(s.firstEmissionBlock ?? 0n).u16(s.tempo).u64(s.immunityPeriod);
  w.u16(s.maxAllowedUids).bool(s.registrationAllowed).u64(s.burn);
  w.u16(s.burnParams.halfLife).u128(s.burnParams.increaseMult).u64(s.burnParams.minBurn).u64(s.burnParams.maxBurn);
  w.u64(s.pool.taoReserve).u64(s.pool.alphaReserve).u64(s.pool.quoteWeight).u64(s.alphaOut).u64(s.locked);
  w.bool(s.emissionEnabled).u128(s.movingPrice).u128(s.minerBurned).u64(s.protocolAlpha);
  w.u64(s.pending.server).u64(s.pending.validator).u64(s.pending.ownerCut).u64(s.pending.root);
  w.u64(s.lastEpochBlock).u64(s.pendingEpochAt).u32(s.epochIndex).u64(s.lastMechanismStepBlock);
  for (const h of parts) w.raw(h);
  return blake2b256(w.peek());
}

/**
 * A neuron list: blake2b-256 of its length (compact) and the hashes of its chunks of
 * {@link CHUNK} uids, each chunk the blake2b-256 of its neurons' hashes in uid order. A weights
 * update or a registration makes a new list that shares all but one neuron with the old one:
 * chunks whose neurons are the same objects keep their hash, found through the chunk's first
 * neuron and checked member by member.
 */
function neuronListHash<N extends object>(neurons: readonly N[], one: (n: N) => Uint8Array): Uint8Array {
  return memo(neuronListHashes, neurons, () => {
    const prefix = new ScaleWriter(8).compact(neurons.length).finish();
    const chunks = Math.ceil(neurons.length / CHUNK);
    const bytes = new Uint8Array(prefix.length + 32 * chunks);
    bytes.set(prefix);
    for (let c = 0; c < chunks; c++) bytes.set(chunkHash(neurons, c * CHUNK, one), prefix.length + 32 * c);
    return blake2b256(bytes);
  });
}

const CHUNK = 16;
/** By a chunk's first neuron (a neuron object is of one era, so hashed by one function). */
const chunkHashes = new WeakMap<object, { members: readonly object[]; hash: Uint8Array }>();

function chunkHash<N extends object>(neurons: readonly N[], start: number, one: (n: N) => Uint8Array): Uint8Array {
  const end = Math.min(start + CHUNK, neurons.length);
  const cached = chunkHashes.get(neurons[start]!);
  if (cached && cached.members.length === end - start && cached.members.every((n, i) => n === neurons[start + i])) return cached.hash;
  const bytes = new Uint8Array(32 * (end - start));
  for (let uid = start; uid < end; uid++) bytes.set(one(neurons[uid]!), 32 * (uid - start));
  const hash = blake2b256(bytes);
  chunkHashes.set(neurons[start]!, { members: neurons.slice(start, end), hash });
  return hash;
}

/**
 * The seed2024 preset's storage, hashed by parts so that a block re-hashes only what it replaced
 * (the era's values are replaced, never mutated, like the rest of the state): each subnet as its
 * own fields and its neuron list (a neuron list as the dynamic-TAO one, each 2024 neuron as its
 * own fields and its weights and bonds as rows; fields encoded by `encodeValue`); the
 * root network and the small records (`lastTxBlock`, the recent block hashes) by canonical JSON;
 * the stake and stake-operation records, which grow with every (hotkey, coldkey) pair, as bucket
 * trees diffed against the version this chain hashed last. Every field enters the hash.
 */
const eraHashes = new WeakMap<Era2024, Uint8Array>();
const eraTrees = new WeakMap<ChainState, { stake?: RecordTree; stakeOps?: RecordTree }>();

/** The seed2024 era's part of the state root (lib/chain/eras/seed2024.ts). */
export function era2024Root(state: ChainState): Uint8Array | null {
  return state.era2024 ? era2024Hash(state, state.era2024) : null;
}

function era2024Hash(state: ChainState, era: Era2024): Uint8Array {
  return memo(eraHashes, era, () => {
    let trees = eraTrees.get(state);
    if (!trees) eraTrees.set(state, (trees = {}));
    const stake = trees.stake?.record === era.stake ? trees.stake : recordTree(trees.stake, era.stake, (w, hotkey, row) => w.raw(keyBytesOf(hotkey)).raw(recordHash(row)));
    const ops = trees.stakeOps?.record === era.stakeOps ? trees.stakeOps : recordTree(trees.stakeOps, era.stakeOps, (w, pair, op) => w.str(pair).u32(op.count).u64(op.last));
    trees.stake = stake;
    trees.stakeOps = ops;
    const w = new ScaleWriter(160 + 32 * era.subnets.length).compact(era.subnets.length);
    for (const s of era.subnets) w.raw(subnet2024Hash(s));
    w.raw(recordHash(era.root)).raw(stake.hash).raw(ops.hash).raw(recordHash(era.lastTxBlock));
    w.u64(era.networkLastLock).u64(era.networkLastRegistered).raw(recordHash(era.recentBlockHashes));
    return blake(w);
  });
}

/**
 * A 2024 subnet's and neuron's own fields, in the order they are hashed. Listed, not read off the
 * object, so that a block does not spell every subnet as canonical JSON (about 56 µs a subnet);
 * `EveryField` fails to compile when the record gains a field the list lacks.
 */
const SUBNET_2024_FIELDS = [
  "netuid", "owner", "registeredAt", "locked", "tempo", "immunityPeriod", "maxAllowedUids", "maxAllowedValidators", "kappa", "bondsMovingAverage",
  "activityCutoff", "weightsSetRateLimit", "minAllowedWeights", "maxWeightsLimit", "weightsVersionKey", "registrationAllowed", "powRegistrationAllowed",
  "maxRegistrationsPerBlock", "targetRegistrationsPerInterval", "adjustmentInterval", "adjustmentAlpha", "burn", "minBurn", "maxBurn", "difficulty",
  "minDifficulty", "maxDifficulty", "registrationsThisBlock", "registrationsThisInterval", "burnRegistrationsThisInterval", "powRegistrationsThisInterval",
  "lastAdjustmentBlock", "emissionValue", "pendingEmission", "loadedEmission", "lastMechanismStepBlock", "blocksSinceLastStep", "epochIndex",
] as const satisfies readonly (keyof Subnet2024)[];
const NEURON_2024_FIELDS = [
  "hotkey", "registeredAt", "lastUpdate", "validatorPermit", "active", "consensus", "incentive", "dividends", "validatorTrust", "emission", "rank", "trust", "pruningScore",
] as const satisfies readonly (keyof Neuron2024)[];
type EveryField<T, Listed, Apart> = [Exclude<keyof T, Listed | Apart>] extends [never] ? true : never;
const everySubnetField: EveryField<Subnet2024, (typeof SUBNET_2024_FIELDS)[number], "neurons"> = true;
const everyNeuronField: EveryField<Neuron2024, (typeof NEURON_2024_FIELDS)[number], "weights" | "bonds"> = true;
void everySubnetField;
void everyNeuronField;

/**
 * A value of the 2024 records, tagged by kind so that no two values share bytes: null 0, false 1,
 * true 2, a non-negative integer (number or bigint) 3 and its compact, a 32-byte 0x-hex key 4 and
 * its bytes, other text 5 and its UTF-8, a list 6 and its length and items, a record 7 and its
 * fields in key order (each key as text).
 * @throws InvariantError on a value of another kind (a negative or fractional number)
 */
function encodeValue(w: ScaleWriter, v: unknown): void {
  if (v === null) w.u8(0);
  else if (typeof v === "boolean") w.u8(v ? 2 : 1);
  else if ((typeof v === "number" && Number.isSafeInteger(v) && v >= 0) || (typeof v === "bigint" && v >= 0n)) w.u8(3).compact(v);
  else if (typeof v === "string") {
    if (/^0x[0-9a-f]{64}$/.test(v)) w.u8(4).raw(keyBytesOf(v));
    else w.u8(5).str(v);
  } else if (Array.isArray(v)) {
    w.u8(6).compact(v.length);
    for (const x of v) encodeValue(w, x);
  } else if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    w.u8(7).compact(keys.length);
    for (const k of keys) encodeValue(w.str(k), (v as Record<string, unknown>)[k]);
  } else throw new InvariantError(`a 2024 storage value must be null, a boolean, a non-negative integer, text, a list or a record, got ${String(v)}`);
}

function encodeFields<T>(w: ScaleWriter, record: T, fields: readonly (keyof T)[]): ScaleWriter {
  for (const f of fields) encodeValue(w, record[f]);
  return w;
}

const subnet2024Hashes = new WeakMap<Subnet2024, Uint8Array>();

function subnet2024Hash(s: Subnet2024): Uint8Array {
  return memo(subnet2024Hashes, s, () => {
    const neurons = neuronListHash(s.neurons, neuron2024Hash);
    return blake(encodeFields(new ScaleWriter(512), s, SUBNET_2024_FIELDS).raw(neurons));
  });
}

const neuron2024Hashes = new WeakMap<Neuron2024, Uint8Array>();

function neuron2024Hash(n: Neuron2024): Uint8Array {
  return memo(neuron2024Hashes, n, () => blake(encodeFields(new ScaleWriter(160), n, NEURON_2024_FIELDS).raw(rowHash(n.weights)).raw(rowHash(n.bonds))));
}

/** Bigints travel through checkpoint JSON as `"<digits>n"` strings. */
const bigintReplacer = (_key: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v);
const bigintReviver = (_key: string, v: unknown) => (typeof v === "string" && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v);

/** State as JSON (bigints as `"<digits>n"` strings), for checkpoints. */
export function serializeState(state: ChainState): string {
  const { journal: _journal, rules: _rules, accounts, subnets, hotkeyOwner, delegateTake, ...rest } = state;
  return JSON.stringify(
    {
      ...rest,
      accounts: [...accounts].sort(([a], [b]) => (a < b ? -1 : 1)),
      hotkeyOwner: [...hotkeyOwner].sort(([a], [b]) => (a < b ? -1 : 1)),
      delegateTake: [...delegateTake].sort(([a], [b]) => (a < b ? -1 : 1)),
      subnets: [...subnets.values()].sort((a, b) => a.netuid - b.netuid),
    },
    bigintReplacer,
  );
}

/**
 * The state a checkpoint holds, run by `rules` (the presets table's for the checkpoint's preset).
 * @throws RangeError when the checkpoint is of another preset than `rules`
 */
export function restoreState(json: string, rules: Rules): ChainState {
  const d = JSON.parse(json, bigintReviver) as Omit<ChainState, "accounts" | "subnets" | "hotkeyOwner" | "delegateTake" | "journal" | "rules"> & {
    accounts: [string, Account][];
    hotkeyOwner: [string, string][];
    delegateTake: [string, { take: number; changedAt: bigint }][];
    subnets: Subnet[];
  };
  if (d.preset !== rules.preset) throw new RangeError(`the checkpoint is of the ${d.preset} preset; it was restored with the ${rules.preset} rules`);
  return {
    ...d,
    rules,
    accounts: new Map(d.accounts),
    hotkeyOwner: new Map(d.hotkeyOwner),
    delegateTake: new Map(d.delegateTake),
    subnets: new Map(d.subnets.map((s) => [s.netuid, s])),
    root: d.root ?? EMPTY_ROOT,
    journal: null,
  };
}
