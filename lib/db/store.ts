/**
 * The node's store on SQLite or PostgreSQL: each block with every row it changed in one
 * transaction, written as batched multi-row statements (row-by-row ORM writes are ~100× slower
 * here).
 *
 * What a block changed is its change set (lib/chain/runtime/changes.ts), which the engine collects
 * from its writes as it produces the block: the accounts, subnets, uids, stake hotkeys, axons and
 * takes it wrote, with the values they had before it. Genesis, and the first block a store writes
 * without being primed, count as writing everything. Rows kept current: accounts, subnets,
 * neurons, stake positions; rows appended:
 * blocks, extrinsics, events, network figures, and at each subnet epoch its history row and a
 * full metagraph snapshot. Counters live in `Meta` and move with each block.
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import { pruneBelow } from "./prune";
import { blockEmissionForIssuance } from "../chain/emission/block-emission";
import { InvariantError } from "../chain/errors";
import { encodeAddress, fromHex } from "../chain/keys/ss58";
import { I64F64, U64F64, fromInt, safeDiv, satMul, toU64 } from "../chain/math/fixed";
import type { Block } from "../chain/runtime/block";
import { type ChangeSet, everythingChanged } from "../chain/runtime/changes";
import { type ChainEventOf, decodeEventData, eventDataJson } from "../chain/runtime/events";
import type { AxonInfo, ChainState, Neuron, Subnet } from "../chain/runtime/state";
import { type Era2024, type Subnet2024, totalHotkeyStake, totalStake2024 } from "../chain/seed2024/state";
import { serializeState } from "../chain/runtime/state";
import { type SharePool, shareValue } from "../chain/staking/share-pool";
import { currentPrice } from "../chain/swap/swap";
import { type ActorChanges, type ChainStore, StoreConflictError, type StoredBlock, type StoredHead } from "../node/store";
import { type DroppedExtrinsic, type MempoolChange, type PendingExtrinsic, isEmptyChange } from "../node/mempool";
import { ACCOUNT_TOTAL_COLUMNS, type Holding, TRANSFER_COLUMNS, accountTotalRow, holdingsOf, spotPrice, transferRows } from "./account-rows";
import { encodeEpochInputRow } from "./epoch-input";
import { decodeExtrinsicArgs, encodeExtrinsicArgs } from "./extrinsic-args";
import { eventAccountRows, palletOf } from "./event-accounts";
import { FLOW_COLUMNS, type FlowTip, emptyFlowTip, flowCumRows, flowTotalsOf, nextFlowTip, sumValues } from "./flow-rows";
import { MEMPOOL_COLUMNS, type MempoolRowValues, fromMempoolRow, mempoolRow } from "./mempool";
import { migrate } from "./migrate";
import { encodeU16Rows } from "./packed-rows";
import { type Param, type Sql, openSql } from "./sql";
import type { DatabaseTarget } from "./url";

type Row = readonly Param[];

/** Past the two newest, a checkpoint is kept only at block numbers that are multiples of this. */
export const CHECKPOINT_KEEP_EVERY = 10_000n;

const BATCH_ROWS = 250;

/** `INSERT ... VALUES (...), (...)` in batches; with `conflict`, an upsert of the other columns. */
async function insertRows(tx: Sql, table: string, columns: readonly string[], rows: readonly Row[], conflict?: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const update = conflict
    ? ` ON CONFLICT (${conflict.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${columns
        .filter((c) => !conflict.includes(c))
        .map((c) => `"${c}" = excluded."${c}"`)
        .join(", ")}`
    : "";
  if (tx.dialect === "postgres") {
    // One statement whatever the row count: a column array each, unnested. Multi-row VALUES had
    // a statement shape per row count, each parsed and planned again (the named statements are
    // per shape), with thousands of parameters.
    const types = await pgColumnTypes(tx, table);
    const arrays = columns.map((_c, j) => rows.map((r) => (typeof r[j] === "bigint" ? r[j].toString() : r[j]!)));
    const casts = columns.map((c) => `?::${types.get(c) ?? fail(`no column ${table}.${c}`)}[]`).join(", ");
    await tx.run(`INSERT INTO "${table}" (${cols}) SELECT * FROM UNNEST(${casts})${update}`, arrays as unknown as Param[]);
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const chunk = rows.slice(i, i + BATCH_ROWS);
    await tx.run(`INSERT INTO "${table}" (${cols}) VALUES ${chunk.map(() => tuple).join(", ")}${update}`, chunk.flat());
  }
}

function fail(message: string): never {
  throw new InvariantError(message);
}

/** Each column's type on PostgreSQL (`int4`, `text`, ...), read once per table: the schema is the migrations'. */
const pgTypes = new Map<string, Map<string, string>>();
async function pgColumnTypes(tx: Sql, table: string): Promise<Map<string, string>> {
  let types = pgTypes.get(table);
  if (!types) {
    const rows = await tx.query<{ column_name: string; udt_name: string }>(`SELECT "column_name", "udt_name" FROM information_schema.columns WHERE "table_name" = ? AND "table_schema" = current_schema()`, [table]);
    types = new Map(rows.map((r) => [r.column_name, r.udt_name]));
    if (types.size > 0) pgTypes.set(table, types);
  }
  return types;
}

/** `<prefix> (?, ?, ...)` over `keys` in batches, after the fixed parameters `head`. */
async function deleteIn(tx: Sql, prefix: string, head: readonly Param[], keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH_ROWS) {
    const chunk = keys.slice(i, i + BATCH_ROWS);
    await tx.run(`${prefix} (${chunk.map(() => "?").join(", ")})`, [...head, ...chunk]);
  }
}

/** `StakePosition` rows of one hotkey's share pool on `netuid`: each coldkey holding a positive value. */
function pushPositions(out: Row[], netuid: number, hotkey: string, pool: SharePool): void {
  for (const coldkey of Object.keys(pool.shares)) {
    const value = shareValue(pool, coldkey);
    if (value > 0n) out.push([hotkey, coldkey, netuid, value.toString()]);
  }
}

/** The rows a block's subnets produce, written together by `insertSubnetRows`. */
interface SubnetRows {
  subnets: Row[];
  /** Subnet rows without their hyperparameters, which are as stored. */
  subnetsSameHyper: Row[];
  neurons: Row[];
  positions: Row[];
  epochs: Row[];
  snapshots: Row[];
}
const emptySubnetRows = (): SubnetRows => ({ subnets: [], subnetsSameHyper: [], neurons: [], positions: [], epochs: [], snapshots: [] });

