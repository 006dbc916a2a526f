/** `taoscope subnet create | list | show | metagraph`, `register` (burned), `root register | weights`. */
import type { HyperparamsDto, SubnetListItemDto } from "../../lib/dto-subnets";
import type { MetagraphDto } from "../../lib/dto";
import { UsageError } from "../args";
import { type Context, ss58, tao } from "../context";
import { fields, table } from "../output";
import { CommandFailed, submit } from "../submit";
import { toU16Weights } from "./weights";
import type { Command } from "./index";

const hotkey = { type: "string", aliases: ["hotkey-ss58", "hotkey-ss58-address"], description: "the hotkey: an SS58 address, 0x key or a hotkey name of the wallet (default --wallet.hotkey)" } as const;

/** The chain's era (dTAO or the 2024 rules): their calls differ. */
async function eraOf(ctx: Context, address: string): Promise<"dtao" | "seed2024"> {
  const a = await ctx.api.account(address);
  if (!a) throw new CommandFailed(`${address} is not on the chain (it holds no τ to pay the fee): fund it first`);
  return a.era;
}

export const subnetCommands: Record<string, Command> = {
  "subnet create": {
    summary: "register a new subnet owned by the coldkey, its owner hotkey the wallet's hotkey (SubtensorModule.register_network; the lock cost is burned from the coldkey)",
    options: { hotkey },
    async run(ctx) {
      const key = await ctx.coldkey();
      if ((await eraOf(ctx, key.address)) === "seed2024") return submit(ctx, key, { call: "SubtensorModule.register_network", args: {} }, "register a subnet");
      const hk = ctx.hotkeyAddress();
      return submit(ctx, key, { call: "SubtensorModule.register_network", args: { hotkey: hk.hex } }, `register a subnet with owner hotkey ${hk.ss58}`);
    },
  },
  "subnet list": {
    summary: "every subnet with its price, reserves, registration cost and uids",
    options: {},
    async run(ctx) {
      const subnets = await ctx.api.must<SubnetListItemDto[]>("/api/subnets", "the subnet list");
      ctx.out.result(subnets, () =>
        table(
          ["netuid", "owner", "uids", "tempo", "price τ/α", "τ reserve", "α reserve", "burn (register)", "emission/block"],
          subnets.map((s) => [s.netuid, s.ownerSs58 ?? "—", `${s.neuronCount}/${s.maxAllowedUids}`, s.tempo, s.price, tao(s.taoReserve), tao(s.alphaReserve, "α"), tao(s.burn), tao(s.emission.perBlock)]),
          [0, 2, 3, 4, 5, 6, 7, 8],
        ),
      );
      return 0;
    },
  },
  "subnet show": {
    summary: "one subnet's figures and hyperparameters",
    options: { netuid: { type: "string", description: "the subnet" } },
    async run(ctx) {
      const n = ctx.opts.int("netuid", 0, 65535);
      const [mg, hp] = await Promise.all([ctx.api.get<MetagraphDto>(`/api/subnets/${n}/metagraph`), ctx.api.get<HyperparamsDto>(`/api/subnets/${n}/hyperparams`)]);
      if (!mg || !hp) throw new CommandFailed(`subnet ${n} does not exist`);
      const s = mg.subnet;
      ctx.out.result({ subnet: { ...s, ownerSs58: s.owner ? ss58(s.owner) : null, ownerHotkeySs58: s.ownerHotkey ? ss58(s.ownerHotkey) : null }, hyperparameters: hp.params }, () => {
        const head = fields([
          ["netuid", s.netuid],
          ["owner", ss58(s.owner)],
          ["owner hotkey", ss58(s.ownerHotkey)],
          ["registered at", s.registeredAt],
          ["uids", `${s.neuronCount}/${s.maxAllowedUids}`],
          ["tempo", s.tempo ?? "—"],
          ["price", `${s.price} τ/α`],
          ["τ reserve", s.taoReserve ? tao(s.taoReserve) : "—"],
          ["α reserve", s.alphaReserve ? tao(s.alphaReserve, "α") : "—"],
          ["registration cost", s.burn ? tao(s.burn) : "—"],
        ]);
        return `${head}\n\n${table(["hyperparameter", "value", "unit"], hp.params.map((p) => [p.name, p.display, p.unit ?? ""]))}`;
      });
      return 0;
    },
  },
  "subnet metagraph": {
    summary: "a subnet's uids with stake, incentive, dividends, consensus, trust and emission",
    options: { netuid: { type: "string", description: "the subnet" } },
    async run(ctx) {
      const n = ctx.opts.int("netuid", 0, 65535);
      const mg = await ctx.api.get<MetagraphDto>(`/api/subnets/${n}/metagraph`);
      if (!mg) throw new CommandFailed(`subnet ${n} does not exist`);
      const u = (x: number) => (x / 65535).toFixed(5);
      // Keys in SS58 as btcli shows them (the API stores the 0x-hex form).
      const neurons = mg.neurons.map((x) => ({ ...x, hotkey: ss58(x.hotkey), coldkey: ss58(x.coldkey) }));
      ctx.out.result({ ...mg, neurons }, () =>
        table(
          ["uid", "hotkey", "coldkey", "stake", "incentive", "dividends", "consensus", "v-trust", "emission", "permit", "updated"],
          neurons.map((x) => [x.uid, x.hotkey, x.coldkey, tao(x.stake, ""), u(x.incentive), u(x.dividends), u(x.consensus), u(x.validatorTrust), tao(x.emission, ""), x.validatorPermit ? "yes" : "", x.lastUpdate]),
          [0, 3, 4, 5, 6, 7, 8, 10],
        ) + `\n\nblock ${mg.block}, ${mg.neurons.length} uids`,
      );
      return 0;
    },
  },
  register: {
    summary: "register the wallet's hotkey on a subnet, paying the burn from the coldkey (SubtensorModule.burned_register)",
    options: { netuid: { type: "string", description: "the subnet" }, hotkey },
    async run(ctx) {
      const n = ctx.opts.int("netuid", 1, 65535);
      const hk = ctx.hotkeyAddress();
      const key = await ctx.coldkey();
      return submit(ctx, key, { call: "SubtensorModule.burned_register", args: { netuid: n, hotkey: hk.hex } }, `register ${hk.ss58} on subnet ${n}`);
    },
  },
  "root register": {
    summary: "give the wallet's hotkey a root uid (SubtensorModule.root_register)",
    options: { hotkey },
    async run(ctx) {
      const hk = ctx.hotkeyAddress();
      const key = await ctx.coldkey();
      return submit(ctx, key, { call: "SubtensorModule.root_register", args: { hotkey: hk.hex } }, `root-register ${hk.ss58}`);
    },
  },
  "root weights": {
    summary: "set the root validator's weights on subnets (SubtensorModule.set_root_weights; the 2024 rules only: dTAO has no root weights)",
    options: {
      netuids: { type: "string", description: "comma-separated netuids" },
      weights: { type: "string", description: "comma-separated weights (any scale; normalised so the largest is 65535)" },
      hotkey,
      "version-key": { type: "string", aliases: ["version_key"], description: "the weights version key (default 0)" },
    },
    async run(ctx) {
      const netuids = ctx.opts.intList("netuids", 0, 65535);
      const weights = toU16Weights(ctx, netuids.length);
      const versionKey = ctx.opts.int("version-key", 0, Number.MAX_SAFE_INTEGER, 0);
      const hk = ctx.hotkeyAddress();
      const key = await ctx.coldkey();
      if ((await eraOf(ctx, key.address)) !== "seed2024") throw new UsageError("root weights exist only under the 2024 rules (TAOSCOPE_PRESET=seed2024): dynamic TAO removed set_root_weights; stake on root instead");
      return submit(ctx, key, { call: "SubtensorModule.set_root_weights", args: { netuid: 0, hotkey: hk.hex, dests: netuids, weights, version_key: String(versionKey) } }, `set root weights of ${hk.ss58}`);
    },
  },
};
