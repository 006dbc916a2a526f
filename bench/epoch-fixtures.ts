/**
 * Seeded epoch inputs at benchmark scale, shared by the benchmark and the tests that prove
 * the fast path exact on them.
 */
import type { EpochInput, EpochParams, U16Row } from "@/lib/chain/consensus/epoch";
import { runEpoch } from "@/lib/chain/consensus/epoch";
import { createRng } from "@/lib/chain/rng";
import { isU16Matrix, u16MatrixFromRows, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { createGenesis } from "@/lib/chain/runtime/block";
import { type ChainState, type Subnet, setSubnet } from "@/lib/chain/runtime/state";
import { EMPTY_POOL, updateValueForOne } from "@/lib/chain/staking/share-pool";

export interface EpochFixture {
  name: string;
  input: EpochInput;
}

export const YUMA3_LIQUID: EpochParams = {
  tempo: 360,
  activityCutoff: 5000,
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 975_000,
  maxAllowedValidators: 64,
  yuma3: true,
  liquidAlpha: true,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  stakeThreshold: 0n,
  taoWeight: 0n,
  commitReveal: false,
};

/**
 * n uids, `validators` of them (uids 0..v−1, the highest stakes) each weighting `targets` uids
 * drawn from a noisy view of hidden miner quality. Bonds come from `warmup` earlier epochs.
 */
export function epochFixture(name: string, n: number, validators: number, targets: number, seed: number, warmup = 2): EpochFixture {
  const rng = createRng(seed);
  const quality = Array.from({ length: n }, () => rng.next());
  const alphaStake = Array.from({ length: n }, (_, i) =>
    i < validators ? BigInt(1_000_000_000_000 + rng.int(1_000_000_000_000)) : BigInt(rng.int(1_000_000_000)),
  );
  // Validators look at the same best miners: each weights `targets` uids drawn from the top
  // quarter more than that, so columns overlap and reach consensus as on a live subnet.
  const ranked = quality.map((_, j) => j).sort((x, y) => quality[y]! - quality[x]!);
  const pool = ranked.slice(0, Math.min(n, Math.ceil(targets * 1.25)));
  const weights: U16Row[] = Array.from({ length: n }, (_, i) => {
    if (i >= validators) return [];
    const cols = new Set<number>();
    while (cols.size < Math.min(targets, pool.length)) cols.add(pool[rng.int(pool.length)]!);
    const sorted = [...cols].sort((a, b) => a - b);
    const raw = sorted.map((j) => Math.max(0, quality[j]! + rng.normal(0, 0.1)));
    const max = Math.max(...raw, 1e-9);
    return sorted.map((j, k) => [j, Math.round((raw[k]! / max) * 65535)] as const);
  });
  let input: EpochInput = {
    block: 10_000n,
    params: { ...YUMA3_LIQUID, maxAllowedValidators: Math.max(validators, 64) },
    alphaStake,
    lastUpdate: Array.from({ length: n }, () => 9_990n),
    blockAtRegistration: Array.from({ length: n }, (_, i) => BigInt(i % 100)),
    validatorPermit: Array.from({ length: n }, (_, i) => i < validators),
    weights: u16MatrixFromRows(weights),
    bonds: Array.from({ length: n }, () => []),
    ownerUid: null,
    lastMechanismStepBlock: 9_640n,
    raoEmission: 360_000_000_000n,
  };
  for (let k = 0; k < warmup; k++) {
    const out = runEpoch(input);
    input = { ...input, bonds: out.bonds, validatorPermit: out.newValidatorPermit };
  }
  return { name, input };
}

/** The three sizes of the benchmark. */
export function benchFixtures(): EpochFixture[] {
  return [
    epochFixture("(a) n=256, 64 validators x 256 uids, Yuma3 + liquid alpha", 256, 64, 256, 1),
    epochFixture("(b) n=1024, 256 validators x 256 uids", 1024, 256, 256, 2),
    epochFixture("(c) n=4096, 256 validators x 512 uids", 4096, 256, 512, 3),
  ];
}

/**
 * Fixture (a) as a subnet of the `mainnet` preset, for timing `runSubnetEpoch` around the kernel:
 * each uid a neuron with the fixture's stake (one coldkey each), weights rows as `set_weights`
 * stores them and bonds rows as the last epoch left them, and a tempo of pending emission.
 */
export function subnetEpochFixture(): { state: ChainState; subnet: Subnet; block: bigint } {
  const { input } = benchFixtures()[0]!;
  const rng = createRng(5);
  const hex = () => `0x${Array.from({ length: 32 }, () => rng.int(256).toString(16).padStart(2, "0")).join("")}`;
  const n = input.alphaStake.length;
  const neurons = Array.from({ length: n - 1 }, () => ({ hotkey: hex(), coldkey: hex() }));
  const { state } = createGenesis({ preset: "mainnet", timestamp: 1_700_000_000_000n, endowments: [], subnets: [{ owner: hex(), ownerHotkey: hex(), started: true, neurons }] });
  const genesis = state.subnets.get(1)!;
  const weights = u16MatrixToRows(isU16Matrix(input.weights) ? input.weights : u16MatrixFromRows(input.weights)).map((row) => row.map(([j, v]) => [j, v] as [number, number]));
  const bonds = u16MatrixToRows(isU16Matrix(input.bonds) ? input.bonds : u16MatrixFromRows(input.bonds));
  const stake = { ...genesis.stake };
  const subnet: Subnet = {
    ...genesis,
    neurons: genesis.neurons.map((x, i) => {
      stake[x.hotkey] = updateValueForOne(stake[x.hotkey] ?? EMPTY_POOL, x.coldkey, input.alphaStake[i]!).pool;
      return { ...x, weights: weights[i]!, bonds: bonds[i]!, validatorPermit: input.validatorPermit[i]!, lastUpdate: input.lastUpdate[i]!, registeredAt: input.blockAtRegistration[i]! };
    }),
    stake,
    pending: { server: 180_000_000_000n, validator: 180_000_000_000n, ownerCut: 40_000_000_000n, root: 0n },
    lastMechanismStepBlock: input.lastMechanismStepBlock,
  };
  setSubnet(state, subnet);
  return { state, subnet, block: input.block };
}