async function insertSubnetRows(tx: Sql, rows: SubnetRows): Promise<void> {
  await insertRows(tx, "Subnet", SUBNET_COLUMNS, rows.subnets, ["netuid"]);
  await insertRows(tx, "Subnet", SUBNET_COLUMNS_SAME_HYPER, rows.subnetsSameHyper, ["netuid"]);
  await insertRows(tx, "Neuron", NEURON_COLUMNS, rows.neurons, ["netuid", "uid"]);
  await insertRows(tx, "StakePosition", ["hotkey", "coldkey", "netuid", "alpha"], rows.positions);
  await insertRows(tx, "SubnetEpoch", ["netuid", "epoch", "block", "emission", "taoReserve", "alphaReserve", "price", "neuronCount", "burn"], rows.epochs, ["netuid", "epoch"]);
  await insertRows(tx, "MetagraphSnapshot", ["netuid", "epoch", "block", "n", "data", "weights", "bonds"], rows.snapshots, ["netuid", "epoch"]);
}

/** U64F64 bits as a decimal TAO-per-alpha string with 9 decimals (rao precision). */
export function priceText(bits: bigint, fracBits = 64n): string {
  const rao = (bits * 1_000_000_000n) >> fracBits;
  return `${rao / 1_000_000_000n}.${(rao % 1_000_000_000n).toString().padStart(9, "0")}`;
}

function phaseOf(p: Block["events"][number]["phase"]): [string, number | null] {
  return p.kind === "ApplyExtrinsic" ? ["ApplyExtrinsic", p.index] : [p.kind, null];
}

const stakeOfHotkey = (s: Subnet, hotkey: string) => s.stake[hotkey]?.value ?? 0n;

/** What a uid carries on either era's subnets. */
type NeuronCommon = Omit<Neuron, "coldkey">;
const axonJson = (a: AxonInfo | undefined) => (a ? { ...a, block: a.block.toString() } : null);

/** The SDK metagraph's per-uid columns, shared by both eras. */
function sdkColumns<N extends NeuronCommon>(n: readonly N[], coldkey: (x: N) => string | null, stake: (hotkey: string) => bigint, axon: (hotkey: string) => AxonInfo | undefined) {
  return {
    uids: n.map((_, uid) => uid),
    hotkeys: n.map((x) => x.hotkey),
    coldkeys: n.map(coldkey),
    stake: n.map((x) => stake(x.hotkey).toString()),
    consensus: n.map((x) => x.consensus),
    incentive: n.map((x) => x.incentive),
    dividends: n.map((x) => x.dividends),
    emission: n.map((x) => x.emission.toString()),
    validatorTrust: n.map((x) => x.validatorTrust),
    validatorPermit: n.map((x) => x.validatorPermit),
    lastUpdate: n.map((x) => x.lastUpdate.toString()),
    active: n.map((x) => x.active),
    blockAtRegistration: n.map((x) => x.registeredAt.toString()),
    axons: n.map((x) => axonJson(axon(x.hotkey))),
  };
}

/**
 * A snapshot's weights and bonds, for its `weights` and `bonds` columns (binary u16 rows,
 * lib/db/packed-rows.ts): not in its JSON, where even packed as base64 they were most of its text.
 */
function snapshotMatrices(n: readonly NeuronCommon[]): [Buffer, Buffer] {
  return [encodeU16Rows(n.map((x) => x.weights)), encodeU16Rows(n.map((x) => x.bonds))];
}

/**
 * Which subnet, epoch and block a metagraph snapshot is of, and the subnet figures both eras
 * have at that epoch (the explorer shows a past epoch's subnet from these, never today's row).
 */
function snapshotHead(s: { netuid: number; epochIndex: number; neurons: readonly unknown[]; tempo: number; owner: string | null; burn: bigint; maxAllowedUids: number }, block: bigint) {
  return { netuid: s.netuid, block: block.toString(), epoch: s.epochIndex, n: s.neurons.length, tempo: s.tempo, owner: s.owner, burn: s.burn.toString(), maxAllowedUids: s.maxAllowedUids };
}

/**
 * Whether two versions of a neuron agree on every column the Neuron table stores (it does not
 * store weights or bonds: a replacement registration zeroes a weight in many rows and changes
 * none of their Neuron rows).
 */
function sameNeuronColumns(a: Neuron, b: Neuron): boolean {
  return (
    a.hotkey === b.hotkey &&
    a.coldkey === b.coldkey &&
    a.consensus === b.consensus &&
    a.incentive === b.incentive &&
    a.dividends === b.dividends &&
    a.validatorTrust === b.validatorTrust &&
    a.emission === b.emission &&
    a.validatorPermit === b.validatorPermit &&
    a.active === b.active &&
    a.lastUpdate === b.lastUpdate &&
    a.registeredAt === b.registeredAt
  );
}

/** A `Neuron` row (latest state of a uid). */
function neuronRow(netuid: number, uid: number, x: NeuronCommon, coldkey: string, stake: bigint, axon: AxonInfo | undefined): Row {
  const a = axonJson(axon);
  return [netuid, uid, x.hotkey, coldkey, stake.toString(), x.consensus, x.incentive, x.dividends, x.validatorTrust, x.emission.toString(), x.validatorPermit, x.active, x.lastUpdate, x.registeredAt, a ? JSON.stringify(a) : null];
}

