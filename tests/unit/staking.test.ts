/**
 * Share pools (with the literals of subtensor's own share-pool tests) and the staking calls:
 * start_call, add_stake and remove_stake through the subnet pool, on the `test` preset.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { U64F64, fromInt } from "@/lib/chain/math/fixed";
import { createRng } from "@/lib/chain/rng";
import type { Block } from "@/lib/chain/runtime/block";
import { type ChainState, restoreState, serializeState, stateRoot } from "@/lib/chain/runtime/state";
import { stakeOf } from "@/lib/chain/runtime/staking";
import { EMPTY_POOL, type SharePool, shareValue, updateValueForAll, updateValueForOne } from "@/lib/chain/staking/share-pool";
import { type Pool, currentPrice, limitPriceFromRao, feeFor as swapFeeFor } from "@/lib/chain/swap/swap";
import { type ChainDriver, TAO, errorsOf, freeOf, storedData, supplyHeld, testChain, txFee } from "../helpers/chain-driver";


describe("share pool (subtensor primitives/share-pool tests)", () => {
  const one = (pool: SharePool, key: string, update: bigint) => updateValueForOne(pool, key, update).pool;

  it("values shares pro rata: 3 and 7 of 10 shares in 100 are 30 and 70", () => {
    const pool: SharePool = { value: 100n, denominator: fromInt(U64F64, 10), shares: { a: fromInt(U64F64, 3), b: fromInt(U64F64, 7) } };
    expect([shareValue(pool, "a"), shareValue(pool, "b")]).toEqual([30n, 70n]);
    expect(shareValue(EMPTY_POOL, "a")).toBe(0n); // zero denominator
  });

  it("keeps precision over stake and unstake (test_denom_precision)", () => {
    let pool = one(EMPTY_POOL, "1", 1000n);
    expect(shareValue(pool, "1")).toBe(1000n);
    pool = one(one(one(pool, "1", -990n), "2", 1000n), "2", -990n);
    expect([shareValue(pool, "1"), shareValue(pool, "2")]).toEqual([10n, 10n]);
  });

  it("gives the first staker the accumulated value (test_denom_high_precision)", () => {
    let pool = one(one(EMPTY_POOL, "1", 1n), "2", 1n);
    pool = updateValueForAll(pool, 999_999_999_999_998n);
    pool = one(one(pool, "1", -499_999_999_999_990n), "2", -499_999_999_999_990n);
    pool = updateValueForAll(pool, 999_999_999_999_980n);
    pool = one(one(pool, "1", 1_000_000_000_000n), "2", 1_000_000_000_000n);
    const v1 = shareValue(pool, "1");
    const v2 = shareValue(pool, "2");
    expect(v1 - 1_001_000_000_000_000n < 100n && 1_001_000_000_000_000n - v1 < 100n).toBe(true);
    expect(v2 - 1_000_000_000_000n < 100n && 1_000_000_000_000n - v2 < 100n).toBe(true);
  });

  it("removes a whole position whose remainder would lose precision", () => {
    const pool = one(EMPTY_POOL, "1", 1_000_000n);
    const { pool: after, actual } = updateValueForOne(pool, "1", -999_999n);
    expect(actual).toBe(-1_000_000n);
    expect(after).toEqual({ value: 0n, denominator: 0n, shares: {} });
  });

  it("never pays out more than the pool holds", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.bigInt({ min: -5_000_000_000n, max: 5_000_000_000n }), fc.bigInt({ min: 0n, max: 1_000_000_000n })), { maxLength: 30 }), (ops) => {
        let pool = EMPTY_POOL;
        for (const [key, update, emission] of ops) {
          const held = shareValue(pool, key);
          pool = updateValueForOne(pool, key, update < -held ? -held : update).pool;
          if (pool.denominator > 0n) pool = updateValueForAll(pool, emission);
          const total = ["a", "b", "c"].reduce((s, k) => s + shareValue(pool, k), 0n);
          expect(total <= pool.value).toBe(true);
        }
      }),
    );
  });
});

const [alice, bob, charlie] = ["//Alice", "//Bob", "//Charlie"].map(keypairFromUri) as Keypair[];
const hot = Array.from({ length: 4 }, (_, i) => keypairFromUri(`//stakehot${i}`).publicKeyHex);
const author = keypairFromUri("//Eve").publicKeyHex;

function chain(): ChainDriver {
  const d = testChain([[alice!, 10_000n], [bob!, 1000n], [charlie!, 1000n]], author);
  return { ...d, submit: (from, call, args) => d.submit(from, `SubtensorModule.${call}`, args) };
}

/**
 * Issuance is held as free balances plus pool TAO. Alpha outside the pool is staked, pending
 * distribution or the protocol's, up to the rounding dust of splitting each block's alpha
 * emission four ways (at most 3 rao a block, which subtensor also leaves in `SubnetAlphaOut`).
 */
