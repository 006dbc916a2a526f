/**
 * Calls: each is defined once, with its name, its weight and whether it pays a fee (what the
 * fee rule in fees.ts prices), the decoder of its arguments (a malformed call is rejected
 * before inclusion) and its dispatch against the state (a failing call is included as
 * `System.ExtrinsicFailed` and changes nothing but the fee). A preset's registry is a set of
 * such definitions (registry.ts).
 */
import type { CallArgs } from "./extrinsic";
import type { ChainState } from "./state";
import type { Emit } from "./events";
import { InvariantError } from "../errors";
import { decodeAddress, fromHex } from "../keys/ss58";

export interface DispatchContext {
  state: ChainState;
  /** The signer's 0x-hex public key. */
  signer: string;
  /** The number of the block being built. */
  block: bigint;
  /** The block author's 0x-hex public key (swap fees go to it). */
  author: string;
  emit: Emit;
}

/** Substrate's `Pays`: `No` for the calls subtensor declares `Pays::No` (no fee at all). */
export type Pays = "Yes" | "No";

/** What a call costs: its ref-time weight (picoseconds) and whether it pays a fee. */
export interface CallCost {
  readonly weight: bigint;
  readonly pays: Pays;
}

/** A call as a registry holds it: name, cost, decoder and dispatch. */
export interface CallDefinition<A> extends CallCost {
  readonly name: string;
  decode(args: CallArgs): A;
  dispatch(ctx: DispatchContext, args: A): void;
}

/** The calls a preset dispatches, by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CallRegistry = Readonly<Record<string, CallDefinition<any>>>;

export class MalformedCallError extends Error {
  constructor(call: string, detail: string) {
    super(`malformed ${call}: ${detail}`);
    this.name = "MalformedCallError";
  }
}

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** Argument readers that name the call and argument at fault; they remember what they read. */
function argReader(call: string, args: CallArgs) {
  const read = new Set<string>();
  const get = (name: string) => {
    if (!(name in args)) throw new MalformedCallError(call, `missing argument "${name}"`);
    read.add(name);
    return args[name];
  };
  const int = (name: string, max: number, min = 0): number => {
    const v = get(name);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw new MalformedCallError(call, `"${name}" must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    return v;
  };
  const big = (name: string, max: bigint, maxName: string): bigint => {
    const v = get(name);
    const text = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v;
    if (typeof text !== "string" || !/^\d+$/.test(text)) throw new MalformedCallError(call, `"${name}" must be a non-negative integer as a decimal string, got ${JSON.stringify(v)}`);
    const value = BigInt(text);
    if (value > max) throw new MalformedCallError(call, `"${name}" exceeds ${maxName}`);
    return value;
  };
  return {
    /** An account as a 0x-hex public key (SS58 addresses are accepted and converted). */
    account(name: string): string {
      const v = get(name);
      if (typeof v !== "string") throw new MalformedCallError(call, `"${name}" must be an account, got ${JSON.stringify(v)}`);
      try {
        if (v.startsWith("0x")) {
          if (fromHex(v).length !== 32) throw new Error("not 32 bytes");
          return v.toLowerCase();
        }
        return `0x${[...decodeAddress(v).publicKey].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
      } catch (e) {
        throw new MalformedCallError(call, `"${name}" is not an account: ${(e as Error).message}`);
      }
    },
    /** A rao amount (or other u64): a decimal string (or safe integer) in [0, u64::MAX]. */
    amount(name: string): bigint {
      return big(name, U64_MAX, "u64::MAX");
    },
    /** A u128 (an IP address): a decimal string in [0, u128::MAX]. */
    u128(name: string): bigint {
      return big(name, U128_MAX, "u128::MAX");
    },
    /** A u16 (netuid, uid, ...): a safe integer in [0, 65535]. */
    u16(name: string): number {
      return int(name, 65535);
    },
    u8(name: string): number {
      return int(name, 255);
    },
    u32(name: string): number {
      return int(name, 4_294_967_295);
    },
    /** An i16 (the sigmoid steepness). */
    i16(name: string): number {
      return int(name, 32767, -32768);
    },
    bool(name: string): boolean {
      const v = get(name);
      if (typeof v !== "boolean") throw new MalformedCallError(call, `"${name}" must be true or false, got ${JSON.stringify(v)}`);
      return v;
    },
    /** A 32-byte hash as 0x + 64 hex digits (lower-cased). */
    hash(name: string): string {
      const v = get(name);
      if (typeof v !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(v)) throw new MalformedCallError(call, `"${name}" must be a 32-byte hash as 0x + 64 hex digits, got ${JSON.stringify(v)}`);
      return v.toLowerCase();
    },
    /** A list of u16 values. */
    u16List(name: string): number[] {
      const v = get(name);
      if (!Array.isArray(v) || !v.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 65535)) {
        throw new MalformedCallError(call, `"${name}" must be a list of integers in [0, 65535]`);
      }
      return v as number[];
    },
    /** Rejects every argument that was not read: the call does not take it. */
    rejectUnread(): void {
      for (const k of Object.keys(args)) if (!read.has(k)) throw new MalformedCallError(call, `unknown argument "${k}"`);
    },
  };
}

export type ArgReader = Omit<ReturnType<typeof argReader>, "rejectUnread">;

/** Everything a call is defined by; `read` reads its arguments by name (see `defineCall`). */
export interface CallSpec<A> extends CallCost {
  name: string;
  read: (r: ArgReader) => A;
  dispatch: (ctx: DispatchContext, args: A) => void;
}

/**
 * A call whose decoder reads its arguments by name with `spec.read`; an argument it does not
 * read makes the call malformed. A spec without a weight or `pays` does not compile.
 */
export function defineCall<A>(spec: CallSpec<A>): CallDefinition<A> {
  const { name, weight, pays, read, dispatch } = spec;
  return {
    name,
    weight,
    pays,
    decode(args) {
      const r = argReader(name, args);
      const decoded = read(r);
      r.rejectUnread();
      return decoded;
    },
    dispatch,
  };
}

/** Definitions keyed by their names; a name defined twice is a bug in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function callGroup(...defs: readonly CallDefinition<any>[]): CallRegistry {
  const group: Record<string, CallDefinition<unknown>> = {};
  for (const d of defs) {
    if (Object.hasOwn(group, d.name)) throw new InvariantError(`call ${d.name} is defined twice`);
    group[d.name] = d;
  }
  return group;
}
