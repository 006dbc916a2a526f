/**
 * The epoch explainer's read: the epoch's stored input (table `EpochInput`, written with each
 * block by the store), the real `runEpoch` re-run on it with its step trace, and the outputs
 * checked against the metagraph snapshot stored at that epoch (written by independent code from
 * the engine's state). Reads two rows by primary key; the re-run is the work.
 */
import { type EpochInput, type EpochOutput, type EpochTrace, runEpoch } from "../chain/consensus/epoch";
import { type U16Matrix, isU16Matrix, u16MatrixFromRows, u16MatrixRow } from "../chain/consensus/u16-matrix";
import * as F from "../chain/math/fast";
import type { Csr } from "../chain/math/sparse";
import { fixedProportionToU16 } from "../chain/math/vector";
import type { EpochExplainDto, EpochHeatmapsDto, ExplainFocusDto, ExplainWeightDto } from "../dto";
import { InvariantError } from "../chain/errors";
import { decodeEpochInput } from "./epoch-input";
import type { ReadClient } from "./prisma";
import { packHeatmaps, u16Base64 } from "../packed-u16";
import { type StoredSnapshot, readSnapshot, requireSnapshot, snapshotMatrix } from "./snapshots";
import { big, num } from "./sql";
import { NotFoundError } from "./queries";

/** A stored metagraph snapshot (MetagraphSnapshot.data): columns by uid. */
export type Snapshot = Record<string, unknown[]>;

/** Row i of a Csr as a map column → value. */
function rowOf(m: Csr | undefined, i: number): Map<number, number> {
  const out = new Map<number, number>();
  if (!m || i >= m.rows) return out;
  for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) out.set(m.col[k]!, m.val[k]!);
  return out;
}

