/**
 * Wallets on disk, laid out as btcli lays them out:
 *
 *     <wallets>/<name>/coldkey          the coldkey's secret, password-encrypted (keystore.ts)
 *     <wallets>/<name>/coldkeypub.txt   { accountId, publicKey, ss58Address } in the clear
 *     <wallets>/<name>/hotkeys/<hotkey> { accountId, publicKey, secretPhrase, secretUri, ss58Address } in the clear
 *
 * (btcli keeps hotkeys unencrypted too: a validator's or miner's process signs with them
 * unattended.) Every file is written to a temporary name in its folder with mode 0600 and
 * renamed into place, so a crash leaves the old file or the new one, never half of one; an
 * existing key is never replaced unless the caller says `overwrite`.
 *
 * What a key file keeps is its Substrate secret URI: a mnemonic, a `0x` seed, or a dev URI such
 * as `//Alice`, from which lib/chain/keys derives the sr25519 pair.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateMnemonic, validateMnemonic } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { type Keypair, keypairFromUri } from "../chain/keys/keypair";
import { decryptSecret, encryptSecret, parseKeystore, SCRYPT_DEFAULTS } from "./keystore";

export const DEFAULT_WALLETS_DIR = path.join(os.homedir(), ".taoscope", "wallets");
export const DEFAULT_WALLET = "default";
export const DEFAULT_HOTKEY = "default";

/** A wallet or key that should exist does not, or one that should not does (named, with its path). */
export class WalletError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WalletError";
  }
}

export interface PublicKeyFile {
  accountId: string;
  publicKey: string;
  ss58Address: string;
}
export interface HotkeyFile extends PublicKeyFile {
  secretPhrase: string | null;
  secretUri: string;
}

/** A wallet and key name is a plain file name: letters, digits, `-`, `_`, `.` (no path tricks). */
export function checkName(what: string, name: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/.test(name)) throw new WalletError(`${what} ${JSON.stringify(name)} is not a valid name: use letters, digits, "-", "_" and "." (at most 64, not starting with ".")`);
  return name;
}

/** A new BIP39 mnemonic: 128 bits of entropy (12 words, btcli's default) from crypto.getRandomValues. */
export function newMnemonic(entropyBits = 128): string {
  return generateMnemonic(wordlist, entropyBits);
}

export function isMnemonic(phrase: string): boolean {
  return validateMnemonic(phrase.trim().split(/\s+/).join(" "), wordlist);
}

function publicFile(key: Keypair): PublicKeyFile {
  return { accountId: key.publicKeyHex, publicKey: key.publicKeyHex, ss58Address: key.address };
}

/** Write `text` to `file` atomically with mode 0600: a temporary file in the same folder, fsynced, then renamed. */
export function writeFileAtomic(file: string, text: string, overwrite: boolean): void {
  if (!overwrite && fs.existsSync(file)) throw new WalletError(`${file} exists; pass --overwrite to replace it`);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (!overwrite) {
      // link fails if the name appeared meanwhile: no race replaces a key someone just wrote.
      fs.linkSync(tmp, file);
      fs.unlinkSync(tmp);
    } else fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new WalletError(`${file} exists; pass --overwrite to replace it`);
    throw e;
  }
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new WalletError(`${what} not found: ${file} does not exist`);
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WalletError(`${what} ${file} is not JSON`);
  }
}

/** One wallet folder. Nothing is read until asked for. */
export class Wallet {
  readonly dir: string;
  constructor(
    readonly root: string,
    readonly name: string,
  ) {
    this.dir = path.join(root, checkName("wallet name", name));
  }
  get coldkeyPath(): string {
    return path.join(this.dir, "coldkey");
  }
  get coldkeypubPath(): string {
    return path.join(this.dir, "coldkeypub.txt");
  }
  hotkeyPath(hotkey: string): string {
    return path.join(this.dir, "hotkeys", checkName("hotkey name", hotkey));
  }
  exists(): boolean {
    return fs.existsSync(this.coldkeypubPath) || fs.existsSync(this.coldkeyPath);
  }
  hasHotkey(hotkey: string): boolean {
    return fs.existsSync(this.hotkeyPath(hotkey));
  }

