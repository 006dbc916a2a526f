/**
 * Change sets (issue 14 §3): what a block changed, collected from the state's writes as they
 * happen, so that nobody has to find it afterwards by comparing two states.
 *
 * Every write of the state goes through a setter of lib/chain/runtime/state.ts (or `setEra` for
 * the seed2024 storage), which records the undo step in the journal and, while a block is being
 * produced, what it wrote here: the key it wrote and the value it replaced (the first replaced
 * value of a key in the block is its value before the block). A subnet, the root network and the
 * 2024 storage are values written whole (copy on write); their setters also record which uids,
 * weights rows, stake hotkeys and axons the write replaced, by comparing the value written with
 * the one it replaces, part by part. Issuance changes are recorded with their cause (subnet and
 * role): the block's supply ledger.
 *
 * What a failing call wrote is undone by the journal, and so is its record here: the log is cut
 * back to where the transaction began. A change set therefore names exactly the entries that a
 * surviving write touched; an entry written back to an equal value is still named (a store
 * rewrites its row unchanged).
 *
 * Pure: no I/O, no clock; amounts are bigint rao.
 */
import type { Era2024, Neuron2024, Subnet2024 } from "../seed2024/state";
import { InvariantError } from "../errors";
import { deepFreeze } from "../freeze";
import type { Neuron } from "./neuron";
import type { Account, ChainState, RootNetwork, Subnet } from "./state";

/** How an issuance change moved the supply: minted (issuance rises), burned or recycled (it falls). */
export type SupplyKind = "minted" | "burned" | "recycled";

/**
 * Why the issuance changed. dTAO: `pool-injection` (the coinbase's TAO into a subnet's pool),
 * `excess-swap` (emission that could not be injected, swapped for protocol alpha);
 * seed2024: `emission` (an epoch's drained tuples), `owner-cut`; both eras: `fee` (a fee the
 * author could not take), `dust` (a reaped account's remainder), `registration` (a burn, or
 * the part of a dTAO registration's swap its pool could not take), `dissolution` (a dissolved
 * subnet's TAO nobody was refunded). `unattributed`: a write through `setIssuance` that named no
 * cause (none does today; a test checks that).
 */
export type SupplyRole = "pool-injection" | "excess-swap" | "emission" | "owner-cut" | "fee" | "dust" | "registration" | "dissolution" | "unattributed";

/** One issuance change: `amount` rao (positive) of `kind`, for `role`, on `netuid` (null: not a subnet's). */
export interface SupplyFlow {
  kind: SupplyKind;
  role: SupplyRole;
  netuid: number | null;
  amount: bigint;
}

/** The seed2024 storage's part (absent on other presets). */
export interface Era2024Changes {
  /** The storage before the block, when the block wrote it. */
  readonly before: Era2024 | undefined;
  /** Subnets written (changed, added or removed) and each one's value before the block (undefined: it did not exist). */
  readonly subnets: ReadonlyMap<number, Subnet2024 | undefined>;
  /** Uids replaced, added or removed, by netuid. */
  readonly neurons: ReadonlyMap<number, ReadonlySet<number>>;
  /** Uids whose weights row was replaced (or that came or went), by netuid. */
  readonly weights: ReadonlyMap<number, ReadonlySet<number>>;
  /** Hotkeys whose `Stake[hotkey]` row was replaced, added or removed (TAO stake: netuid 0 in the store). */
  readonly stake: ReadonlySet<string>;
  /** Root uids whose weights row (over netuids) was replaced, added or removed. */
  readonly rootWeights: ReadonlySet<number>;
}

