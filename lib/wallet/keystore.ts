/**
 * The coldkey file's encryption: a versioned JSON envelope around a secret, encrypted with
 * XChaCha20-Poly1305 (@noble/ciphers) under a key that scrypt (@noble/hashes) derives from the
 * password. Nothing here is hand-written crypto, and nothing here touches the file system or
 * Node's APIs: randomness comes from the Web Crypto `crypto.getRandomValues`.
 *
 * Format (version 1):
 *
 *     { "taoscope": "coldkey", "version": 1,
 *       "kdf": { "name": "scrypt", "N": 65536, "r": 8, "p": 1, "dkLen": 32, "salt": "0x…16 bytes" },
 *       "cipher": { "name": "xchacha20-poly1305", "nonce": "0x…24 bytes" },
 *       "ciphertext": "0x…", "publicKey": "0x…", "ss58Address": "5…" }
 *
 * The public key and address sit in the clear (btcli's coldkey file is opaque, but its
 * coldkeypub.txt holds them anyway) and are bound to the ciphertext as associated data, so an
 * edited address fails to decrypt rather than misleading the reader. The KDF parameters are
 * stored, so files stay readable if the defaults change.
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { fromHex, toHex } from "../chain/keys/ss58";

export const KEYSTORE_VERSION = 1;

/**
 * scrypt N = 2^16, r = 8, p = 1: 64 MiB and about 0.3 s per unlock on the 2-core development
 * machine, twice RFC 7914's interactive-login figure (N = 2^15); an attacker pays as much per
 * guessed password.
 */
export const SCRYPT_DEFAULTS = { N: 65536, r: 8, p: 1, dkLen: 32 } as const;
/** Refuse to run a file's KDF above these (a crafted file could otherwise ask for gigabytes). */
const SCRYPT_MAX_N = 1 << 20;
const SCRYPT_MAX_RP = 16;

export interface KeystoreFile {
  taoscope: "coldkey";
  version: number;
  kdf: { name: "scrypt"; N: number; r: number; p: number; dkLen: number; salt: string };
  cipher: { name: "xchacha20-poly1305"; nonce: string };
  ciphertext: string;
  publicKey: string;
  ss58Address: string;
}

/** The file is unreadable or not a coldkey file this version understands. */
export class KeystoreFormatError extends Error {
  constructor(detail: string) {
    super(`not a Taoscope coldkey file: ${detail}`);
    this.name = "KeystoreFormatError";
  }
}

/** The password does not open the file (or the file was altered): the AEAD tag did not verify. */
export class WrongPasswordError extends Error {
  constructor() {
    super("wrong password (or the coldkey file was altered): it does not decrypt");
    this.name = "WrongPasswordError";
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** The associated data: what the file claims in the clear, bound to the ciphertext. */
function associatedData(f: Pick<KeystoreFile, "version" | "publicKey" | "ss58Address">): Uint8Array {
  return enc.encode(`taoscope-coldkey-v${f.version}\n${f.publicKey}\n${f.ss58Address}`);
}

function deriveKey(password: string, kdf: KeystoreFile["kdf"]): Uint8Array {
  return scrypt(enc.encode(password.normalize("NFKC")), fromHex(kdf.salt), { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: kdf.dkLen });
}

/** Encrypt `secret` (UTF-8 text) under `password`, naming the key it belongs to. */
export function encryptSecret(secret: string, password: string, key: { publicKey: string; ss58Address: string }, params: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): KeystoreFile {
  const kdf = { name: "scrypt" as const, N: params.N, r: params.r, p: params.p, dkLen: 32, salt: toHex(randomBytes(16)) };
  const nonce = randomBytes(24);
  const head = { version: KEYSTORE_VERSION, publicKey: key.publicKey, ss58Address: key.ss58Address };
  const ciphertext = xchacha20poly1305(deriveKey(password, kdf), nonce, associatedData(head)).encrypt(enc.encode(secret));
  return { taoscope: "coldkey", version: KEYSTORE_VERSION, kdf, cipher: { name: "xchacha20-poly1305", nonce: toHex(nonce) }, ciphertext: toHex(ciphertext), publicKey: key.publicKey, ss58Address: key.ss58Address };
}

const isHex = (v: unknown, bytes?: number): v is string => typeof v === "string" && /^0x([0-9a-f]{2})*$/.test(v) && (bytes === undefined || v.length === 2 + 2 * bytes);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/** Check a parsed file's shape, naming the first field at fault. */
export function parseKeystore(json: unknown): KeystoreFile {
  const f = json as Partial<KeystoreFile> | null;
  if (f === null || typeof f !== "object" || Array.isArray(f)) throw new KeystoreFormatError("not a JSON object");
  if (f.taoscope !== "coldkey") throw new KeystoreFormatError(`"taoscope" must be "coldkey"`);
  if (f.version !== KEYSTORE_VERSION) throw new KeystoreFormatError(`version ${JSON.stringify(f.version)}; this CLI reads version ${KEYSTORE_VERSION}`);
  const k = f.kdf;
  if (!k || k.name !== "scrypt") throw new KeystoreFormatError(`"kdf.name" must be "scrypt"`);
  if (!isInt(k.N) || (k.N & (k.N - 1)) !== 0 || k.N < 2 || k.N > SCRYPT_MAX_N) throw new KeystoreFormatError(`"kdf.N" must be a power of two up to ${SCRYPT_MAX_N}`);
  if (!isInt(k.r) || !isInt(k.p) || k.r > SCRYPT_MAX_RP || k.p > SCRYPT_MAX_RP) throw new KeystoreFormatError(`"kdf.r" and "kdf.p" must be integers in [1, ${SCRYPT_MAX_RP}]`);
  if (k.dkLen !== 32) throw new KeystoreFormatError(`"kdf.dkLen" must be 32`);
  if (!isHex(k.salt) || k.salt.length < 2 + 32) throw new KeystoreFormatError(`"kdf.salt" must be at least 16 bytes of 0x-hex`);
  if (!f.cipher || f.cipher.name !== "xchacha20-poly1305") throw new KeystoreFormatError(`"cipher.name" must be "xchacha20-poly1305"`);
  if (!isHex(f.cipher.nonce, 24)) throw new KeystoreFormatError(`"cipher.nonce" must be 24 bytes of 0x-hex`);
  if (!isHex(f.ciphertext) || f.ciphertext.length < 2 + 2 * 17) throw new KeystoreFormatError(`"ciphertext" must be 0x-hex of at least 17 bytes`);
  if (!isHex(f.publicKey, 32)) throw new KeystoreFormatError(`"publicKey" must be 32 bytes of 0x-hex`);
  if (typeof f.ss58Address !== "string") throw new KeystoreFormatError(`"ss58Address" must be a string`);
  return f as KeystoreFile;
}

/** The secret inside, or `WrongPasswordError` when the password (or an altered file) fails the tag. */
export function decryptSecret(file: KeystoreFile, password: string): string {
  const f = parseKeystore(file);
  let plain: Uint8Array;
  try {
    plain = xchacha20poly1305(deriveKey(password, f.kdf), fromHex(f.cipher.nonce), associatedData(f)).decrypt(fromHex(f.ciphertext));
  } catch {
    throw new WrongPasswordError();
  }
  return dec.decode(plain);
}