function checkConservation(s: ChainState, undistributed: ReadonlyMap<number, bigint> = new Map()): void {
  expect(supplyHeld(s)).toBe(s.totalIssuance);
  for (const n of s.subnets.values()) {
    const accounted = Object.values(n.stake).reduce((a, p) => a + p.value, 0n) + n.pending.server + n.pending.validator + n.pending.ownerCut + n.pending.root + n.protocolAlpha;
    const dust = n.alphaOut - accounted - (undistributed.get(n.netuid) ?? 0n);
    expect(dust >= 0n && dust <= 3n * s.block, `alpha dust ${dust}`).toBe(true);
  }
}

/**
 * Alpha the epochs of `b` had no one to give, per subnet, added to `into`: an epoch distributes
 * its pending server, validator and root alpha (`emission`) as incentive, take, nominators' share
 * and root dividends, or burns the owner's incentive; with no incentive and no stake to divide
 * the dividends by (every staker left before the epoch), the rest stays in `SubnetAlphaOut`
 * with no holder, as in subtensor (spec §5.6: the dividends are shares of Σ alpha_divs).
 */
function addUndistributed(into: Map<number, bigint>, b: Block): void {
  const sum = (r: Record<string, string>) => Object.values(r).reduce((a, v) => a + BigInt(v), 0n);
  for (const e of b.events) {
    if (e.name !== "SubtensorModule.EpochDistributed") continue;
    const d = storedData(e) as { netuid: number; emission: string; incentive: Record<string, string>; take: Record<string, string>; nominators: Record<string, string>; burnedIncentive: string; rootDividends: Record<string, string> };
    const given = sum(d.incentive) + sum(d.take) + sum(d.nominators) + BigInt(d.burnedIncentive) + sum(d.rootDividends);
    into.set(d.netuid, (into.get(d.netuid) ?? 0n) + BigInt(d.emission) - given);
  }
}

/** The pool as the extrinsics of `b` found it: before them, the block step bought alpha with the subnet's TAO emission. */
function poolAfterBlockStep(before: Pool, b: Block, netuid: number): Pool {
  const e = storedData(b.events.find((x) => x.name === "SubtensorModule.SubnetEmission" && storedData(x).netuid === netuid)!) as Record<string, string>;
  expect([e.taoIn, e.alphaIn, e.recycled]).toEqual(["0", "0", "0"]); // no root stake: nothing injected, all bought
  return { ...before, taoReserve: before.taoReserve + BigInt(e.excessTao!), alphaReserve: before.alphaReserve - BigInt(e.alphaBought!) };
}

describe("start_call", () => {
  it("lets only the owner start a subnet, once, after the delay; staking waits for it", () => {
    const c = chain();
    c.submit(alice!, "register_network", { hotkey: hot[0] });
    c.block(); // block 1
    c.submit(alice!, "start_call", { netuid: 1 });
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(TAO) });
    expect(errorsOf(c.block())).toEqual(["SubtensorModule.NeedWaitingMoreBlocksToStarCall", "SubtensorModule.SubtokenDisabled"]);
    c.block();
    c.submit(bob!, "start_call", { netuid: 1 });
    c.submit(alice!, "start_call", { netuid: 2 });
    c.submit(alice!, "start_call", { netuid: 1 });
    c.submit(alice!, "start_call", { netuid: 1 });
    const b = c.block(); // block 4 = 1 + delay 3
    expect(errorsOf(b)).toEqual(["BadOrigin", "SubtensorModule.SubnetNotExists", null, "SubtensorModule.FirstEmissionBlockNumberAlreadySet"]);
    expect(c.s.subnets.get(1)!.firstEmissionBlock).toBe(5n);
    expect(storedData(b.events.find((e) => e.name === "SubtensorModule.FirstEmissionBlockNumberSet")!)).toEqual({ netuid: 1, block: "5" });
  });
});