/** The SDK metagraph of a seed2024 subnet after an epoch (stake in TAO; rank, trust and pruning scores as v1.1.3 stored them). */
export function metagraph2024(era: Era2024, state: ChainState, s: Subnet2024, block: bigint) {
  const n = s.neurons;
  return {
    ...snapshotHead(s, block),
    emissionValue: s.emissionValue.toString(),
    // The Subnet row's figures at this epoch (no pools in v1.1.3: its pool columns are zero).
    ownerHotkey: "",
    price: "0",
    taoIn: "0",
    alphaIn: "0",
    alphaOut: "0",
    movingPrice: "0",
    emissionEnabled: s.emissionValue > 0n,
    lastEpochBlock: s.lastMechanismStepBlock.toString(),
    hyperparams: JSON.parse(JSON.stringify({ ...s, neurons: undefined, loadedEmission: undefined }, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as unknown,
    ...sdkColumns(n, (x) => state.hotkeyOwner.get(x.hotkey) ?? null, (h) => totalHotkeyStake(era, h), () => undefined),
    ranks: n.map((x) => x.rank),
    trust: n.map((x) => x.trust),
    pruningScores: n.map((x) => x.pruningScore),
  };
}

/** Every column of the Bittensor SDK's metagraph, by uid, after an epoch. */
export function metagraphOf(s: Subnet, block: bigint) {
  const n = s.neurons;
  return {
    ...snapshotHead(s, block),
    ownerHotkey: s.ownerHotkey,
    price: priceText(currentPrice(s.pool)),
    taoIn: s.pool.taoReserve.toString(),
    alphaIn: s.pool.alphaReserve.toString(),
    alphaOut: s.alphaOut.toString(),
    movingPrice: priceText(s.movingPrice, 32n),
    emissionEnabled: s.emissionEnabled,
    lastEpochBlock: s.lastEpochBlock.toString(),
    hyperparams: JSON.parse(hyperparamsJson(s)) as unknown,
    ...sdkColumns(n, (x) => x.coldkey, (h) => stakeOfHotkey(s, h), (h) => s.axons[h]),
  };
}

const hyperJson = new WeakMap<Subnet["hyper"], { key: string; json: string }>();

/** A subnet's hyperparameters as JSON, re-serialised only when they change. */
function hyperparamsJson(s: Subnet): string {
  const b = s.burnParams;
  const key = `${s.immunityPeriod}|${s.maxAllowedUids}|${s.registrationAllowed}|${b.halfLife}|${b.increaseMult}|${b.minBurn}|${b.maxBurn}`;
  const cached = hyperJson.get(s.hyper);
  if (cached?.key === key) return cached.json;
  const json = JSON.stringify({ ...s.hyper, immunityPeriod: s.immunityPeriod, maxAllowedUids: s.maxAllowedUids, registrationAllowed: s.registrationAllowed, burn: b }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  hyperJson.set(s.hyper, { key, json });
  return json;
}

const stakedAlpha = new WeakMap<Subnet["stake"], bigint>();

/** All alpha staked on a subnet (memoised per stake record: it is replaced on change). */
function stakedAlphaOf(s: Subnet): bigint {
  let alpha = stakedAlpha.get(s.stake);
  if (alpha === undefined) {
    alpha = 0n;
    for (const pool of Object.values(s.stake)) alpha += pool.value;
    stakedAlpha.set(s.stake, alpha);
  }
  return alpha;
}

function subnetRow(s: Subnet, block: bigint): Row {
  return [
    s.netuid,
    s.owner,
    s.ownerHotkey,
    s.registeredAt,
    s.firstEmissionBlock,
    s.tempo,
    s.neurons.length,
    s.maxAllowedUids,
    s.emissionEnabled,
    s.pool.taoReserve.toString(),
    s.pool.alphaReserve.toString(),
    s.alphaOut.toString(),
    priceText(spotPrice(s.pool)),
    priceText(s.movingPrice, 32n),
    s.burn.toString(),
    s.epochIndex,
    s.lastEpochBlock,
    hyperparamsJson(s),
    block,
    spotPrice(s.pool).toString(),
  ];
}
const SUBNET_COLUMNS = ["netuid", "owner", "ownerHotkey", "registeredAt", "firstEmissionBlock", "tempo", "neuronCount", "maxAllowedUids", "emissionEnabled", "taoReserve", "alphaReserve", "alphaOut", "price", "movingPrice", "burn", "epochIndex", "lastEpochBlock", "hyperparams", "updatedAt", "priceBits"];
const SUBNET_HYPERPARAMS = SUBNET_COLUMNS.indexOf("hyperparams");
const SUBNET_COLUMNS_SAME_HYPER = SUBNET_COLUMNS.filter((c) => c !== "hyperparams");
const NEURON_COLUMNS = ["netuid", "uid", "hotkey", "coldkey", "stake", "consensus", "incentive", "dividends", "validatorTrust", "emission", "validatorPermit", "active", "lastUpdate", "registeredAt", "axon"];

/** Events whose data says TAO left circulation this block (recycled, burned or returned to the protocol). */
function recycledIn(block: Block): bigint {
  let sum = 0n;
  for (const e of block.events) {
    if (e.name === "SubtensorModule.SubnetEmission") sum += e.data.recycled;
    else if (e.name === "Balances.Burned") sum += e.data.amount;
    else if (e.name === "SubtensorModule.NetworkRemoved" && "taoRecycled" in e.data) sum += e.data.taoRecycled;
  }
  return sum;
}

export class SqlChainStore implements ChainStore {
  /**
   * Whether the database holds the state the next block starts from (genesis was written, or
   * `prime` said so): then a block's change set says what to write. Before that, a block is
   * written as if everything changed.
   */
  private primed = false;
  /**
   * The head and running totals as last committed by this store, so a block costs no reads.
   * Null until read (and after a failed commit): then they are read inside the transaction. The
   * Block primary key still refuses a number another writer took meanwhile.
   */
  private tip: { number: bigint; hash: string; recycled: bigint; extrinsics: bigint; events: bigint } | null = null;
  /** Reward-flow running totals as last written (null: read them in the transaction). */
  private flowTip: FlowTip | null = null;
  /** `AccountTotal` and `HotkeyTake` as last written (null: rewrite the tables whole, once per process or after a failed commit). */
  private holdings: Map<string, Holding> | null = null;
  private takes: boolean = false;
  private pendingAccounts: { holdings: Map<string, Holding>; takes: NonNullable<SqlChainStore["takes"]> } | null = null;

  private constructor(readonly sql: Sql) {}

  /** Open the database, creating the SQLite file and applying migrations as needed. */
  static async open(target: DatabaseTarget, migrationsRoot?: string): Promise<SqlChainStore> {
    const sql = openSql(target);
    try {
      await migrate(sql, migrationsRoot);
    } catch (e) {
      await sql.close();
      throw e;
    }
    return new SqlChainStore(sql);
  }

  async genesisSpec(): Promise<string | null> {
    return (await this.meta("genesisSpec")) ?? null;
  }

  private async meta(key: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ value: string }>(`SELECT "value" FROM "Meta" WHERE "key" = ?`, [key]);
    return rows[0]?.value;
  }

  async head(): Promise<StoredHead | null> {
    const rows = await this.sql.query<{ number: bigint; hash: string; stateRoot: string; timestamp: bigint }>(
      `SELECT "number", "hash", "stateRoot", "timestamp" FROM "Block" ORDER BY "number" DESC LIMIT 1`,
    );
    const r = rows[0];
    return r ? { number: BigInt(r.number), hash: r.hash, stateRoot: r.stateRoot, timestamp: BigInt(r.timestamp) } : null;
  }

  async checkpoint(atMost: bigint): Promise<{ number: bigint; state: string } | null> {
    const rows = await this.sql.query<{ blockNumber: bigint; state: string | null; stateBrotli: Uint8Array | null }>(
      `SELECT "blockNumber", "state", "stateBrotli" FROM "Checkpoint" WHERE "blockNumber" <= ? ORDER BY "blockNumber" DESC LIMIT 1`,
      [atMost],
    );
    const r = rows[0];
    if (!r) return null;
    if (r.stateBrotli) return { number: BigInt(r.blockNumber), state: brotliDecompressSync(r.stateBrotli).toString("utf8") };
    if (r.state === null) throw new InvariantError(`checkpoint ${r.blockNumber} holds no state`);
    return { number: BigInt(r.blockNumber), state: r.state };
  }

  async blocksAfter(after: bigint, limit: number): Promise<StoredBlock[]> {
    const blocks = await this.sql.query<{ number: bigint; hash: string; stateRoot: string; timestamp: bigint; author: string }>(
      `SELECT "number", "hash", "stateRoot", "timestamp", "author" FROM "Block" WHERE "number" > ? ORDER BY "number" LIMIT ?`,
      [after, limit],
    );
    if (blocks.length === 0) return [];
    const last = BigInt(blocks.at(-1)!.number);
    const exts = await this.sql.query<{ blockNumber: bigint; call: string; args: string; argsU16: Uint8Array | null; signer: string; nonce: bigint | number; signature: string }>(
      `SELECT "blockNumber", "call", "args", "argsU16", "signer", "nonce", "signature" FROM "Extrinsic" WHERE "blockNumber" > ? AND "blockNumber" <= ? ORDER BY "blockNumber", "index"`,
      [after, last],
    );
    const byBlock = new Map<bigint, StoredBlock["extrinsics"]>();
    for (const x of exts) {
      const n = BigInt(x.blockNumber);
      let list = byBlock.get(n);
      if (!list) byBlock.set(n, (list = []));
      list.push({ call: x.call, args: decodeExtrinsicArgs(x.args, x.argsU16) as never, signer: x.signer, nonce: Number(x.nonce), signature: x.signature });
    }
    return blocks.map((b) => {
      const number = BigInt(b.number);
      return { number, hash: b.hash, stateRoot: b.stateRoot, timestamp: BigInt(b.timestamp), author: b.author, extrinsics: byBlock.get(number) ?? [] };
    });
  }

  prime(): void {
    this.primed = true;
  }

  async commitGenesis(spec: string, block: Block, state: ChainState): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const existing = await tx.query<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "Block"`);
      if (BigInt(existing[0]!.n) > 0n) throw new StoreConflictError("the database already holds a chain; genesis is written once");
      await tx.run(`INSERT INTO "Meta" ("key", "value") VALUES (?, ?)`, ["genesisSpec", spec]);
      this.tip = await this.writeBlock(tx, block, state, true, null, everythingChanged(state));
    });
    this.prime();
    this.acceptAccounts();
  }

  async commitBlock(block: Block, state: ChainState, checkpoint: boolean, mempool?: MempoolChange, actors?: ActorChanges): Promise<void> {
    if (this.primed && !block.changes) throw new TypeError(`block ${block.header.number} carries no change set: commit the block produceBlock returned`);
    const changes = this.primed ? block.changes! : everythingChanged(state);
    try {
      this.tip = await this.sql.transaction(async (tx) => {
        const tip = this.tip ?? (await this.readTip(tx));
        const expected = tip ? tip.number + 1n : 0n;
        if (block.header.number !== expected) throw new StoreConflictError(`block ${block.header.number} does not follow the stored head ${tip ? tip.number : "(none)"}`);
        if (tip && block.header.parentHash !== tip.hash) throw new StoreConflictError(`block ${block.header.number}'s parent ${block.header.parentHash} is not the stored head ${tip.hash}`);
        const next = await this.writeBlock(tx, block, state, checkpoint, tip, changes);
        if (mempool) await writeMempoolChange(tx, mempool);
        if (actors) await writeActorChanges(tx, block.header.number, actors);
        return next;
      });
    } catch (e) {
      this.tip = null;
      this.flowTip = null;
      this.holdings = null;
      this.takes = false;
      if (e instanceof Error && /UNIQUE|duplicate key/i.test(e.message)) throw new StoreConflictError(`block ${block.header.number} was already written by another process`);
      throw e;
    }
    this.prime(); // only once the transaction committed
    this.acceptAccounts();
  }

  private acceptAccounts(): void {
    if (this.pendingAccounts) ({ holdings: this.holdings, takes: this.takes } = this.pendingAccounts);
    this.pendingAccounts = null;
  }

  /**
   * Account pages (lib/db/account-rows.ts): the block's transfers, the balance of each account
   * it changed, every holding whose free balance or staked value moved, and changed takes.
   */
  private async writeAccountRows(tx: Sql, block: Block, state: ChainState, changes: ChangeSet, changed: readonly Row[], gone: readonly string[]): Promise<void> {
    const number = block.header.number;
    await insertRows(tx, "Transfer", TRANSFER_COLUMNS, transferRows(block));
    const balances: Row[] = changed.map((r) => [r[0]!, number, r[2]!]);
    for (const id of gone) balances.push([id, number, "0"]);
    await insertRows(tx, "AccountBalance", ["id", "blockNumber", "free"], balances, ["id", "blockNumber"]);

    const holdings = holdingsOf(state);
    const before = this.holdings;
    if (!before) await tx.run(`DELETE FROM "AccountTotal"`);
    const rows: Row[] = [];
    for (const [id, h] of holdings) {
      const b = before?.get(id);
      if (!b || b.free !== h.free || b.staked !== h.staked) rows.push(accountTotalRow(id, encodeAddress(fromHex(id)), h, number));
    }
    await insertRows(tx, "AccountTotal", ACCOUNT_TOTAL_COLUMNS, rows, ["id"]);
    if (before) await deleteIn(tx, `DELETE FROM "AccountTotal" WHERE "id" IN`, [], [...before.keys()].filter((id) => !holdings.has(id)));

    // Takes: the whole table once per process (or after a failed commit), then the ones the block wrote.
    if (!this.takes) await tx.run(`DELETE FROM "HotkeyTake"`);
    const takeRows: Row[] = [];
    const takesGone: string[] = [];
    for (const hotkey of this.takes ? changes.delegateTakes : state.delegateTake.keys()) {
      const t = state.delegateTake.get(hotkey);
      if (t) takeRows.push([hotkey, t.take, t.changedAt]);
      else takesGone.push(hotkey);
    }
    await insertRows(tx, "HotkeyTake", ["hotkey", "take", "changedAt"], takeRows, ["hotkey"]);
    await deleteIn(tx, `DELETE FROM "HotkeyTake" WHERE "hotkey" IN`, [], takesGone);
    this.pendingAccounts = { holdings, takes: true };
  }

  private async readTip(tx: Sql): Promise<SqlChainStore["tip"]> {
    const head = (await tx.query<{ number: bigint; hash: string }>(`SELECT "number", "hash" FROM "Block" ORDER BY "number" DESC LIMIT 1`))[0];
    if (!head) return null;
    const meta = Object.fromEntries((await tx.query<{ key: string; value: string }>(`SELECT "key", "value" FROM "Meta" WHERE "key" IN ('recycled', 'extrinsicCount', 'eventCount')`)).map((r) => [r.key, r.value]));
    return { number: BigInt(head.number), hash: head.hash, recycled: BigInt(meta.recycled ?? "0"), extrinsics: BigInt(meta.extrinsicCount ?? "0"), events: BigInt(meta.eventCount ?? "0") };
  }

  /** Write the block's rows; returns the new tip. */
  private async writeBlock(tx: Sql, block: Block, state: ChainState, checkpoint: boolean, tip: SqlChainStore["tip"], changes: ChangeSet): Promise<NonNullable<SqlChainStore["tip"]>> {
    const number = block.header.number;
    const { header } = block;
    await insertRows(
      tx,
      "Block",
      ["number", "hash", "parentHash", "stateRoot", "extrinsicsRoot", "timestamp", "author", "extrinsicCount", "eventCount"],
      [[number, block.hash, header.parentHash, header.stateRoot, header.extrinsicsRoot, header.timestamp, header.author, block.extrinsics.length, block.events.length]],
    );
    await insertRows(
      tx,
      "Extrinsic",
      ["id", "blockNumber", "index", "hash", "call", "signer", "nonce", "args", "argsU16", "signature", "fee", "success", "error", "errorDetail"],
      block.extrinsics.map((x, i): Row => [
        `${number}-${String(i).padStart(4, "0")}`,
        number,
        i,
        x.hash,
        x.ext.call,
        x.ext.signer,
        x.ext.nonce,
        ...encodeExtrinsicArgs(x.ext.args),
        x.ext.signature,
        x.fee.toString(),
        x.success,
        x.error,
        x.errorDetail,
      ]),
    );
    await insertRows(
      tx,
      "Event",
      ["blockNumber", "index", "phase", "extrinsicIndex", "name", "data", "pallet"],
      block.events.map((e, i): Row => {
        const [phase, ext] = phaseOf(e.phase);
        return [number, i, phase, ext, e.name, eventDataJson(e.data), palletOf(e.name)];
      }),
    );
    await insertRows(tx, "EventAccount", ["account", "blockNumber", "index", "pallet", "name"], eventAccountRows(number, block.events));

    // Accounts the block wrote, and those that went.
    const accountRows: Row[] = [];
    const accountsGone: string[] = [];
    for (const [id, was] of changes.accounts) {
      const a = state.accounts.get(id);
      if (a) accountRows.push([id, encodeAddress(fromHex(id)), a.free.toString(), a.nonce, number]);
      else if (was) accountsGone.push(id);
    }
    await insertRows(tx, "Account", ["id", "ss58", "free", "nonce", "updatedAt"], accountRows, ["id"]);
    await this.writeAccountRows(tx, block, state, changes, accountRows, accountsGone);
    for (const id of accountsGone) await tx.run(`DELETE FROM "Account" WHERE "id" = ?`, [id]);

    // Subnets the block wrote: their row, changed neurons and stake positions, epoch history.
    const rows = emptySubnetRows();
    const subnetsGone: number[] = [];
    for (const [netuid, prev] of changes.subnets) {
      const s = state.subnets.get(netuid);
      if (!s) {
        if (prev) subnetsGone.push(netuid);
        continue;
      }
      const same = prev !== undefined && prev.registeredAt === s.registeredAt && prev.owner === s.owner; // not a re-registered netuid
      // The hyperparameters (half the row) only when they changed: the stored row holds prev's.
      const row = subnetRow(s, number);
      if (same && hyperparamsJson(prev!) === row[SUBNET_HYPERPARAMS]) rows.subnetsSameHyper.push(row.filter((_, i) => i !== SUBNET_HYPERPARAMS));
      else rows.subnets.push(row);
      if (!same && prev !== undefined) await this.deleteSubnetRows(tx, netuid);
      // Most blocks change only a subnet's pool and pending emission: its neurons are untouched.
      // A uid's row changes with its neuron's columns (not its weights or bonds: a replacement
      // zeroes a weight in many rows and changes none of their Neuron rows), its hotkey's stake
      // or its hotkey's axon.
      const stakeChanged = changes.stake.get(netuid);
      const axonsChanged = changes.axons.get(netuid);
      const uids = same ? new Set(changes.neurons.get(netuid)) : new Set(s.neurons.keys());
      if (same && (stakeChanged?.size || axonsChanged?.size)) s.neurons.forEach((x, uid) => (stakeChanged?.has(x.hotkey) || axonsChanged?.has(x.hotkey)) && uids.add(uid));
      for (const uid of [...uids].sort((a, b) => a - b)) {
        const x = s.neurons[uid];
        if (!x) continue; // a uid that went (its subnet's rows went with a dissolution)
        const p = same ? prev.neurons[uid] : undefined;
        if (p !== undefined && sameNeuronColumns(p, x) && !stakeChanged?.has(x.hotkey) && !axonsChanged?.has(x.hotkey)) continue;
        rows.neurons.push(neuronRow(netuid, uid, x, x.coldkey, stakeOfHotkey(s, x.hotkey), s.axons[x.hotkey]));
      }
      const changed = same ? [...(stakeChanged ?? [])] : Object.keys(s.stake);
      for (const hotkey of changed) if (s.stake[hotkey]) pushPositions(rows.positions, netuid, hotkey, s.stake[hotkey]);
      if (same) await deleteIn(tx, `DELETE FROM "StakePosition" WHERE "netuid" = ? AND "hotkey" IN`, [netuid], changed);
      if (s.epochIndex > 0 && (!same || prev!.epochIndex !== s.epochIndex)) {
        const emission = s.neurons.reduce((a, x) => a + x.emission, 0n);
        rows.epochs.push([netuid, s.epochIndex, number, emission.toString(), s.pool.taoReserve.toString(), s.pool.alphaReserve.toString(), priceText(currentPrice(s.pool)), s.neurons.length, s.burn.toString()]);
        rows.snapshots.push([netuid, s.epochIndex, number, s.neurons.length, JSON.stringify(metagraphOf(s, number)), ...snapshotMatrices(s.neurons)]);
      }
    }
    for (const netuid of subnetsGone) await this.dropSubnet(tx, netuid);
    // Root stake positions (netuid 0), for the pools the block wrote.
    const rootChanged = [...(changes.stake.get(0) ?? [])];
    if (rootChanged.length) {
      const after = state.root.stake;
      await deleteIn(tx, `DELETE FROM "StakePosition" WHERE "netuid" = ? AND "hotkey" IN`, [0], rootChanged);
      for (const hotkey of rootChanged) if (after[hotkey]) pushPositions(rows.positions, 0, hotkey, after[hotkey]);
    }
    await insertSubnetRows(tx, rows);

    if (state.era2024) await this.write2024(tx, state.era2024, state, number, changes);
    // Distribution and neuron history (issue 9): epoch splits, per-uid epoch rows, uid holders.
    await writeDistributionRows(tx, block, state, changes);

    // Epoch explainer: the exact input of each epoch the block ran (upserted: a re-registered netuid counts epochs again).
    const epochInputs = (block.epochs ?? []).map((e): Row => [e.netuid, e.epoch, number, ...encodeEpochInputRow(e.input)]);
    await insertRows(tx, "EpochInput", ["netuid", "epoch", "block", "data", "weights", "bonds"], epochInputs, ["netuid", "epoch"]);

    // Network figures and counters.
    let free = 0n;
    for (const a of state.accounts.values()) free += a.free;
    let pooled = 0n;
    let staked = state.era2024 ? totalStake2024(state.era2024) : 0n;
    for (const s of state.subnets.values()) {
      pooled += s.pool.taoReserve;
      staked += (stakedAlphaOf(s) * currentPrice(s.pool)) >> U64F64.frac; // TAO value of the stake at the spot price
    }
    const rootStaked = state.root.taoReserve;
    staked += rootStaked;
    const recycled = (tip?.recycled ?? 0n) + recycledIn(block);
    const extrinsicCount = (tip?.extrinsics ?? 0n) + BigInt(block.extrinsics.length);
    const eventCount = (tip?.events ?? 0n) + BigInt(block.events.length);
    await insertRows(
      tx,
      "NetworkStat",
      ["blockNumber", "issuance", "free", "staked", "pooled", "rootStaked", "recycled", "blockEmission"],
      [[number, state.totalIssuance.toString(), free.toString(), staked.toString(), pooled.toString(), rootStaked.toString(), recycled.toString(), blockEmissionForIssuance(state.totalIssuance).toString()]],
    );
    await insertRows(
      tx,
      "Meta",
      ["key", "value"],
      [
        ["head", number.toString()],
        ["recycled", recycled.toString()],
        ["extrinsicCount", extrinsicCount.toString()],
        ["eventCount", eventCount.toString()],
        ["accountCount", String(state.accounts.size)],
        ["subnetCount", String(state.subnets.size)],
      ],
      ["key"],
    );
    await this.writeFlows(tx, block, state);
    if (checkpoint) {
      // Brotli at quality 1: a 64 × 256 chain's 31 MB of state in 7.3 MB, in 0.4 s (gzip -1: 9.3 MB in 0.8 s).
      const packed = brotliCompressSync(serializeState(state), { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } });
      await insertRows(tx, "Checkpoint", ["blockNumber", "stateRoot", "stateBrotli"], [[number, header.stateRoot, packed]]);
      // Older checkpoints are thinned: the two newest stay (resume uses the newest), and one at
      // every multiple of CHECKPOINT_KEEP_EVERY blocks; each costs the whole state (MBs).
      await tx.run(
        `DELETE FROM "Checkpoint" WHERE "blockNumber" < (SELECT MIN("blockNumber") FROM (SELECT "blockNumber" FROM "Checkpoint" ORDER BY "blockNumber" DESC LIMIT 2) AS "newest") AND "blockNumber" % ? <> 0`,
        [CHECKPOINT_KEEP_EVERY],
      );
    }
    return { number, hash: block.hash, recycled, extrinsics: extrinsicCount, events: eventCount };
  }

  /**
   * Rows of a seed2024 chain: its subnets and neurons (stake is the hotkey's TAO stake, shared by
   * all its subnets; no pools), TAO stake positions under netuid 0, epoch history and snapshots.
   */
  private async write2024(tx: Sql, era: Era2024, state: ChainState, number: bigint, all: ChangeSet): Promise<void> {
    const changes = all.era2024;
    if (!changes) throw new InvariantError(`block ${number}'s change set has no seed2024 part, but the state has seed2024 storage`);
    const stakeChanged = (hotkey: string) => changes.stake.has(hotkey);
    const rows = emptySubnetRows();
    const gone: number[] = [];
    for (const [netuid, before] of changes.subnets) {
      const s = era.subnets.find((x) => x.netuid === netuid);
      if (!s) {
        if (before) gone.push(netuid);
        continue;
      }
      const neuronsChanged = changes.neurons.get(netuid);
      const same = before !== undefined && before.registeredAt === s.registeredAt;
      if (!same && before !== undefined) await this.deleteSubnetRows(tx, s.netuid);
      rows.subnets.push([
        s.netuid, s.owner ?? "", "", s.registeredAt, null, s.tempo, s.neurons.length, s.maxAllowedUids, s.emissionValue > 0n, "0", "0", "0", "0", "0", s.burn.toString(), s.epochIndex, s.lastMechanismStepBlock,
        JSON.stringify({ ...s, neurons: undefined, loadedEmission: undefined }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
        number,
        "0",
      ]);
      s.neurons.forEach((n, uid) => {
        if (same && !neuronsChanged?.has(uid) && !stakeChanged(n.hotkey)) return;
        rows.neurons.push(neuronRow(s.netuid, uid, n, state.hotkeyOwner.get(n.hotkey) ?? "", totalHotkeyStake(era, n.hotkey), undefined));
      });
      if (s.epochIndex > 0 && (!same || before!.epochIndex !== s.epochIndex)) {
        const emission = s.neurons.reduce((a, x) => a + x.emission, 0n);
        rows.epochs.push([s.netuid, s.epochIndex, number, emission.toString(), "0", "0", "0", s.neurons.length, s.burn.toString()]);
        rows.snapshots.push([s.netuid, s.epochIndex, number, s.neurons.length, JSON.stringify(metagraph2024(era, state, s, number)), ...snapshotMatrices(s.neurons)]);
      }
    }
    for (const netuid of gone) await this.dropSubnet(tx, netuid);
    // TAO stake positions, under netuid 0, for the rows the block wrote.
    if (changes.stake.size) {
      const changed = [...changes.stake];
      await deleteIn(tx, `DELETE FROM "StakePosition" WHERE "netuid" = ? AND "hotkey" IN`, [0], changed);
      for (const hotkey of changed) for (const [coldkey, tao] of Object.entries(era.stake[hotkey] ?? {})) if (tao > 0n) rows.positions.push([hotkey, coldkey, 0, tao.toString()]);
    }
    await insertSubnetRows(tx, rows);
  }

  // ---- Reward flows (FlowCum, FlowNetwork): running totals of the emission events, lib/db/flow-rows.ts.

  /** The block's cumulative flow rows, one per subnet seen so far, and the network row. */
  private async writeFlows(tx: Sql, block: Block, state: ChainState): Promise<void> {
    const number = block.header.number;
    const tip = nextFlowTip(this.flowTip ?? (await readFlowTip(tx, number)), block, state);
    await insertRows(tx, "FlowCum", ["blockNumber", "netuid", ...FLOW_COLUMNS, "epochs"], flowCumRows(number, tip));
    await insertRows(tx, "FlowNetwork", ["blockNumber", "blockEmission", "minted"], [[number, tip.blockEmission.toString(), tip.minted.toString()]]);
    this.flowTip = tip;
  }

  /** A subnet that is gone: its row and everything under its netuid. */
  private async dropSubnet(tx: Sql, netuid: number): Promise<void> {
    await tx.run(`DELETE FROM "Subnet" WHERE "netuid" = ?`, [netuid]);
    await this.deleteSubnetRows(tx, netuid);
  }

  /** A dissolved subnet's rows go with it (its netuid may be registered again, with a new history). */
  private async deleteSubnetRows(tx: Sql, netuid: number): Promise<void> {
    for (const table of ["Neuron", "StakePosition", "SubnetEpoch", "MetagraphSnapshot", "EpochInput", "OffchainScore"]) await tx.run(`DELETE FROM "${table}" WHERE "netuid" = ?`, [netuid]);
  }

  async mempool(): Promise<{ pending: PendingExtrinsic[]; dropped: DroppedExtrinsic[] }> {
    const pending: PendingExtrinsic[] = [];
    const dropped: DroppedExtrinsic[] = [];
    for (const row of await this.sql.query<MempoolRowValues>(`SELECT * FROM "MempoolEntry" ORDER BY "state", "seq"`)) {
      const r = fromMempoolRow(row);
      if (r.state === "pending") pending.push(r.entry);
      else dropped.push(r.entry);
    }
    return { pending, dropped };
  }

  async addPending(e: PendingExtrinsic): Promise<void> {
    await insertRows(this.sql, "MempoolEntry", MEMPOOL_COLUMNS, [mempoolRow(e, null)], ["hash"]);
  }

  async actorMemory(): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ key: string; data: string }>(`SELECT "key", "data" FROM "ActorState"`);
    return new Map(rows.map((r) => [r.key, r.data]));
  }

  async commitMempool(change: MempoolChange): Promise<void> {
    if (!isEmptyChange(change)) await this.sql.transaction((tx) => writeMempoolChange(tx, change));
  }

  async prune(below: bigint): Promise<void> {
    await this.sql.transaction((tx) => pruneBelow(tx, below));
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}

