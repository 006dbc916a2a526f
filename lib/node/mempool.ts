/**
 * The mempool: extrinsics accepted for inclusion but not yet in a block. Pure bookkeeping (no
 * I/O, no clock: time is block numbers), driven by the node.
 *
 * Per signer, pending extrinsics are kept by nonce. One whose nonce is the account's next nonce,
 * or follows a contiguous run of pending nonces from it, is **ready**: the next block takes it,
 * in nonce order. One past a gap is **future**: it waits until the gap fills, for at most
 * `FUTURE_EXPIRY_BLOCKS` blocks. Nothing that can never be included is accepted: a nonce below
 * the account's (stale) and a second extrinsic for a nonce already pending are refused, naming
 * why. Whatever leaves the pool without being included (expired, made stale by another
 * extrinsic, refused by the block at inclusion, e.g. a fee no longer payable) is recorded as
 * dropped with its reason; the last `DROPPED_KEPT` stay readable.
 */
import { AddressError, SS58_PREFIX, decodeAddress, toHex } from "../chain/keys/ss58";
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";

/** Pending extrinsics at most (ready and future together). */
export const MEMPOOL_LIMIT = 10_000;
/**
 * Blocks a pending extrinsic waits for its nonce: submitted at head S, it can be included in
 * blocks S+1 … S+64 and is dropped ("expired") once block S+64 is produced without it.
 */
export const FUTURE_EXPIRY_BLOCKS = 64;
/** Dropped extrinsics remembered (a ring: the oldest is forgotten first). */
export const DROPPED_KEPT = 256;

export class MempoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MempoolError";
  }
}

export type PendingStatus = "ready" | "future";
/** Why an extrinsic left the pool unincluded: expired, its nonce used by another, or refused by the block. */
export type DropCause = "Expired" | "Stale" | "Payment" | "BadProof" | "Malformed";

export interface PendingExtrinsic {
  ext: SignedExtrinsic;
  hash: string;
  /** The head when it was accepted (it can be in the block after). */
  submittedAt: bigint;
  /** The last block it can be included in. */
  expiresAt: bigint;
  /** Acceptance order, for a deterministic listing. */
  seq: number;
}

export interface PendingView extends PendingExtrinsic {
  status: PendingStatus;
}

export interface DroppedExtrinsic {
  ext: SignedExtrinsic;
  hash: string;
  submittedAt: bigint;
  /** The block after which it was dropped. */
  droppedAt: bigint;
  cause: DropCause;
  reason: string;
  /** Drop order: the ring keeps the newest `droppedKept`. */
  dropSeq: number;
}

/**
 * What a block (or a restart's re-validation) does to the pool, computed before it is applied so
 * the store can write it in the block's own transaction: the pool changes only once that
 * commits (`apply`), and not at all if it fails.
 */
export interface MempoolChange {
  /** Hashes of pending extrinsics the block included: they leave the pool. */
  included: string[];
  /** Pending extrinsics leaving unincluded, in drop order. */
  dropped: DroppedExtrinsic[];
  /** Dropped entries with a `dropSeq` below this are forgotten (the ring's oldest). */
  forgetDroppedBelow: number;
}

export const isEmptyChange = (c: MempoolChange) => c.included.length === 0 && c.dropped.length === 0;

/** What a produced block did with the extrinsics the pool gave it. */
export interface BlockOutcome {
  /** The new head. */
  block: bigint;
  included: ReadonlySet<string>;
  /** Refused at inclusion, by hash: the engine's reason and its sentence. */
  refused: ReadonlyMap<string, { reason: string; message: string }>;
}

/** The account's next nonce, as the state after the last block has it. */
export type NonceOf = (signer: string) => number;

export class Mempool {
  private readonly bySigner = new Map<string, Map<number, PendingExtrinsic>>();
  private readonly byHash = new Map<string, PendingExtrinsic>();
  private readonly droppedRing: DroppedExtrinsic[] = [];
  private readonly droppedByHash = new Map<string, DroppedExtrinsic>();
  private nextSeq = 0;
  private nextDropSeq = 0;

  constructor(
    readonly limit = MEMPOOL_LIMIT,
    readonly expiryBlocks = FUTURE_EXPIRY_BLOCKS,
    readonly droppedKept = DROPPED_KEPT,
  ) {}

  get size(): number {
    return this.byHash.size;
  }

