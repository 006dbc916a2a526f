/**
 * sr25519 key pairs as Substrate derives them: a BIP39 mnemonic's *entropy* (not its seed)
 * through PBKDF2-HMAC-SHA512 gives the mini secret (substrate-bip39), then each junction of the
 * derivation path (`//hard`, `/soft`, `///password`) derives a child key (HDKD). All the
 * cryptography is @scure/sr25519 and @noble/hashes; nothing here is hand-rolled crypto.
 */
import { ristretto255 } from "@noble/curves/ed25519.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { mnemonicToEntropy, validateMnemonic } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import * as sr25519 from "@scure/sr25519";
import { GROUP_ORDER, fastSigner, fastVerifier } from "../fast-crypto";
import { encodeAddress, fromHex, toHex } from "./ss58";

/** Substrate's development phrase; `//Alice`, `//Bob`, ... derive from it. */
export const DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

export class KeyUriError extends Error {
  constructor(uri: string, reason: string) {
    super(`invalid secret URI ${JSON.stringify(redact(uri))}: ${reason}`);
    this.name = "KeyUriError";
  }
}

/** Never echo a mnemonic or password back in an error. */
function redact(uri: string): string {
  const path = uri.indexOf("/");
  const phrase = path < 0 ? uri : uri.slice(0, path);
  const shown = phrase.trim() === "" ? "" : "<phrase>";
  const rest = path < 0 ? "" : uri.slice(path).replace(/\/\/\/.*$/, "///<password>");
  return shown + rest;
}

export interface Keypair {
  readonly publicKey: Uint8Array;
  /** 0x-prefixed hex of the public key. */
  readonly publicKeyHex: string;
  /** SS58 address (prefix 42). */
  readonly address: string;
  /**
   * Signs `message`. sr25519 signatures are randomised; pass 32 `random` bytes (for example
   * from the engine's seeded generator) to make the signature reproducible.
   */
  sign(message: Uint8Array, random?: Uint8Array): Uint8Array;
}

const textEncoder = new TextEncoder();

/** SCALE compact length prefix for byte strings shorter than 2^30. */
function compactLength(n: number): Uint8Array {
  if (n < 1 << 6) return Uint8Array.of(n << 2);
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6);
  return Uint8Array.of(((n << 2) | 2) & 0xff, (n >> 6) & 0xff, (n >> 14) & 0xff, (n >> 22) & 0xff);
}

/**
 * A junction's chain code: its SCALE encoding (a u64 for decimal numbers, else a string),
 * right-padded to 32 bytes, or hashed with blake2b-256 when longer.
 */
function chainCode(junction: string): Uint8Array {
  let encoded: Uint8Array;
  if (/^\d+$/.test(junction) && BigInt(junction) < 1n << 64n) {
    encoded = new Uint8Array(8);
    let v = BigInt(junction);
    for (let i = 0; i < 8; i++, v >>= 8n) encoded[i] = Number(v & 0xffn);
  } else {
    const utf8 = textEncoder.encode(junction);
    const len = compactLength(utf8.length);
    encoded = new Uint8Array(len.length + utf8.length);
    encoded.set(len);
    encoded.set(utf8, len.length);
  }
  if (encoded.length > 32) return blake2b(encoded, { dkLen: 32 });
  const code = new Uint8Array(32);
  code.set(encoded);
  return code;
}

/** The substrate-bip39 mini secret of a mnemonic and optional password. */
export function miniSecretFromMnemonic(mnemonic: string, password = ""): Uint8Array {
  const entropy = mnemonicToEntropy(mnemonic, wordlist);
  const salt = textEncoder.encode(`mnemonic${password}`);
  return pbkdf2(sha512, entropy, salt, { c: 2048, dkLen: 64 }).subarray(0, 32);
}

/**
 * PBKDF2 with 2048 rounds costs most of a second here, and dev tools derive hundreds of keys
 * from one phrase (`//Alice`, `//validator-7`, ...): the last few mini secrets are kept.
 */
const miniSecrets = new Map<string, Uint8Array>();
function cachedMiniSecret(phrase: string, password: string): Uint8Array {
  const key = `${password}\u0000${phrase}`;
  let secret = miniSecrets.get(key);
  if (!secret) {
    secret = miniSecretFromMnemonic(phrase, password);
    if (miniSecrets.size >= 8) miniSecrets.delete(miniSecrets.keys().next().value!);
    miniSecrets.set(key, secret);
  }
  return secret;
}

interface ParsedUri {
  phrase: string;
  junctions: { hard: boolean; name: string }[];
  password: string;
}

