/** `taoscope wallet new | new-hotkey | regen | regen-hotkey | list | balance | overview`. */
import { keypairFromUri, KeyUriError } from "../../lib/chain/keys/keypair";
import { isMnemonic, listWallets, newMnemonic } from "../../lib/wallet/wallet";
import { UsageError, type OptionSpecs } from "../args";
import { type Context, tao } from "../context";
import { fields, table } from "../output";
import { askNewPassword } from "../password";
import type { Command } from "./index";

const overwrite = { type: "boolean", description: "replace an existing key (its old secret is lost unless you kept it)" } as const;
const secretOptions: OptionSpecs = {
  mnemonic: { type: "string", description: "the BIP39 mnemonic (12 or 24 words, quoted)" },
  seed: { type: "string", description: "the 32-byte seed (mini secret) as 0x-hex" },
  uri: { type: "string", description: "a Substrate secret URI, e.g. //Alice (development accounts)" },
  overwrite,
};

/** The secret URI `--mnemonic`, `--seed` or `--uri` gives (exactly one), checked. */
function secretFrom(ctx: Context): string {
  const given = (["mnemonic", "seed", "uri"] as const).filter((o) => ctx.opts.has(o));
  if (given.length !== 1) throw new UsageError(given.length === 0 ? "give the key's secret with --mnemonic, --seed or --uri" : `give one of --mnemonic, --seed, --uri, not ${given.map((g) => `--${g}`).join(" and ")}`);
  const option = given[0]!;
  const value = ctx.opts.required(option).trim();
  if (option === "mnemonic" && !isMnemonic(value)) throw new UsageError("--mnemonic is not a valid BIP39 English mnemonic (check the words and their number: 12, 15, 18, 21 or 24)");
  if (option === "seed" && !/^0x[0-9a-fA-F]{64}$/.test(value)) throw new UsageError("--seed must be 0x and 64 hex digits (a 32-byte seed)");
  const uri = option === "mnemonic" ? value.split(/\s+/).join(" ") : value;
  try {
    keypairFromUri(uri);
  } catch (e) {
    if (e instanceof KeyUriError) throw new UsageError(`--${option}: ${e.message}`);
    throw e;
  }
  return uri;
}

function words(ctx: Context): number {
  const n = ctx.opts.int("n-words", 12, 24, 12);
  if (![12, 15, 18, 21, 24].includes(n)) throw new UsageError(`--n-words must be 12, 15, 18, 21 or 24, got ${n}`);
  return n;
}

