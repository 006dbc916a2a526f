/**
 * What every command starts from: the node, the output, the wallet the options name, and
 * readers for the values commands share (addresses, τ amounts, hotkeys), each failing with a
 * `UsageError` that names the option.
 */
import { formatRao } from "../components/format";
import type { Keypair } from "../lib/chain/keys/keypair";
import { encodeAddress, fromHex, parseAccountKey } from "../lib/chain/keys/ss58";
import { AmountError, parseTao } from "../lib/wallet/tao";
import { DEFAULT_HOTKEY, DEFAULT_WALLET, DEFAULT_WALLETS_DIR, Wallet } from "../lib/wallet/wallet";
import { DEFAULT_URL, NodeApi } from "./api";
import { Options, UsageError } from "./args";
import { createOutput, type Output } from "./output";
import { askPassword } from "./password";

export class Context {
  readonly api: NodeApi;
  readonly out: Output;
  readonly wallet: Wallet;
  readonly hotkeyName: string;
  readonly timeoutMs: number;
  constructor(readonly opts: Options) {
    this.api = new NodeApi(opts.string("network") ?? process.env.TAOSCOPE_URL ?? DEFAULT_URL);
    this.out = createOutput(opts.flag("json"));
    this.wallet = new Wallet(opts.string("wallets") ?? process.env.TAOSCOPE_WALLETS ?? DEFAULT_WALLETS_DIR, opts.string("wallet.name") ?? DEFAULT_WALLET);
    this.hotkeyName = opts.string("wallet.hotkey") ?? DEFAULT_HOTKEY;
    this.timeoutMs = opts.int("timeout", 1, 86_400, 120) * 1000;
  }

  /** The wallet's coldkey, unlocked with the password (asked, or TAOSCOPE_PASSWORD). */
  async coldkey(): Promise<Keypair> {
    const pub = this.wallet.coldkeyPub(); // says "wallet not found" before asking for a password
    return this.wallet.unlockColdkey(await askPassword(`the coldkey of wallet "${this.wallet.name}" (${pub.ss58Address})`));
  }

  /** The wallet's hotkey pair (`--wallet.hotkey`). */
  hotkey(): Keypair {
    this.wallet.coldkeyPub();
    return this.wallet.hotkey(this.hotkeyName);
  }

  /** An account option as { ss58, hex }: an SS58 address or 0x public key. */
  address(option: string, value = this.opts.required(option)): { ss58: string; hex: string } {
    const key = parseAccountKey(value);
    if ("error" in key) throw new UsageError(`--${option} ${key.error}, got ${JSON.stringify(value)}`);
    return key;
  }

  /**
   * A hotkey option: an SS58 address or 0x key, or the name of one of the wallet's hotkeys;
   * absent, the wallet's hotkey (`--wallet.hotkey`).
   */
  hotkeyAddress(option = "hotkey"): { ss58: string; hex: string } {
    const value = this.opts.string(option);
    if (value === undefined) {
      const k = this.hotkey();
      return { ss58: k.address, hex: k.publicKeyHex };
    }
    if (!value.startsWith("0x") && this.wallet.exists() && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value) && this.wallet.hasHotkey(value)) {
      const k = this.wallet.hotkey(value);
      return { ss58: k.address, hex: k.publicKeyHex };
    }
    return this.address(option, value);
  }

  /** A τ (or α) amount option in rao. */
  amount(option = "amount"): bigint {
    const value = this.opts.required(option);
    try {
      return parseTao(value);
    } catch (e) {
      if (e instanceof AmountError) throw new UsageError(`--${option}: ${e.message}`);
      throw e;
    }
  }
}

/** Rao as τ with 9 decimals, and the unit. */
export function tao(rao: string | bigint, unit = "τ"): string {
  return `${formatRao(rao.toString())} ${unit}`;
}

/** A key as people read it: 0x-hex public keys (as the API stores them) in SS58, anything else unchanged. */
export function ss58(key: string | null | undefined): string {
  if (!key) return "—";
  return /^0x[0-9a-f]{64}$/i.test(key) ? encodeAddress(fromHex(key.toLowerCase())) : key;
}