  /**
   * Accept `ext` (already checked: well formed, signed, nonce not below the account's) at head
   * `head`, or refuse it with a `MempoolError` saying why. Returns its status.
   */
  add(ext: SignedExtrinsic, hash: string, head: bigint, nonceOf: NonceOf): PendingView {
    const accountNonce = nonceOf(ext.signer);
    if (ext.nonce < accountNonce) throw new MempoolError(`extrinsic rejected (Stale): nonce ${ext.nonce} was already used; the account's next nonce is ${accountNonce}`);
    // Even a full pool included every block could not fill a wider gap before this one expires.
    const reach = accountNonce + this.limit * this.expiryBlocks;
    if (ext.nonce >= reach) throw new MempoolError(`extrinsic rejected (Future): nonce ${ext.nonce} is too far ahead of the account's next nonce ${accountNonce} to become ready within ${this.expiryBlocks} blocks`);
    const same = this.byHash.get(hash);
    if (same) throw new MempoolError(`extrinsic ${hash} is already pending (${this.statusOf(same, nonceOf)}, nonce ${ext.nonce})`);
    const mine = this.bySigner.get(ext.signer);
    const taken = mine?.get(ext.nonce);
    if (taken) throw new MempoolError(`nonce ${ext.nonce} of ${ext.signer} is already taken by pending extrinsic ${taken.hash}; wait for it, or sign the next nonce`);
    if (this.byHash.size >= this.limit) throw new MempoolError(`the mempool is full (${this.limit} extrinsics)`);
    const entry: PendingExtrinsic = { ext, hash, submittedAt: head, expiresAt: head + BigInt(this.expiryBlocks), seq: this.nextSeq++ };
    if (mine) mine.set(ext.nonce, entry);
    else this.bySigner.set(ext.signer, new Map([[ext.nonce, entry]]));
    this.byHash.set(hash, entry);
    return { ...entry, status: this.statusOf(entry, nonceOf) };
  }

  /** Ready when every nonce from the account's next one up to its own is pending. */
  private statusOf(entry: PendingExtrinsic, nonceOf: NonceOf): PendingStatus {
    const mine = this.bySigner.get(entry.ext.signer)!;
    for (let n = nonceOf(entry.ext.signer); n < entry.ext.nonce; n++) if (!mine.has(n)) return "future";
    return "ready";
  }

  /**
   * The ready extrinsics for the next block: each signer's contiguous run of nonces from its
   * account nonce, in nonce order; signers in the order their first ready extrinsic was
   * accepted. Nothing leaves the pool until `afterBlock` says what the block did.
   */
  ready(nonceOf: NonceOf): SignedExtrinsic[] {
    const runs: { first: number; exts: PendingExtrinsic[] }[] = [];
    for (const [signer, mine] of this.bySigner) {
      const run: PendingExtrinsic[] = [];
      for (let n = nonceOf(signer); mine.has(n); n++) run.push(mine.get(n)!);
      if (run.length) runs.push({ first: Math.min(...run.map((e) => e.seq)), exts: run });
    }
    runs.sort((a, b) => a.first - b.first);
    return runs.flatMap((r) => r.exts.map((e) => e.ext));
  }

  /**
   * What block `outcome.block` does to the pool, without changing it: included extrinsics leave;
   * ones the block refused are dropped with the engine's reason (except `Future`: an earlier one
   * of the signer was refused, so it waits again); then, with the new account nonces, pending
   * ones whose nonce was used by another extrinsic are dropped as stale and ones past their last
   * block as expired. `apply` it once the block is committed.
   */
  planAfterBlock(outcome: BlockOutcome, nonceOf: NonceOf): MempoolChange {
    const included: string[] = [];
    const gone = new Set<string>();
    const plan = this.dropPlan(outcome.block, gone);
    for (const hash of outcome.included) {
      if (!this.byHash.has(hash)) continue;
      included.push(hash);
      gone.add(hash);
    }
    for (const [hash, why] of outcome.refused) {
      const e = this.byHash.get(hash);
      if (!e || gone.has(hash) || why.reason === "Future") continue;
      plan.drop(e, why.reason as DropCause, `refused by block ${outcome.block}: ${why.message}`);
    }
    for (const [signer, mine] of this.bySigner) {
      const accountNonce = nonceOf(signer);
      const left = (n: number) => mine.has(n) && !gone.has(mine.get(n)!.hash);
      for (const e of [...mine.values()]) {
        if (gone.has(e.hash)) continue;
        if (e.ext.nonce < accountNonce) {
          plan.drop(e, "Stale", `nonce ${e.ext.nonce} was used by another extrinsic of the signer; the account's next nonce is ${accountNonce}`);
        } else if (outcome.block >= e.expiresAt) {
          const missing = [];
          for (let n = accountNonce; n < e.ext.nonce && missing.length < 3; n++) if (!left(n)) missing.push(n);
          plan.drop(e, "Expired", `expired after ${this.expiryBlocks} blocks (submitted at block ${e.submittedAt}, last eligible block ${e.expiresAt}): nonce ${e.ext.nonce} never became ready; the account's next nonce is ${accountNonce}${missing.length ? `, and no extrinsic with nonce ${missing.join(", ")} arrived` : ""}`);
        }
      }
    }
    return plan.change(included);
  }

  /** Dropping the named pending extrinsics after block `block` (a restart's re-validation refused them), without changing the pool. */
  planDrops(drops: readonly { hash: string; cause: DropCause; reason: string }[], block: bigint): MempoolChange {
    const plan = this.dropPlan(block, new Set());
    for (const d of drops) {
      const e = this.byHash.get(d.hash);
      if (e) plan.drop(e, d.cause, d.reason);
    }
    return plan.change([]);
  }

