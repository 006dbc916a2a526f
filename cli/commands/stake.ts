/** `taoscope transfer` and `taoscope stake add | remove | move | list`. */
import { UsageError } from "../args";
import { tao } from "../context";
import { submit } from "../submit";
import { table } from "../output";
import type { Command } from "./index";

const netuid = { type: "string", description: "the subnet" } as const;
const hotkey = { type: "string", aliases: ["hotkey-ss58", "hotkey-ss58-address", "include-hotkeys"], description: "the hotkey: an SS58 address, 0x key or a hotkey name of the wallet (default --wallet.hotkey)" } as const;

export const stakeCommands: Record<string, Command> = {
  transfer: {
    summary: "send τ from the wallet's coldkey (Balances.transfer_keep_alive; --allow-death: transfer_allow_death)",
    options: {
      dest: { type: "string", aliases: ["destination"], description: "the receiving address (SS58 or 0x key)" },
      amount: { type: "string", description: "τ to send (decimal, at most 9 places)" },
      "allow-death": { type: "boolean", description: "allow the sender to fall below the existential deposit (its account is then reaped)" },
    },
    async run(ctx) {
      const dest = ctx.address("dest");
      const value = ctx.amount();
      const key = await ctx.coldkey();
      const call = ctx.opts.flag("allow-death") ? "Balances.transfer_allow_death" : "Balances.transfer_keep_alive";
      return submit(ctx, key, { call, args: { dest: dest.hex, value: value.toString() } }, `transfer ${tao(value)} to ${dest.ss58}`);
    },
  },
  "stake add": {
    summary: "stake τ from the coldkey on a hotkey on a subnet (SubtensorModule.add_stake)",
    options: { netuid, hotkey, amount: { type: "string", description: "τ to stake" } },
    async run(ctx) {
      const n = ctx.opts.int("netuid", 0, 65535);
      const hk = ctx.hotkeyAddress();
      const amount = ctx.amount();
      const key = await ctx.coldkey();
      return submit(ctx, key, { call: "SubtensorModule.add_stake", args: { hotkey: hk.hex, netuid: n, amount_staked: amount.toString() } }, `stake ${tao(amount)} on ${hk.ss58} (subnet ${n})`);
    },
  },
  "stake remove": {
    summary: "unstake α (τ on root) from a hotkey on a subnet (SubtensorModule.remove_stake; --all: unstake_all from every subnet)",
    options: { netuid, hotkey, amount: { type: "string", description: "α (τ on the root network) to unstake" }, all: { type: "boolean", aliases: ["unstake-all"], description: "unstake everything from the hotkey on every subnet" } },
    async run(ctx) {
      const hk = ctx.hotkeyAddress();
      if (ctx.opts.flag("all")) {
        if (ctx.opts.has("amount") || ctx.opts.has("netuid")) throw new UsageError("--all unstakes everything from the hotkey: give no --amount or --netuid with it");
        const key = await ctx.coldkey();
        return submit(ctx, key, { call: "SubtensorModule.unstake_all", args: { hotkey: hk.hex } }, `unstake all from ${hk.ss58}`);
      }
      const n = ctx.opts.int("netuid", 0, 65535);
      const amount = ctx.amount();
      const key = await ctx.coldkey();
      return submit(ctx, key, { call: "SubtensorModule.remove_stake", args: { hotkey: hk.hex, netuid: n, amount_unstaked: amount.toString() } }, `unstake ${tao(amount, n === 0 ? "τ" : "α")} from ${hk.ss58} (subnet ${n})`);
    },
  },
  "stake move": {
    summary: "move α from one hotkey and subnet to another (SubtensorModule.move_stake)",
    options: {
      "origin-netuid": { type: "string", description: "the subnet the stake is on" },
      "dest-netuid": { type: "string", aliases: ["destination-netuid"], description: "the subnet to move it to" },
      hotkey: { ...hotkey, aliases: ["origin-hotkey", ...hotkey.aliases], description: "the hotkey the stake is on (default --wallet.hotkey)" },
      dest: { type: "string", aliases: ["dest-hotkey", "destination-hotkey"], description: "the hotkey to move it to (SS58, 0x key or a hotkey name of the wallet)" },
      amount: { type: "string", description: "α to move" },
    },
    async run(ctx) {
      const from = ctx.opts.int("origin-netuid", 0, 65535);
      const to = ctx.opts.int("dest-netuid", 0, 65535);
      const origin = ctx.hotkeyAddress("hotkey");
      const dest = ctx.opts.has("dest") ? ctx.hotkeyAddress("dest") : origin;
      const amount = ctx.amount();
      const key = await ctx.coldkey();
      return submit(
        ctx,
        key,
        { call: "SubtensorModule.move_stake", args: { origin_hotkey: origin.hex, destination_hotkey: dest.hex, origin_netuid: from, destination_netuid: to, alpha_amount: amount.toString() } },
        `move ${tao(amount, "α")} from ${origin.ss58} (subnet ${from}) to ${dest.ss58} (subnet ${to})`,
      );
    },
  },
  "stake list": {
    summary: "the coldkey's stake positions (--ss58 for another address)",
    options: { ss58: { type: "string", aliases: ["ss58-address"], description: "an address instead of the wallet's coldkey" } },
    async run(ctx) {
      const address = ctx.opts.has("ss58") ? ctx.address("ss58").ss58 : ctx.wallet.coldkeyPub().ss58Address;
      const a = await ctx.api.account(address);
      const positions = a?.coldkey.positions ?? [];
      ctx.out.result({ coldkey: address, staked: a?.coldkey.staked ?? "0", positions }, () =>
        positions.length === 0
          ? `${address} holds no stake`
          : table(
              ["netuid", "hotkey", "stake", "value"],
              positions.map((p) => [p.netuid, p.hotkey.ss58, tao(p.amount, p.unit), tao(p.value)]),
              [0, 2, 3],
            ) + `\n\ntotal value ${tao(a!.coldkey.staked)}`,
      );
      return 0;
    },
  },
};