export interface ChangeSet {
  /** Genesis (or a store that has written nothing yet): every entry counts as written, nothing existed before. */
  readonly everything: boolean;
  /** Accounts written, each with its value before the block (undefined: it did not exist). */
  readonly accounts: ReadonlyMap<string, Account | undefined>;
  /** Hotkeys whose owner (`Owner`) was written. */
  readonly hotkeyOwners: ReadonlySet<string>;
  /** Hotkeys whose delegate take was written. */
  readonly delegateTakes: ReadonlySet<string>;
  /** Subnets written (changed, added or removed), each with its value before the block. */
  readonly subnets: ReadonlyMap<number, Subnet | undefined>;
  /** Uids replaced, added or removed, by netuid. */
  readonly neurons: ReadonlyMap<number, ReadonlySet<number>>;
  /** Uids whose weights row was replaced (or that came or went), by netuid. */
  readonly weights: ReadonlyMap<number, ReadonlySet<number>>;
  /** Hotkeys whose share pool was replaced, added or removed, by netuid (0: root). */
  readonly stake: ReadonlyMap<number, ReadonlySet<string>>;
  /** Hotkeys whose axon was written, by netuid. */
  readonly axons: ReadonlyMap<number, ReadonlySet<string>>;
  /** Whether the root network was written, and its value before the block. */
  readonly root: { readonly before: RootNetwork } | null;
  readonly era2024: Era2024Changes | null;
  readonly issuance: { readonly before: bigint; readonly after: bigint };
  /** The block's issuance changes in the order they happened (genesis: none; it mints by endowment). */
  readonly supply: readonly SupplyFlow[];
}

// The log: flat triples (kind, a, b), appended by the setters while a block is produced.
const ACCOUNT = 0;
const OWNER = 1;
const TAKE = 2;
const SUBNET = 3;
const NEURON = 4;
const WEIGHTS = 5;
const STAKE = 6;
const AXON = 7;
const ROOT = 8;
const ERA = 9;
const SUBNET_24 = 10;
const NEURON_24 = 11;
const WEIGHTS_24 = 12;
const STAKE_24 = 13;
const ROOT_WEIGHTS_24 = 14;
const SUPPLY = 15;

interface Collector {
  log: unknown[];
  issuance: bigint;
  /** The journal that holds this collector's cut-back step, if any. */
  marked: unknown;
}

const collectors = new WeakMap<ChainState, Collector>();

let freezing = false;

/**
 * Debug aid for tests: while on, every value a setter writes is deep-frozen, so that an in-place
 * mutation of written state (which neither the journal, the change set nor the state root would
 * see) throws a TypeError where it happens. Off by default: it walks each newly written value.
 */
export function freezeWrites(on: boolean): void {
  freezing = on;
}

/** `value` as a setter writes it: deep-frozen while `freezeWrites` is on. */
export function written<T>(value: T): T {
  return freezing ? deepFreeze(value) : value;
}

/** Start collecting `state`'s writes (a block begins). */
export function beginChanges(state: ChainState): void {
  if (collectors.has(state)) throw new InvariantError("a change set is already being collected for this state: blocks do not nest");
  collectors.set(state, { log: [], issuance: state.totalIssuance, marked: null });
}

/** Stop collecting without a result (the block failed: the journal undid its writes). */
export function abandonChanges(state: ChainState): void {
  collectors.delete(state);
}

/** The collector for `state` with the open transaction able to undo what is logged next, or null outside a block. */
function collector(state: ChainState): Collector | null {
  const c = collectors.get(state);
  if (!c) return null;
  const journal = state.journal;
  if (journal && c.marked !== journal) {
    const length = c.log.length;
    journal.push(() => void (c.log.length = length));
    c.marked = journal;
  }
  return c;
}

/** A keyed entry (account, hotkey owner, take) was written; `before` is the value it replaced. */
export function noteEntry(state: ChainState, map: "accounts" | "hotkeyOwner" | "delegateTake", key: string, before: unknown): void {
  const c = collector(state);
  if (c) c.log.push(map === "accounts" ? ACCOUNT : map === "hotkeyOwner" ? OWNER : TAKE, key, before);
}

/** A subnet was written (`next` undefined: removed) over `prev`. */
export function noteSubnet(state: ChainState, netuid: number, prev: Subnet | undefined, next: Subnet | undefined): void {
  if (prev === next) return; // written back as it was: nothing changed
  const c = collector(state);
  if (!c) return;
  const log = c.log;
  log.push(SUBNET, netuid, prev);
  neuronsReplaced(log, NEURON, WEIGHTS, netuid, prev?.neurons, next?.neurons);
  keysReplaced(log, STAKE, netuid, prev?.stake, next?.stake);
  keysReplaced(log, AXON, netuid, prev?.axons, next?.axons);
}

