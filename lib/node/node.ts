/**
 * The node: drives the engine over time. It produces each block from the mempool of submitted
 * extrinsics and the traffic (lib/actors' Proof-of-Intelligence actors, or lib/chain/sim's
 * synthetic generator, as the network spec says), commits it through the store with what the
 * block changed in the actors' memory, and resumes after a restart from the newest checkpoint by
 * replaying the stored blocks (checking every state root) and reading the actors' memory back.
 *
 * One block at a time: production, fast-forward and the live timer share one queue. If a
 * commit fails, the in-memory state is rebuilt from the store before anything else runs, so
 * memory never runs ahead of the database. Between blocks the node yields to the event loop
 * (its I/O phase included), so messages to it never wait for a whole fast-forward, only for the
 * block being produced. The server runs it on its own thread (lib/server/producer-worker.ts), so
 * requests, served on the main thread, do not wait for blocks at all.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { createPoiTraffic, type PoiTraffic } from "../actors/traffic";
import { enableFastCrypto } from "../chain/fast-crypto";
import { malformedSignature } from "../chain/keys/keypair";
import { fromHex } from "../chain/keys/ss58";
import { createRng } from "../chain/rng";
import { type Block, ExtrinsicRejected, createGenesis, produceBlock, validateExtrinsic } from "../chain/runtime/block";
import { type SignedExtrinsic, extrinsicHash } from "../chain/runtime/extrinsic";
import { type ChainState, getAccount, restoreState, serializeState } from "../chain/runtime/state";
import type { Rules } from "../chain/eras/era";
import { rulesOf } from "../chain/eras/presets";
import type { NodeConfig } from "./config";
import { type Network, type NetworkSpec, buildNetwork, genesisTimestamp, specFromJson, trafficOf } from "./network";
import { type DropCause, type DroppedExtrinsic, Mempool, MempoolError, type PendingView, isEmptyChange, normaliseSigner } from "./mempool";
import type { ActorChanges, ChainStore, StoredBlock } from "./store";

export { MempoolError } from "./mempool";

/** The node's only view of time, so tests can drive it. */
export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** Simulated block time: fast-forwarded blocks are 12 s apart. */
const BLOCK_SPACING_MS = 12_000n;

/** Let the event loop run its I/O phase (incoming requests, their reads) before going on. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the node did with a submitted extrinsic. */
export interface Submitted {
  hash: string;
  status: PendingView["status"];
  /** The block it goes into, when ready. */
  queuedFor: bigint | null;
  /** The last block it can be included in. */
  expiresAt: bigint;
  /** The signer as the chain keys it (0x-hex), whichever form was sent. */
  signer: string;
}

/** One extrinsic's fate in the mempool, with the head it was read at (a ready one goes into head + 1). */
export type MempoolFate = (NonNullable<ReturnType<Mempool["lookup"]>> & { head: bigint }) | null;

export interface MempoolSnapshot {
  head: bigint;
  pendingCount: number;
  pending: PendingView[];
  dropped: DroppedExtrinsic[];
}

export class ReplayMismatchError extends Error {
  constructor(
    readonly block: bigint,
    readonly expected: string,
    readonly actual: string,
    readonly what: "state root" | "block hash",
  ) {
    super(`block ${block}: stored ${what} ${expected}, replay gives ${actual}`);
    this.name = "ReplayMismatchError";
  }
}

export interface Progress {
  done: number;
  total: number;
  head: bigint;
}