/** What a block did off chain: its memory entries upserted with the block's number, or deleted; its rounds' scores appended. */
async function writeActorChanges(tx: Sql, number: bigint, changes: ActorChanges): Promise<void> {
  const rows: Row[] = [];
  const removed: string[] = [];
  for (const [key, data] of changes.memory) data === null ? removed.push(key) : rows.push([key, number, data]);
  await insertRows(tx, "ActorState", ["key", "block", "data"], rows, ["key"]);
  await deleteIn(tx, `DELETE FROM "ActorState" WHERE "key" IN`, [], removed);
  // By uid (the schema says how a reader finds the hotkeys).
  const scores = changes.scores.map((x): Row => [x.netuid, x.uid, number, x.validatorUid, x.tempo, x.score, x.ema, x.computeSpent]);
  await insertRows(tx, "OffchainScore", OFFCHAIN_SCORE_COLUMNS, scores);
}

const OFFCHAIN_SCORE_COLUMNS = ["netuid", "uid", "block", "validatorUid", "tempo", "score", "ema", "computeSpent"] as const;

// ---------------------------------------------------------------------------------------------
// The mempool (lib/node/mempool.ts), persisted: a row per pending extrinsic, written on accept;
// a block's transaction deletes the ones it included and turns the ones it dropped into rows of
// the dropped ring, forgetting the ring's oldest (rows as lib/db/mempool.ts lays them out).