/** A chain with subnet 1 (owner hotkey hot[0]) started at block 5. */
function started(): ChainDriver {
  const c = chain();
  c.submit(alice!, "register_network", { hotkey: hot[0] });
  c.block();
  for (let i = 0; i < 3; i++) c.block();
  c.submit(alice!, "start_call", { netuid: 1 });
  c.block();
  return c;
}

describe("add_stake and remove_stake", () => {
  it("swaps TAO for alpha at the constant-product rate, less the 0.05% fee paid to the author", () => {
    const c = started();
    const bobBefore = freeOf(c.s, bob!.publicKeyHex);
    const authorBefore = freeOf(c.s, author);
    const poolBefore = c.s.subnets.get(1)!.pool;
    const ext = c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(10n * TAO) });
    const b = c.block();
    const pool = poolAfterBlockStep(poolBefore, b, 1);
    expect(errorsOf(b)).toEqual([null]);
    const swapFee = (10n * TAO * 33n) / 65535n;
    expect(swapFee).toBe(swapFeeFor(10n * TAO, 33));
    const dy = 10n * TAO - swapFee;
    const alpha = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    // x·Δy/(y+Δy), floored; the pool's 1e18-scaled power may differ from the exact ratio by a rao.
    const exact = (pool.alphaReserve * dy) / (pool.taoReserve + dy);
    expect(alpha >= exact - 1n && alpha <= exact).toBe(true);
    expect(storedData(b.events.find((e) => e.name === "SubtensorModule.StakeAdded")!)).toMatchObject({ alpha: alpha.toString(), fee: swapFee.toString(), tao: (10n * TAO).toString() });
    expect(freeOf(c.s, bob!.publicKeyHex)).toBe(bobBefore - 10n * TAO - txFee(ext));
    expect(freeOf(c.s, author)).toBe(authorBefore + swapFee + txFee(ext));
    const after = c.s.subnets.get(1)!;
    expect(after.pool.taoReserve).toBe(pool.taoReserve + dy);
    expect(after.pool.alphaReserve).toBe(pool.alphaReserve - alpha);
    expect(after.alphaOut - c.s.subnets.get(1)!.protocolAlpha - alpha).toBeGreaterThan(0n); // plus pending emission
    checkConservation(c.s);
  });

  it("shares a hotkey's pool between nominators and unstakes partly, then fully", () => {
    const c = started();
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(10n * TAO) });
    c.submit(charlie!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(5n * TAO) });
    c.block();
    const sn = c.s.subnets.get(1)!;
    const bobAlpha = stakeOf(sn, hot[0]!, bob!.publicKeyHex);
    const charlieAlpha = stakeOf(sn, hot[0]!, charlie!.publicKeyHex);
    expect(sn.stake[hot[0]!]!.value).toBe(bobAlpha + charlieAlpha);
    expect(charlieAlpha < bobAlpha / 2n).toBe(true); // Charlie bought after Bob moved the price up

    const half = bobAlpha / 2n;
    const before = freeOf(c.s, bob!.publicKeyHex);
    const poolBefore = c.s.subnets.get(1)!.pool;
    const ext = c.submit(bob!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: String(half) });
    const b = c.block();
    const pool = poolAfterBlockStep(poolBefore, b, 1);
    expect(errorsOf(b)).toEqual([null]);
    const removed = storedData(b.events.find((e) => e.name === "SubtensorModule.StakeRemoved")!) as Record<string, string>;
    expect(freeOf(c.s, bob!.publicKeyHex)).toBe(before - txFee(ext) + BigInt(removed.tao!));
    // y·Δx/(x+Δx) for the alpha left after the 0.05% fee (Charlie's buy lifted the price, so
    // Bob's half sells for more than the 5 TAO it cost).
    const dx = half - (half * 33n) / 65535n;
    const exact = (pool.taoReserve * dx) / (pool.alphaReserve + dx);
    expect(BigInt(removed.tao!) >= exact - 1n && BigInt(removed.tao!) <= exact).toBe(true);
    expect(BigInt(removed.tao!) > 5n * TAO).toBe(true);
    const left = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    expect(bobAlpha - half - left <= 1n).toBe(true);
    checkConservation(c.s);

    c.submit(bob!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: String(left) });
    expect(errorsOf(c.block())).toEqual([null]);
    expect(c.s.subnets.get(1)!.stake[hot[0]!]!.shares[bob!.publicKeyHex]).toBeUndefined();
    expect(stakeOf(c.s.subnets.get(1)!, hot[0]!, charlie!.publicKeyHex)).toBe(charlieAlpha);
    checkConservation(c.s);
  });

  it("names every refusal as subtensor does", () => {
    const c = started();
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(TAO) });
    c.block();
    const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: "1000" });
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(2000n * TAO) });
    c.submit(bob!, "add_stake", { hotkey: hot[3], netuid: 1, amount_staked: String(TAO) });
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 7, amount_staked: String(TAO) });
    c.submit(bob!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: String(held + 1n) });
    c.submit(bob!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: "0" });
    c.submit(bob!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: "1000" });
    c.submit(charlie!, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: "1000" });
    expect(errorsOf(c.block())).toEqual([
      "SubtensorModule.AmountTooLow",
      "SubtensorModule.NotEnoughBalanceToStake",
      "SubtensorModule.HotKeyAccountNotExists",
      "SubtensorModule.SubnetNotExists",
      "SubtensorModule.NotEnoughStakeToWithdraw",
      "SubtensorModule.AmountTooLow",
      "SubtensorModule.AmountTooLow",
      "SubtensorModule.NotEnoughStakeToWithdraw",
    ]);
    expect(stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex)).toBe(held);
    checkConservation(c.s);
  });

  it("conserves TAO and alpha under seeded staking traffic", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        const c = started();
        const keys = [alice!, bob!, charlie!];
        let succeeded = 0;
        const undistributed = new Map<number, bigint>();
        for (let b = 0; b < 10; b++) {
          for (let k = 0; k < 3; k++) {
            const from = keys[rng.int(3)]!;
            const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, from.publicKeyHex);
            if (rng.next() < 0.6 || held === 0n) c.submit(from, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(BigInt(rng.int(50_000)) * 1_000_000n) });
            else c.submit(from, "remove_stake", { hotkey: hot[0], netuid: 1, amount_unstaked: String(rng.next() < 0.3 ? held : (held * BigInt(rng.int(100))) / 100n) });
          }
          const block = c.block();
          succeeded += block.extrinsics.filter((x) => x.success).length;
          addUndistributed(undistributed, block);
          checkConservation(c.s, undistributed);
        }
        expect(succeeded).toBeGreaterThan(15); // of 30: the traffic really stakes and unstakes
        expect(stateRoot(restoreState(serializeState(c.s), c.s.rules))).toBe(stateRoot(c.s)); // incremental root = root from scratch
      }),
      { numRuns: 6, examples: [[2044626471]] }, // every staker leaves before the first epoch: its alpha has no holder
    );
  });
});