/** A per-block generator seed from the network seed and the block number. */
function blockSeed(seed: number, block: bigint): number {
  const h = blake2b(new TextEncoder().encode(`taoscope-activity/${seed}/${block}`), { dkLen: 4 });
  return (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
}

/** A hotkey's hidden miner quality: fixed per network seed and hotkey, in [0, 1). */
function qualityOf(seed: number): (hotkey: string) => number {
  const cache = new Map<string, number>();
  return (hotkey) => {
    let q = cache.get(hotkey);
    if (q === undefined) {
      const h = blake2b(new TextEncoder().encode(`taoscope-quality/${seed}/${hotkey}`), { dkLen: 4 });
      q = ((h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0) / 4294967296;
      cache.set(hotkey, q);
    }
    return q;
  };
}

/** Apply one stored block to `state`, checking its state root and hash. */
function replayBlock(state: ChainState, b: StoredBlock): Block {
  const { block, rejected } = produceBlock(state, { timestamp: b.timestamp, author: b.author, extrinsics: b.extrinsics });
  if (rejected.length) throw new ReplayMismatchError(b.number, "every stored extrinsic included", `${rejected.length} refused (${rejected[0]!.reason.message})`, "state root");
  if (block.header.stateRoot !== b.stateRoot) throw new ReplayMismatchError(b.number, b.stateRoot, block.header.stateRoot, "state root");
  if (block.hash !== b.hash) throw new ReplayMismatchError(b.number, b.hash, block.hash, "block hash");
  return block;
}

export class ChainNode {
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Held while a block is produced and committed, and while an accepted extrinsic is written:
   * an accept never lands between a block taking the pool's ready extrinsics and the commit that
   * removes them (on PostgreSQL both are real waits). Unlike `queue`, it is released between the
   * blocks of a fast-forward, so an accept waits at most for one block.
   */
  private writes: Promise<unknown> = Promise.resolve();
  private timer: unknown = null;
  private readonly pool = new Mempool();
  private readonly nonceOf = (signer: string): number => getAccount(this.state, signer).nonce;
  private lastTimestamp: bigint;
  private readonly quality: (hotkey: string) => number;
  /** The PoI traffic (lib/actors) when the spec's network runs it, and the actors' memory as stored at the head. */
  readonly poi: PoiTraffic | null;

  private constructor(
    readonly store: ChainStore,
    readonly config: NodeConfig,
    readonly network: Network,
    private state: ChainState,
    lastTimestamp: bigint,
    private readonly clock: Clock,
    private actors: Map<string, string>,
  ) {
    this.lastTimestamp = lastTimestamp;
    this.quality = qualityOf(network.spec.seed);
    const { spec } = network;
    this.poi =
      trafficOf(spec) === "poi"
        ? createPoiTraffic({
            seed: spec.seed,
            coldkeys: network.coldkeys,
            hotkeys: network.hotkeys,
            validators: network.validators,
            nominators: network.nominators,
            ...(spec.tasks ? { tasks: spec.tasks } : {}),
          })
        : null;
  }

  /**
   * Open the node on `store`: a new database gets the genesis of `config`; an existing one is
   * resumed with the network it was created with (the database's spec wins over the settings).
   *
   * A new genesis is stamped `historyBlocks` × 12 s before the clock's now, and the spec records
   * that timestamp and the history target, so a restart or `verify` rebuilds the same genesis
   * and a restart mid-history knows how far to go (lib/node/history.ts runs it).
   */
  static async open(store: ChainStore, config: NodeConfig, clock: Clock = systemClock): Promise<ChainNode> {
    await enableFastCrypto();
    const stored = await store.genesisSpec();
    if (stored === null) {
      const timestamp = genesisTimestamp(BigInt(Math.floor(clock.now())), config.historyBlocks);
      const spec: NetworkSpec = {
        version: 2,
        preset: config.preset,
        seed: config.seed,
        subnets: config.subnets,
        uids: config.uids,
        timestamp: timestamp.toString(),
        historyBlocks: config.historyBlocks,
        traffic: config.traffic,
        ...(config.traffic === "poi" ? { tasks: config.tasks } : {}),
      };
      const network = buildNetwork(spec);
      const { state, block } = createGenesis(network.genesis);
      await store.commitGenesis(JSON.stringify(spec), block, state);
      return new ChainNode(store, config, network, state, block.header.timestamp, clock, new Map());
    }
    const network = buildNetwork(specFromJson(stored));
    const state = await ChainNode.load(store, rulesOf(network.spec.preset));
    const head = await store.head();
    const node = new ChainNode(store, config, network, state, head!.timestamp, clock, await store.actorMemory());
    await node.restoreMempool();
    return node;
  }

  /**
   * Reload the persisted mempool and re-check each pending extrinsic against the resumed state:
   * one that can no longer be included (its nonce used meanwhile, its fee no longer payable) is
   * dropped with the engine's reason as its cause, visibly, and the drops written at once.
   */
  private async restoreMempool(): Promise<void> {
    const { pending, dropped } = await this.store.mempool();
    this.pool.restore(pending, dropped);
    const refused: { hash: string; cause: DropCause; reason: string }[] = [];
    for (const e of pending) {
      try {
        validateExtrinsic(this.state, e.ext);
      } catch (err) {
        if (!(err instanceof ExtrinsicRejected)) throw err;
        if (err.reason !== "Future") refused.push({ hash: e.hash, cause: err.reason as DropCause, reason: `refused when the node restarted at block ${this.state.block}: ${err.message}` });
      }
    }
    const change = this.pool.planDrops(refused, this.state.block);
    if (isEmptyChange(change)) return;
    await this.store.commitMempool(change);
    this.pool.apply(change);
  }

  /** The state at the stored head: the newest checkpoint, then the blocks after it replayed. */
  private static async load(store: ChainStore, rules: Rules): Promise<ChainState> {
    const head = await store.head();
    if (!head) throw new Error("the database has a genesis spec but no blocks: it was not written by Taoscope");
    const cp = await store.checkpoint(head.number);
    if (!cp) throw new Error("the database holds no state checkpoint to resume from");
    const state = restoreState(cp.state, rules);
    for (let after = cp.number; after < head.number; ) {
      const batch = await store.blocksAfter(after, 200);
      if (batch.length === 0) break;
      for (const b of batch) replayBlock(state, b);
      after = batch.at(-1)!.number;
    }
    if (state.block !== head.number) throw new Error(`resume reached block ${state.block}, but the stored head is ${head.number}`);
    store.prime(state);
    return state;
  }

  /** The current state (read-only by convention: only the node changes it). */
  get chain(): ChainState {
    return this.state;
  }

  get head(): bigint {
    return this.state.block;
  }

  /** Check a signed extrinsic and queue it; returns its hash. */
  async submit(ext: SignedExtrinsic): Promise<string> {
    return (await this.accept(ext)).hash;
  }

  /**
   * Check a signed extrinsic and put it in the mempool: ready (the next block takes it) or
   * future (its nonce waits for the signer's earlier ones). The signer may be 0x-hex or an SS58
   * address (prefix 42); the chain sees 0x-hex. Throws `MempoolError` naming what was wrong.
   * Resolves once the store keeps it (one insert), so an accepted extrinsic survives a restart.
   */
  accept(input: SignedExtrinsic): Promise<Submitted> {
    return this.exclusive(async () => {
      const r = this.check(input);
      const entry = this.pool.add(r.ext, r.hash, this.state.block, this.nonceOf);
      try {
        await this.store.addPending(entry);
      } catch (e) {
        this.pool.forget(r.hash);
        throw e;
      }
      return { hash: r.hash, status: entry.status, queuedFor: entry.status === "ready" ? this.state.block + 1n : null, expiresAt: entry.expiresAt, signer: r.ext.signer };
    });
  }

  /** The checks of `accept` before the pool's: form, signature, nonce not stale, fee payable. */
  private check(input: SignedExtrinsic): { ext: SignedExtrinsic; hash: string } {
    const fault = (field: keyof SignedExtrinsic, want: string) => new MempoolError(`the extrinsic's "${field}" must be ${want}, got ${JSON.stringify(input[field])}`);
    if (typeof input.call !== "string") throw fault("call", "a call name such as Balances.transfer_keep_alive");
    if (typeof input.args !== "object" || input.args === null || Array.isArray(input.args)) throw fault("args", "an object of named arguments");
    const signer = normaliseSigner(input.signer);
    if (!Number.isSafeInteger(input.nonce) || input.nonce < 0) throw fault("nonce", "a non-negative integer");
    if (typeof input.signature !== "string" || !/^0x[0-9a-fA-F]{128}$/.test(input.signature)) throw fault("signature", "a 0x-hex 64-byte sr25519 signature");
    const ext: SignedExtrinsic = { call: input.call, args: input.args, signer, nonce: input.nonce, signature: input.signature.toLowerCase() };
    const malformed = malformedSignature(fromHex(ext.signature), fromHex(signer));
    if (malformed !== null) throw new MempoolError(`the extrinsic cannot be verified: ${malformed}`);
    try {
      validateExtrinsic(this.state, ext);
    } catch (e) {
      if (!(e instanceof ExtrinsicRejected)) throw e;
      // A nonce ahead of the account (its signature already checked) may follow pending ones.
      if (e.reason !== "Future") throw new MempoolError(e.message);
    }
    return { ext, hash: extrinsicHash(ext) };
  }

  /** The pending extrinsics (at most `limit`, in acceptance order) and the recently dropped ones. */
  mempool(limit = Infinity): MempoolSnapshot {
    return { head: this.state.block, pendingCount: this.pool.size, pending: this.pool.pending(this.nonceOf, limit), dropped: this.pool.dropped() };
  }

  /** One extrinsic's fate in the mempool: pending, recently dropped (with why), or null. */
  mempoolLookup(hash: string): MempoolFate {
    const found = this.pool.lookup(hash.toLowerCase(), this.nonceOf);
    return found && { ...found, head: this.state.block };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn, fn);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** The next block's extrinsics (the mempool's ready ones, then the traffic's) and what they do to the actors' memory. */
  private planBlock(): { extrinsics: SignedExtrinsic[]; actors: ActorChanges | undefined } {
    const out = this.pool.ready(this.nonceOf);
    if (!this.config.activity) return { extrinsics: out, actors: undefined };
    if (this.poi) {
      const plan = this.poi.plan(this.state, this.actors);
      out.push(...plan.extrinsics);
      return { extrinsics: out, actors: plan.changes.size || plan.scores.length ? { memory: plan.changes, scores: plan.scores } : undefined };
    }
    const rng = createRng(blockSeed(this.network.spec.seed, this.state.block + 1n));
    const keys = { coldkeys: this.network.coldkeys, hotkeys: this.network.hotkeys, quality: this.quality };
    out.push(...this.state.rules.era.activity(rng, keys, this.state));
    return { extrinsics: out, actors: undefined };
  }

  /** The actors' memory (read-only by convention), as of the head. */
  get actorMemory(): ReadonlyMap<string, string> {
    return this.actors;
  }

  /** Produce and commit one block; what it did to the mempool is written in its transaction, and applied to the pool once that commits. */
  private produceOne(timestamp: bigint): Promise<Block> {
    return this.exclusive(async () => {
      const plan = this.planBlock();
      const { block, rejected } = produceBlock(this.state, { timestamp, author: this.network.author.publicKeyHex, extrinsics: plan.extrinsics });
      const checkpoint = block.header.number % BigInt(this.config.checkpointEvery) === 0n;
      const change = this.pool.planAfterBlock(
        {
          block: block.header.number,
          included: new Set(block.extrinsics.map((x) => x.hash)),
          refused: new Map(rejected.map((r) => [extrinsicHash(r.ext), { reason: r.reason.reason, message: r.reason.message }])),
        },
        this.nonceOf,
      );
      try {
        await this.store.commitBlock(block, this.state, checkpoint, isEmptyChange(change) ? undefined : change, plan.actors);
      } catch (e) {
        this.state = await ChainNode.load(this.store, this.state.rules); // memory must not run ahead of the database; the pool is unchanged
        this.actors = await this.store.actorMemory();
        throw e;
      }
      for (const [key, data] of plan.actors?.memory ?? []) data === null ? this.actors.delete(key) : this.actors.set(key, data);
      this.lastTimestamp = timestamp;
      this.pool.apply(change);
      return block;
    });
  }

  /** Produce one block now, stamped with the clock (never earlier than its parent). */
  produceNow(): Promise<Block> {
    return this.serial(() => {
      const now = BigInt(Math.floor(this.clock.now()));
      return this.produceOne(now > this.lastTimestamp ? now : this.lastTimestamp + 1n);
    });
  }

  /** Fast-forward `n` blocks, 12 simulated seconds apart, through the same path. */
  advance(n: number, onProgress?: (p: Progress) => void): Promise<bigint> {
    if (!Number.isInteger(n) || n < 1) return Promise.reject(new RangeError(`advance needs a positive whole number of blocks, got ${n}`));
    return this.serial(async () => {
      for (let i = 0; i < n; i++) {
        if (i > 0) await yieldToIo(); // let waiting requests in between blocks
        await this.produceOne(this.lastTimestamp + BLOCK_SPACING_MS);
        onProgress?.({ done: i + 1, total: n, head: this.state.block });
      }
      return this.state.block;
    });
  }

  /** Produce a block every `BLOCK_TIME_MS` until `stop`. A failed block is logged and retried at the next tick. */
  start(log: (message: string) => void = console.error): void {
    if (this.timer !== null || this.config.testMode) return;
    let busy = false;
    this.timer = this.clock.setInterval(() => {
      if (busy) return;
      busy = true;
      this.produceNow()
        .catch((e: unknown) => log(`taoscope node: block ${this.state.block + 1n} failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (busy = false));
    }, this.config.blockTimeMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
    await this.queue;
  }

  /** A copy of the state (for checks that must not disturb the node). */
  snapshot(): ChainState {
    return restoreState(serializeState(this.state), this.state.rules);
  }
}

export interface VerifyReport {
  blocks: bigint;
  mismatch: ReplayMismatchError | null;
}

/** Replay the stored chain from genesis and check every stored state root and hash. */
export async function verifyChain(store: ChainStore, onProgress?: (p: Progress) => void): Promise<VerifyReport> {
  await enableFastCrypto();
  const stored = await store.genesisSpec();
  const head = await store.head();
  if (stored === null || head === null) throw new Error("the database holds no chain to verify");
  const { state, block } = createGenesis(buildNetwork(specFromJson(stored)).genesis);
  const [genesis] = await store.blocksAfter(-1n, 1);
  if (genesis!.hash !== block.hash) return { blocks: 0n, mismatch: new ReplayMismatchError(0n, genesis!.hash, block.hash, "block hash") };
  const total = Number(head.number);
  for (let after = 0n; after < head.number; ) {
    const batch = await store.blocksAfter(after, 200);
    if (batch.length === 0) break;
    for (const b of batch) {
      try {
        replayBlock(state, b);
      } catch (e) {
        if (e instanceof ReplayMismatchError) return { blocks: b.number - 1n, mismatch: e };
        throw e;
      }
      onProgress?.({ done: Number(b.number), total, head: b.number });
    }
    after = batch.at(-1)!.number;
  }
  return { blocks: state.block, mismatch: null };
}