async function writeMempoolChange(tx: Sql, change: MempoolChange): Promise<void> {
  if (isEmptyChange(change)) return;
  await deleteIn(tx, `DELETE FROM "MempoolEntry" WHERE "state" = 'pending' AND "hash" IN`, [], change.included);
  // Upserted over the pending rows (expiry and acceptance order 0: no longer read).
  const rows = change.dropped.map((d) => mempoolRow({ ext: d.ext, hash: d.hash, submittedAt: d.submittedAt, expiresAt: 0n, seq: 0 }, d));
  await insertRows(tx, "MempoolEntry", MEMPOOL_COLUMNS, rows, ["hash"]);
  if (change.dropped.length) await tx.run(`DELETE FROM "MempoolEntry" WHERE "state" = 'dropped' AND "dropSeq" < ?`, [change.forgetDroppedBelow]);
}

// ---------------------------------------------------------------------------------------------
// Distribution and neuron history (issue 9 §1, §5): per epoch, the emission split and one row per
// uid; per uid, who took it from which block. Written from the block's events and the states
// before and after it; `writeDistributionRows` is called once per block from `writeBlock`.

/**
 * `NeuronEpoch` rows of one epoch: the snapshot's columns for every uid, and the emission's value
 * in τ: at `priceRao` rao of τ per α (the epoch's `SubnetEpoch` price, to the rao), or the
 * emission itself when it is τ already (`priceRao` null, seed2024).
 */
