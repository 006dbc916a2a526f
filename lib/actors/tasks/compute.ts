/**
 * Verifiable compute: partial hash preimages. The validator draws a 32-byte challenge; a miner
 * must find a nonce such that BLAKE2b-256(challenge ‖ nonce) starts with `difficulty` zero bits (hashed by
 * lib/chain/fast-crypto.ts: WASM once enabled, @noble/hashes until then, the same function),
 * the nonce encoded as 8 bytes little-endian (a u64). Checking an answer is one hash; finding
 * one takes 2^difficulty attempts on average, each costing one compute unit.
 *
 * Strategy: a sequential search from `startNonce` (default 0) for at most the budget; when the
 * budget runs out the miner abstains or sends an untested guess (right with probability
 * 2^−difficulty).
 *
 * Score: correctness first, then compute. A nonce that does not verify (or no answer) scores 0.
 * A verified nonce scores 0.5 + 0.5·max(0, 1 − attempts / attemptsCap), where attempts = nonce + 1
 * is the work a search from 0 needed to reach it: the validator can check that number, not
 * the miner's claim, so a smaller valid nonce scores higher, and the score stays above any
 * wrong answer's. attemptsCap defaults to 4·2^difficulty.
 */
import { blake2b256 } from "../../chain/fast-crypto";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import type { Rng } from "../../chain/rng";
import { requireInt, requireNumber } from "../check";
import { normalisedWeights, type Challenge, type Task, type Work } from "../task";

export interface PreimageQuery {
  /** The 32-byte challenge, hex without 0x. */
  readonly challengeHex: string;
  readonly difficulty: number;
}

export interface PreimageAnswer {
  readonly nonce: number;
}

export interface PreimageStrategy {
  /** First nonce tried (default 0). */
  readonly startNonce?: number;
  /** What the miner sends when its budget runs out before a nonce verifies. */
  readonly onExhausted: "abstain" | "guess";
}

export interface ComputeOptions {
  /** Leading zero bits asked for (default 8), 0 to 32. */
  readonly difficulty?: number;
  /** The attempts at which a verified nonce's score bottoms out at 0.5 (default 4·2^difficulty). */
  readonly attemptsCap?: number;
}

const CHALLENGE_BYTES = 32;
const NONCE_BYTES = 8;
const MAX_DIFFICULTY = 32;

/** The message challenge ‖ u64le(nonce) in `into` (challenge already in its first 32 bytes). */
function writeNonce(into: Uint8Array, nonce: number): void {
  const lo = nonce >>> 0;
  const hi = Math.floor(nonce / 4294967296) >>> 0;
  for (let i = 0; i < 4; i++) {
    into[CHALLENGE_BYTES + i] = (lo >>> (8 * i)) & 0xff;
    into[CHALLENGE_BYTES + 4 + i] = (hi >>> (8 * i)) & 0xff;
  }
}

/** Zero bits at the start of `bytes`, most significant bit of byte 0 first. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

function messageFor(challengeHex: string): Uint8Array {
  const challenge = hexToBytes(challengeHex);
  if (challenge.length !== CHALLENGE_BYTES) throw new RangeError(`challengeHex must hold ${CHALLENGE_BYTES} bytes, got ${challenge.length}`);
  const message = new Uint8Array(CHALLENGE_BYTES + NONCE_BYTES);
  message.set(challenge);
  return message;
}

function checkNonce(name: string, nonce: number): number {
  return requireInt(name, nonce, 0);
}

/** BLAKE2b-256(challenge ‖ u64le(nonce)). */
export function preimageHash(challengeHex: string, nonce: number): Uint8Array {
  const message = messageFor(challengeHex);
  writeNonce(message, checkNonce("nonce", nonce));
  return blake2b256(message);
}

/** Whether `nonce` solves the query (a malformed nonce does not). */
export function verifyPreimage(query: PreimageQuery, nonce: number): boolean {
  if (!Number.isSafeInteger(nonce) || nonce < 0) return false;
  return leadingZeroBits(preimageHash(query.challengeHex, nonce)) >= query.difficulty;
}

/**
 * PERF: how far the sequential search from each start nonce got on a query, kept per query
 * object: miners searching one validator's challenge from the same nonce hash the same nonces,
 * so the hashing is done once and each miner is charged the attempts its own search takes. The
 * answers are those of searching afresh.
 */
interface SearchProgress {
  /** Attempts made from the start nonce, all failing unless `found` is set. */
  tried: number;
  /** Attempts up to and including the first nonce that verifies. */
  found: number | null;
}
const searches = new WeakMap<PreimageQuery, Map<number, SearchProgress>>();

/** The strategy's search: at most `budget` attempts from its start nonce. */
export function searchPreimage(strategy: PreimageStrategy, query: PreimageQuery, budget: number): Work<PreimageAnswer> {
  const start = checkNonce("startNonce", strategy.startNonce ?? 0);
  const attempts = Math.floor(requireNumber("budget", budget, 0));
  let byStart = searches.get(query);
  if (!byStart) searches.set(query, (byStart = new Map()));
  let progress = byStart.get(start);
  if (!progress) byStart.set(start, (progress = { tried: 0, found: null }));
  if (progress.found === null && progress.tried < attempts) {
    const message = messageFor(query.challengeHex);
    for (let i = progress.tried; i < attempts; i++) {
      writeNonce(message, start + i);
      progress.tried = i + 1;
      if (leadingZeroBits(blake2b256(message)) >= query.difficulty) {
        progress.found = i + 1;
        break;
      }
    }
  }
  if (progress.found !== null && progress.found <= attempts) return { answer: { nonce: start + progress.found - 1 }, computeSpent: progress.found };
  return { answer: strategy.onExhausted === "guess" ? { nonce: start + attempts } : null, computeSpent: attempts };
}

/** 0 unless the nonce verifies; then 0.5 + 0.5·max(0, 1 − (nonce + 1) / attemptsCap). */
export function preimageScore(query: PreimageQuery, answer: PreimageAnswer | null, attemptsCap: number): number {
  if (!answer || !verifyPreimage(query, answer.nonce)) return 0;
  return 0.5 + 0.5 * Math.max(0, 1 - (answer.nonce + 1) / attemptsCap);
}

export type ComputeTask = Task<PreimageQuery, null, PreimageAnswer, PreimageStrategy>;

export function createComputeTask(options: ComputeOptions = {}): ComputeTask {
  const difficulty = requireInt("difficulty", options.difficulty ?? 8, 0, MAX_DIFFICULTY);
  const attemptsCap = requireNumber("attemptsCap", options.attemptsCap ?? 4 * 2 ** difficulty, 1);
  return {
    name: "compute",
    query(rng: Rng): Challenge<PreimageQuery, null> {
      const challenge = Uint8Array.from({ length: CHALLENGE_BYTES }, () => rng.int(256));
      return { query: { challengeHex: bytesToHex(challenge), difficulty }, truth: null };
    },
    answer: searchPreimage,
    score: (query, _truth, answer) => preimageScore(query, answer, attemptsCap),
    combine(query, answers) {
      // The heaviest answer that verifies: "first correct" in incentive order (ties keep the given order).
      const ranked = normalisedWeights(answers).sort((a, b) => b.weight - a.weight);
      return ranked.find((a) => verifyPreimage(query, a.answer.nonce))?.answer ?? null;
    },
    degrade(answer, severity, rng) {
      requireNumber("severity", severity, 0, 1);
      return rng.next() < severity ? { nonce: answer.nonce + 1 } : answer;
    },
  };
}
