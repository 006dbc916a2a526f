/**
 * The fused epoch kernel (what runEpoch runs without a trace) must return exactly what the
 * step-by-step epoch returns, whose helpers the sparse-vs-dense tests hold to the bigint
 * reference: on random small subnets that reach every branch (owner, commit-reveal, both Yuma
 * variants, liquid and fixed alpha, every bonds-penalty shortcut, explicit zeros, masked and
 * out-of-range entries, zero emission sums, both layouts of the median's columns) and on the
 * benchmark's subnets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EpochInput, type EpochOutput, fusedKernelLimits, runEpochFused, runEpochSteps } from "@/lib/chain/consensus/epoch";
import { u16MatrixFromRows, u16MatrixToRows } from "@/lib/chain/consensus/u16-matrix";
import { benchFixtures, epochFixture } from "@/bench/epoch-fixtures";

const U64_MAX = 2n ** 64n - 1n;

/** Outputs with the bonds as rows, so storage capacity does not matter. */
const plain = (o: EpochOutput) => ({ ...o, bonds: u16MatrixToRows(o.bonds) });

/** Either both throw the same kind of error or both return the same bits. */
function same(input: EpochInput): void {
  let want: EpochOutput | Error;
  try {
    want = runEpochSteps(input);
  } catch (e) {
    want = e as Error;
  }
  if (want instanceof Error) {
    expect(() => runEpochFused(input)).toThrow(want.constructor as new () => Error);
    return;
  }
  expect(plain(runEpochFused(input))).toEqual(plain(want));
}

const u16 = fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 }));
const row = (n: number) =>
  fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n + 1 }), u16), { selector: (e) => e[0], maxLength: n + 2 });

const subnet = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    alpha: fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 2n ** 60n })), { minLength: n, maxLength: n }),
    tao: fc.option(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: n, maxLength: n })),
    taoWeight: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: U64_MAX })),
    lastUpdate: fc.array(fc.bigInt({ min: 0n, max: 120n }), { minLength: n, maxLength: n }),
    registered: fc.array(fc.bigInt({ min: 0n, max: 120n }), { minLength: n, maxLength: n }),
    permit: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    weights: fc.array(row(n), { minLength: 0, maxLength: n + 1 }),
    bonds: fc.array(row(n), { minLength: 0, maxLength: n + 1 }),
    owner: fc.option(fc.integer({ min: 0, max: n - 1 })),
    commits: fc.option(fc.array(fc.oneof(fc.constant(U64_MAX), fc.bigInt({ min: 0n, max: 120n })), { minLength: n, maxLength: n })),
    commitReveal: fc.boolean(),
    yuma3: fc.boolean(),
    liquidAlpha: fc.boolean(),
    kappa: u16,
    bondsPenalty: u16,
    bondsMovingAverage: fc.integer({ min: 0, max: 1_000_000 }),
    alphaValues: fc.tuple(u16, u16),
    steepness: fc.oneof(fc.constant(1000), fc.integer({ min: -32768, max: 32767 })),
    stakeThreshold: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 12n })),
    maxValidators: fc.integer({ min: 0, max: n + 2 }),
    block: fc.bigInt({ min: 0n, max: 130n }),
    tempo: fc.integer({ min: 1, max: 100 }),
    cutoff: fc.integer({ min: 1, max: 100 }),
    lastStep: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 120n })),
    rao: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: U64_MAX })),
  }),
);

type Subnet = typeof subnet extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Subnet): EpochInput {
  const [low, high] = s.alphaValues[0] <= s.alphaValues[1] ? s.alphaValues : [s.alphaValues[1], s.alphaValues[0]];
  return {
    block: s.block,
    params: {
      tempo: s.tempo,
      activityCutoff: s.cutoff,
      kappa: s.kappa,
      bondsPenalty: s.bondsPenalty,
      bondsMovingAverage: s.bondsMovingAverage,
      maxAllowedValidators: s.maxValidators,
      yuma3: s.yuma3,
      liquidAlpha: s.liquidAlpha,
      alphaLow: low,
      alphaHigh: high,
      alphaSigmoidSteepness: s.steepness,
      stakeThreshold: s.stakeThreshold,
      taoWeight: s.taoWeight,
      commitReveal: s.commitReveal,
    },
    alphaStake: s.alpha,
    ...(s.tao ? { taoStake: s.tao } : {}),
    lastUpdate: s.lastUpdate,
    blockAtRegistration: s.registered,
    validatorPermit: s.permit,
    weights: s.weights,
    bonds: s.bonds,
    ownerUid: s.owner,
    ...(s.commits ? { commitBlocks: s.commits } : {}),
    lastMechanismStepBlock: s.lastStep,
    raoEmission: s.rao,
  };
}

