/**
 * Dispatch error codes: one `as const` list (lib/chain/errors.ts) that the type system holds
 * every `new DispatchError(...)` to. Here, at run time: the list names each code once, and every
 * call that fails on each preset fails with a code in it (the code stored with the extrinsic and
 * in its `System.ExtrinsicFailed` event). The chains run the synthetic traffic and, beside it,
 * stray calls: every call of the preset's registry signed by a random key of the network with
 * random arguments of the right shapes (amounts past balances, unknown subnets, duplicate uids,
 * other owners' subnets...), so that many of the ways a call can fail are reached.
 */
import { describe, expect, it } from "vitest";
import { DISPATCH_ERRORS, DispatchError, type DispatchErrorCode, type PalletError } from "@/lib/chain/errors";
import type { Keypair } from "@/lib/chain/keys/keypair";
import type { Rng } from "@/lib/chain/rng";
import { HYPERPARAMETER_SETTERS } from "@/lib/chain/runtime/admin";
import { callNames } from "@/lib/chain/runtime/block";
import type { ChainEventOf } from "@/lib/chain/runtime/events";
import { type CallArgs, type SignedExtrinsic, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState, PresetName } from "@/lib/chain/runtime/state";
import { TAO } from "../helpers/chain-driver";
import { trafficChain } from "../helpers/traffic";

const PALLETS = ["AdminUtils", "Balances", "SubtensorModule", "Swap"];

describe("dispatch error codes", () => {
  it("lists each code once, each as Pallet.Name (or Substrate's own BadOrigin)", () => {
    expect(new Set(DISPATCH_ERRORS).size).toBe(DISPATCH_ERRORS.length);
    for (const code of DISPATCH_ERRORS) {
      if (code === "BadOrigin") continue;
      const [pallet, name, ...rest] = code.split(".");
      expect(PALLETS, code).toContain(pallet);
      expect(name, code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rest, code).toEqual([]);
    }
  });

  it("does not compile a code outside the list", () => {
    // @ts-expect-error: misspelt
    expect(new DispatchError("Balances.InsuficientBalance").code).toBe("Balances.InsuficientBalance");
    // @ts-expect-error: a real name under the wrong pallet
    const wrongPallet: PalletError<"Balances"> = "AmountTooLow";
    const name: PalletError<"SubtensorModule"> = "AmountTooLow";
    expect([wrongPallet, name]).toEqual(["AmountTooLow", "AmountTooLow"]);
  });

  for (const preset of ["test", "seed2024"] as const) {
    it(`${preset}: every call that fails amid the traffic and stray calls fails with a listed code`, () => {
      const failures = traffic(preset, 11, 150);
      const codes = new Set(failures.map((f) => f.code));
      expect(failures.length, "the traffic makes calls fail").toBeGreaterThan(50);
      for (const f of failures) {
        expect(DISPATCH_ERRORS, `${f.call}: ${f.code}`).toContain(f.code);
        expect(f.event, `${f.call}: the ExtrinsicFailed event carries the code`).toBe(f.code);
      }
      expect(codes.size, [...codes].join(", ")).toBeGreaterThanOrEqual(preset === "seed2024" ? 20 : 15);
    });
  }
});

