/**
 * `taoscope take set` (the delegate take: increase_take or decrease_take, whichever moves it
 * to the value asked) and `taoscope sudo set HYPERPARAM` (AdminUtils.sudo_set_*, signed by the
 * subnet owner's coldkey or the chain's sudo key; the call, origin and arguments come from
 * lib/chain/runtime/admin.ts's HYPERPARAMETER_SETTERS).
 */
import { type ArgKind, HYPERPARAMETER_SETTERS } from "../../lib/chain/runtime/admin";
import type { ArgValue } from "../../lib/chain/runtime/extrinsic";
import { UsageError } from "../args";
import { submit } from "../submit";
import type { Command } from "./index";

/** A command-line value as the setter's argument kind reads it, or a UsageError naming the hyperparameter. */
function argValue(param: string, kind: ArgKind, text: string): ArgValue {
  const intIn = (min: number, max: number) => {
    if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--value for ${param} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
    return Number(text);
  };
  switch (kind) {
    case "bool":
      if (!/^(true|false|1|0|on|off)$/i.test(text)) throw new UsageError(`--value for ${param} must be true or false, got ${JSON.stringify(text)}`);
      return /^(true|1|on)$/i.test(text);
    case "u8":
      return intIn(0, 255);
    case "u16":
      return intIn(0, 65535);
    case "u32":
      return intIn(0, 4_294_967_295);
    case "i16":
      return intIn(-32768, 32767);
    case "amount":
    case "u128":
      if (!/^\d+$/.test(text)) throw new UsageError(`--value for ${param} must be a non-negative integer (rao for amounts), got ${JSON.stringify(text)}`);
      return text;
    default:
      throw new UsageError(`${param} takes a ${kind}, which the CLI does not set`);
  }
}

export const adminCommands: Record<string, Command> = {
  "take set": {
    summary: "set the hotkey's delegate take (SubtensorModule.increase_take or decrease_take), signed by its coldkey",
    options: {
      take: { type: "string", description: "the take as a fraction, e.g. 0.09 (stored in u16 parts of 65535, rounded)" },
      hotkey: { type: "string", aliases: ["hotkey-ss58", "hotkey-ss58-address"], description: "the hotkey (default --wallet.hotkey)" },
    },
    async run(ctx) {
      const text = ctx.opts.required("take");
      if (!/^(0(\.\d+)?|\.\d+|1(\.0*)?)$/.test(text)) throw new UsageError(`--take must be a fraction in [0, 1], such as 0.09, got ${JSON.stringify(text)}`);
      const take = Math.round(Number(text) * 65535);
      const hk = ctx.hotkeyAddress();
      const current = (await ctx.api.account(hk.ss58))?.hotkey?.take;
      if (current === undefined || current === null) throw new UsageError(`${hk.ss58} has no delegate take to change (it is no delegate on this chain)`);
      if (current === take) throw new UsageError(`the take of ${hk.ss58} is already ${take}/65535`);
      const key = await ctx.coldkey();
      const call = take > current ? "SubtensorModule.increase_take" : "SubtensorModule.decrease_take";
      return submit(ctx, key, { call, args: { hotkey: hk.hex, take } }, `take of ${hk.ss58}: ${current} → ${take} (/65535)`);
    },
  },
  "sudo set": {
    summary: `set a subnet hyperparameter (AdminUtils.sudo_set_HYPERPARAM) as the subnet owner or the sudo key: ${Object.keys(HYPERPARAMETER_SETTERS).join(", ")}`,
    options: {
      netuid: { type: "string", description: "the subnet" },
      param: { type: "string", description: "the hyperparameter (or give it after `sudo set`)" },
      value: { type: "string", description: "the value (comma-separated for alpha_values: low,high)" },
    },
    async run(ctx) {
      const param = ctx.opts.string("param") ?? ctx.opts.parsed.positionals[0];
      if (!param) throw new UsageError(`taoscope sudo set needs the hyperparameter: one of ${Object.keys(HYPERPARAMETER_SETTERS).join(", ")}`);
      const setter = HYPERPARAMETER_SETTERS[param];
      if (!setter) throw new UsageError(`unknown hyperparameter ${JSON.stringify(param)}: one of ${Object.keys(HYPERPARAMETER_SETTERS).join(", ")}`);
      const netuid = ctx.opts.int("netuid", 0, 65535);
      const texts = ctx.opts.required("value").split(",").map((v) => v.trim());
      if (texts.length !== setter.args.length) throw new UsageError(`${param} takes ${setter.args.length} value${setter.args.length > 1 ? "s" : ""} (${setter.args.map((a) => a.name).join(", ")}), got ${texts.length}`);
      const args: Record<string, ArgValue> = { netuid };
      setter.args.forEach((a, i) => (args[a.name] = argValue(param, a.kind, texts[i]!)));
      const key = await ctx.coldkey();
      return submit(ctx, key, { call: setter.call, args }, `set ${param} of subnet ${netuid} to ${texts.join(",")} (${setter.origin === "root" ? "sudo key only" : "owner or sudo key"})`);
    },
  },
};