export const walletCommands: Record<string, Command> = {
  "wallet new": {
    summary: "create a wallet: a new coldkey (password-encrypted) and hotkey, each from a new mnemonic shown once",
    options: { overwrite, "n-words": { type: "string", description: "mnemonic length: 12 (default), 15, 18, 21 or 24 words" } },
    async run(ctx) {
      const { wallet } = ctx;
      const overwriting = ctx.opts.flag("overwrite");
      if (!overwriting && wallet.exists()) throw new UsageError(`wallet "${wallet.name}" already exists (${wallet.dir}); pass --overwrite to replace it, or choose another --wallet.name`);
      const entropyBits = (words(ctx) / 3) * 32;
      const coldPhrase = newMnemonic(entropyBits);
      const hotPhrase = newMnemonic(entropyBits);
      const password = await askNewPassword(`the coldkey of wallet "${wallet.name}"`);
      const cold = wallet.writeColdkey(coldPhrase, password, { overwrite: overwriting });
      const hot = wallet.writeHotkey(ctx.hotkeyName, hotPhrase, { overwrite: overwriting });
      ctx.out.result(
        { wallet: wallet.name, path: wallet.dir, coldkey: { ss58Address: cold.address, publicKey: cold.publicKeyHex, mnemonic: coldPhrase }, hotkey: { name: ctx.hotkeyName, ss58Address: hot.address, publicKey: hot.publicKeyHex, mnemonic: hotPhrase } },
        () =>
          `${fields([
            ["wallet", `${wallet.name} (${wallet.dir})`],
            ["coldkey", cold.address],
            [`hotkey ${ctx.hotkeyName}`, hot.address],
          ])}\n\nWrite these mnemonics down now; they are shown only this once and are the only way to regenerate the keys:\n  coldkey: ${coldPhrase}\n  hotkey:  ${hotPhrase}`,
      );
      return 0;
    },
  },
  "wallet new-hotkey": {
    summary: "add a hotkey (a new mnemonic, shown once) to an existing wallet",
    options: { overwrite, "n-words": { type: "string", description: "mnemonic length (default 12)" } },
    async run(ctx) {
      ctx.wallet.coldkeyPub();
      const phrase = newMnemonic((words(ctx) / 3) * 32);
      const hot = ctx.wallet.writeHotkey(ctx.hotkeyName, phrase, { overwrite: ctx.opts.flag("overwrite") });
      ctx.out.result({ wallet: ctx.wallet.name, hotkey: { name: ctx.hotkeyName, ss58Address: hot.address, publicKey: hot.publicKeyHex, mnemonic: phrase } }, () => `hotkey ${ctx.hotkeyName}: ${hot.address}\n\nWrite this mnemonic down now; it is shown only this once:\n  ${phrase}`);
      return 0;
    },
  },
  "wallet regen": {
    summary: "regenerate a wallet's coldkey from its mnemonic, seed or secret URI (re-encrypted with a new password)",
    options: secretOptions,
    async run(ctx) {
      const uri = secretFrom(ctx);
      const overwriting = ctx.opts.flag("overwrite");
      if (!overwriting && ctx.wallet.exists()) throw new UsageError(`wallet "${ctx.wallet.name}" already has a coldkey (${ctx.wallet.dir}); pass --overwrite to replace it`);
      const password = await askNewPassword(`the coldkey of wallet "${ctx.wallet.name}"`);
      const cold = ctx.wallet.writeColdkey(uri, password, { overwrite: overwriting });
      ctx.out.result({ wallet: ctx.wallet.name, path: ctx.wallet.dir, coldkey: { ss58Address: cold.address, publicKey: cold.publicKeyHex } }, () => `wallet ${ctx.wallet.name}: coldkey ${cold.address}`);
      return 0;
    },
  },
  "wallet regen-hotkey": {
    summary: "regenerate a hotkey of a wallet from its mnemonic, seed or secret URI",
    options: secretOptions,
    async run(ctx) {
      const uri = secretFrom(ctx);
      ctx.wallet.coldkeyPub();
      const hot = ctx.wallet.writeHotkey(ctx.hotkeyName, uri, { overwrite: ctx.opts.flag("overwrite") });
      ctx.out.result({ wallet: ctx.wallet.name, hotkey: { name: ctx.hotkeyName, ss58Address: hot.address, publicKey: hot.publicKeyHex } }, () => `wallet ${ctx.wallet.name}: hotkey ${ctx.hotkeyName} ${hot.address}`);
      return 0;
    },
  },
  "wallet list": {
    summary: "the wallets in the wallets folder, with their coldkeys and hotkeys",
    options: {},
    async run(ctx) {
      const wallets = listWallets(ctx.wallet.root).map((w) => ({ name: w.name, coldkey: w.coldkeyPub().ss58Address, hotkeys: w.hotkeys().map((h) => ({ name: h, ss58Address: w.hotkeyFile(h).ss58Address })) }));
      ctx.out.result({ path: ctx.wallet.root, wallets }, () =>
        wallets.length === 0
          ? `no wallets in ${ctx.wallet.root} (taoscope wallet new creates one)`
          : table(
              ["wallet", "key", "address"],
              wallets.flatMap((w) => [[w.name, "coldkey", w.coldkey], ...w.hotkeys.map((h) => ["", `hotkey ${h.name}`, h.ss58Address])]),
            ),
      );
      return 0;
    },
  },
  "wallet balance": {
    summary: "free, staked and total τ of the wallet's coldkey (or --ss58 address; --all for every wallet)",
    options: { ss58: { type: "string", aliases: ["ss58-address"], description: "an address instead of the wallet" }, all: { type: "boolean", description: "every wallet in the folder" } },
    async run(ctx) {
      const targets = ctx.opts.has("ss58")
        ? [{ name: "", address: ctx.address("ss58").ss58 }]
        : (ctx.opts.flag("all") ? listWallets(ctx.wallet.root) : [ctx.wallet]).map((w) => ({ name: w.name, address: w.coldkeyPub().ss58Address }));
      const rows = await Promise.all(
        targets.map(async (t) => {
          const a = await ctx.api.account(t.address);
          return { wallet: t.name, address: t.address, free: a?.coldkey.free ?? "0", staked: a?.coldkey.staked ?? "0", total: a?.coldkey.total ?? "0" };
        }),
      );
      ctx.out.result(rows.length === 1 ? rows[0] : rows, () =>
        table(
          ["wallet", "coldkey", "free", "staked", "total"],
          rows.map((r) => [r.wallet, r.address, tao(r.free), tao(r.staked), tao(r.total)]),
          [2, 3, 4],
        ),
      );
      return 0;
    },
  },
  "wallet overview": {
    summary: "the wallet's coldkey balance, stake positions, and each hotkey's uids",
    options: {},
    async run(ctx) {
      const cold = ctx.wallet.coldkeyPub();
      const account = await ctx.api.account(cold.ss58Address);
      const hotkeys = await Promise.all(
        ctx.wallet.hotkeys().map(async (name) => {
          const f = ctx.wallet.hotkeyFile(name);
          const a = await ctx.api.account(f.ss58Address);
          return { name, ss58Address: f.ss58Address, take: a?.hotkey?.take ?? null, totalStake: a?.hotkey?.totalStake ?? "0", neurons: a?.hotkey?.neurons ?? [] };
        }),
      );
      const data = { wallet: ctx.wallet.name, coldkey: cold.ss58Address, free: account?.coldkey.free ?? "0", staked: account?.coldkey.staked ?? "0", total: account?.coldkey.total ?? "0", positions: account?.coldkey.positions ?? [], hotkeys };
      ctx.out.result(data, () => {
        const head = fields([
          ["wallet", ctx.wallet.name],
          ["coldkey", cold.ss58Address],
          ["free", tao(data.free)],
          ["staked", tao(data.staked)],
          ["total", tao(data.total)],
        ]);
        const positions = table(
          ["netuid", "hotkey", "stake", "value"],
          data.positions.map((p) => [p.netuid, p.hotkey.ss58, tao(p.amount, p.unit), tao(p.value)]),
          [0, 2, 3],
        );
        const uids = table(
          ["hotkey", "address", "netuid", "uid", "stake", "permit", "incentive", "dividends"],
          hotkeys.flatMap((h) => (h.neurons.length === 0 ? [[h.name, h.ss58Address, "—", "—", "", "", "", ""]] : h.neurons.map((n) => [h.name, h.ss58Address, n.netuid, n.uid, tao(n.stake, n.stakeUnit), n.validatorPermit ? "yes" : "no", (n.incentive / 65535).toFixed(5), (n.dividends / 65535).toFixed(5)]))),
        );
        return `${head}\n\nStake\n${positions}\n\nHotkeys\n${uids}`;
      });
      return 0;
    },
  },
};