function parseUri(uri: string): ParsedUri {
  const pw = uri.indexOf("///");
  const password = pw >= 0 ? uri.slice(pw + 3) : "";
  const body = pw >= 0 ? uri.slice(0, pw) : uri;
  const first = body.indexOf("/");
  const phrase = (first >= 0 ? body.slice(0, first) : body).trim();
  const path = first >= 0 ? body.slice(first) : "";
  const junctions: { hard: boolean; name: string }[] = [];
  const re = /\/(\/?)([^/]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path)) !== null) {
    junctions.push({ hard: m[1] === "/", name: m[2]! });
    consumed = re.lastIndex;
  }
  if (consumed !== path.length) throw new KeyUriError(uri, "malformed derivation path");
  return { phrase, junctions, password };
}

function makeKeypair(secretKey: Uint8Array): Keypair {
  const publicKey = sr25519.getPublicKey(secretKey);
  return {
    publicKey,
    publicKeyHex: toHex(publicKey),
    address: encodeAddress(publicKey),
    // With the caller's randomness the WASM-assisted signer gives @scure's very bytes, faster;
    // without it @scure draws the randomness itself.
    sign: (message, random) => {
      const fast = fastSigner();
      return fast && random !== undefined ? fast(secretKey, publicKey, message, random) : sr25519.sign(secretKey, message, random);
    },
  };
}

/**
 * A key pair from a Substrate secret URI: `"<mnemonic>[//hard][/soft]...[///password]"`. A URI
 * that starts with a junction (`"//Alice"`) uses {@link DEV_PHRASE}. As in Substrate, the phrase
 * may instead be a 32-byte mini secret (seed) as 0x-hex (`"0x…[//hard]"`); a password is then
 * meaningless and refused.
 */
export function keypairFromUri(uri: string): Keypair {
  const { phrase: rawPhrase, junctions, password } = parseUri(uri);
  let secret: Uint8Array;
  if (/^0x/i.test(rawPhrase)) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(rawPhrase)) throw new KeyUriError(uri, "a hex seed is 0x and 64 hex digits (32 bytes)");
    if (password !== "") throw new KeyUriError(uri, "a hex seed takes no ///password");
    secret = sr25519.secretFromSeed(fromHex(rawPhrase));
  } else {
    const phrase = rawPhrase === "" ? DEV_PHRASE : rawPhrase.split(/\s+/).join(" ");
    if (!validateMnemonic(phrase, wordlist)) throw new KeyUriError(uri, "not a valid BIP39 English mnemonic");
    secret = sr25519.secretFromSeed(cachedMiniSecret(phrase, password));
  }
  for (const j of junctions) {
    const cc = chainCode(j.name);
    // Soft derivation draws the derived key's nonce half at random (schnorrkel does too); it only
    // seeds signature randomness, so a nonce derived from the parent and chain code keeps the
    // same public key while making signatures with an explicit `random` reproducible.
    secret = j.hard ? sr25519.HDKD.secretHard(secret, cc) : sr25519.HDKD.secretSoft(secret, cc, blake2b(new Uint8Array([...secret, ...cc]), { dkLen: 32 }));
  }
  return makeKeypair(secret);
}

/**
 * Verify an sr25519 signature over `message` by `publicKey`. Malformed input verifies false.
 * Uses the WASM verifier once `enableFastCrypto()` has run (lib/chain/fast-crypto.ts).
 */
export function verifySignature(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (malformedSignature(signature, publicKey) !== null) return false;
  try {
    return (fastVerifier() ?? scureVerify)(message, signature, publicKey);
  } catch {
    return false;
  }
}

/** Public keys already found to be valid points (decompressing one costs more than a cache look-up). */
const validKeys = new Set<string>();
const VALID_KEYS_KEPT = 8192;

/**
 * What makes `signature` or `publicKey` unusable to schnorrkel before any verification, or null:
 * the lengths, the marker bit schnorrkel sets in every signature, a canonical scalar `s`, a public
 * key that decompresses to a ristretto255 point. The WASM verifier panics on these (printing a
 * trace on stderr) where it should answer false, so they are refused here first.
 */
export function malformedSignature(signature: Uint8Array, publicKey: Uint8Array): string | null {
  if (signature.length !== 64) return `a signature is 64 bytes, got ${signature.length}`;
  if (publicKey.length !== 32) return `a public key is 32 bytes, got ${publicKey.length}`;
  if ((signature[63]! & 0x80) === 0) return "the signature is not marked as schnorrkel's (bit 7 of its last byte is clear)";
  let s = BigInt(signature[63]! & 0x7f);
  for (let i = 62; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]!);
  if (s >= GROUP_ORDER) return "the signature's scalar is not reduced modulo the group order";
  const key = toHex(publicKey);
  if (!validKeys.has(key)) {
    try {
      ristretto255.Point.fromBytes(publicKey);
    } catch {
      return "the public key is not a valid ristretto255 point";
    }
    if (validKeys.size >= VALID_KEYS_KEPT) validKeys.clear();
    validKeys.add(key);
  }
  return null;
}

/** @scure/sr25519's verifier (the reference, and the fallback before the WASM is ready). */
export function scureVerify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return sr25519.verify(message, signature, publicKey);
}
