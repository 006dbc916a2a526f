/**
 * npm run bench:chain [-- --subnets 64 --uids 256 --validators 64 --blocks 20000 --traffic poi --preset mainnet]
 *
 * `--preset seed2024` runs the node's seed2024 network instead (bench-network.ts's
 * bench2024Network: its own validators and the synthetic 2024 traffic; --validators and
 * --traffic do not apply). Otherwise it fast-forwards the `mainnet` preset in memory: `subnets` subnets of `uids` uids from genesis,
 * `validators` validator hotkeys registered on every subnet (one hotkey validating on many
 * subnets, as large validators do), each staked in the first blocks, plus per block two stakes,
 * one unstake and one registration. The validators' weights come from the Proof-of-Intelligence
 * actors (`--traffic poi`, the default: lib/actors/traffic.ts, each validator scoring its
 * subnet's miners once per tempo, the subnets cycling over forecast, classify and compute), or
 * from bench-network.ts's synthetic weights spread evenly over the tempo (`--traffic synthetic`,
 * the figures before the actors). Every extrinsic is signed and verified. Prints blocks per
 * second, heap use and where the time goes, the actors' own cost per block beside the engine's.
 *
 * Signatures (`--verify stream`, the default, `pool` or `serial`; `--workers N`): `pool` verifies
 * each block's signatures on lib/node/verify-pool.ts's worker threads before the block (the
 * background traffic's while the PoI actors decide theirs) and hands the block the keys of the
 * valid ones, so the engine's figure holds no signature checks; `stream` does the same but starts
 * the block at once, each extrinsic waiting (if at all) for its own signature's answer from the
 * pool while the block step and the extrinsics before it run; `serial`: the block verifies them
 * itself, as before. Either way every 8th block's signatures
 * are also verified serially on the main thread, outside the timings, for the serial figure; at
 * the end the pool verifies those sampled signatures again in one request, for its throughput.
 */