function pushNeuronEpochs(out: Row[], netuid: number, epoch: number, block: bigint, neurons: readonly NeuronCommon[], stake: (hotkey: string) => bigint, priceRao: bigint | null): void {
  neurons.forEach((x, uid) =>
    out.push([netuid, uid, epoch, block, x.hotkey, stake(x.hotkey).toString(), x.incentive, x.dividends, x.emission.toString(), x.consensus, x.validatorTrust, priceRao === null ? x.emission : (x.emission * priceRao) / 1_000_000_000n]),
  );
}

/** A U64F64 price in rao of τ per α, floored: the value `priceText` writes. */
const priceRaoOf = (bits: bigint): bigint => (bits * 1_000_000_000n) >> 64n;

/** `UidRegistration` rows: each uid whose holder (hotkey or registration block) differs from `before`. */
function pushRegistrations(out: Row[], netuid: number, before: readonly NeuronCommon[], after: readonly NeuronCommon[], coldkey: (x: NeuronCommon) => string): void {
  after.forEach((x, uid) => {
    const old = before[uid];
    if (old === x || (old && old.hotkey === x.hotkey && old.registeredAt === x.registeredAt)) return;
    out.push([netuid, uid, x.registeredAt, x.hotkey, coldkey(x), old?.hotkey ?? null]);
  });
}