const eventData = (b: Block, name: string) => b.events.filter((e) => e.name === name).map((e) => storedData(e) as Record<string, string | number>);

describe("add_stake_limit and remove_stake_limit", () => {
  it("refuses a limit the price is already past, and an amount that would cross the limit unless partial", () => {
    const c = started();
    const price = currentPrice(c.s.subnets.get(1)!.pool); // U64F64, ~1.0
    expect(price > limitPriceFromRao(990_000_000n) && price < limitPriceFromRao(1_010_000_000n)).toBe(true);
    const args = (amount: bigint, limit: bigint, allowPartial: boolean) => ({ hotkey: hot[0], netuid: 1, amount_staked: String(amount), limit_price: String(limit), allow_partial: allowPartial });
    c.submit(bob!, "add_stake_limit", args(TAO, 900_000_000n, false));
    c.submit(bob!, "add_stake_limit", args(500n * TAO, 1_010_000_000n, false));
    expect(errorsOf(c.block())).toEqual(["Swap.PriceLimitExceeded", "SubtensorModule.SlippageTooHigh"]);
    expect(c.s.subnets.get(1)!.stake[hot[0]!]).toBeUndefined();
  });

  it("fills a partial stake up to the limit price and a partial unstake down to it", () => {
    const c = started();
    const limit = 1_010_000_000n; // 1.01 TAO per alpha
    c.submit(bob!, "add_stake_limit", { hotkey: hot[0], netuid: 1, amount_staked: String(500n * TAO), limit_price: String(limit), allow_partial: true });
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    const [added] = eventData(b, "SubtensorModule.StakeAdded");
    const spent = BigInt(added!.tao as string);
    // On a 100-TAO constant-product pool at price ~1, reaching 1.01 takes ~0.5 TAO.
    expect(spent > 400_000_000n && spent < 600_000_000n).toBe(true);
    const after = currentPrice(c.s.subnets.get(1)!.pool);
    expect(after <= limitPriceFromRao(limit)).toBe(true);
    expect(after > limitPriceFromRao(limit - 1_000_000n)).toBe(true); // it went (almost) all the way
    checkConservation(c.s);

    const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    const pool = c.s.subnets.get(1)!.pool;
    const floor = (pool.taoReserve * TAO) / pool.alphaReserve - 2_000_000n; // 0.002 below the spot price (equal weights)
    c.submit(bob!, "remove_stake_limit", { hotkey: hot[0], netuid: 1, amount_unstaked: String(held), limit_price: String(floor), allow_partial: false });
    c.submit(bob!, "remove_stake_limit", { hotkey: hot[0], netuid: 1, amount_unstaked: String(held), limit_price: String(floor), allow_partial: true });
    const b2 = c.block();
    expect(errorsOf(b2)).toEqual(["SubtensorModule.SlippageTooHigh", null]);
    const [removed] = eventData(b2, "SubtensorModule.StakeRemoved");
    const sold = BigInt(removed!.alpha as string);
    expect(sold > 0n && sold < held).toBe(true);
    // The sale stops at the floor; the author's fee-free sale of the 0.05% alpha fee then moves
    // the price a hair below it (subtensor's order), by far less than 0.00001 TAO per alpha.
    const end = currentPrice(c.s.subnets.get(1)!.pool);
    expect(end < limitPriceFromRao(floor) && end > limitPriceFromRao(floor - 10_000n)).toBe(true);
    expect(stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex)).toBe(held - sold); // the unsold rest stays staked
    checkConservation(c.s);
  });
});