/** Entry (i, j) of a Csr (its rows have ascending columns), or undefined. */
function entry(m: Csr | undefined, i: number, j: number): number | undefined {
  if (!m || i >= m.rows) return undefined;
  let lo = m.ptr[i]!;
  let hi = m.ptr[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.col[mid]!;
    if (c === j) return m.val[mid]!;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}


const u16 = (bits: number) => fixedProportionToU16(bits);
const str = (v: readonly bigint[]) => v.map(String);

/**
 * Compare the re-run's persisted terms with the stored snapshot's columns. The snapshot is the
 * state after the whole block, so a uid registered by an extrinsic of the same block (after the
 * block step ran the epoch) is not the epoch's: appended uids and replaced ones (a different
 * registration block) are left out, with their bond columns, and named.
 */
function compare(out: EpochOutput, snap: Snapshot, input: EpochInput, era2024: boolean): EpochExplainDto["check"] {
  const n = input.alphaStake.length;
  const mismatches: string[] = [];
  const compared = ["consensus", "incentive", "dividends", "validatorTrust", "emission", "bonds"];
  const storedN = (snap.uids ?? []).length;
  const storedReg = snap.blockAtRegistration ?? [];
  const later = new Set<number>();
  for (let uid = 0; uid < Math.max(n, storedN); uid++) if (uid >= n || String(storedReg[uid]) !== String(input.blockAtRegistration[uid])) later.add(uid);
  if (storedN < n) mismatches.push(`the snapshot has ${storedN} uids, the epoch ran over ${n}`);
  const column = (name: string, mine: readonly unknown[], key = name) => {
    const stored = snap[key] ?? [];
    for (let uid = 0; uid < n; uid++) {
      if (!later.has(uid) && String(stored[uid]) !== String(mine[uid])) {
        mismatches.push(`${name} of uid ${uid}: re-run ${String(mine[uid])}, stored ${String(stored[uid])}`);
        return;
      }
    }
  };
  column("consensus", out.consensus);
  column("incentive", out.incentive);
  column("dividends", out.dividends);
  column("validatorTrust", out.validatorTrust);
  column("emission", out.emission);
  const storedBonds = snapshotMatrix(snap, "bonds");
  const kept = (row: readonly (readonly [number, number])[]) => JSON.stringify(row.filter(([j]) => !later.has(j)));
  for (let uid = 0; uid < n; uid++) {
    if (later.has(uid)) continue;
    const mine = kept(u16MatrixRow(out.bonds, uid));
    const stored = kept(u16MatrixRow(storedBonds, uid));
    if (mine !== stored) {
      mismatches.push(`bonds of uid ${uid}: re-run ${mine}, stored ${stored}`);
      break;
    }
  }
  if (era2024) {
    compared.push("rank", "trust", "pruningScores");
    column("rank", out.rank ?? [], "ranks");
    column("trust", out.trust ?? [], "trust");
    column("pruningScores", out.pruningScores ?? [], "pruningScores");
  }
  return { equal: mismatches.length === 0, compared, mismatches, registeredAfter: [...later].sort((a, b) => a - b) };
}

const STAGES = [
  { key: "weightsLoaded", label: "as stored", removed: null },
  { key: "weightsPermitMasked", label: "rows without a previous permit removed", removed: "permit" },
  { key: "weightsDiagMasked", label: "self-weights removed", removed: "self" },
  { key: "weightsOutdatedMasked", label: "outdated weights removed (set before the miner registered)", removed: "outdated" },
  { key: "weightsCommitMasked", label: "commit-reveal: committed before the miner registered", removed: "commitReveal" },
] as const;

/**
 * Explanations already built, per read client, by subnet, epoch, the block it ran at and the
 * chosen uid. A stored epoch never changes (a re-registered netuid's epochs run at later
 * blocks), so the re-run is done once per key; the most recent EXPLAINED_MAX are kept (few: an
 * explanation is about a megabyte of small objects, and the one asked again and again is the
 * latest epoch's).
 */
const explained = new WeakMap<ReadClient, Map<string, EpochExplainDto>>();
const EXPLAINED_MAX = 8;

/** The explanation of subnet `netuid`'s epoch `epoch`, focused on `uid` when given. */
export async function explainEpoch(db: ReadClient, netuid: number, epoch: number, uid?: number): Promise<EpochExplainDto> {
  const { dto, latestEpoch } = await cachedExplanation(db, netuid, epoch, uid);
  return { ...dto, latestEpoch };
}

/**
 * The same answer as JSON text, serialised once per explanation and latest epoch: an answer is
 * large (every step for every uid: 135 kB at 123 uids), and a cached request no longer builds
 * and stringifies a fresh copy of it (sending it is most of what such a request costs).
 */
const serialised = new WeakMap<EpochExplainDto, { latestEpoch: number; text: string }>();

export async function explainEpochJson(db: ReadClient, netuid: number, epoch: number, uid?: number): Promise<string> {
  const { dto, latestEpoch } = await cachedExplanation(db, netuid, epoch, uid);
  const hit = serialised.get(dto);
  if (hit?.latestEpoch === latestEpoch) return hit.text;
  const text = JSON.stringify({ ...dto, latestEpoch });
  serialised.set(dto, { latestEpoch, text });
  return text;
}

/**
 * Subnet `netuid`'s stored epoch `epoch` as the explainer needs it: its snapshot, the block it
 * ran at and the subnet's latest epoch, after checking the epoch has stored inputs. NotFoundError
 * for an unknown subnet or epoch, or one stored before inputs were captured.
 */
async function storedEpoch(db: ReadClient, netuid: number, epoch: number): Promise<{ snap: StoredSnapshot<Snapshot>; latestEpoch: number }> {
  const [[subnet], snap, [inputHead]] = await Promise.all([
    db.sql.query<{ epochIndex: unknown }>(`SELECT "epochIndex" FROM "Subnet" WHERE "netuid" = ?`, [netuid]),
    readSnapshot<Snapshot>(db, netuid, epoch),
    db.sql.query<{ block: unknown }>(`SELECT "block" FROM "EpochInput" WHERE "netuid" = ? AND "epoch" = ?`, [netuid, epoch]),
  ]);
  if (!subnet) throw new NotFoundError(`no subnet ${netuid}`);
  if (!snap) {
    await requireSnapshot(db, netuid, epoch); // throws, saying whether it never was or was pruned
    throw new NotFoundError(`subnet ${netuid}'s epoch ${epoch} changed while it was read; ask again`); // stored meanwhile
  }
  if (!inputHead || big(inputHead.block) !== snap.block) {
    throw new NotFoundError(`subnet ${netuid}'s epoch ${epoch} (block ${snap.block}) was stored before epoch inputs were captured, so it cannot be re-run and explained`);
  }
  return { snap, latestEpoch: num(subnet.epochIndex) };
}

/** The stored input of an epoch that ran at `block` (checked again: a re-registered netuid's epoch may have replaced it meanwhile). */
async function storedInput(db: ReadClient, netuid: number, epoch: number, block: bigint): Promise<EpochInput> {
  const [row] = await db.sql.query<{ block: unknown; data: string; weights: Uint8Array | null; bonds: Uint8Array | null }>(
    `SELECT "block", "data", "weights", "bonds" FROM "EpochInput" WHERE "netuid" = ? AND "epoch" = ?`,
    [netuid, epoch],
  );
  if (!row || big(row.block) !== block) throw new NotFoundError(`subnet ${netuid}'s epoch ${epoch} changed while it was read; ask again`);
  return decodeEpochInput(row.data, row);
}

/** Most recently used first out, at most `max` entries. */
function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): V {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** The cached explanation (shared: never changed by a reader) and the subnet's latest epoch. */
async function cachedExplanation(db: ReadClient, netuid: number, epoch: number, uid?: number): Promise<{ dto: EpochExplainDto; latestEpoch: number }> {
  const { snap, latestEpoch } = await storedEpoch(db, netuid, epoch);
  let cache = explained.get(db);
  if (!cache) explained.set(db, (cache = new Map()));
  const key = `${netuid}/${epoch}/${snap.block}/${uid ?? "-"}`;
  const hit = cache.get(key);
  if (hit) return { dto: hit, latestEpoch };
  const input = await storedInput(db, netuid, epoch, snap.block);
  const n = input.alphaStake.length;
  if (uid !== undefined && uid >= n) throw new NotFoundError(`subnet ${netuid} had no uid ${uid} at epoch ${epoch} (${n} uids)`);
  return { dto: remember(cache, key, buildExplain(netuid, epoch, input, snap.data, uid), EXPLAINED_MAX), latestEpoch };
}

const heatmapsKept = new WeakMap<ReadClient, Map<string, EpochHeatmapsDto>>();

/**
 * The heatmaps of subnet `netuid`'s epoch `epoch` alone (the subnet page shows them for any
 * stored epoch): the same re-run as the explanation's, without building its every step for every
 * uid (135 kB at 123 uids, half the cost of an explanation not yet built). Taken from the
 * explanation when that is already built.
 */
export async function explainHeatmaps(db: ReadClient, netuid: number, epoch: number): Promise<EpochHeatmapsDto> {
  const { snap } = await storedEpoch(db, netuid, epoch);
  const key = `${netuid}/${epoch}/${snap.block}`;
  const whole = explained.get(db)?.get(`${key}/-`);
  if (whole) return packHeatmaps(whole);
  let cache = heatmapsKept.get(db);
  if (!cache) heatmapsKept.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const input = await storedInput(db, netuid, epoch, snap.block);
  const t: EpochTrace = {};
  const out = runEpoch(input, t);
  const n = input.alphaStake.length;
  // Kept packed: a few kilobytes an epoch instead of arrays of numbers the collector must walk.
  return remember(cache, key, packedHeatmapsOf(n, t, out, hotkeysOf(snap.data, n)), EXPLAINED_MAX);
}

/**
 * The heatmaps' rows (the validators: a permit before or after the epoch) and their cells over
 * the n uids, dense u16: the weights the epoch used, the u16 weights as set, and the bonds after
 * it. One builder for both forms the heatmaps take: arrays in the explanation, packed for pages.
 */
function heatmapCells(n: number, t: EpochTrace, out: EpochOutput) {
  const validators = [...Array(n).keys()].filter((i) => t.permitPrev![i] || t.newPermit![i]);
  const dense = (m: Csr | U16Matrix, map: (v: number) => number, what: string): Uint16Array => {
    const cells = new Uint16Array(validators.length * n);
    validators.forEach((i, r) => {
      if (i >= m.rows) return;
      for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
        if (m.col[k]! >= n) continue;
        const v = map(m.val[k]!);
        if (!Number.isInteger(v) || v < 0 || v > 65535) throw new InvariantError(`heatmap ${what} (${i}, ${m.col[k]}) is ${v}, not a u16`);
        cells[r * n + m.col[k]!] = v;
      }
    });
    return cells;
  };
  return { validators, weights: dense(t.weights!, u16, "weight"), weightsSet: dense(t.weightsLoaded!, (v) => v / F.TWO32, "weight set"), bonds: dense(out.bonds, (v) => v, "bond") };
}