import { availableParallelism } from "node:os";
import { type BlockTimings, produceBlock } from "@/lib/chain/runtime/block";
import { type Call, type SignatureCheck, type SignedExtrinsic, type VerifiedSignatures, signExtrinsic, signatureCheckOf, signatureKey, verifyExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { verifySignature } from "@/lib/chain/keys/keypair";
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { createPoiTraffic } from "@/lib/actors/traffic";
import { defaultPoolSize } from "@/lib/node/config";
import { VerifyPool } from "@/lib/node/verify-pool";
import { arg, bench2024Network, benchNetwork } from "./bench-network";

await enableFastCrypto(); // the WASM sr25519 verifier, as the node uses
const SUBNETS = arg("subnets", 64);
const UIDS = arg("uids", 256);
const VALIDATORS = arg("validators", 64);
const BLOCKS = arg("blocks", 20_000);
const presetAt = process.argv.indexOf("--preset");
const PRESET = presetAt < 0 ? "mainnet" : process.argv[presetAt + 1];
if (PRESET !== "mainnet" && PRESET !== "seed2024") throw new Error(`--preset must be mainnet or seed2024, got ${PRESET}`);
const trafficAt = process.argv.indexOf("--traffic");
const TRAFFIC = PRESET === "seed2024" ? "synthetic" : trafficAt < 0 ? "poi" : process.argv[trafficAt + 1];
if (TRAFFIC !== "poi" && TRAFFIC !== "synthetic") throw new Error(`--traffic must be poi or synthetic, got ${TRAFFIC}`);
if (PRESET === "seed2024" && trafficAt >= 0) throw new Error("--traffic does not apply to --preset seed2024 (it runs the synthetic 2024 traffic)");
const verifyAt = process.argv.indexOf("--verify");
const VERIFY = verifyAt < 0 ? "stream" : process.argv[verifyAt + 1];
if (VERIFY !== "stream" && VERIFY !== "pool" && VERIFY !== "serial") throw new Error(`--verify must be stream, pool or serial, got ${VERIFY}`);
const WORKERS = arg("workers", defaultPoolSize());
const pool = VERIFY === "serial" ? null : new VerifyPool({ workers: WORKERS });
await pool?.whenReady(); // the workers' start-up is not the blocks' time
const STREAM = VERIFY === "stream";
/** How long an extrinsic waits for its answer before the block verifies it itself (the first blocks' while the workers start). */
const ANSWER_TIMEOUT_MS = 5_000;
/** Every SERIAL_SAMPLE-th block's signatures are verified serially too, outside the timings. */
const SERIAL_SAMPLE = 8;

console.log(
  (PRESET === "seed2024"
    ? `bench:chain: seed2024 preset (the node's genesis and 2024 traffic), ${SUBNETS} subnets × ${UIDS} uids, ${BLOCKS} blocks`
    : `bench:chain: mainnet preset, ${SUBNETS} subnets × ${UIDS} uids, ${VALIDATORS} validators on each, ${BLOCKS} blocks, ${TRAFFIC} weights`) +
    (pool ? `; signatures verified on a pool of ${WORKERS} worker${WORKERS === 1 ? "" : "s"} (${availableParallelism()} cores)${STREAM ? ", streamed into the block" : ", before the block"}` : "; signatures verified serially in the block"),
);
const setupStart = performance.now();
const { state, author, validators, extrinsicsFor: backgroundFor } = PRESET === "seed2024" ? bench2024Network(SUBNETS, UIDS) : benchNetwork(SUBNETS, UIDS, VALIDATORS, TRAFFIC === "poi" ? "none" : "synthetic");
// The actors sign nothing but weights here (the bench network brings its own stakes and registrations).
const poi = TRAFFIC === "poi" ? createPoiTraffic({ seed: 2024, coldkeys: [], hotkeys: validators, validators, background: false }) : null;
const memory = new Map<string, string>();
let actorsMs = 0;
let actorExtrinsics = 0;
const actorSample: SignedExtrinsic[] = [];
let pendingChanges: ReadonlyMap<string, string | null> = new Map();
/** The keys of the signatures the pool found valid, for the block. */
const poolVerify = async (exts: readonly SignedExtrinsic[]): Promise<Set<string>> => {
  const checks = exts.map((e) => signatureCheckOf(e, state.genesisHash)).filter((c): c is SignatureCheck => c !== null);
  const answers = await pool!.verifyMany(checks);
  return new Set(checks.filter((_, i) => answers[i]).map(signatureKey));
};
/** Time the block spent waiting for streamed answers, and the answers that did not come in time. */
let blockedMs = 0;
let late = 0;
interface Streamed extends VerifiedSignatures {
  done: Promise<boolean[]>;
}
const streamVerify = (exts: readonly SignedExtrinsic[]): Streamed => {
  const checks = exts.map((e) => signatureCheckOf(e, state.genesisHash)!);
  const index = new Map(checks.map((c, i) => [signatureKey(c), i]));
  const s = pool!.stream(checks);
  return {
    done: s.done,
    has(key) {
      const i = index.get(key);
      if (i === undefined) return false;
      const w0 = performance.now();
      const a = s.answer(i, ANSWER_TIMEOUT_MS);
      blockedMs += performance.now() - w0;
      if (a === null) late++;
      return a === true;
    },
  };
};
const both = (a: Streamed, b: Streamed): Streamed => ({ done: Promise.all([a.done, b.done]).then(([x, y]) => [...x, ...y]), has: (key) => a.has(key) || b.has(key) });
/** The block's extrinsics, and (with the pool) their verification under way: the background traffic's starts while the actors decide. */
const extrinsicsFor = (b: number): { exts: SignedExtrinsic[]; verifying: Promise<Set<string>[]> | null; streamed: Streamed | null } => {
  const out = backgroundFor(b);
  if (STREAM) {
    const background = streamVerify(out);
    if (!poi) return { exts: out, verifying: null, streamed: background };
    const plan = planActors();
    return { exts: [...out, ...plan.extrinsics], verifying: null, streamed: both(background, streamVerify(plan.extrinsics)) };
  }
  const background = pool ? poolVerify(out) : null;
  if (!poi) return { exts: out, verifying: background && Promise.all([background]), streamed: null };
  const plan = planActors();
  return { exts: [...out, ...plan.extrinsics], verifying: background && Promise.all([background, poolVerify(plan.extrinsics)]), streamed: null };
};
function planActors() {
  const t = performance.now();
  const plan = poi!.plan(state, memory);
  actorsMs += performance.now() - t;
  actorExtrinsics += plan.extrinsics.length;
  if (actorSample.length < 200) actorSample.push(...plan.extrinsics.slice(0, 200 - actorSample.length));
  pendingChanges = plan.changes;
  return plan;
}
console.log(`  genesis built in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

const totals: BlockTimings & { sign: number; poolWait: number; produce: number } = { blockStep: 0, extrinsics: 0, stateRoot: 0, sign: 0, poolWait: 0, produce: 0 };
/** The serial figure: the sampled blocks' signatures verified on the main thread, outside the timings. */
let serialMs = 0;
let serialBlocks = 0;
let serialSignatures = 0;
const serialChecks: SignatureCheck[] = [];
let outsideMs = 0;
let extrinsics = 0;
let failed = 0;
let epochs = 0;
const verifySample: SignedExtrinsic[] = [];
const start = performance.now();
let lastReport = start;
for (let b = 1; b <= BLOCKS; b++) {
  const t0 = performance.now();
  const { exts, verifying, streamed } = extrinsicsFor(b);
  const t1 = performance.now();
  const verified: VerifiedSignatures | undefined = streamed ?? (verifying ? new Set((await verifying).flatMap((s) => [...s])) : undefined);
  const tv = performance.now();
  const { block, rejected, timings } = produceBlock(state, { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author, extrinsics: exts, clock: () => performance.now(), ...(verified ? { verified } : {}) });
  const t2 = performance.now();
  if (rejected.length) throw new Error(`block ${b}: ${rejected[0]!.reason.message}`);
  if (verified instanceof Set && verified.size !== exts.length) throw new Error(`block ${b}: the pool found ${exts.length - verified.size} of ${exts.length} signatures invalid`);
  if (streamed) {
    const answers = await streamed.done; // in by now: the block read every one of them
    if (answers.length !== exts.length || !answers.every(Boolean)) throw new Error(`block ${b}: the pool did not find all ${exts.length} signatures valid`);
    totals.poolWait += performance.now() - t2;
  }
  if (b % SERIAL_SAMPLE === 0) {
    // The serial figure, on the same signatures (the state's genesis hash does not change).
    const checks = exts.map((e) => signatureCheckOf(e, state.genesisHash)!);
    const s0 = performance.now();
    for (const c of checks) if (!verifySignature(c.message, c.signature, c.publicKey)) throw new Error(`block ${b}: a signature does not verify serially`);
    serialMs += performance.now() - s0;
    serialBlocks++;
    serialSignatures += checks.length;
    if (serialChecks.length < 4000) serialChecks.push(...checks);
    outsideMs += performance.now() - t2;
  }
  for (const [k, v] of pendingChanges) v === null ? memory.delete(k) : memory.set(k, v);
  pendingChanges = new Map();
  totals.sign += t1 - t0;
  totals.poolWait += tv - t1;
  totals.produce += t2 - tv;
  totals.blockStep += timings!.blockStep;
  totals.extrinsics += timings!.extrinsics;
  totals.stateRoot += timings!.stateRoot;
  extrinsics += block.extrinsics.length;
  failed += block.extrinsics.filter((x) => !x.success).length;
  epochs += block.events.filter((e) => e.name === "SubtensorModule.EpochDistributed").length;
  if (verifySample.length < 500) verifySample.push(...exts.slice(0, 500 - verifySample.length));
  if (t2 - lastReport > 10_000) {
    lastReport = t2;
    console.log(`  block ${b}: ${(b / ((t2 - start - outsideMs) / 1000)).toFixed(1)} blocks/s so far`);
  }
}
const wall = (performance.now() - start - outsideMs) / 1000;
const v0 = performance.now();
for (const ext of verifySample) verifyExtrinsic(ext, state.genesisHash);
const verifyEach = (performance.now() - v0) / verifySample.length;
// The pool's throughput: the sampled signatures in one request, every worker busy.
let poolEach = 0;
if (pool && serialChecks.length) {
  await pool.verifyMany(serialChecks.slice(0, 64)); // warm
  const p0 = performance.now();
  const answers = await pool.verifyMany(serialChecks);
  poolEach = (performance.now() - p0) / serialChecks.length;
  if (!answers.every(Boolean)) throw new Error("the pool refused a signature serial verification accepted");
}
await pool?.close();

const ms = (x: number) => `${(x / 1000).toFixed(1)} s (${((x / 1000 / wall) * 100).toFixed(0)}%)`;
const perBlock = extrinsics / BLOCKS;
const serialPerBlock = serialBlocks ? serialMs / serialBlocks : verifyEach * perBlock;
if (STREAM) {
  console.log(`blocks/s (engine only: the blocks less their waits for the pool's answers): ${(BLOCKS / ((totals.produce - blockedMs) / 1000)).toFixed(1)}`);
  console.log(`blocks/s (engine with every signature verified on the pool, streamed into the block, signing excluded): ${(BLOCKS / ((totals.produce + totals.poolWait) / 1000)).toFixed(1)}; answers not in time (verified in the block): ${late}`);
} else if (pool) {
  console.log(`blocks/s (engine only, every signature verified on the pool before the block): ${(BLOCKS / (totals.produce / 1000)).toFixed(1)}`);
  console.log(`blocks/s (engine + waiting for the pool, signing excluded): ${(BLOCKS / ((totals.produce + totals.poolWait) / 1000)).toFixed(1)}`);
} else {
  console.log(`blocks/s (chain only, signing excluded; the block verifies its signatures): ${(BLOCKS / (totals.produce / 1000)).toFixed(1)}`);
  console.log(`blocks/s (chain only less the serial signature checks, ${serialPerBlock.toFixed(2)} ms a block): ${(BLOCKS / ((totals.produce - serialPerBlock * BLOCKS) / 1000)).toFixed(1)}`);
}
console.log(`blocks/s (wall, including signing the traffic): ${(BLOCKS / wall).toFixed(1)}`);
console.log(
  `signature checks per block (${perBlock.toFixed(1)} signatures): serial ${serialPerBlock.toFixed(2)} ms on the main thread (${serialSignatures} signatures of ${serialBlocks} blocks, ${(serialMs / Math.max(1, serialSignatures)).toFixed(3)} ms each)` +
    (pool ? `; pool of ${WORKERS}: the main thread waited ${((totals.poolWait + blockedMs) / BLOCKS).toFixed(2)} ms a block${STREAM ? " (inside the block)" : ""}, and ${(poolEach * perBlock).toFixed(2)} ms of pool time a block at full load (${poolEach.toFixed(3)} ms a signature over ${serialChecks.length})` : ""),
);
console.log(
  `the bound signature checks set (blocks/s if only verification ran): serial ${(1000 / serialPerBlock).toFixed(0)} on one core` +
    (pool ? `, on the pool of ${WORKERS} ${(1000 / (poolEach * perBlock)).toFixed(0)} (measured); ${availableParallelism()} cores here` : `; ${availableParallelism()} cores here: at most ${((1000 / serialPerBlock) * availableParallelism()).toFixed(0)} with perfect parallelism and nothing else to do`),
);
console.log(`extrinsics: ${extrinsics} (${(extrinsics / BLOCKS).toFixed(1)} per block, ${failed} failed); epochs: ${epochs}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
console.log("where the time goes:");
console.log(`  signing the traffic (client side): ${ms(totals.sign)}${poi ? `, of which the PoI actors (scoring, deciding and signing their weights) ${ms(actorsMs)}` : ""}`);
console.log(`  block step (coinbase, epochs, prices): ${ms(totals.blockStep)}`);
if (pool) console.log(`  waiting for the pool's answers: ${ms(totals.poolWait + blockedMs)}${STREAM ? ", inside the blocks (in the figures below)" : ""}`);
console.log(pool ? `  extrinsics (dispatch; signatures verified on the pool): ${ms(totals.extrinsics)}` : `  extrinsics (verify + dispatch): ${ms(totals.extrinsics)}, of which signature checks ≈ ${ms(verifyEach * extrinsics)} at ${verifyEach.toFixed(2)} ms each`);
console.log(`  state root: ${ms(totals.stateRoot)}`);
if (poi) {
  // Their signatures, timed again on a sample (same keys, calls, nonces and genesis), to split
  // what the actors cost to decide from what any traffic pays to sign.
  const keyOf = new Map(validators.map((k) => [k.publicKeyHex, k]));
  const s0 = performance.now();
  for (const x of actorSample) signExtrinsic(keyOf.get(x.signer)!, { call: x.call, args: x.args } as Call, x.nonce, state.genesisHash, new Uint8Array(32));
  const signEach = actorSample.length ? (performance.now() - s0) / actorSample.length : 0;
  const engine = totals.produce / BLOCKS;
  const actors = actorsMs / BLOCKS;
  const signing = (signEach * actorExtrinsics) / BLOCKS;
  console.log(
    `PoI actors per block: ${actors.toFixed(2)} ms (${(actors - signing).toFixed(2)} ms scoring and deciding, ${signing.toFixed(2)} ms signing ${(actorExtrinsics / BLOCKS).toFixed(2)} extrinsics at ${signEach.toFixed(2)} ms), ` +
      `engine per block: ${engine.toFixed(2)} ms; actors/engine ${(actors / engine).toFixed(2)} (${((actors - signing) / engine).toFixed(2)} without signing); actors' memory ${memory.size} entries`,
  );
}
console.log(`a simulated year (2.63M blocks) at this rate: ${((2_630_000 / (BLOCKS / (totals.produce / 1000))) / 60).toFixed(0)} min`);

