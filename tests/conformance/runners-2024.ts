/**
 * Runners for the seed2024 vectors (vectors/subtensor-2024, subtensor v1.1.3). Cases that replay
 * a sequence from one of subtensor's tests (several payouts, several blocks) replay it here step
 * by step through the same functions.
 */
import { expect } from "vitest";
import { U64_MAX } from "@/lib/chain/math/fixed";
import { vecU16MaxUpscaleToU16 } from "@/lib/chain/math/wide";
import { blocksUntilNextEpoch2024, generateEmission, rootEpoch } from "@/lib/chain/seed2024/root";
import {
  type AdjustmentParams,
  adjustRegistrationTerms,
  networkLockCost2024,
  subnetToPrune,
  upgradedValue,
} from "@/lib/chain/seed2024/registration";
import { emitThroughHotkey } from "@/lib/chain/seed2024/staking";
import type { Runner } from "./runners";
import { type VectorCase, u64Of } from "./vectors";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** "u64::MAX / 2 = 9223372036854775807" and similar: the number after "=", else the value. */
function u64Text(v: unknown): bigint {
  if (typeof v === "string" && v.includes("=")) return BigInt(v.split("=").at(-1)!.trim());
  return u64Of(v);
}

// ---------------------------------------------------------------------------------------------
// root_epoch.json
// ---------------------------------------------------------------------------------------------

/** "10 validators, uid i = 0..9, total_hotkey_stake 1000 each, ..." → one weight per validator. */
function describedValidators(c: VectorCase, i: Json) {
  const columns: number[] = i.columns_netuid_order;
  if (typeof i.root_validators !== "string") {
    return (i.root_validators as Json[]).map((v) => ({
      stake: BigInt(v.total_hotkey_stake),
      weights: (v.weights_stored as [number, number][]).map(([netuid, w]) => [columns.indexOf(netuid), w] as const),
    }));
  }
  const m = /^(\d+) validators, uid i = 0\.\.(\d+), total_hotkey_stake (\d+) each/.exec(i.root_validators);
  if (!m) throw new Error(`${c.id}: cannot read root_validators ${JSON.stringify(i.root_validators)}`);
  // Validator i weights one column: netuid i (diagonal) or the i-th netuid in column order.
  const diagonal = /weights_stored \[\[i, 65535\]\]/.test(i.root_validators);
  return Array.from({ length: Number(m[1]) }, (_, v) => ({
    stake: BigInt(m[3]!),
    weights: [[columns.indexOf(diagonal ? v : columns[v]!), 65535] as const],
  }));
}

function emissionValues(c: VectorCase, i: Json): bigint[] {
  const values = rootEpoch({
    blockEmission: u64Of(i.block_emission_rao),
    columns: (i.columns_netuid_order as number[]).length,
    validators: describedValidators(c, i),
    kappa: i.kappa_u16,
    rho: i.rho,
  });
  if (!values) throw new Error(`${c.id}: root epoch returned Err`);
  return values;
}

/** PendingEmission of every non-root subnet after each listed block (tempo, no owner). */
function pendingAfter(emission: bigint, netuids: bigint[], tempo: bigint, blocks: number[]): bigint[][] {
  const pending = new Map(netuids.map((n) => [n, 0n]));
  const snapshots: bigint[][] = [];
  for (let b = 1; b <= Math.max(...blocks); b++) {
    for (const netuid of netuids) {
      const r = generateEmission({ netuid, tempo, emissionValue: emission, pending: pending.get(netuid)!, hasOwner: false, registrationAllowed: true }, 0, BigInt(b));
      pending.set(netuid, r.pending);
    }
    if (blocks.includes(b)) snapshots.push(netuids.map((n) => pending.get(n)!));
  }
  return snapshots;
}