  /** Encrypt and store the coldkey of `secretUri` (and its public file). */
  writeColdkey(secretUri: string, password: string, opts: { overwrite: boolean; scrypt?: { N: number; r: number; p: number } }): Keypair {
    const key = keypairFromUri(secretUri);
    if (!opts.overwrite && this.exists()) throw new WalletError(`wallet ${JSON.stringify(this.name)} already has a coldkey (${this.dir}); pass --overwrite to replace it`);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = encryptSecret(JSON.stringify({ secretUri }), password, { publicKey: key.publicKeyHex, ss58Address: key.address }, opts.scrypt ?? SCRYPT_DEFAULTS);
    writeFileAtomic(this.coldkeyPath, `${JSON.stringify(file, null, 2)}\n`, opts.overwrite);
    writeFileAtomic(this.coldkeypubPath, `${JSON.stringify(publicFile(key))}\n`, opts.overwrite);
    return key;
  }

  /** Store the hotkey `name` of `secretUri` in the clear. */
  writeHotkey(hotkey: string, secretUri: string, opts: { overwrite: boolean }): Keypair {
    const key = keypairFromUri(secretUri);
    const file = this.hotkeyPath(hotkey);
    if (!opts.overwrite && fs.existsSync(file)) throw new WalletError(`wallet ${JSON.stringify(this.name)} already has hotkey ${JSON.stringify(hotkey)} (${file}); pass --overwrite to replace it`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const body: HotkeyFile = { ...publicFile(key), secretPhrase: isMnemonic(secretUri) ? secretUri : null, secretUri };
    writeFileAtomic(file, `${JSON.stringify(body)}\n`, opts.overwrite);
    return key;
  }

  /** The coldkey's public half, needing no password. */
  coldkeyPub(): PublicKeyFile {
    if (!this.exists()) throw new WalletError(`wallet ${JSON.stringify(this.name)} not found: no ${this.coldkeypubPath}`);
    const pub = readJson(this.coldkeypubPath, `the coldkey's public file of wallet ${JSON.stringify(this.name)}`) as Partial<PublicKeyFile>;
    if (typeof pub.ss58Address !== "string" || typeof pub.publicKey !== "string") throw new WalletError(`${this.coldkeypubPath} has no ss58Address and publicKey`);
    return pub as PublicKeyFile;
  }

  /** The coldkey pair, decrypted with `password` (WrongPasswordError if it is not the password). */
  unlockColdkey(password: string): Keypair {
    if (!fs.existsSync(this.coldkeyPath)) throw new WalletError(`wallet ${JSON.stringify(this.name)} has no coldkey: ${this.coldkeyPath} does not exist`);
    const file = parseKeystore(readJson(this.coldkeyPath, `the coldkey of wallet ${JSON.stringify(this.name)}`));
    const { secretUri } = JSON.parse(decryptSecret(file, password)) as { secretUri: string };
    const key = keypairFromUri(secretUri);
    if (key.publicKeyHex !== file.publicKey) throw new WalletError(`the coldkey of wallet ${JSON.stringify(this.name)} decrypts to ${key.address}, not the ${file.ss58Address} it names`);
    return key;
  }

  hotkeyFile(hotkey: string): HotkeyFile {
    const f = readJson(this.hotkeyPath(hotkey), `hotkey ${JSON.stringify(hotkey)} of wallet ${JSON.stringify(this.name)}`) as Partial<HotkeyFile>;
    if (typeof f.secretUri !== "string" || typeof f.ss58Address !== "string") throw new WalletError(`${this.hotkeyPath(hotkey)} has no secretUri and ss58Address`);
    return f as HotkeyFile;
  }

  /** The hotkey pair `name`. */
  hotkey(hotkey: string): Keypair {
    return keypairFromUri(this.hotkeyFile(hotkey).secretUri);
  }

  /** The hotkey names, sorted. */
  hotkeys(): string[] {
    const dir = path.join(this.dir, "hotkeys");
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((n) => !n.startsWith("."))
      .sort();
  }
}

/** The wallets under `root`, sorted by name. */
export function listWallets(root: string): Wallet[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => new Wallet(root, d.name))
    .filter((w) => w.exists())
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