describe("the fused epoch kernel equals the step-by-step epoch", () => {
  it("on random small subnets", () => {
    fc.assert(
      fc.property(subnet, (s) => same(toInput(s))),
      { numRuns: 3000 },
    );
  });

  it("on random small subnets, the median from per-column lists", () => {
    const limit = fusedKernelLimits.denseMedian;
    fusedKernelLimits.denseMedian = 0;
    try {
      fc.assert(
        fc.property(subnet, (s) => same(toInput(s))),
        { numRuns: 1000 },
      );
      for (const { input } of benchFixtures().slice(0, 2)) same(input);
    } finally {
      fusedKernelLimits.denseMedian = limit;
    }
  });

  it("on random subnets whose validators weight the same miners (bonds from earlier epochs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 48 }), fc.integer({ min: 1, max: 48 }), fc.integer(), fc.boolean(), fc.boolean(), u16, (n, v, seed, yuma3, liquid, penalty) => {
        for (const input of seededEpochs(n, Math.min(v, n), seed)) {
          same({ ...input, params: { ...input.params, yuma3, liquidAlpha: liquid, bondsPenalty: penalty } });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("on the benchmark's subnets", () => {
    for (const { input } of benchFixtures()) {
      same(input);
      same({ ...input, params: { ...input.params, liquidAlpha: false } });
    }
  });
});

/** Three epochs of a seeded subnet, each with the bonds and permits of the one before. */
function seededEpochs(n: number, validators: number, seed: number): EpochInput[] {
  const inputs: EpochInput[] = [];
  let input = fixture(n, validators, seed);
  for (let k = 0; k < 3; k++) {
    inputs.push(input);
    const out = runEpochSteps(input);
    input = { ...input, bonds: out.bonds, validatorPermit: out.newValidatorPermit };
  }
  return inputs;
}

const fixture = (n: number, validators: number, seed: number) => epochFixture("fused", n, validators, Math.max(1, Math.floor(n / 2)), seed, 0).input;

describe("stored rows back to a U16Matrix", () => {
  it("returns the matrix its own rows came from, and converts anything else afresh", () => {
    const m = u16MatrixFromRows([[[0, 5], [2, 7]], [], [[1, 65535]]]);
    const rows = u16MatrixToRows(m);
    expect(u16MatrixFromRows(rows)).toBe(m);
    const edited = [rows[0]!, [[0, 1]] as [number, number][], rows[2]!];
    expect(u16MatrixToRows(u16MatrixFromRows(edited))).toEqual([[[0, 5], [2, 7]], [[0, 1]], [[1, 65535]]]);
    expect(u16MatrixFromRows(rows.slice(0, 2))).not.toBe(m);
    expect(u16MatrixFromRows([rows[2]!, rows[1]!, rows[0]!])).not.toBe(m);
  });

  it("reads rows in any order and names a bad entry as before", () => {
    expect(u16MatrixToRows(u16MatrixFromRows([[[3, 1], [1, 2]]]))).toEqual([[[1, 2], [3, 1]]]);
    expect(() => u16MatrixFromRows([[[1, 2], [1, 3]]])).toThrow("row 0 names uid 1 twice");
    expect(() => u16MatrixFromRows([[[4, 1], [70000, 3]]])).toThrow("row 0: 70000 is not a uid");
    expect(() => u16MatrixFromRows([[], [[4, 1.5]]])).toThrow("row 1, uid 4: 1.5 is not a u16");
  });
});