  private dropPlan(block: bigint, gone: Set<string>) {
    const dropped: DroppedExtrinsic[] = [];
    let seq = this.nextDropSeq;
    return {
      drop: (e: PendingExtrinsic, cause: DropCause, reason: string) => {
        gone.add(e.hash);
        dropped.push({ ext: e.ext, hash: e.hash, submittedAt: e.submittedAt, droppedAt: block, cause, reason, dropSeq: seq++ });
      },
      change: (included: string[]): MempoolChange => ({ included, dropped, forgetDroppedBelow: seq - this.droppedKept }),
    };
  }

  /** Apply a planned change (after the store committed it). */
  apply(change: MempoolChange): void {
    for (const hash of change.included) {
      const e = this.byHash.get(hash);
      if (e) this.remove(e);
    }
    for (const d of change.dropped) {
      const e = this.byHash.get(d.hash);
      if (e) this.remove(e);
      this.remember(d);
    }
  }

  /** Plan and apply at once (when nothing has to be written first). */
  afterBlock(outcome: BlockOutcome, nonceOf: NonceOf): MempoolChange {
    const change = this.planAfterBlock(outcome, nonceOf);
    this.apply(change);
    return change;
  }

  /**
   * Put back what the store kept (a restart): the pending extrinsics with their acceptance order
   * and the dropped ring, oldest first. Counters resume after the largest stored.
   */
  restore(pending: readonly PendingExtrinsic[], dropped: readonly DroppedExtrinsic[]): void {
    for (const e of [...pending].sort((a, b) => a.seq - b.seq)) {
      const mine = this.bySigner.get(e.ext.signer);
      if (mine) mine.set(e.ext.nonce, e);
      else this.bySigner.set(e.ext.signer, new Map([[e.ext.nonce, e]]));
      this.byHash.set(e.hash, e);
      this.nextSeq = Math.max(this.nextSeq, e.seq + 1);
    }
    for (const d of [...dropped].sort((a, b) => a.dropSeq - b.dropSeq)) this.remember(d);
  }

  /** Take back an extrinsic `add` just accepted (the store could not keep it). */
  forget(hash: string): void {
    const e = this.byHash.get(hash);
    if (e) this.remove(e);
  }

  private remove(e: PendingExtrinsic): void {
    this.byHash.delete(e.hash);
    const mine = this.bySigner.get(e.ext.signer)!;
    mine.delete(e.ext.nonce);
    if (mine.size === 0) this.bySigner.delete(e.ext.signer);
  }

  private remember(d: DroppedExtrinsic): void {
    this.nextDropSeq = Math.max(this.nextDropSeq, d.dropSeq + 1);
    this.droppedRing.push(d);
    this.droppedByHash.set(d.hash, d);
    if (this.droppedRing.length > this.droppedKept) {
      const old = this.droppedRing.shift()!;
      if (this.droppedByHash.get(old.hash) === old) this.droppedByHash.delete(old.hash);
    }
  }

  /** Pending extrinsics in acceptance order (at most `limit`), with their status. */
  pending(nonceOf: NonceOf, limit = Infinity): PendingView[] {
    const all = [...this.byHash.values()].sort((a, b) => a.seq - b.seq).slice(0, limit);
    return all.map((e) => ({ ...e, status: this.statusOf(e, nonceOf) }));
  }

  /** The most recently dropped extrinsics, newest first. */
  dropped(limit = Infinity): DroppedExtrinsic[] {
    const n = Math.min(limit, this.droppedRing.length);
    return this.droppedRing.slice(this.droppedRing.length - n).reverse();
  }

  /** One extrinsic's fate: pending (with status), recently dropped (with reason), or null. */
  lookup(hash: string, nonceOf: NonceOf): { state: "pending"; entry: PendingView } | { state: "dropped"; entry: DroppedExtrinsic } | null {
    const p = this.byHash.get(hash);
    if (p) return { state: "pending", entry: { ...p, status: this.statusOf(p, nonceOf) } };
    const d = this.droppedByHash.get(hash);
    return d ? { state: "dropped", entry: d } : null;
  }
}

/**
 * The signer as the chain keys it: a 0x-hex 32-byte public key (lowercased) from either that or
 * an SS58 address of prefix 42. The signed payload does not include the signer, so the form it
 * was sent in does not change the signature. Throws a `MempoolError` naming the field.
 */
export function normaliseSigner(signer: unknown): string {
  const want = `a 0x-hex 32-byte public key or an SS58 address (prefix ${SS58_PREFIX})`;
  if (typeof signer !== "string") throw new MempoolError(`the extrinsic's "signer" must be ${want}, got ${JSON.stringify(signer) ?? String(signer)}`);
  if (/^0x/i.test(signer)) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(signer)) throw new MempoolError(`the extrinsic's "signer" must be a 0x-hex 32-byte public key, got ${JSON.stringify(signer)} (an SS58 address, prefix ${SS58_PREFIX}, is accepted too)`);
    return signer.toLowerCase();
  }
  try {
    return toHex(decodeAddress(signer, SS58_PREFIX).publicKey);
  } catch (e) {
    if (!(e instanceof AddressError)) throw e;
    throw new MempoolError(`the extrinsic's "signer" must be ${want}: ${e.message}`);
  }
}