/**
 * The heatmaps packed straight from the cells, equal to `packHeatmaps` of the explanation's (a
 * test holds them equal) without its arrays of numbers: building and packing those was as
 * costly as the re-run itself.
 */
function packedHeatmapsOf(n: number, t: EpochTrace, out: EpochOutput, hotkeys: string[]): EpochHeatmapsDto {
  const c = heatmapCells(n, t, out);
  const packed = (cells: Uint16Array) => ({ rows: c.validators.length, cols: n, data: u16Base64(cells) });
  return { hotkeys, validators: c.validators, consensus: out.consensus, weights: packed(c.weights), weightsSet: packed(c.weightsSet), bonds: packed(c.bonds) };
}

/** The hotkey of each uid from the epoch's snapshot ("" where it has none). */
const hotkeysOf = (snap: Snapshot, n: number): string[] => Array.from({ length: n }, (_, i) => String((snap.hotkeys ?? [])[i] ?? ""));

/** The heatmaps as the explanation sends them: a row of numbers per validator. */
function heatmapsOf(n: number, t: EpochTrace, out: EpochOutput): EpochExplainDto["heatmaps"] {
  const c = heatmapCells(n, t, out);
  const rows = (cells: Uint16Array) => c.validators.map((_, r) => Array.from(cells.subarray(r * n, (r + 1) * n)));
  return { validators: c.validators, weights: rows(c.weights), weightsSet: rows(c.weightsSet), bonds: rows(c.bonds), consensus: out.consensus };
}