describe("move_stake and unstake_all", () => {
  /** Subnets 1 and 2 started, hot[1] registered on subnet 1, Bob staked 20 TAO to hot[0] on subnet 1. */
  function twoSubnets(): ChainDriver {
    const c = started(); // block 5
    for (let i = 0; i < 1; i++) c.block(); // block 6: the network rate limit (5) has passed
    c.submit(alice!, "register_network", { hotkey: hot[2] });
    c.submit(charlie!, "burned_register", { netuid: 1, hotkey: hot[1] });
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(20n * TAO) });
    expect(errorsOf(c.block())).toEqual([null, null, null]); // block 7
    for (let i = 0; i < 3; i++) c.block();
    c.submit(alice!, "start_call", { netuid: 2 });
    expect(errorsOf(c.block())).toEqual([null]);
    return c;
  }

  it("moves alpha between hotkeys of one subnet without a swap", () => {
    const c = twoSubnets();
    const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    const pool = c.s.subnets.get(1)!.pool;
    const ext = c.submit(bob!, "move_stake", { origin_hotkey: hot[0], destination_hotkey: hot[1], origin_netuid: 1, destination_netuid: 1, alpha_amount: String(held / 4n) });
    const before = freeOf(c.s, bob!.publicKeyHex);
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    const sn = c.s.subnets.get(1)!;
    const moved = BigInt(eventData(b, "SubtensorModule.StakeMoved")[0]!.alpha as string);
    expect(moved).toBe(held / 4n);
    expect(stakeOf(sn, hot[1]!, bob!.publicKeyHex)).toBe(moved);
    expect(stakeOf(sn, hot[0]!, bob!.publicKeyHex)).toBe(held - moved);
    expect(freeOf(c.s, bob!.publicKeyHex)).toBe(before - txFee(ext)); // only the transaction fee
    // The pool moved only by the block step's emission purchase, not by the move.
    expect(eventData(b, "SubtensorModule.StakeRemoved")).toEqual([]);
    expect(sn.pool.alphaReserve <= pool.alphaReserve).toBe(true);
    checkConservation(c.s);
  });

  it("moves across subnets by selling on one pool (with fee) and buying on the other (without)", () => {
    const c = twoSubnets();
    const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    const before = freeOf(c.s, bob!.publicKeyHex);
    const ext = c.submit(bob!, "move_stake", { origin_hotkey: hot[0], destination_hotkey: hot[2], origin_netuid: 1, destination_netuid: 2, alpha_amount: String(held) });
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    const [removed] = eventData(b, "SubtensorModule.StakeRemoved");
    const [added] = eventData(b, "SubtensorModule.StakeAdded");
    const [moved] = eventData(b, "SubtensorModule.StakeMoved");
    expect(removed!.fee).not.toBe("0");
    expect(added!.fee).toBe("0");
    expect(added!.tao).toBe(removed!.tao);
    expect(moved!.tao).toBe(removed!.tao);
    expect(stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex)).toBe(0n);
    expect(stakeOf(c.s.subnets.get(2)!, hot[2]!, bob!.publicKeyHex)).toBe(BigInt(added!.alpha as string));
    expect(freeOf(c.s, bob!.publicKeyHex)).toBe(before - txFee(ext)); // the TAO went straight back into stake
    checkConservation(c.s);
  });

  it("names move_stake's refusals", () => {
    const c = twoSubnets();
    const held = stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex);
    const move = (o: string, d: string, on: number, dn: number, a: bigint) => c.submit(bob!, "move_stake", { origin_hotkey: o, destination_hotkey: d, origin_netuid: on, destination_netuid: dn, alpha_amount: String(a) });
    move(hot[0]!, hot[0]!, 1, 1, 1n);
    move(hot[0]!, hot[1]!, 1, 9, 1n);
    move(hot[0]!, hot[3]!, 1, 1, 1n);
    move(hot[0]!, hot[1]!, 1, 1, held + 1n);
    move(hot[0]!, hot[1]!, 1, 1, 1000n);
    move(hot[0]!, hot[2]!, 1, 2, 1000n);
    expect(errorsOf(c.block())).toEqual([
      "SubtensorModule.SameNetuid",
      "SubtensorModule.SubnetNotExists",
      "SubtensorModule.HotKeyAccountNotExists",
      "SubtensorModule.NotEnoughStakeToWithdraw",
      "SubtensorModule.AmountTooLow",
      "SubtensorModule.AmountTooLow",
    ]);
    expect(stakeOf(c.s.subnets.get(1)!, hot[0]!, bob!.publicKeyHex)).toBe(held);
  });

  it("unstake_all sells the hotkey's whole position on every subnet", () => {
    const c = twoSubnets();
    c.submit(bob!, "add_stake", { hotkey: hot[0], netuid: 2, amount_staked: String(5n * TAO) });
    c.block();
    expect(stakeOf(c.s.subnets.get(2)!, hot[0]!, bob!.publicKeyHex) > 0n).toBe(true);
    const before = freeOf(c.s, bob!.publicKeyHex);
    const ext = c.submit(bob!, "unstake_all", { hotkey: hot[0] });
    const b = c.block();
    expect(errorsOf(b)).toEqual([null]);
    const removed = eventData(b, "SubtensorModule.StakeRemoved");
    expect(removed.map((e) => e.netuid)).toEqual([1, 2]);
    for (const netuid of [1, 2]) expect(stakeOf(c.s.subnets.get(netuid)!, hot[0]!, bob!.publicKeyHex)).toBe(0n);
    const received = removed.reduce((a, e) => a + BigInt(e.tao as string), 0n);
    expect(freeOf(c.s, bob!.publicKeyHex)).toBe(before - txFee(ext) + received);
    checkConservation(c.s);
  });
});
