/**
 * npm run bench:chain [-- --subnets 64 --uids 256 --validators 64 --blocks 20000]
 *
 * Fast-forwards the `mainnet` preset in memory: `subnets` subnets of `uids` uids from genesis,
 * `validators` validator hotkeys registered on every subnet (one hotkey validating on many
 * subnets, as large validators do), each staked in the first blocks and setting weights on each
 * subnet once per tempo (spread evenly over the tempo), plus per block two stakes, one unstake
 * and one registration. Every extrinsic is signed and verified. Prints blocks per second, heap
 * use and where the time goes.
 */
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { createRng } from "@/lib/chain/rng";
import { type BlockTimings, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { type SignedExtrinsic, signExtrinsic, verifyExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState } from "@/lib/chain/runtime/state";
import { shareValue } from "@/lib/chain/staking/share-pool";

const TAO = 1_000_000_000n;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

const SUBNETS = arg("subnets", 64);
const UIDS = arg("uids", 256);
const VALIDATORS = arg("validators", 64);
const BLOCKS = arg("blocks", 20_000);
if (VALIDATORS + 1 > UIDS) throw new Error("--validators must leave room for the owner uid");

const rng = createRng(2024);
const hex = () => `0x${Array.from({ length: 32 }, () => rng.int(256).toString(16).padStart(2, "0")).join("")}`;

console.log(`bench:chain: mainnet preset, ${SUBNETS} subnets × ${UIDS} uids, ${VALIDATORS} validators on each, ${BLOCKS} blocks`);
const setupStart = performance.now();
const validators = Array.from({ length: VALIDATORS }, (_, i) => keypairFromUri(`//bench-validator-${i}`));
const validatorColdkey = keypairFromUri("//bench-validators");
const stakers = Array.from({ length: 8 }, (_, i) => keypairFromUri(`//bench-staker-${i}`));
const owners = Array.from({ length: SUBNETS }, () => hex());
const state: ChainState = createGenesis({
  preset: "mainnet",
  timestamp: 1_700_000_000_000n,
  endowments: [...stakers, validatorColdkey].map((k) => [k.publicKeyHex, 10_000_000n * TAO] as [string, bigint]),
  subnets: owners.map((owner) => ({
    owner,
    ownerHotkey: hex(),
    started: true,
    neurons: [
      ...validators.map((v) => ({ hotkey: v.publicKeyHex, coldkey: validatorColdkey.publicKeyHex })),
      ...Array.from({ length: UIDS - 1 - VALIDATORS }, () => ({ hotkey: hex(), coldkey: hex() })),
    ],
  })),
}).state;
const author = stakers[0]!.publicKeyHex;
console.log(`  genesis built in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

const nonces = new Map<string, number>();
function sign(key: (typeof stakers)[number], call: string, args: Record<string, unknown>): SignedExtrinsic {
  const nonce = nonces.get(key.publicKeyHex) ?? state.accounts.get(key.publicKeyHex)?.nonce ?? 0;
  nonces.set(key.publicKeyHex, nonce + 1);
  return signExtrinsic(key, { call, args: args as never }, nonce, state.genesisHash, new Uint8Array(32));
}

/** The block's extrinsics: warm-up stakes first, then weights by schedule and a little traffic. */
function extrinsicsFor(block: number): SignedExtrinsic[] {
  const out: SignedExtrinsic[] = [];
  const tempo = state.subnets.get(1)!.tempo;
  if (block <= SUBNETS) {
    // Warm-up: the validators' coldkey stakes 1000 TAO to each validator on subnet `block`.
    for (const v of validators) out.push(sign(validatorColdkey, "SubtensorModule.add_stake", { hotkey: v.publicKeyHex, netuid: block, amount_staked: String(1000n * TAO) }));
    return out;
  }
  for (let s = 1; s <= SUBNETS; s++) {
    const subnet = state.subnets.get(s)!;
    validators.forEach((v, i) => {
      if ((block + s * 7 + i * Math.floor(tempo / VALIDATORS)) % tempo !== 0) return;
      const uid = subnet.neurons.findIndex((n) => n.hotkey === v.publicKeyHex);
      if (uid < 0 || !subnet.neurons[uid]!.validatorPermit) return;
      const dests: number[] = [];
      const weights: number[] = [];
      for (let m = 0; m < subnet.neurons.length; m++) {
        if (m === uid) continue;
        dests.push(m);
        weights.push(1 + ((m * 2654435761 + i * 97) % 65535));
      }
      out.push(sign(v, "SubtensorModule.set_weights", { netuid: s, dests, weights, version_key: "0" }));
    });
  }
  for (let k = 0; k < 2; k++) {
    const from = stakers[rng.int(stakers.length)]!;
    out.push(sign(from, "SubtensorModule.add_stake", { hotkey: validators[rng.int(VALIDATORS)]!.publicKeyHex, netuid: 1 + rng.int(SUBNETS), amount_staked: String(BigInt(1 + rng.int(100)) * TAO) }));
  }
  const unstaker = stakers[rng.int(stakers.length)]!;
  const netuid = 1 + rng.int(SUBNETS);
  const hotkey = validators[rng.int(VALIDATORS)]!.publicKeyHex;
  const pool = state.subnets.get(netuid)!.stake[hotkey];
  const held = pool ? shareValue(pool, unstaker.publicKeyHex) : 0n;
  if (held > 0n) out.push(sign(unstaker, "SubtensorModule.remove_stake", { hotkey, netuid, amount_unstaked: String(held / 2n) }));
  const registrant = stakers[rng.int(stakers.length)]!;
  out.push(sign(registrant, "SubtensorModule.burned_register", { netuid: 1 + rng.int(SUBNETS), hotkey: hex() }));
  return out;
}

const totals: BlockTimings & { sign: number; verify: number; produce: number } = { blockStep: 0, extrinsics: 0, stateRoot: 0, sign: 0, verify: 0, produce: 0 };
let extrinsics = 0;
let failed = 0;
let epochs = 0;
const verifySample: SignedExtrinsic[] = [];
const start = performance.now();
let lastReport = start;
for (let b = 1; b <= BLOCKS; b++) {
  nonces.clear();
  const t0 = performance.now();
  const exts = extrinsicsFor(b);
  const t1 = performance.now();
  const { block, rejected, timings } = produceBlock(state, { timestamp: 1_700_000_000_000n + BigInt(b) * 12_000n, author, extrinsics: exts, clock: () => performance.now() });
  const t2 = performance.now();
  if (rejected.length) throw new Error(`block ${b}: ${rejected[0]!.reason.message}`);
  totals.sign += t1 - t0;
  totals.produce += t2 - t1;
  totals.blockStep += timings!.blockStep;
  totals.extrinsics += timings!.extrinsics;
  totals.stateRoot += timings!.stateRoot;
  extrinsics += block.extrinsics.length;
  failed += block.extrinsics.filter((x) => !x.success).length;
  epochs += block.events.filter((e) => e.name === "SubtensorModule.EpochDistributed").length;
  if (verifySample.length < 500) verifySample.push(...exts.slice(0, 500 - verifySample.length));
  if (t2 - lastReport > 10_000) {
    lastReport = t2;
    console.log(`  block ${b}: ${(b / ((t2 - start) / 1000)).toFixed(1)} blocks/s so far`);
  }
}
const wall = (performance.now() - start) / 1000;
const v0 = performance.now();
for (const ext of verifySample) verifyExtrinsic(ext, state.genesisHash);
const verifyEach = (performance.now() - v0) / verifySample.length;

const ms = (x: number) => `${(x / 1000).toFixed(1)} s (${((x / 1000 / wall) * 100).toFixed(0)}%)`;
console.log(`blocks/s (chain only, signing excluded): ${(BLOCKS / (totals.produce / 1000)).toFixed(1)}`);
console.log(`blocks/s (wall, including signing the traffic): ${(BLOCKS / wall).toFixed(1)}`);
console.log(`extrinsics: ${extrinsics} (${(extrinsics / BLOCKS).toFixed(1)} per block, ${failed} failed); epochs: ${epochs}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
console.log("where the time goes:");
console.log(`  signing the traffic (client side): ${ms(totals.sign)}`);
console.log(`  block step (coinbase, epochs, prices): ${ms(totals.blockStep)}`);
console.log(`  extrinsics (verify + dispatch): ${ms(totals.extrinsics)}, of which signature checks ≈ ${ms(verifyEach * extrinsics)} at ${verifyEach.toFixed(2)} ms each`);
console.log(`  state root: ${ms(totals.stateRoot)}`);
console.log(`a simulated year (2.63M blocks) at this rate: ${((2_630_000 / (BLOCKS / (totals.produce / 1000))) / 60).toFixed(0)} min`);
