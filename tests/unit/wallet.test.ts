/**
 * The wallet's keystore (scrypt + XChaCha20-Poly1305), its files on disk and τ parsing. The
 * keystore is checked by what must hold for any authenticated encryption: the right password
 * opens it, a wrong one or any altered byte does not, and the same secret never encrypts twice
 * to the same bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { KeystoreFormatError, WrongPasswordError, decryptSecret, encryptSecret, parseKeystore, type KeystoreFile } from "@/lib/wallet/keystore";
import { AmountError, parseTao } from "@/lib/wallet/tao";
import { Wallet, WalletError, listWallets } from "@/lib/wallet/wallet";

/** Small scrypt parameters keep the unit tests fast; the default (N = 2^16) is checked once. */
const FAST = { N: 1024, r: 8, p: 1 };
const alice = keypairFromUri("//Alice");
const key = { publicKey: alice.publicKeyHex, ss58Address: alice.address };
const flip = (hex: string, at: number) => `${hex.slice(0, at)}${hex[at] === "0" ? "1" : "0"}${hex.slice(at + 1)}`;

describe("keystore", () => {
  it("round-trips with the default parameters, which it stores", () => {
    const f = encryptSecret("//Alice", "pw", key);
    expect(f.kdf).toMatchObject({ name: "scrypt", N: 65536, r: 8, p: 1, dkLen: 32 });
    expect(f.kdf.salt).toMatch(/^0x[0-9a-f]{32}$/);
    expect(f.cipher.nonce).toMatch(/^0x[0-9a-f]{48}$/);
    // The ciphertext is the secret plus the 16-byte Poly1305 tag.
    expect((f.ciphertext.length - 2) / 2).toBe("//Alice".length + 16);
    expect(decryptSecret(JSON.parse(JSON.stringify(f)), "pw")).toBe("//Alice");
  });

  it("draws a fresh salt and nonce each time", () => {
    const a = encryptSecret("secret", "pw", key, FAST);
    const b = encryptSecret("secret", "pw", key, FAST);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.nonce).not.toBe(b.cipher.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("refuses a wrong password, and one differing only in case or a trailing space", () => {
    const f = encryptSecret("secret", "Password", key, FAST);
    for (const pw of ["password", "Password ", "", "Passwor"]) expect(() => decryptSecret(f, pw)).toThrow(WrongPasswordError);
    expect(() => decryptSecret(f, "wrong")).toThrow(/wrong password/);
  });

  it("refuses any altered ciphertext, nonce, salt or claimed address", () => {
    const f = encryptSecret("secret", "pw", key, FAST);
    const tampered: KeystoreFile[] = [
      { ...f, ciphertext: flip(f.ciphertext, 2) },
      { ...f, ciphertext: flip(f.ciphertext, f.ciphertext.length - 1) },
      { ...f, cipher: { ...f.cipher, nonce: flip(f.cipher.nonce, 10) } },
      { ...f, kdf: { ...f.kdf, salt: flip(f.kdf.salt, 5) } },
      { ...f, kdf: { ...f.kdf, N: 2048 } },
      { ...f, ss58Address: keypairFromUri("//Bob").address },
      { ...f, publicKey: keypairFromUri("//Bob").publicKeyHex },
    ];
    for (const t of tampered) expect(() => decryptSecret(t, "pw")).toThrow(WrongPasswordError);
  });

  it("names what is wrong with a malformed file", () => {
    const f = encryptSecret("secret", "pw", key, FAST);
    expect(() => parseKeystore([])).toThrow(KeystoreFormatError);
    expect(() => parseKeystore({ ...f, version: 2 })).toThrow(/version 2; this CLI reads version 1/);
    expect(() => parseKeystore({ ...f, kdf: { ...f.kdf, N: 1 << 24 } })).toThrow(/"kdf.N" must be a power of two/);
    expect(() => parseKeystore({ ...f, kdf: { ...f.kdf, N: 1000 } })).toThrow(/"kdf.N"/);
    expect(() => parseKeystore({ ...f, cipher: { name: "aes", nonce: f.cipher.nonce } })).toThrow(/"cipher.name"/);
    expect(() => parseKeystore({ ...f, cipher: { ...f.cipher, nonce: "0x00" } })).toThrow(/"cipher.nonce" must be 24 bytes/);
  });
});

describe("wallet files", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-wallet-unit-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes btcli's layout with mode 0600, unlocks with the password only, and never overwrites unasked", () => {
    const w = new Wallet(root, "w1");
    const cold = w.writeColdkey("//Alice", "pw", { overwrite: false, scrypt: FAST });
    w.writeHotkey("default", "//Alice//hot", { overwrite: false });
    expect(cold.address).toBe(alice.address);
    for (const f of [w.coldkeyPath, w.coldkeypubPath, w.hotkeyPath("default")]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.statSync(w.dir).mode & 0o777).toBe(0o700);
    expect(w.coldkeyPub()).toEqual({ accountId: alice.publicKeyHex, publicKey: alice.publicKeyHex, ss58Address: alice.address });
    expect(w.unlockColdkey("pw").publicKeyHex).toBe(alice.publicKeyHex);
    expect(() => w.unlockColdkey("nope")).toThrow(WrongPasswordError);
    expect(w.hotkey("default").address).toBe(keypairFromUri("//Alice//hot").address);

    const before = fs.readFileSync(w.coldkeyPath, "utf8");
    expect(() => w.writeColdkey("//Bob", "pw", { overwrite: false, scrypt: FAST })).toThrow(/already has a coldkey .*--overwrite/);
    expect(() => w.writeHotkey("default", "//Bob", { overwrite: false })).toThrow(/already has hotkey "default"/);
    expect(fs.readFileSync(w.coldkeyPath, "utf8")).toBe(before);
    w.writeColdkey("//Bob", "pw2", { overwrite: true, scrypt: FAST });
    expect(w.unlockColdkey("pw2").address).toBe(keypairFromUri("//Bob").address);
    expect(w.coldkeyPub().ss58Address).toBe(keypairFromUri("//Bob").address);
    expect(fs.readdirSync(w.dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    expect(listWallets(root).map((x) => x.name)).toEqual(["w1"]);
    expect(w.hotkeys()).toEqual(["default"]);
  });

  it("says which wallet or key is missing, and refuses names that are paths", () => {
    const w = new Wallet(root, "ghost");
    expect(() => w.coldkeyPub()).toThrow(/wallet "ghost" not found/);
    expect(() => new Wallet(root, "w1").hotkey("nope")).toThrow(/hotkey "nope" of wallet "w1" not found/);
    expect(() => new Wallet(root, "../etc")).toThrow(WalletError);
    expect(() => new Wallet(root, "w1").hotkeyPath("a/b")).toThrow(/not a valid name/);
  });
});

describe("parseTao", () => {
  it.each([
    ["1", 1_000_000_000n],
    ["1.5", 1_500_000_000n],
    ["0.000000001", 1n],
    [".5", 500_000_000n],
    ["12.", 12_000_000_000n],
    ["1,000.25", 1_000_250_000_000n],
    ["18446744073.709551615", 18_446_744_073_709_551_615n],
  ])("%s τ is %s rao", (text, rao) => {
    expect(parseTao(text)).toBe(rao);
  });

  it.each([
    ["", /not an amount/],
    [".", /not an amount/],
    ["-1", /not an amount/],
    ["1e9", /not an amount/],
    ["0x10", /not an amount/],
    ["1.0000000001", /10 decimals; τ has 9/],
    ["18446744073.709551616", /more than a u64/],
  ])("refuses %j", (text, message) => {
    expect(() => parseTao(text)).toThrow(AmountError);
    expect(() => parseTao(text)).toThrow(message);
  });
});