/** The root network was written over `prev`. */
export function noteRoot(state: ChainState, prev: RootNetwork, next: RootNetwork): void {
  const c = collector(state);
  if (!c) return;
  c.log.push(ROOT, 0, prev);
  keysReplaced(c.log, STAKE, 0, prev.stake, next.stake);
}

/** The seed2024 storage was written over `prev`. */
export function noteEra2024(state: ChainState, prev: Era2024 | undefined, next: Era2024): void {
  const c = collector(state);
  if (!c) return;
  const log = c.log;
  log.push(ERA, 0, prev);
  if (prev === next) return;
  // Both lists are in ascending netuid order.
  const a = prev?.subnets ?? [];
  const b = next.subnets;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const netuid = x && (!y || x.netuid <= y.netuid) ? x.netuid : y!.netuid;
    const before = x?.netuid === netuid ? x : undefined;
    const after = y?.netuid === netuid ? y : undefined;
    if (before) i++;
    if (after) j++;
    if (before === after) continue;
    log.push(SUBNET_24, netuid, before);
    neuronsReplaced(log, NEURON_24, WEIGHTS_24, netuid, before?.neurons, after?.neurons);
  }
  keysReplaced(log, STAKE_24, 0, prev?.stake, next.stake);
  const ra = prev?.root.weights ?? [];
  const rb = next.root.weights;
  if (ra !== rb) for (let uid = 0; uid < Math.max(ra.length, rb.length); uid++) if (ra[uid] !== rb[uid]) log.push(ROOT_WEIGHTS_24, 0, uid);
}

/** An issuance change with its cause (`amount` positive). */
export function noteSupply(state: ChainState, kind: SupplyKind, role: SupplyRole, netuid: number | null, amount: bigint): void {
  const c = collector(state);
  if (c) c.log.push(SUPPLY, 0, { kind, role, netuid, amount } satisfies SupplyFlow);
}

function neuronsReplaced(log: unknown[], neuronKind: number, weightsKind: number, netuid: number, a: readonly (Neuron | Neuron2024)[] = [], b: readonly (Neuron | Neuron2024)[] = []): void {
  if (a === b) return;
  const n = Math.max(a.length, b.length);
  for (let uid = 0; uid < n; uid++) {
    const x = a[uid];
    const y = b[uid];
    if (x === y) continue;
    log.push(neuronKind, netuid, uid);
    if (x?.weights !== y?.weights) log.push(weightsKind, netuid, uid);
  }
}

function keysReplaced(log: unknown[], kind: number, netuid: number, a: Readonly<Record<string, unknown>> = {}, b: Readonly<Record<string, unknown>> = {}): void {
  if (a === b) return;
  for (const k of Object.keys(b)) if (a[k] !== b[k] || !Object.hasOwn(a, k)) log.push(kind, netuid, k);
  for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) log.push(kind, netuid, k);
}

function add<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