/** The preset's traffic network, `blocks` blocks of its traffic with three stray calls each; the calls that failed. */
function traffic(preset: PresetName, seed: number, blocks: number): { call: string; code: DispatchErrorCode | null; event: unknown }[] {
  const chain = trafficChain(preset, seed, "dispatch-errors");
  const failures: { call: string; code: DispatchErrorCode | null; event: unknown }[] = [];
  const calls = callNames(preset);
  for (let b = 1; b <= blocks; b++) {
    const { block, rejected, planned } = chain.block((queued) => {
      const strays: SignedExtrinsic[] = [];
      for (let k = 0; k < 3; k++) strays.push(stray(chain.rng, chain.state, chain.keys, [...queued, ...strays], calls));
      return strays;
    });
    // The traffic is never refused; a stray call may be (malformed for its call, or no fee to pay).
    expect(rejected.filter((r) => planned.includes(r.ext)).map((r) => r.reason.message)).toEqual([]);
    block.extrinsics.forEach((x, index) => {
      if (x.success) return;
      const failed = block.events.find((e): e is ChainEventOf<"System.ExtrinsicFailed"> => e.name === "System.ExtrinsicFailed" && e.phase.kind === "ApplyExtrinsic" && e.phase.index === index);
      failures.push({ call: x.ext.call, code: x.error, event: failed?.data.error });
    });
  }
  return failures;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;
const hash = (rng: Rng) => `0x${Array.from({ length: 32 }, () => rng.int(256).toString(16).padStart(2, "0")).join("")}`;
const u16s = (rng: Rng, n: number) => Array.from({ length: n }, () => pick(rng, [0, 1, 1000, 30_000, 65_535]));

/** A value for an argument, by its name (the names the calls read; see the call definitions). */
function argument(rng: Rng, name: string, uids: number[], keys: readonly Keypair[]): unknown {
  if (/hotkey|coldkey|^dest$/.test(name)) return pick(rng, keys).publicKeyHex;
  if (/netuid/.test(name)) return rng.int(4);
  if (/^(value|amount_staked|amount_unstaked|alpha_amount)$/.test(name)) return pick(rng, ["0", "1", "600000000", String(3n * TAO), String(100_000n * TAO)]);
  if (name === "limit_price") return pick(rng, ["1", String(TAO), String(10n ** 15n)]);
  if (name === "take") return pick(rng, [0, 100, 11_000, 11_796, 65_535]);
  if (name === "dests" || name === "uids") return uids;
  if (name === "weights" || name === "values") return u16s(rng, rng.int(3) === 0 ? uids.length + 1 : uids.length);
  if (name === "salt") return [1, 2];
  if (name === "version_key") return pick(rng, ["0", "1"]);
  if (name === "commit_hash" || name === "work") return hash(rng);
  if (name === "ip") return pick(rng, ["0", String((10 << 24) | 7), String(2n ** 100n)]);
  if (name === "ip_type") return pick(rng, [4, 6, 5]);
  if (name === "port") return pick(rng, [0, 8091]);
  if (name === "block_number" || name === "nonce") return pick(rng, ["0", "1"]);
  return rng.int(3); // version, protocol, placeholder1, placeholder2
}

/** An AdminUtils value argument, by its kind. */
function adminValue(rng: Rng, kind: string): unknown {
  switch (kind) {
    case "bool":
      return rng.int(2) === 0;
    case "amount":
      return pick(rng, ["0", "5", "900000", "1000000000000"]);
    case "i16":
      return pick(rng, [-5, 0, 500]);
    default:
      return pick(rng, [0, 1, 3, 12, 1638, 40_000, 65_535]);
  }
}

/** One stray call for the block after `state`, signed by a random key with its next nonce after `queued`. */
function stray(rng: Rng, state: ChainState, keys: readonly Keypair[], queued: readonly SignedExtrinsic[], calls: readonly string[]): SignedExtrinsic {
  const call = pick(rng, calls);
  const signer = pick(rng, keys);
  const uids = Array.from({ length: 1 + rng.int(3) }, () => rng.int(8));
  let args: CallArgs;
  const setter = Object.values(HYPERPARAMETER_SETTERS).find((x) => x.call === call);
  if (setter) args = Object.fromEntries([["netuid", rng.int(4)], ...setter.args.map((a) => [a.name, adminValue(rng, a.kind)])]) as CallArgs;
  else args = Object.fromEntries(((state.preset === "seed2024" ? ARGS_2024[call] : undefined) ?? ARGS[call]!).map((name) => [name, argument(rng, name, uids, keys)])) as CallArgs;
  const nonce = (state.accounts.get(signer.publicKeyHex)?.nonce ?? 0) + queued.filter((x) => x.signer === signer.publicKeyHex).length;
  return signExtrinsic(signer, { call, args }, nonce, state.genesisHash, new Uint8Array(32));
}

/** The arguments each non-admin call reads, on either registry. */
const ARGS: Record<string, string[]> = {
  "Balances.transfer_keep_alive": ["dest", "value"],
  "Balances.transfer_allow_death": ["dest", "value"],
  "SubtensorModule.register_network": ["hotkey"],
  "SubtensorModule.burned_register": ["netuid", "hotkey"],
  "SubtensorModule.root_register": ["hotkey"],
  "SubtensorModule.start_call": ["netuid"],
  "SubtensorModule.add_stake": ["hotkey", "netuid", "amount_staked"],
  "SubtensorModule.remove_stake": ["hotkey", "netuid", "amount_unstaked"],
  "SubtensorModule.add_stake_limit": ["hotkey", "netuid", "amount_staked", "limit_price", "allow_partial"],
  "SubtensorModule.remove_stake_limit": ["hotkey", "netuid", "amount_unstaked", "limit_price", "allow_partial"],
  "SubtensorModule.move_stake": ["origin_hotkey", "destination_hotkey", "origin_netuid", "destination_netuid", "alpha_amount"],
  "SubtensorModule.unstake_all": ["hotkey"],
  "SubtensorModule.increase_take": ["hotkey", "take"],
  "SubtensorModule.decrease_take": ["hotkey", "take"],
  "SubtensorModule.set_weights": ["netuid", "dests", "weights", "version_key"],
  "SubtensorModule.commit_weights": ["netuid", "commit_hash"],
  "SubtensorModule.reveal_weights": ["netuid", "uids", "values", "salt", "version_key"],
  "SubtensorModule.serve_axon": ["netuid", "version", "ip", "port", "ip_type", "protocol", "placeholder1", "placeholder2"],
  "SubtensorModule.become_delegate": ["hotkey"],
  "SubtensorModule.set_root_weights": ["netuid", "hotkey", "dests", "weights", "version_key"],
  "SubtensorModule.register": ["netuid", "block_number", "nonce", "work", "hotkey", "coldkey"],
};
/** Where v1.1.3's call of the same name reads other arguments. */
const ARGS_2024: Record<string, string[]> = {
  "SubtensorModule.add_stake": ["hotkey", "amount_staked"],
  "SubtensorModule.remove_stake": ["hotkey", "amount_unstaked"],
  "SubtensorModule.register_network": [],
};
