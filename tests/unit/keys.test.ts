/**
 * Keys and addresses against Substrate's own dev accounts (subkey / polkadot.js values).
 */
import { describe, expect, it, vi } from "vitest";
import { blake2b } from "@noble/hashes/blake2.js";
import * as sr25519 from "@scure/sr25519";
import { blake2b256, enableFastCrypto, fastSigner, fastVerifier } from "@/lib/chain/fast-crypto";
import { DEV_PHRASE, KeyUriError, keypairFromUri, malformedSignature, scureVerify, verifySignature } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { AddressError, decodeAddress, encodeAddress, fromHex, isValidAddress, parseAccountKey, toHex } from "@/lib/chain/keys/ss58";

const DEV_ACCOUNTS: [string, string][] = [
  ["//Alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"],
  ["//Bob", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"],
  ["//Charlie", "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"],
  ["//Dave", "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"],
  ["//Eve", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw"],
  ["//Ferdie", "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL"],
  ["//Alice//stash", "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY"],
];

describe("sr25519 key pairs from secret URIs", () => {
  it.each(DEV_ACCOUNTS)("%s is %s", (uri, address) => {
    expect(keypairFromUri(uri).address).toBe(address);
  });

  it("gives Alice's public key and accepts the phrase spelled out", () => {
    const alice = keypairFromUri("//Alice");
    expect(alice.publicKeyHex).toBe("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    expect(keypairFromUri(`${DEV_PHRASE}//Alice`).address).toBe(alice.address);
    expect(keypairFromUri(`  ${DEV_PHRASE.replace(/ /g, "   ")}  //Alice`).address).toBe(alice.address);
  });

  it("takes a 0x-hex seed (mini secret) as the phrase, as subkey does", () => {
    // subkey inspect: the dev phrase's seed and //Alice's seed with their public keys.
    expect(keypairFromUri("0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e").publicKeyHex).toBe("0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a");
    expect(keypairFromUri(DEV_PHRASE).publicKeyHex).toBe("0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a");
    expect(keypairFromUri("0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a").address).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    expect(() => keypairFromUri("0x1234")).toThrow(/hex seed is 0x and 64 hex digits/);
    expect(() => keypairFromUri("0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a///pw")).toThrow(/takes no \/\/\/password/);
  });

  it("derives different keys for soft junctions and passwords", () => {
    const hard = keypairFromUri("//Alice").address;
    const soft = keypairFromUri("/Alice").address;
    const withPassword = keypairFromUri("//Alice///secret").address;
    expect(new Set([hard, soft, withPassword]).size).toBe(3);
    expect(keypairFromUri("//Alice///secret").address).toBe(withPassword);
  });

  it("signs reproducibly with soft-derived keys when given the randomness", () => {
    const msg = new TextEncoder().encode("taoscope");
    const random = new Uint8Array(32).fill(9);
    const [a, b] = [keypairFromUri("//taoscope/3/coldkey/1"), keypairFromUri("//taoscope/3/coldkey/1")];
    expect(a.publicKeyHex).toBe(b.publicKeyHex);
    expect(toHex(a.sign(msg, random))).toBe(toHex(b.sign(msg, random)));
    expect(verifySignature(msg, a.sign(msg, random), b.publicKey)).toBe(true);
  });

  it("rejects bad phrases and paths without echoing secrets", () => {
    expect(() => keypairFromUri("bottom drive obey lake curtain smoke basket hold race lonely fit talk//Alice")).toThrow(KeyUriError);
    try {
      keypairFromUri("bottom drive obey lake curtain smoke basket hold race lonely fit talk///hunter2");
    } catch (e) {
      expect((e as Error).message).toContain("not a valid BIP39 English mnemonic");
      expect((e as Error).message).not.toMatch(/hunter2|bottom/);
    }
  });

  it("signs and verifies, reproducibly when given the nonce randomness", () => {
    const alice = keypairFromUri("//Alice");
    const bob = keypairFromUri("//Bob");
    const msg = new TextEncoder().encode("taoscope");
    const random = new Uint8Array(32).fill(7);
    const sig = alice.sign(msg, random);
    expect(sig).toHaveLength(64);
    expect(alice.sign(msg, random)).toEqual(sig);
    expect(verifySignature(msg, sig, alice.publicKey)).toBe(true);
    expect(verifySignature(msg, sig, bob.publicKey)).toBe(false);
    expect(verifySignature(new TextEncoder().encode("taoscopE"), sig, alice.publicKey)).toBe(false);
    expect(verifySignature(msg, sig.subarray(0, 63), alice.publicKey)).toBe(false);
  });
});

describe("SS58 addresses", () => {
  it("round-trips a public key with prefix 42", () => {
    const pk = fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    const address = encodeAddress(pk);
    expect(address).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    expect(decodeAddress(address)).toEqual({ publicKey: pk, prefix: 42 });
    expect(toHex(pk)).toBe("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  });

  it("knows other networks' prefixes (Polkadot 0, Kusama 2) and refuses them by default", () => {
    const pk = keypairFromUri("//Alice").publicKey;
    expect(encodeAddress(pk, 0)).toBe("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
    expect(encodeAddress(pk, 2)).toBe("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F");
    expect(() => decodeAddress(encodeAddress(pk, 0))).toThrow("network prefix 0, expected 42");
    expect(decodeAddress(encodeAddress(pk, 0), null).prefix).toBe(0);
  });

  it("explains what is wrong with a bad address", () => {
    const alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    expect(() => decodeAddress(alice.slice(0, -1) + "Z")).toThrow(/checksum mismatch/);
    expect(() => decodeAddress("0OIl")).toThrow(AddressError);
    expect(() => decodeAddress("5Grw")).toThrow(/expected a 32-byte account|too short/);
    expect(isValidAddress(alice)).toBe(true);
    expect(isValidAddress("")).toBe(false);
    expect(() => fromHex("0xabc")).toThrow(/not 0x-prefixed hex/);
  });
});

describe("the WASM crypto", () => {
  it("hashes with BLAKE2b-256 exactly as @noble/hashes does", async () => {
    const rng = createRng(5);
    const inputs = [new Uint8Array(0), ...Array.from({ length: 40 }, () => Uint8Array.from({ length: rng.int(3000) }, () => rng.int(256)))];
    const js = inputs.map((d) => toHex(blake2b256(d)));
    expect(await enableFastCrypto()).toBe(true);
    expect(inputs.map((d) => toHex(blake2b256(d)))).toEqual(js);
    expect(js.map((h, i) => h === toHex(blake2b(inputs[i]!, { dkLen: 32 })))).toEqual(js.map(() => true));
    expect(js[0]).toBe("0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"); // BLAKE2b-256 of the empty string
  });

  it("refuses malformed signatures and keys before they reach the WASM verifier, which would print a panic trace", async () => {
    expect(await enableFastCrypto()).toBe(true);
    const alice = keypairFromUri("//Alice");
    const msg = new TextEncoder().encode("taoscope");
    const sig = alice.sign(msg, new Uint8Array(32).fill(3));
    const unmarked = sig.slice();
    unmarked[63]! &= 0x7f;
    // s = L (the group order, little-endian) with the marker bit: not a canonical scalar.
    const order = 2n ** 252n + 27742317777372353535851937790883648493n;
    const nonCanonical = sig.slice();
    nonCanonical.set(Array.from({ length: 32 }, (_, i) => Number((order >> BigInt(8 * i)) & 0xffn)), 32);
    nonCanonical[63]! |= 0x80;
    const notAPoint = new Uint8Array(32).fill(0xff);
    expect(malformedSignature(sig, alice.publicKey)).toBeNull();
    expect(malformedSignature(unmarked, alice.publicKey)).toBe("the signature is not marked as schnorrkel's (bit 7 of its last byte is clear)");
    expect(malformedSignature(nonCanonical, alice.publicKey)).toBe("the signature's scalar is not reduced modulo the group order");
    expect(malformedSignature(sig, notAPoint)).toBe("the public key is not a valid ristretto255 point");
    expect(malformedSignature(sig.subarray(1), alice.publicKey)).toBe("a signature is 64 bytes, got 63");
    expect(malformedSignature(sig, alice.publicKey.subarray(1))).toBe("a public key is 32 bytes, got 31");
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect([verifySignature(msg, unmarked, alice.publicKey), verifySignature(msg, nonCanonical, alice.publicKey), verifySignature(msg, sig, notAPoint), verifySignature(msg, new Uint8Array(64), alice.publicKey)]).toEqual([false, false, false, false]);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    expect(verifySignature(msg, sig, alice.publicKey)).toBe(true);
  });

  it("signs as @scure/sr25519 does, byte for byte, for random keys, messages and randomness", async () => {
    const rng = createRng(2026);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
    // Secret keys from random seeds, hard and soft derivations of them, and the dev accounts.
    const secrets: Uint8Array[] = [];
    for (let i = 0; i < 24; i++) {
      const seed = sr25519.secretFromSeed(bytes(32));
      secrets.push(seed, sr25519.HDKD.secretHard(seed, bytes(32)), sr25519.HDKD.secretSoft(seed, bytes(32), bytes(32)));
    }
    expect(await enableFastCrypto()).toBe(true);
    const sign = fastSigner()!;
    expect(sign).not.toBeNull();
    let checked = 0;
    for (const [i, secret] of secrets.entries()) {
      const publicKey = sr25519.getPublicKey(secret);
      for (const length of [0, 1, 32, 64 + rng.int(200), 1000 + rng.int(3000)]) {
        const message = bytes(length);
        const random = i % 7 === 0 ? new Uint8Array(32) : bytes(32);
        const ours = sign(secret, publicKey, message, random);
        expect(toHex(ours), `key ${i}, ${length} bytes`).toBe(toHex(sr25519.sign(secret, message, random)));
        expect(sr25519.verify(message, ours, publicKey)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(72 * 5);
    // A key pair signs through it once the WASM is ready (a hex-seed URI: its secret is the seed's).
    const seed = "0x" + "5a".repeat(32);
    const pair = keypairFromUri(seed);
    const message = new TextEncoder().encode("taoscope");
    const random = new Uint8Array(32).fill(3);
    expect(toHex(pair.sign(message, random))).toBe(toHex(sr25519.sign(sr25519.secretFromSeed(fromHex(seed)), message, random)));
    expect(() => sign(secrets[0]!, sr25519.getPublicKey(secrets[0]!), message, new Uint8Array(31))).toThrow("sr25519 signing takes a 64-byte secret key, a 32-byte public key and 32 random bytes, got 64, 32 and 31");
  });

  it("agrees with @scure/sr25519 on valid, tampered and malformed signatures", async () => {
    expect(await enableFastCrypto()).toBe(true);
    const fast = fastVerifier()!;
    const rng = createRng(77);
    const keys = ["//Alice", "//Bob", "//fast-verify-1"].map(keypairFromUri);
    let valid = 0;
    for (let i = 0; i < 60; i++) {
      const key = keys[i % keys.length]!;
      const msg = Uint8Array.from({ length: 1 + rng.int(200) }, () => rng.int(256));
      const sig = key.sign(msg, Uint8Array.from({ length: 32 }, () => rng.int(256)));
      const cases: [Uint8Array, Uint8Array, Uint8Array][] = [[msg, sig, key.publicKey]];
      const flipped = sig.slice();
      flipped[rng.int(64)]! ^= 1 << rng.int(8);
      cases.push([msg, flipped, key.publicKey]);
      const otherMsg = msg.slice();
      otherMsg[rng.int(msg.length)]! ^= 1;
      cases.push([otherMsg, sig, key.publicKey]);
      cases.push([msg, sig, keys[(i + 1) % keys.length]!.publicKey]);
      const badMarker = sig.slice();
      badMarker[63] = badMarker[63]! & 0x7f; // schnorrkel's marker bit cleared
      cases.push([msg, badMarker, key.publicKey]);
      cases.push([msg, sig, Uint8Array.from({ length: 32 }, () => 0xff)]); // not a curve point
      for (const [m, s, p] of cases) {
        let reference: boolean;
        try {
          reference = scureVerify(m, s, p);
        } catch {
          reference = false;
        }
        let wasm: boolean;
        const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined); // the raw verifier's panic traces
        try {
          wasm = fast(m, s, p);
        } catch {
          wasm = false;
        } finally {
          quiet.mockRestore();
        }
        expect(wasm).toBe(reference);
        expect(verifySignature(m, s, p)).toBe(reference); // the shape check never refuses what verifies
        if (reference) valid++;
      }
    }
    expect(valid).toBe(60); // exactly the untouched signatures verify
    expect(verifySignature(new TextEncoder().encode("x"), new Uint8Array(64), keys[0]!.publicKey)).toBe(false);
  });
});

describe("parseAccountKey", () => {
  // //Alice, as Polkadot.js and subkey print it.
  const ALICE = { ss58: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", hex: "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d" };

  it("gives both forms from either form, the hex lowercased", () => {
    expect(parseAccountKey(ALICE.ss58)).toEqual(ALICE);
    expect(parseAccountKey(ALICE.hex)).toEqual(ALICE);
    expect(parseAccountKey(ALICE.hex.toUpperCase().replace("0X", "0x"))).toEqual(ALICE);
  });

  it("names what is wrong with anything else", () => {
    expect(parseAccountKey("0x1234")).toEqual({ error: "must be a 0x-prefixed hex public key of 32 bytes (64 hex digits), or an SS58 address" });
    expect(parseAccountKey("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX")).toEqual({ error: "must be an SS58 address with network prefix 42 or a 0x-prefixed 32-byte hex public key (checksum mismatch)" });
    expect(parseAccountKey("hello")).toHaveProperty("error");
  });
});
