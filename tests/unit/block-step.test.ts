/**
 * The block step wired into block production: emission by issuance, the TAO split by moving
 * price, the excess-TAO buy (no root stake, so nothing is injected), the alpha emission split
 * into pending accumulators and the moving price, on the `test` preset.
 */
import { describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { I96F32, U64F64, convert } from "@/lib/chain/math/fixed";
import { createRng } from "@/lib/chain/rng";
import type { Block } from "@/lib/chain/runtime/block";
import { currentPrice } from "@/lib/chain/swap/swap";
import { type ChainDriver, TAO, storedData, supplyHeld, testChain } from "../helpers/chain-driver";

const [alice, bob] = ["//Alice", "//Bob"].map(keypairFromUri) as Keypair[];
const hot = [0, 1].map((i) => keypairFromUri(`//stephot${i}`).publicKeyHex);
const author = keypairFromUri("//Eve").publicKeyHex;

function chain(aliceTao = 10_000n): ChainDriver {
  return testChain([[alice!, aliceTao], [bob!, 1000n]], author);
}

/** Register subnet `netuid`'s network now and start it after the 3-block delay; returns after the start block. */
function registerAndStart(d: ChainDriver, hotkey: string, netuid: number): void {
  d.submit(alice!, "SubtensorModule.register_network", { hotkey });
  d.block();
  for (let i = 0; i < 2; i++) d.block();
  d.submit(alice!, "SubtensorModule.start_call", { netuid });
  expect(d.block().extrinsics.map((x) => x.error)).toEqual([null]);
}

const eventsNamed = (b: Block, name: string) => b.events.filter((e) => e.name === name).map((e) => storedData(e) as Record<string, string> & { netuid: number });

/**
 * Produce blocks until one mints TAO; returns its number. A new subnet's price EMA is 0 and grows
 * by `α·min(price, 1)` with `α = 0.000003·b/(b + 201600)`: stored as I96F32 (2^-32 steps), it
 * first becomes non-zero once α ≥ 2^-32, 16 blocks after the start, and the subnet's TAO share
 * (its EMA over the sum of EMAs) is 0 until then.
 */
function untilMinting(d: ChainDriver): bigint {
  for (let i = 0; i < 100; i++) {
    const b = d.block();
    if (eventsNamed(b, "SubtensorModule.BlockEmission").some((e) => e.minted !== "0")) return b.header.number;
  }
  throw new Error("no emission within 100 blocks");
}

describe("block emission", () => {
  it("mints nothing until a started subnet's price EMA leaves 0, then the whole block emission into its pool", () => {
    const d = chain();
    const genesisIssuance = d.s.totalIssuance;
    registerAndStart(d, hot[0]!, 1); // blocks 1-4; first emission block 5
    expect(untilMinting(d)).toBe(21n); // block 20 stores the first non-zero EMA (b = 20 − 4 = 16)
    expect(d.s.totalIssuance).toBe(genesisIssuance + TAO);
    for (let i = 0; i < 3; i++) {
      const before = d.s.subnets.get(1)!;
      const issuance = d.s.totalIssuance;
      const b = d.block();
      expect(eventsNamed(b, "SubtensorModule.BlockEmission")).toEqual([{ blockEmission: "1000000000", minted: "1000000000", issuance: (issuance + TAO).toString() }]);
      expect(d.s.totalIssuance).toBe(issuance + TAO);
      const [e] = eventsNamed(b, "SubtensorModule.SubnetEmission");
      // Without root stake the injection cap is 0: all of the TAO buys alpha for the protocol.
      expect(e).toMatchObject({ netuid: 1, taoIn: "0", alphaIn: "0", excessTao: "1000000000", recycled: "0", alphaOut: "1000000000" });
      const after = d.s.subnets.get(1)!;
      expect(after.pool.taoReserve).toBe(before.pool.taoReserve + TAO);
      expect(after.protocolAlpha - before.protocolAlpha).toBe(BigInt(e!.alphaBought!));
      // 1 alpha split: owner cut 11796/65535, then half to miners, half to validators (no root).
      expect(after.pending.ownerCut - before.pending.ownerCut).toBe(179_995_422n);
      expect(after.pending.server - before.pending.server).toBe(410_002_288n);
      expect(after.pending.validator - before.pending.validator).toBe(410_002_288n);
      expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
    }
  });

  it("halves when issuance passes 10.5M TAO", () => {
    const d = chain(10_500_000n);
    registerAndStart(d, hot[0]!, 1);
    untilMinting(d);
    const b = d.block();
    expect(eventsNamed(b, "SubtensorModule.BlockEmission")[0]).toMatchObject({ blockEmission: "500000000", minted: "500000000" });
  });

  it("splits the emission across subnets by moving price and never mints more than the block emission", () => {
    const d = chain();
    registerAndStart(d, hot[0]!, 1); // blocks 1-4
    d.block(); // 5
    registerAndStart(d, hot[1]!, 2); // blocks 6-9
    let both = 0;
    for (let i = 0; i < 40; i++) {
      const b = d.block();
      const emissions = eventsNamed(b, "SubtensorModule.SubnetEmission");
      const minted = BigInt(eventsNamed(b, "SubtensorModule.BlockEmission")[0]!.minted!);
      expect(emissions.reduce((a, e) => a + BigInt(e.excessTao!), 0n)).toBe(minted);
      const [m1, m2] = [1, 2].map((n) => d.s.subnets.get(n)!.movingPrice);
      if (m2 === 0n) continue;
      both++;
      expect(minted <= TAO && minted >= TAO - 2n).toBe(true); // two floored shares
      // Subnet 1's price EMA started earlier and is higher, so it earns more.
      expect(m1! > m2!).toBe(true);
      expect(BigInt(emissions[0]!.excessTao!) > BigInt(emissions[1]!.excessTao!)).toBe(true);
    }
    expect(both).toBeGreaterThan(20);
  });

  it("moves the price EMA toward the spot price capped at 1", () => {
    const d = chain();
    registerAndStart(d, hot[0]!, 1);
    let previous = d.s.subnets.get(1)!.movingPrice;
    for (let i = 0; i < 30; i++) {
      d.block();
      const sn = d.s.subnets.get(1)!;
      expect(sn.movingPrice >= previous).toBe(true);
      expect(convert(I96F32, U64F64, sn.movingPrice) < U64F64.one).toBe(true);
      previous = sn.movingPrice;
    }
    expect(currentPrice(d.s.subnets.get(1)!.pool) > U64F64.one).toBe(true); // protocol buys lifted the spot price above 1
    expect(previous).toBeGreaterThan(0n);
  });
});

describe("issuance reconciles from events", () => {
  it("equals genesis issuance plus minted minus burned and dust, under seeded traffic", () => {
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const d = chain();
      const events: Block["events"] = [];
      const genesisIssuance = d.s.totalIssuance;
      registerAndStart(d, hot[0]!, 1);
      for (let b = 0; b < 25; b++) {
        const from = rng.next() < 0.5 ? alice! : bob!;
        if (rng.next() < 0.7) d.submit(from, "SubtensorModule.add_stake", { hotkey: hot[0], netuid: 1, amount_staked: String(BigInt(1 + rng.int(20)) * TAO) });
        else d.submit(from, "Balances.transfer_allow_death", { dest: author, value: String(rng.int(2_000_000)) });
        events.push(...d.block().events);
      }
      let expected = genesisIssuance;
      for (const ev of events) {
        const { name } = ev;
        const e = storedData(ev) as Record<string, string>;
        if (name === "SubtensorModule.BlockEmission") expected += BigInt(e.minted!);
        if (name === "Balances.Burned" || name === "Balances.DustLost") expected -= BigInt(e.amount!);
      }
      expect(d.s.totalIssuance).toBe(expected);
      expect(supplyHeld(d.s)).toBe(d.s.totalIssuance);
      // Blocks 5-29 ran after the start; blocks 21-29 minted 1 TAO each (stake buys keep the spot price ≥ 1).
      expect(d.s.totalIssuance - genesisIssuance).toBe(9n * TAO - burnedIn(events));
    }
  });
});

function burnedIn(events: Block["events"]): bigint {
  return events.filter((e) => e.name === "Balances.Burned" || e.name === "Balances.DustLost").reduce((a, e) => a + BigInt((storedData(e) as Record<string, string>).amount!), 0n);
}