const rootRunners: [RegExp, Runner][] = [
  [/^root\.rs::get_root_weights column mapping \+ root_epoch/, (c, i) => {
    const values = emissionValues(c, i);
    const e = c.expected as Json;
    expect(values).toEqual(values.map(() => BigInt(e.EmissionValues_all_10_netuids_including_0)));
    // Netuids 1..4 (tempo 360) and 10..90 (tempo 1000) run no epoch in blocks 1..3.
    const netuids = (i.columns_netuid_order as number[]).filter((n) => n !== 0).map(BigInt);
    for (const [blocks, key] of [[2, "PendingEmission_non_root_after_2_blocks"], [3, "PendingEmission_non_root_after_3_blocks"]] as const) {
      for (const netuid of netuids) {
        const tempo = netuid < 10n ? 360n : 1000n;
        const [after] = pendingAfter(values[0]!, [netuid], tempo, [blocks]);
        expect(after, `netuid ${netuid}`).toEqual([BigInt(e[key])]);
      }
    }
  }],
  [/^root\.rs::root_epoch\(block_number\)/, (c, i) => {
    const values = emissionValues(c, i);
    const e = c.expected as Json;
    if ("EmissionValues_netuids_1_to_9" in e) {
      values.slice(1).forEach((v) => expect(v).toBe(BigInt(e.EmissionValues_netuids_1_to_9)));
      expect(blocksUntilNextEpoch2024(0n, 1n, u64Of(i.root_epoch_block_argument))).toBe(0n);
    } else {
      const want = e.EmissionValues ?? e;
      (i.columns_netuid_order as number[]).forEach((netuid, j) => {
        if (String(netuid) in want) expect(values[j], `netuid ${netuid}`).toBe(BigInt(want[String(netuid)]));
      });
    }
  }],
  [/^block_step\.rs::generate_emission \(PendingEmission accumulation and drain/, (c, i) => {
    // Blocks 1 and 2: with tempo 1, blocks_until_next_epoch is 0 for odd netuids at block 1 and
    // for even netuids at block 2, as the case describes.
    const values = i.EmissionValues_per_block as Record<string, number>;
    const netuids = Object.keys(values).map(BigInt).filter((n) => n !== 0n);
    const pending = new Map(netuids.map((n) => [n, 0n]));
    for (const block of [1n, 2n]) {
      for (const netuid of netuids) {
        const r = generateEmission({ netuid, tempo: BigInt(i.subnet_tempo), emissionValue: BigInt(values[String(netuid)]!), pending: pending.get(netuid)!, hasOwner: false, registrationAllowed: true }, i.subnet_owner_cut_u16, block);
        pending.set(netuid, r.pending);
      }
    }
    const e = (c.expected as Json).PendingEmission as Record<string, number>;
    expect(e["0"]).toBe(0); // the root never accumulates
    for (const netuid of netuids) expect(pending.get(netuid), `netuid ${netuid}`).toBe(BigInt(e[String(netuid)]!));
  }],
  [/^block_step\.rs::generate_emission \(PendingEmission \+= EmissionValues/, (c, i) => {
    const e = c.expected as Json;
    const snapshots = pendingAfter(BigInt(i.EmissionValues_per_block), [1n, 2n, 9n], BigInt(i.subnet_tempo), i.blocks_stepped);
    expect(snapshots.map((s) => s[0])).toEqual([BigInt(e.PendingEmission_after_2_blocks), BigInt(e.PendingEmission_after_3_blocks)]);
  }],
  [/^root\.rs::do_set_root_weights/, (c, i) => {
    const e = c.expected as Json;
    const stored = vecU16MaxUpscaleToU16(i.set_root_weights.values);
    expect(stored[1]).toBe(e.root_weight_column_1_before);
    // Both subnets have EmissionValues 0; subnet 1 is older, so it goes.
    const prune = subnetToPrune([{ netuid: 1, registeredAt: 1n, emissionValue: 0n }, { netuid: 2, registeredAt: 2n, emissionValue: 0n }], 10n, 0n);
    expect(prune).toBe(e.subnet_to_prune);
    // remove_network keeps the (netuid, weight) entry but zeroes the weight.
    const after = i.set_root_weights.uids.map((netuid: number, k: number) => (netuid === prune ? 0 : stored[k]));
    expect(after[1]).toBe(e.root_weight_column_1_after);
  }],
];

// ---------------------------------------------------------------------------------------------
// network_registration.json
// ---------------------------------------------------------------------------------------------

const networkRunners: [RegExp, Runner][] = [
  [/^root\.rs::get_network_lock_cost/, (c, i) => {
    let lastLock = u64Of(i.initial_last_lock);
    let lastRegistered = u64Of(i.initial_last_lock_block);
    const reads: bigint[] = [];
    for (const ev of i.events as { block: number; op: string }[]) {
      const cost = networkLockCost2024({ lastLock, lastRegistered, now: BigInt(ev.block), minLock: u64Of(i.min_lock), reductionInterval: u64Of(i.lock_reduction_interval) });
      if (ev.op === "read") reads.push(cost);
      else if (ev.op === "register_network") {
        lastLock = cost; // pays the cost in force
        lastRegistered = BigInt(ev.block);
      } else throw new Error(`${c.id}: unknown event ${ev.op}`);
    }
    expect(reads).toEqual(((c.expected as Json).reads_in_order as number[]).map(BigInt));
  }],
  [/^root\.rs::get_subnet_to_prune/, (c, i) => {
    const subnets = (i.subnets as Json[]).map((s) => ({ netuid: s.netuid, registeredAt: BigInt(s.registered_at), emissionValue: BigInt(s.emission_value) }));
    expect(subnetToPrune(subnets, BigInt(i.current_block), BigInt(i.network_immunity_period))).toBe(c.expected);
  }],
  [/^block_step\.rs::blocks_until_next_epoch/, (c, i) => {
    const got = (i.cases as [number, number, number][]).map(([netuid, tempo, block]) => blocksUntilNextEpoch2024(BigInt(netuid), BigInt(tempo), BigInt(block)));
    expect(got).toEqual((c.expected as number[]).map(BigInt));
  }],
];

// ---------------------------------------------------------------------------------------------
// registration_adjustment.json
// ---------------------------------------------------------------------------------------------

/** Mock defaults (init_new_network): MinBurn 1, MaxBurn 1e9, difficulty bounds [1, u64::MAX]. */
function adjustmentParams(i: Json): AdjustmentParams {
  return {
    target: BigInt(i.target_registrations_per_interval),
    alpha: u64Text(i.adjustment_alpha_u64),
    minBurn: u64Of(i.min_burn ?? 1),
    maxBurn: u64Of(i.max_burn ?? 1_000_000_000),
    minDifficulty: u64Of(i.min_difficulty ?? 1),
    maxDifficulty: u64Of(i.max_difficulty ?? "u64::MAX"),
  };
}

/** `test_registration_difficulty_adjustment`, step by step (the case's `steps` narrate it). */
function difficultySequence(c: VectorCase, i: Json): void {
  const e = c.expected as Json;
  const alpha = u64Text(i.adjustment_alpha_u64);
  let terms = { burn: 1_000n, difficulty: 20_000n };
  let p: AdjustmentParams = { target: 1n, alpha, minBurn: 1n, maxBurn: 1_000_000_000n, minDifficulty: 10_000n, maxDifficulty: U64_MAX };
  let interval = 1n;
  let lastAdjustment = 0n;
  let counts = { registrations: 0n, pow: 0n, burned: 0n };
  const powRegistrations = (k: bigint) => (counts = { registrations: counts.registrations + k, pow: counts.pow + k, burned: counts.burned });
  const adjust = (block: bigint) => {
    if (block - lastAdjustment < interval) return;
    terms = adjustRegistrationTerms(terms, counts, p);
    lastAdjustment = block;
    counts = { registrations: 0n, pow: 0n, burned: 0n };
  };
  powRegistrations(3n); // block 1
  adjust(2n);
  expect({ difficulty: terms.difficulty, last: lastAdjustment, r: counts.registrations }).toEqual({ difficulty: BigInt(e.after_block_2.difficulty), last: BigInt(e.after_block_2.last_adjustment_block), r: BigInt(e.after_block_2.registrations_this_interval) });
  interval = 3n;
  p = { ...p, target: 3n };
  powRegistrations(3n); // block 2
  adjust(3n);
  powRegistrations(3n); // block 3
  adjust(4n);
  expect([terms.difficulty, counts.registrations]).toEqual([BigInt(e.after_block_4.difficulty), BigInt(e.after_block_4.registrations_this_interval)]);
  adjust(5n);
  expect([terms.difficulty, counts.registrations]).toEqual([BigInt(e.after_block_5.difficulty), BigInt(e.after_block_5.registrations_this_interval)]);
  p = { ...p, minDifficulty: 1n };
  terms = { ...terms, difficulty: 4n };
  interval = 1n;
  for (const block of [6n, 7n, 8n]) {
    adjust(block);
    expect(terms.difficulty, `after block ${block}`).toBe(BigInt(e[`after_block_${block}`].difficulty));
  }
  p = { ...p, maxDifficulty: 10_000n };
  terms = { ...terms, difficulty: 5_000n };
  powRegistrations(4n); // block 8
  adjust(9n);
  expect(terms.difficulty).toBe(BigInt(e.after_block_9.difficulty));
  powRegistrations(3n); // block 9
  adjust(10n);
  expect(terms.difficulty).toBe(BigInt(e.after_block_10.difficulty));
}

const adjustmentRunners: [RegExp, Runner][] = [
  [/^block_step\.rs::upgraded_burn/, (c, i) => {
    const p = adjustmentParams(i);
    const burn = upgradedValue({ current: BigInt(i.burn), registrations: BigInt(i.registrations_this_interval), target: p.target, alpha: p.alpha, min: p.minBurn, max: p.maxBurn });
    expect(burn).toBe(BigInt((c.expected as Json).burn));
  }],
  [/^block_step\.rs::adjust_registration_terms_for_networks over several blocks/, difficultySequence],
  [/^block_step\.rs::adjust_registration_terms_for_networks/, (c, i) => {
    const terms = adjustRegistrationTerms(
      { burn: BigInt(i.burn), difficulty: BigInt(i.difficulty) },
      { registrations: BigInt(i.registrations_this_interval), pow: BigInt(i.pow_registrations), burned: BigInt(i.burn_registrations) },
      adjustmentParams(i),
    );
    const e = c.expected as Json;
    expect(terms).toEqual({ burn: BigInt(e.burn), difficulty: BigInt(e.difficulty) });
  }],
];

// ---------------------------------------------------------------------------------------------
// staking_emission.json
// ---------------------------------------------------------------------------------------------

const total = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);

/** One payout; stakes keyed by coldkey label ("owner", "nominator", "nominator_1", ...). */
function payout(i: Json, server: bigint, validator: bigint, stakes?: Map<string, bigint>): Map<string, bigint> {
  const before = stakes ?? new Map(Object.entries(i.stakes as Record<string, number>).map(([k, v]) => [k, BigInt(v)]));
  return emitThroughHotkey({ owner: "owner", stakes: before, take: i.is_delegate ? i.take_u16 : null }, server, validator);
}

/** Stake plus the payouts of a single-hotkey case, from its inputs. */
function caseStakeAfter(i: Json): bigint {
  const stakes = Object.values((i.stakes ?? {}) as Record<string, number>).reduce((a, b) => a + BigInt(b), 0n);
  return stakes + BigInt(i.server_emission ?? 0) + BigInt(i.validator_emission ?? 0);
}

/**
 * The staking test runs its cases on one chain, so `TotalStake` keeps growing: what stood
 * before this case is the latest earlier literal `total_stake` if there is one, else the
 * previous case's own stake and payouts.
 */
function totalBefore(file: VectorCase[], c: VectorCase, key: string): bigint {
  const k = file.indexOf(c);
  if (key === "total_stake_after_this_and_previous_case") return caseStakeAfter(file[k - 1]!.inputs as Json);
  for (let j = k - 1; j >= 0; j--) {
    const e = file[j]!.expected as Json;
    const literal = e.total_stake ?? e.after_second?.total_stake;
    if (literal !== undefined) return BigInt(literal);
  }
  throw new Error(`${c.id}: no earlier total to build on`);
}

export function stakingRunners(file: VectorCase[]): [RegExp, Runner][] {
  return [
    [/^block_step\.rs::emit_inflation_through_hotkey_account \(sum of stake/, (c, i) => {
      // Two hotkeys h0, h1: non-delegates with 100 each, then delegates (take 5898) with
      // nominations 200 and 300, paid the listed tuples in turn.
      const hotkeys = [new Map([["owner", 100n]]), new Map([["owner", 100n]])];
      let delegate = false;
      const totals: bigint[] = [];
      (i.sequence as Json[]).forEach((step, s) => {
        if (s === 1) {
          delegate = true;
          hotkeys[0]!.set("nominator", 200n);
          hotkeys[1]!.set("nominator", 300n);
        }
        (step.emit as [number, number][]).forEach(([server, validator], h) => {
          hotkeys[h] = emitThroughHotkey({ owner: "owner", stakes: hotkeys[h]!, take: delegate ? 5898 : null }, BigInt(server), BigInt(validator));
        });
        totals.push(total(hotkeys[0]!) + total(hotkeys[1]!));
      });
      expect(totals).toEqual(((c.expected as Json).total_stake_after_each_step as number[]).map(BigInt));
    }],
    [/^block_step\.rs::emit_inflation_through_hotkey_account/, (c, i) => {
      const e = c.expected as Json;
      if (Array.isArray(i.sequence) && i.stakes === undefined) {
        // Server-only payouts to the two hotkeys of the previous cases.
        const h = (i.sequence as Json[]).map((step) => {
          const m = /owner stake (\d+), nominator (\d+)/.exec(step.hotkey)!;
          return emitThroughHotkey({ owner: "owner", stakes: new Map([["owner", BigInt(m[1]!)], ["nominator", BigInt(m[2]!)]]), take: 5898 }, BigInt(step.server_emission), BigInt(step.validator_emission));
        });
        expect([h[0]!.get("owner"), h[0]!.get("nominator"), h[1]!.get("owner"), h[1]!.get("nominator")]).toEqual([e.h0_owner, e.h0_nominator, e.h1_owner, e.h1_nominator].map(BigInt));
        expect(total(h[0]!) + total(h[1]!)).toBe(BigInt(e.total_stake));
        return;
      }
      const steps: Json[] = i.sequence ?? [{ server_emission: i.server_emission, validator_emission: i.validator_emission }];
      let stakes: Map<string, bigint> | undefined;
      const start = total(new Map(Object.entries(i.stakes as Record<string, number>).map(([k, v]) => [k, BigInt(v)])));
      const after: Map<string, bigint>[] = [];
      for (const step of steps) {
        stakes = payout(i, BigInt(step.server_emission), BigInt(step.validator_emission), stakes);
        after.push(stakes);
      }
      const emitted = steps.reduce((a, s) => a + BigInt(s.server_emission) + BigInt(s.validator_emission), 0n);
      const check = (want: Json, got: Map<string, bigint>, emittedSoFar: bigint) => {
        for (const [key, value] of Object.entries(want)) {
          if (key === "total_hotkey_stake") expect(total(got)).toBe(BigInt(value));
          else if (key === "total_stake_delta") expect(total(got) - start).toBe(BigInt(value));
          else if (key === "stake_each_nominator") {
            for (const [k, v] of got) if (k !== "owner") expect(v, k).toBe(BigInt(value));
          } else if (key === "total_stake" || key === "total_stake_after_this_and_previous_case") {
            // Nothing is lost: the running total grows by exactly this hotkey's stake and payouts.
            expect(totalBefore(file, c, key) + total(got)).toBe(BigInt(value));
            expect(total(got)).toBe(start + emittedSoFar);
          } else {
            const coldkey = key.replace(/^stake_/, "");
            expect(got.get(coldkey), key).toBe(BigInt(value));
          }
        }
      };
      if ("after_first" in e) {
        check(e.after_first, after[0]!, BigInt(steps[0]!.server_emission) + BigInt(steps[0]!.validator_emission));
        check(e.after_second, after[1]!, emitted);
      } else check(e, after.at(-1)!, emitted);
    }],
  ];
}

export function runners2024(file: VectorCase[]): [RegExp, Runner][] {
  return [...rootRunners, ...networkRunners, ...adjustmentRunners, ...stakingRunners(file)];
}