/** Stop collecting and return what the block changed. */
export function endChanges(state: ChainState): ChangeSet {
  const c = collectors.get(state);
  if (!c) throw new InvariantError("no change set is being collected for this state");
  collectors.delete(state);
  const accounts = new Map<string, Account | undefined>();
  const hotkeyOwners = new Set<string>();
  const delegateTakes = new Set<string>();
  const subnets = new Map<number, Subnet | undefined>();
  const neurons = new Map<number, Set<number>>();
  const weights = new Map<number, Set<number>>();
  const stake = new Map<number, Set<string>>();
  const axons = new Map<number, Set<string>>();
  let root: { before: RootNetwork } | null = null;
  let era: { before: Era2024 | undefined } | null = null;
  const subnets24 = new Map<number, Subnet2024 | undefined>();
  const neurons24 = new Map<number, Set<number>>();
  const weights24 = new Map<number, Set<number>>();
  const stake24 = new Set<string>();
  const rootWeights24 = new Set<number>();
  const supply: SupplyFlow[] = [];
  const log = c.log;
  for (let i = 0; i < log.length; i += 3) {
    const a = log[i + 1];
    const b = log[i + 2];
    switch (log[i]) {
      case ACCOUNT:
        if (!accounts.has(a as string)) accounts.set(a as string, b as Account | undefined);
        break;
      case OWNER:
        hotkeyOwners.add(a as string);
        break;
      case TAKE:
        delegateTakes.add(a as string);
        break;
      case SUBNET:
        if (!subnets.has(a as number)) subnets.set(a as number, b as Subnet | undefined);
        break;
      case NEURON:
        add(neurons, a as number, b as number);
        break;
      case WEIGHTS:
        add(weights, a as number, b as number);
        break;
      case STAKE:
        add(stake, a as number, b as string);
        break;
      case AXON:
        add(axons, a as number, b as string);
        break;
      case ROOT:
        root ??= { before: b as RootNetwork };
        break;
      case ERA:
        era ??= { before: b as Era2024 | undefined };
        break;
      case SUBNET_24:
        if (!subnets24.has(a as number)) subnets24.set(a as number, b as Subnet2024 | undefined);
        break;
      case NEURON_24:
        add(neurons24, a as number, b as number);
        break;
      case WEIGHTS_24:
        add(weights24, a as number, b as number);
        break;
      case STAKE_24:
        stake24.add(b as string);
        break;
      case ROOT_WEIGHTS_24:
        rootWeights24.add(b as number);
        break;
      case SUPPLY:
        supply.push(b as SupplyFlow);
        break;
      default:
        throw new InvariantError(`change log entry of unknown kind ${String(log[i])}`);
    }
  }
  return {
    everything: false,
    accounts,
    hotkeyOwners,
    delegateTakes,
    subnets,
    neurons,
    weights,
    stake,
    axons,
    root,
    era2024: era || state.era2024 ? { before: era ? era.before : state.era2024, subnets: subnets24, neurons: neurons24, weights: weights24, stake: stake24, rootWeights: rootWeights24 } : null,
    issuance: { before: c.issuance, after: state.totalIssuance },
    supply,
  };
}

/**
 * The change set of a state written from nothing (genesis, or a store that has written no row
 * yet): every entry is written and none existed before.
 */
export function everythingChanged(state: ChainState): ChangeSet {
  const neurons = new Map<number, Set<number>>();
  const weights = new Map<number, Set<number>>();
  const stake = new Map<number, Set<string>>();
  const axons = new Map<number, Set<string>>();
  const uids = (list: readonly unknown[]) => new Set(list.map((_, uid) => uid));
  for (const [netuid, s] of state.subnets) {
    neurons.set(netuid, uids(s.neurons));
    weights.set(netuid, uids(s.neurons));
    stake.set(netuid, new Set(Object.keys(s.stake)));
    axons.set(netuid, new Set(Object.keys(s.axons)));
  }
  stake.set(0, new Set(Object.keys(state.root.stake)));
  const era = state.era2024;
  return {
    everything: true,
    accounts: new Map([...state.accounts.keys()].map((k) => [k, undefined])),
    hotkeyOwners: new Set(state.hotkeyOwner.keys()),
    delegateTakes: new Set(state.delegateTake.keys()),
    subnets: new Map([...state.subnets.keys()].map((k) => [k, undefined])),
    neurons,
    weights,
    stake,
    axons,
    root: null,
    era2024: era
      ? {
          before: undefined,
          subnets: new Map(era.subnets.map((s) => [s.netuid, undefined])),
          neurons: new Map(era.subnets.map((s) => [s.netuid, uids(s.neurons)])),
          weights: new Map(era.subnets.map((s) => [s.netuid, uids(s.neurons)])),
          stake: new Set(Object.keys(era.stake)),
          rootWeights: uids(era.root.weights),
        }
      : null,
    issuance: { before: 0n, after: state.totalIssuance },
    supply: [],
  };
}

/** The supply ledger's totals: minted, burned and recycled rao (issuance after − before = minted − burned − recycled). */
export function supplyTotals(flows: readonly SupplyFlow[]): { minted: bigint; burned: bigint; recycled: bigint } {
  const t = { minted: 0n, burned: 0n, recycled: 0n };
  for (const f of flows) t[f.kind] += f.amount;
  return t;
}