type EpochDistributed = ChainEventOf<"SubtensorModule.EpochDistributed">["data"];

/** The split of a dynamic-TAO epoch from its `EpochDistributed` event. */
function splitOfEvent(ev: EpochDistributed): { emission: bigint; ownerCut: bigint; miners: bigint; burned: bigint; take: bigint; nominators: bigint; root: bigint } {
  if (!("incentive" in ev)) throw new InvariantError(`subnet ${ev.netuid}'s dynamic-TAO epoch has a 2024 EpochDistributed event`);
  return {
    emission: ev.emission,
    ownerCut: ev.ownerCut,
    miners: sumValues(ev.incentive),
    burned: ev.burnedIncentive,
    take: sumValues(ev.take),
    nominators: sumValues(ev.nominators),
    root: sumValues(ev.rootDividends),
  };
}

/** The validator part of a 2024 tuple kept by the hotkey's owner: the delegate take, or all of it for a non-delegate (`emitThroughHotkey`). */
function take2024(validator: bigint, take: number | null): bigint {
  if (take === null) return validator;
  return toU64(I64F64, satMul(I64F64, safeDiv(I64F64, fromInt(I64F64, take), fromInt(I64F64, 65535)), fromInt(I64F64, validator)));
}

async function writeDistributionRows(tx: Sql, block: Block, state: ChainState, changes: ChangeSet): Promise<void> {
  const number = block.header.number;
  const splits: Row[] = [];
  const epochs: Row[] = [];
  const regs: Row[] = [];
  const dropped: number[] = [];
  const distributed = new Map<number, EpochDistributed>();
  for (const e of block.events) if (e.name === "SubtensorModule.EpochDistributed") distributed.set(e.data.netuid, e.data);
  const split = (netuid: number, epoch: number, s: ReturnType<typeof splitOfEvent>, price: string) => {
    const unallocated = s.emission - s.miners - s.burned - s.take - s.nominators - s.root;
    splits.push([netuid, epoch, number, s.emission.toString(), s.ownerCut.toString(), s.miners.toString(), s.burned.toString(), s.take.toString(), s.nominators.toString(), s.root.toString(), unallocated.toString(), price]);
  };

  for (const [netuid, p] of changes.subnets) {
    const s = state.subnets.get(netuid);
    if (!s) {
      if (p) dropped.push(netuid);
      continue;
    }
    const same = p !== undefined && p.registeredAt === s.registeredAt && p.owner === s.owner;
    if (p !== undefined && !same) dropped.push(netuid);
    if (!same || changes.neurons.has(netuid)) pushRegistrations(regs, netuid, same ? p.neurons : [], s.neurons, (x) => (x as Neuron).coldkey);
    if (s.epochIndex > 0 && (!same || p.epochIndex !== s.epochIndex)) {
      pushNeuronEpochs(epochs, netuid, s.epochIndex, number, s.neurons, (h) => stakeOfHotkey(s, h), priceRaoOf(currentPrice(s.pool)));
      const ev = distributed.get(netuid);
      if (ev) split(netuid, s.epochIndex, splitOfEvent(ev), priceText(currentPrice(s.pool)));
    }
  }

  const era = state.era2024;
  const changes2024 = changes.era2024;
  if (era && changes2024) {
    const owner = (x: NeuronCommon) => state.hotkeyOwner.get(x.hotkey) ?? "";
    for (const [netuid, p] of changes2024.subnets) {
      const s = era.subnets.find((x) => x.netuid === netuid);
      if (!s) {
        if (p) dropped.push(netuid);
        continue;
      }
      const same = p !== undefined && p.registeredAt === s.registeredAt;
      if (p !== undefined && !same) dropped.push(s.netuid);
      if (!same || changes2024.neurons.has(netuid)) pushRegistrations(regs, s.netuid, same ? p.neurons : [], s.neurons, owner);
      if (s.epochIndex > 0 && (!same || p.epochIndex !== s.epochIndex)) {
        pushNeuronEpochs(epochs, s.netuid, s.epochIndex, number, s.neurons, (h) => totalHotkeyStake(era, h), null);
        const ev = distributed.get(s.netuid);
        if (ev) {
          // The tuples are paid at the next block's start, with the take in force now; the owner
          // cut was paid block by block since the previous epoch (indexed by name and block).
          let miners = 0n;
          let validators = 0n;
          let take = 0n;
          for (const t of s.loadedEmission) {
            miners += t.server;
            validators += t.validator;
            take += take2024(t.validator, state.delegateTake.get(t.hotkey)?.take ?? null);
          }
          const since = same ? p.lastMechanismStepBlock : s.registeredAt - 1n;
          const cuts = await tx.query<{ data: string }>(`SELECT "data" FROM "Event" WHERE "name" = ? AND "blockNumber" > ? AND "blockNumber" <= ?`, ["SubtensorModule.OwnerCutPaid", since, number]);
          let ownerCut = 0n;
          for (const c of cuts) {
            const d = decodeEventData("SubtensorModule.OwnerCutPaid", c.data);
            if (d.netuid === s.netuid) ownerCut += d.amount;
          }
          split(s.netuid, s.epochIndex, { emission: ev.emission, ownerCut, miners, burned: 0n, take, nominators: validators - take, root: 0n }, "1");
        }
      }
    }
  }

  // A dissolved (or re-registered) netuid's history goes with it, as its snapshots do.
  for (const netuid of dropped) for (const table of ["EpochSplit", "NeuronEpoch", "UidRegistration"]) await tx.run(`DELETE FROM "${table}" WHERE "netuid" = ?`, [netuid]);
  await insertRows(tx, "EpochSplit", ["netuid", "epoch", "block", "emission", "ownerCut", "miners", "burnedIncentive", "validatorTake", "nominators", "root", "unallocated", "price"], splits, ["netuid", "epoch"]);
  await insertRows(tx, "NeuronEpoch", ["netuid", "uid", "epoch", "block", "hotkey", "stake", "incentive", "dividends", "emission", "consensus", "validatorTrust", "emissionTao"], epochs, ["netuid", "uid", "epoch"]);
  await insertRows(tx, "UidRegistration", ["netuid", "uid", "block", "hotkey", "coldkey", "replaced"], regs, ["netuid", "uid", "block"]);
}

/** The flow totals stored for the block before `number` (empty before genesis). */
async function readFlowTip(tx: Sql, number: bigint): Promise<FlowTip> {
  const tip = emptyFlowTip();
  if (number === 0n) return tip;
  const net = (await tx.query<{ blockEmission: string; minted: string }>(`SELECT "blockEmission", "minted" FROM "FlowNetwork" WHERE "blockNumber" = ?`, [number - 1n]))[0];
  if (!net) return tip; // a database from before the flow tables: totals start here
  tip.blockEmission = BigInt(net.blockEmission);
  tip.minted = BigInt(net.minted);
  for (const r of await tx.query<Record<string, unknown>>(`SELECT * FROM "FlowCum" WHERE "blockNumber" = ?`, [number - 1n])) tip.subnets.set(Number(r.netuid), flowTotalsOf(r));
  return tip;
}
