/**
 * What the node needs from persistence. lib/db implements it; the node never imports the
 * database, so the layering stays UI → API/db → node → chain.
 */
import type { OffchainScore } from "../actors/traffic";
import type { Block } from "../chain/runtime/block";
import type { SignedExtrinsic } from "../chain/runtime/extrinsic";
import type { ChainState } from "../chain/runtime/state";
import type { DroppedExtrinsic, MempoolChange, PendingExtrinsic } from "./mempool";

export interface StoredHead {
  number: bigint;
  hash: string;
  stateRoot: string;
  timestamp: bigint;
}

/** A committed block as replay needs it: the header fields and the extrinsics in order. */
export interface StoredBlock {
  number: bigint;
  hash: string;
  stateRoot: string;
  timestamp: bigint;
  author: string;
  extrinsics: SignedExtrinsic[];
}

/** What a block did off chain (lib/actors/traffic.ts). */
export interface ActorChanges {
  /** The actors' memory entries by key: the new JSON text, or null for an entry removed. */
  readonly memory: ReadonlyMap<string, string | null>;
  /** The scores its validators' rounds gave, kept as history (the actors never read them back). */
  readonly scores: readonly OffchainScore[];
}

export interface ChainStore {
  /** The genesis spec (JSON) this database was created with, or null when it is empty. */
  genesisSpec(): Promise<string | null>;
  head(): Promise<StoredHead | null>;
  /** The newest checkpoint at or below `atMost`. */
  checkpoint(atMost: bigint): Promise<{ number: bigint; state: string } | null>;
  /** Committed blocks with number > `after`, ascending, at most `limit`. */
  blocksAfter(after: bigint, limit: number): Promise<StoredBlock[]>;
  /** Write genesis: block 0, its state and the spec, in one transaction. */
  commitGenesis(spec: string, block: Block, state: ChainState): Promise<void>;
  /**
   * Write one block with every row it changed (and, when `checkpoint`, the state) in one
   * transaction, with what it did to the mempool (`mempool`) and to the actors' memory
   * (`actors`). Refuses anything but head + 1, so
   * a block is never written twice.
   */
  commitBlock(block: Block, state: ChainState, checkpoint: boolean, mempool?: MempoolChange, actors?: ActorChanges): Promise<void>;
  /** The actors' memory as the head's transaction left it (empty for a chain without actors). */
  actorMemory(): Promise<Map<string, string>>;
  /** The persisted mempool: pending extrinsics and the dropped ring. */
  mempool(): Promise<{ pending: PendingExtrinsic[]; dropped: DroppedExtrinsic[] }>;
  /** Keep one accepted extrinsic (one statement; replaces a dropped entry of the same hash). */
  addPending(entry: PendingExtrinsic): Promise<void>;
  /** Write a mempool change that no block carries (a restart's re-validation), in one transaction. */
  commitMempool(change: MempoolChange): Promise<void>;
  /**
   * Delete the history that pruning drops (events, epoch inputs, metagraph snapshots but each
   * subnet's newest, old checkpoints) of the blocks below `below`, in one transaction.
   */
  prune(below: bigint): Promise<void>;
  /** The in-memory `state` now matches the database (after a resume): only later changes are written. */
  prime(state: ChainState): void;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreConflictError";
  }
}