/** The explanation of one epoch from its input and its stored snapshot (no I/O: the re-run and the DTO). */
export function buildExplain(netuid: number, epoch: number, input: EpochInput, snap: Snapshot, uid?: number): EpochExplainDto {
  const n = input.alphaStake.length;

  const t: EpochTrace = {};
  const out = runEpoch(input, t);
  const p = input.params;
  const era2024 = p.era === "2024";
  const hotkeys = hotkeysOf(snap, n);
  const taoStake = input.taoStake ?? new Array<bigint>(n).fill(0n);

  const permitPrev = t.permitPrev!;
  const newPermit = t.newPermit!;
  const loadedBonds = isU16Matrix(input.bonds) ? input.bonds : u16MatrixFromRows(input.bonds);
  const stages = STAGES.filter((s) => t[s.key] !== undefined);
  const weightStages = [...stages.map((s) => ({ key: s.key, label: s.label, entries: t[s.key]!.col.length })), { key: "weights", label: "row-normalised (W)", entries: t.weights!.col.length }];

  const dto: EpochExplainDto = {
    netuid,
    epoch,
    latestEpoch: null,
    block: String(input.block),
    era: era2024 ? "2024" : "dtao",
    n,
    hotkeys,
    ownerUid: input.ownerUid,
    raoEmission: String(input.raoEmission),
    params: {
      tempo: p.tempo,
      activityCutoff: p.activityCutoff,
      kappa: p.kappa,
      bondsPenalty: p.bondsPenalty,
      bondsMovingAverage: p.bondsMovingAverage,
      maxAllowedValidators: p.maxAllowedValidators,
      yuma3: p.yuma3,
      liquidAlpha: p.liquidAlpha,
      alphaLow: p.alphaLow,
      alphaHigh: p.alphaHigh,
      alphaSigmoidSteepness: p.alphaSigmoidSteepness,
      stakeThreshold: String(p.stakeThreshold),
      taoWeight: String(p.taoWeight),
      commitReveal: p.commitReveal,
    },
    check: compare(out, snap, input, era2024),
    uids: {
      lastUpdate: str(input.lastUpdate),
      active: t.active!,
      alphaStake: str(input.alphaStake),
      taoStake: str(taoStake),
      stake: t.stake!,
      permitPrevious: permitPrev,
      permitNext: newPermit,
      activeStake: t.activeStake!,
      consensus: t.consensus!,
      validatorTrust: t.validatorTrust!,
      rank: t.ranks!,
      incentive: t.incentive!,
      dividends: t.dividends!,
      serverNorm: t.serverNorm!,
      validatorNorm: t.validatorNorm!,
      serverEmission: str(out.serverEmission),
      validatorEmission: str(out.validatorEmission),
      emission: str(out.emission),
      out: {
        consensus: out.consensus,
        incentive: out.incentive,
        dividends: out.dividends,
        validatorTrust: out.validatorTrust,
        stakeWeight: out.stakeWeight,
        rank: out.rank ?? null,
        trust: out.trust ?? null,
        pruningScores: out.pruningScores ?? null,
      },
    },
    steps: {
      activeCount: t.active!.filter(Boolean).length,
      taoWeightBits: String(t.taoWeight),
      belowThreshold: t.stakeRaw!.filter((s, i) => s !== 0n && t.stakeFiltered![i] === 0n).length,
      weightStages,
      kappa: t.kappa!,
      bondsPenalty: t.bondsPenalty!,
      bondsMode: !p.yuma3 ? "original" : t.liquidAlpha ? "yuma3-liquid-alpha" : "yuma3",
      emaAlpha: t.emaAlpha ?? null,
      lastTempo: t.lastTempo ?? null,
      bondEntries: { loaded: t.bondsLoaded!.col.length, masked: t.bondsMasked!.col.length, after: out.bonds.col.length },
      emissionSum: t.emissionSum!,
      emissionFallback: t.emissionFallback!,
    },
    heatmaps: heatmapsOf(n, t, out),
    focus: uid === undefined ? null : focusOn(uid, input, t, out, hotkeys, loadedBonds),
  };
  return dto;
}

