/**
 * What a search box input can name, read without touching the database: a block number (which
 * is also a netuid when it fits a u16), a 32-byte 0x hash (a block hash, an extrinsic hash or an
 * account's public key: only the database can tell), an extrinsic id as Substrate explorers
 * write it (`{block}-{index}`, the index usually zero-padded to four digits), or an SS58 address.
 */
import { AddressError, decodeAddress, toHex } from "../chain/keys/ss58";

/** The largest block number a database column holds (signed 64-bit). */
const MAX_BLOCK = 2n ** 63n - 1n;
const MAX_NETUID = 65535;
/** Extrinsic indices within a block (a u32 in Substrate). */
const MAX_INDEX = 2 ** 32 - 1;

export type SearchInput =
  | { kind: "number"; block: bigint | null; netuid: number | null }
  | { kind: "hash"; hex: string }
  | { kind: "extrinsicId"; block: bigint; index: number }
  | { kind: "address"; ss58: string; hex: string }
  | { kind: "invalid"; reason: string };

export const SEARCH_HINT = "a block number, a block or extrinsic hash (0x + 64 hex digits), an extrinsic id such as 1200-0003, an SS58 address, a 0x public key or a netuid";

export function parseSearchInput(raw: string): SearchInput {
  const q = raw.trim();
  if (q === "") return { kind: "invalid", reason: `Type ${SEARCH_HINT}.` };
  if (/^#?\d+$/.test(q)) {
    const digits = q.replace(/^#/, "");
    const n = digits.length <= 19 ? BigInt(digits) : null;
    const block = n !== null && n <= MAX_BLOCK ? n : null;
    const netuid = n !== null && n <= BigInt(MAX_NETUID) ? Number(n) : null;
    if (block === null) return { kind: "invalid", reason: `${q} is past the largest block number (${MAX_BLOCK}).` };
    return { kind: "number", block, netuid };
  }
  const ext = /^(\d{1,19})-(\d{1,10})$/.exec(q);
  if (ext) {
    const block = BigInt(ext[1]!);
    const index = Number(ext[2]!);
    if (block > MAX_BLOCK || index > MAX_INDEX) return { kind: "invalid", reason: `${q} is not an extrinsic id: the block must be at most ${MAX_BLOCK} and the index at most ${MAX_INDEX}.` };
    return { kind: "extrinsicId", block, index };
  }
  if (/^0x[0-9a-fA-F]*$/.test(q)) {
    if (q.length !== 66) return { kind: "invalid", reason: `${q} has ${q.length - 2} hex digits; hashes and public keys have 64.` };
    return { kind: "hash", hex: q.toLowerCase() };
  }
  if (/^[1-9A-HJ-NP-Za-km-z]{40,50}$/.test(q)) {
    try {
      return { kind: "address", ss58: q, hex: toHex(decodeAddress(q).publicKey) };
    } catch (e) {
      return { kind: "invalid", reason: e instanceof AddressError ? `${e.message}.` : `${q} is not a valid SS58 address.` };
    }
  }
  return { kind: "invalid", reason: `“${q}” is not ${SEARCH_HINT}.` };
}

