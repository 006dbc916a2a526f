/**
 * Test driver for the runtime: signs calls with the right nonces (several per signer per block)
 * and produces one block per `block()`, 12 s apart, failing the test if anything was refused
 * before inclusion. Real sr25519 signatures throughout.
 */
import { expect } from "vitest";
import type { Keypair } from "@/lib/chain/keys/keypair";
import { type Block, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { type ChainEvent, eventDataJson } from "@/lib/chain/runtime/events";
import { type SignedExtrinsic, extrinsicLength, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { feeFor } from "@/lib/chain/eras/presets";
import type { ChainState } from "@/lib/chain/runtime/state";

export const TAO = 1_000_000_000n;
export const T0 = 1_700_000_000_000n;

export interface ChainDriver {
  s: ChainState;
  /** Sign `call` (e.g. "SubtensorModule.add_stake") for the next block. */
  submit(from: Keypair, call: string, args: Record<string, unknown>): SignedExtrinsic;
  /** Produce the next block from everything submitted since the last one. */
  block(): Block;
}

export function driver(s: ChainState, author: string, random = new Uint8Array(32)): ChainDriver {
  const pending: SignedExtrinsic[] = [];
  const used = new Map<string, number>();
  return {
    s,
    submit(from, call, args) {
      const n = used.get(from.publicKeyHex) ?? 0;
      used.set(from.publicKeyHex, n + 1);
      const ext = signExtrinsic(from, { call, args: args as never }, (s.accounts.get(from.publicKeyHex)?.nonce ?? 0) + n, s.genesisHash, random);
      pending.push(ext);
      return ext;
    },
    block() {
      const { block, rejected } = produceBlock(s, { timestamp: T0 + (s.block + 1n) * 12_000n, author, extrinsics: pending.splice(0) });
      used.clear();
      expect(rejected.map((r) => r.reason.message)).toEqual([]);
      return block;
    },
  };
}

/** A `test`-preset chain whose genesis endows each key with the given TAO, driven with `author`. */
export function testChain(endowments: readonly (readonly [Keypair, bigint])[], author: string, sudo?: Keypair): ChainDriver {
  const s = createGenesis({
    preset: "test",
    timestamp: T0,
    endowments: endowments.map(([k, tao]) => [k.publicKeyHex, tao * TAO] as const),
    ...(sudo ? { sudo: sudo.publicKeyHex } : {}),
  }).state;
  return driver(s, author);
}

export const freeOf = (s: ChainState, who: string) => s.accounts.get(who)?.free ?? 0n;
export const errorsOf = (b: Block) => b.extrinsics.map((x) => x.error);
export const txFee = (e: SignedExtrinsic) => feeFor(e.call, extrinsicLength(e));

/**
 * An event's data as it is stored and served (amounts as decimal strings, fields in the
 * engine's order): what the tests compare with their literals.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const storedData = (e: ChainEvent): Record<string, any> => JSON.parse(eventDataJson(e.data));

/** Issuance held: every free balance, every pool's TAO reserve and the TAO staked on root. */
export function supplyHeld(s: ChainState): bigint {
  let held = s.root.taoReserve;
  for (const a of s.accounts.values()) held += a.free;
  for (const n of s.subnets.values()) held += n.pool.taoReserve;
  return held;
}