/** Which mask removed (i, j), or null when it reached W. */
function removedBy(t: EpochTrace, i: number, j: number): ExplainWeightDto["removedBy"] {
  for (const s of STAGES.slice(1)) {
    const m = t[s.key];
    if (m && entry(m, i, j) === undefined) return s.removed;
  }
  return null;
}

function focusOn(uid: number, input: ReturnType<typeof decodeEpochInput>, t: EpochTrace, out: EpochOutput, hotkeys: string[], loadedBonds: U16Matrix): ExplainFocusDto {
  const n = input.alphaStake.length;
  const consensus = t.consensus!;
  const stake = t.stake!;
  const activeStake = t.activeStake!;
  const W = rowOf(t.weights, uid);
  const Wc = rowOf(t.clipped, uid);
  // As a validator: its row, entry by entry.
  const weightsSet: ExplainWeightDto[] = [...rowOf(t.weightsLoaded, uid)].map(([j, v]) => ({
    uid: j,
    set: v / F.TWO32,
    removedBy: removedBy(t, uid, j),
    normalized: W.get(j) ?? 0,
    clipped: Wc.get(j) ?? 0,
    consensus: consensus[j] ?? 0,
    activeStake: activeStake[uid]!,
    stakeAtOrAbove: 0,
  }));
  // As a miner: the column of weights it received, highest normalised weight first, with the
  // active stake at or above each weight (the consensus is where that reaches kappa).
  const received: ExplainWeightDto[] = [];
  for (let i = 0; i < n; i++) {
    const set = entry(t.weightsLoaded, i, uid);
    if (set === undefined) continue;
    received.push({
      uid: i,
      set: set / F.TWO32,
      removedBy: removedBy(t, i, uid),
      normalized: entry(t.weights, i, uid) ?? 0,
      clipped: entry(t.clipped, i, uid) ?? 0,
      consensus: consensus[uid]!,
      activeStake: activeStake[i]!,
      stakeAtOrAbove: 0,
    });
  }
  received.sort((a, b) => b.normalized - a.normalized || a.uid - b.uid);
  let above = 0;
  for (const r of received) {
    if (r.removedBy === null) above += r.activeStake;
    r.stakeAtOrAbove = above;
  }
  // Bonds: before (as loaded), after (as stored), the EMA the dividends used, each miner's incentive and the dividend term.
  const before = new Map(u16MatrixRow(loadedBonds, uid));
  const after = new Map(u16MatrixRow(out.bonds, uid));
  const ema = rowOf(input.params.yuma3 ? t.emaBondsNormalized : t.emaBonds, uid);
  const cols = [...new Set([...before.keys(), ...after.keys(), ...ema.keys()])].sort((a, b) => a - b);
  const incentive = t.incentive!;
  // Liquid alpha: the EMA rate of each bond, one per entry of the validator's Wb row.
  const alpha = new Map<number, number>();
  const wb = t.weightsForBonds!;
  if (t.liquidAlpha) for (let k = wb.ptr[uid]!; k < wb.ptr[uid + 1]!; k++) alpha.set(wb.col[k]!, t.liquidAlpha[k]!);
  const bonds = cols.map((j) => {
    const e = ema.get(j) ?? 0;
    const term = F.mul(e, incentive[j] ?? 0);
    return { uid: j, before: before.get(j) ?? 0, after: after.get(j) ?? 0, ema: e, alpha: t.liquidAlpha ? (alpha.get(j) ?? null) : (t.emaAlpha ?? null), incentive: incentive[j] ?? 0, term };
  });
  const order = [...stake.keys()].sort((a, b) => stake[b]! - stake[a]! || b - a);
  return {
    uid,
    hotkey: hotkeys[uid]!,
    lastUpdate: String(input.lastUpdate[uid]),
    registeredAt: String(input.blockAtRegistration[uid]),
    active: t.active![uid]!,
    alphaStake: String(input.alphaStake[uid]),
    taoStake: String(input.taoStake?.[uid] ?? 0n),
    weightedStakeBits: String(t.stakeRaw![uid]),
    belowThreshold: t.stakeRaw![uid] !== 0n && t.stakeFiltered![uid] === 0n,
    stake: stake[uid]!,
    stakePosition: order.indexOf(uid) + 1,
    permitPrevious: t.permitPrev![uid]!,
    permitNext: t.newPermit![uid]!,
    activeStake: activeStake[uid]!,
    weightsSet,
    validatorTrust: t.validatorTrust![uid]!,
    weightsReceived: received,
    kappa: t.kappa!,
    consensus: consensus[uid]!,
    rank: t.ranks![uid]!,
    incentive: incentive[uid]!,
    bonds,
    dividends: t.dividends![uid]!,
    out: {
      consensus: out.consensus[uid]!,
      incentive: out.incentive[uid]!,
      dividends: out.dividends[uid]!,
      validatorTrust: out.validatorTrust[uid]!,
      stakeWeight: out.stakeWeight[uid]!,
      rank: out.rank?.[uid] ?? null,
      trust: out.trust?.[uid] ?? null,
      pruningScore: out.pruningScores?.[uid] ?? null,
    },
    serverEmission: String(out.serverEmission[uid]),
    validatorEmission: String(out.validatorEmission[uid]),
    emission: String(out.emission[uid]),
  };
}
