/**
 * `taoscope weights set | commit | reveal`, signed by the wallet's hotkey (weights pay no fee).
 * Weights are given as numbers on any scale and sent as u16 the way btcli's
 * `convert_weights_and_uids_for_emit` does: divided by the largest and scaled to 65535,
 * rounded; uids whose weight rounds to 0 are left out. A commit is subtensor's hash of
 * (hotkey, netuid, uids, values, salt, version_key) (lib/chain/runtime/weights.ts), so the
 * reveal must repeat the same uids, weights, salt and version key.
 */
import { weightsCommitHash } from "../../lib/chain/runtime/weights";
import { UsageError } from "../args";
import type { Context } from "../context";
import { submit } from "../submit";
import type { Command } from "./index";

const U16_MAX = 65535;

/** `--weights` as u16 values for `count` uids (the largest 65535). */
export function toU16Weights(ctx: Context, count: number): number[] {
  const w = ctx.opts.numberList("weights");
  if (w.length !== count) throw new UsageError(`--weights has ${w.length} values for ${count} ${ctx.opts.command.startsWith("root") ? "netuids" : "uids"}`);
  const max = Math.max(...w);
  if (!(max > 0)) throw new UsageError("--weights are all zero");
  return w.map((x) => Math.round((x / max) * U16_MAX));
}

/** The uids and their u16 weights, zero weights left out as btcli does. */
function uidsAndWeights(ctx: Context): { uids: number[]; values: number[] } {
  const uids = ctx.opts.intList("uids", 0, 65535);
  const values = toU16Weights(ctx, uids.length);
  const keep = values.map((v, i) => [uids[i]!, v] as const).filter(([, v]) => v > 0);
  return { uids: keep.map(([u]) => u), values: keep.map(([, v]) => v) };
}

const options = {
  netuid: { type: "string", description: "the subnet" },
  uids: { type: "string", aliases: ["dests"], description: "comma-separated uids" },
  weights: { type: "string", description: "comma-separated weights, one per uid (any scale)" },
  "version-key": { type: "string", aliases: ["version_key"], description: "the subnet's weights version key (default 0)" },
} as const;
const salt = { type: "string", description: "comma-separated u16 salt (commit: default 8 random values, printed; reveal: the commit's)" } as const;

function versionKey(ctx: Context): number {
  return ctx.opts.int("version-key", 0, Number.MAX_SAFE_INTEGER, 0);
}

export const weightsCommands: Record<string, Command> = {
  "weights set": {
    summary: "set the hotkey's weights on a subnet (SubtensorModule.set_weights)",
    options,
    async run(ctx) {
      const netuid = ctx.opts.int("netuid", 0, 65535);
      const { uids, values } = uidsAndWeights(ctx);
      const key = ctx.hotkey();
      return submit(ctx, key, { call: "SubtensorModule.set_weights", args: { netuid, dests: uids, weights: values, version_key: String(versionKey(ctx)) } }, `set weights of ${key.address} on subnet ${netuid}`);
    },
  },
  "weights commit": {
    summary: "commit the hash of the hotkey's weights on a commit-reveal subnet (SubtensorModule.commit_weights); keep the salt for the reveal",
    options: { ...options, salt },
    async run(ctx) {
      const netuid = ctx.opts.int("netuid", 0, 65535);
      const { uids, values } = uidsAndWeights(ctx);
      const s = ctx.opts.has("salt") ? ctx.opts.intList("salt", 0, 65535) : [...crypto.getRandomValues(new Uint16Array(8))];
      const key = ctx.hotkey();
      const vk = versionKey(ctx);
      const commitHash = weightsCommitHash(key.publicKeyHex, netuid, uids, values, s, BigInt(vk));
      if (!ctx.out.json) ctx.out.note(`salt ${s.join(",")}: reveal with --uids ${uids.join(",")} --weights ${values.join(",")} --salt ${s.join(",")}${vk ? ` --version-key ${vk}` : ""}`);
      const code = await submit(ctx, key, { call: "SubtensorModule.commit_weights", args: { netuid, commit_hash: commitHash } }, `commit weights ${commitHash} on subnet ${netuid}`);
      return code;
    },
  },
  "weights reveal": {
    summary: "reveal committed weights (SubtensorModule.reveal_weights) in the commit's reveal epoch",
    options: { ...options, salt },
    async run(ctx) {
      const netuid = ctx.opts.int("netuid", 0, 65535);
      const { uids, values } = uidsAndWeights(ctx);
      const s = ctx.opts.intList("salt", 0, 65535);
      const key = ctx.hotkey();
      return submit(ctx, key, { call: "SubtensorModule.reveal_weights", args: { netuid, uids, values, salt: s, version_key: String(versionKey(ctx)) } }, `reveal weights on subnet ${netuid}`);
    },
  },
};
