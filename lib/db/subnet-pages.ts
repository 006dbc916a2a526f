/**
 * Reads behind the subnet list, the subnet page's hyperparameters, registrations and history
 * charts, the metagraph export and the home page's overview. Every figure comes from rows kept
 * as blocks are written (Subnet, SubnetEpoch, FlowCum, NetworkStat, UidRegistration,
 * MetagraphSnapshot, StakePosition): indexed lookups, never a scan of events.
 */
import { blockEmissionForIssuance } from "../chain/emission/block-emission";
import { activityCutoffBlocks } from "../chain/consensus/epoch";
import type { HyperparamDto, HyperparamsDto, MetagraphExportDto, NextHalvingDto, OverviewDto, RegistrationsDto, SubnetHistoryDto, SubnetListItemDto, SubnetSort, TopValidatorDto } from "../dto-subnets";
import { PERMITTED_HOTKEYS } from "./accounts";
import { ss58Of } from "./keys";
import { u16MatrixToRows } from "../chain/consensus/u16-matrix";
import { requireSnapshot, snapshotMatrix } from "./snapshots";
import { flowTotalsOf } from "./flow-rows";
import { chainEra, headNumber } from "./flows";
import { perHead } from "./head-cache";
import type { ReadClient } from "./prisma";
import { SUBNETS, UID_REGISTRATIONS, issuanceAt, subnetRow } from "./rows";
import { big, bool, num } from "./sql";
import { NotFoundError, listSubnets } from "./queries";
import { inflowOf, projectHalvings } from "./tokenomics";

/** Seven simulated days at 12 s a block. */
export const WEEK_BLOCKS = 50_400n;
const SPARKLINE_POINTS = 48;

type Era = "dtao" | "seed2024";

/** "1.234567890" (9 decimals) as rao of TAO per alpha. */
function priceRao(price: string): bigint {
  const m = /^(\d+)\.(\d{1,9})$/.exec(price);
  return m ? BigInt(m[1]!) * 1_000_000_000n + BigInt(m[2]!.padEnd(9, "0")) : 0n;
}

async function requireSubnet(db: ReadClient, netuid: number) {
  const s = await subnetRow(db, netuid);
  if (!s) throw new NotFoundError(`no subnet ${netuid}`);
  return s;
}

/** The head block (number and timestamp), or null before genesis is stored. */
async function headBlock(db: ReadClient): Promise<{ number: bigint; timestamp: bigint } | null> {
  const [row] = await db.sql.query<{ number: unknown; timestamp: unknown }>(`SELECT "number", "timestamp" FROM "Block" WHERE "number" = (SELECT MAX("number") FROM "Block")`);
  return row ? { number: big(row.number), timestamp: big(row.timestamp) } : null;
}

/**
 * τ each subnet received in the head block and the head block's emission. dTAO: the
 * SubnetEmission amounts (τ injected + spent buying alpha + recycled) as the FlowCum totals'
 * difference between the head and its parent; seed2024: the subnet's `EmissionValues` from the
 * last root epoch (root validators' weights), which each block queues as pending emission. The
 * head block's emission is `blockEmissionForIssuance` of the issuance before it (the parent's).
 */
export async function subnetEmissions(db: ReadClient, head: bigint, era: Era): Promise<{ perBlock: Map<number, bigint>; blockEmission: bigint }> {
  const parent = head > 0n ? head - 1n : head;
  const issuance = await issuanceAt(db, parent);
  const blockEmission = issuance === null ? 0n : blockEmissionForIssuance(issuance);
  const perBlock = new Map<number, bigint>();
  if (era === "seed2024") {
    for (const s of await SUBNETS.all(db)) {
      const v = (JSON.parse(s.hyperparams) as { emissionValue?: string }).emissionValue;
      perBlock.set(s.netuid, v === undefined ? 0n : BigInt(v));
    }
    return { perBlock, blockEmission };
  }
  const rows = await db.flowCum.findMany({ where: { blockNumber: { in: head > 0n ? [parent, head] : [head] } } });
  const at = (b: bigint) => new Map(rows.filter((r) => r.blockNumber === b).map((r) => [r.netuid, inflowOf(era, flowTotalsOf(r as unknown as Record<string, unknown>))]));
  const now = at(head);
  const before = head > 0n ? at(parent) : new Map<number, bigint>();
  for (const [netuid, v] of now) perBlock.set(netuid, v - (before.get(netuid) ?? 0n));
  return { perBlock, blockEmission };
}

const share = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 1_000_000_000n) / whole) / 1_000_000_000);

/**
 * Up to `points` stored epochs of `netuid`, evenly spaced and ending at the newest, from the
 * first epoch at or after block `from` (primary-key lookups: the epoch counter is dense).
 */
/** At most `points` stored epochs of `netuid`, evenly spaced, from block `from` (or the first) to epoch `until` (or the latest). */
type EpochRow = { epoch: number; block: bigint; price: string; taoReserve: string; alphaReserve: string; burn: string | null };

/**
 * At most `points` of the subnet's stored epochs, evenly spaced by epoch and ending at the newest
 * (at `until` or before): those at or after block `from`, or all of them.
 */
async function sampledEpochs(db: ReadClient, netuid: number, from: bigint | null, points: number, until?: number): Promise<EpochRow[]> {
  const [range] = await db.sql.query<{ first: unknown; last: unknown }>(
    `SELECT (SELECT MIN("epoch") FROM "SubnetEpoch" WHERE "netuid" = ?${from === null ? "" : ` AND "block" >= ?`}) AS "first", (SELECT MAX("epoch") FROM "SubnetEpoch" WHERE "netuid" = ?${until === undefined ? "" : ` AND "epoch" <= ?`}) AS "last"`,
    [netuid, ...(from === null ? [] : [from]), netuid, ...(until === undefined ? [] : [until])],
  );
  if (!range || range.first === null || range.last === null) return [];
  const first = num(range.first);
  const last = num(range.last);
  if (first > last) return [];
  const span = last - first;
  // Every `step`-th epoch counting down from the last (all of them when they fit).
  const step = span + 1 <= points ? 1 : Math.ceil(span / (points - 1));
  const rows = await db.sql.query<Record<string, unknown>>(
    `SELECT "epoch", "block", "price", "taoReserve", "alphaReserve", "burn" FROM "SubnetEpoch" WHERE "netuid" = ? AND "epoch" >= ? AND "epoch" <= ? AND (? - "epoch") % ? = 0 ORDER BY "epoch"`,
    [netuid, BigInt(first), BigInt(last), BigInt(last), BigInt(step)],
  );
  return rows.map((r) => ({ epoch: num(r.epoch), block: big(r.block), price: r.price as string, taoReserve: r.taoReserve as string, alphaReserve: r.alphaReserve as string, burn: (r.burn as string | null) ?? null }));
}

const SORT_KEY: Record<SubnetSort, (s: SubnetListItemDto) => bigint | number | string> = {
  netuid: (s) => s.netuid,
  emission: (s) => BigInt(s.emission.perBlock),
  price: (s) => priceRao(s.price),
  tao: (s) => BigInt(s.taoReserve),
  alpha: (s) => BigInt(s.alphaReserve),
  burn: (s) => BigInt(s.burn),
  uids: (s) => s.neuronCount,
  tempo: (s) => s.tempo,
  owner: (s) => s.ownerSs58 ?? "",
  age: (s) => BigInt(s.age.blocks),
};

/** Subnets with the list's figures, sorted by `sort` (ties by netuid, ascending). */
export async function listSubnetFigures(db: ReadClient, sort: SubnetSort = "netuid", order: "asc" | "desc" = "asc"): Promise<SubnetListItemDto[]> {
  const [subnets, head, era] = await Promise.all([listSubnets(db), headBlock(db), chainEra(db)]);
  if (!head) return [];
  const from = head.number > WEEK_BLOCKS ? head.number - WEEK_BLOCKS : 0n;
  const [emissions, sparklines, registered] = await Promise.all([
    subnetEmissions(db, head.number, era),
    Promise.all(subnets.map((s) => sampledEpochs(db, s.netuid, from, SPARKLINE_POINTS))),
    db.block.findMany({ where: { number: { in: [...new Set(subnets.map((s) => BigInt(s.registeredAt)))] } }, select: { number: true, timestamp: true } }),
  ]);
  const stamp = new Map(registered.map((b) => [b.number, b.timestamp]));
  const items = subnets.map((s, i): SubnetListItemDto => {
    const perBlock = emissions.perBlock.get(s.netuid) ?? 0n;
    const at = stamp.get(BigInt(s.registeredAt));
    return {
      ...s,
      ownerSs58: s.owner ? ss58Of(s.owner) : null,
      emission: { perBlock: perBlock.toString(), share: share(perBlock, emissions.blockEmission) },
      sparkline: sparklines[i]!.map((e) => ({ block: e.block.toString(), price: e.price })),
      age: { blocks: (head.number - BigInt(s.registeredAt)).toString(), ms: at === undefined ? null : (head.timestamp - at).toString() },
    };
  });
  const key = SORT_KEY[sort];
  const dir = order === "asc" ? 1 : -1;
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -dir : x > y ? dir : a.netuid - b.netuid;
  });
}

// ---- Hyperparameters ---------------------------------------------------------------------

type Kind = "u16" | "blocks" | "epochs" | "tau" | "perMillion" | "flag" | "count" | "u64Fraction" | "multiplier" | "version";
type Stored = Record<string, unknown>;
/** [name (btcli / SDK `SubnetHyperparameters`), kind, description, dTAO value, seed2024 value]. */
type Spec = [string, Kind, string, ((h: Stored, row: SubnetRow) => unknown) | null, ((h: Stored) => unknown) | null];
type SubnetRow = { tempo: number; firstEmissionBlock: bigint | null; emissionEnabled: boolean };

const UNIT: Record<Kind, string | null> = { u16: "u16 (÷ 65535)", blocks: "blocks", epochs: "epochs", tau: "rao of τ", perMillion: "per million", flag: null, count: null, u64Fraction: "u64 (÷ 2^64 − 1)", multiplier: "U64F64 bits (÷ 2^64)", version: null };
const burnOf = (h: Stored) => (h.burn ?? {}) as Stored;

const SPECS: Spec[] = [
  ["tempo", "blocks", "Blocks between the subnet's epochs.", (_h, r) => r.tempo, (h) => h.tempo],
  ["kappa", "u16", "Consensus majority: the stake share a weight needs to count as consensus.", (h) => h.kappa, (h) => h.kappa],
  ["immunity_period", "blocks", "Blocks after registration during which a uid cannot be pruned.", (h) => h.immunityPeriod, (h) => h.immunityPeriod],
  ["min_allowed_weights", "count", "Fewest weights a validator's set_weights must carry.", (h) => h.minAllowedWeights, (h) => h.minAllowedWeights],
  ["max_weights_limit", "u16", "Largest normalised weight one uid may receive from a validator.", (h) => h.maxWeightsLimit, (h) => h.maxWeightsLimit],
  ["weights_version", "version", "Version key set_weights must match or exceed.", (h) => h.weightsVersionKey, (h) => h.weightsVersionKey],
  ["weights_rate_limit", "blocks", "Blocks a hotkey must wait between two set_weights.", (h) => h.weightsSetRateLimit, (h) => h.weightsSetRateLimit],
  ["activity_cutoff", "blocks", "A uid whose last weights are older than this is inactive (dTAO: ActivityCutoffFactorMilli ‰ of the tempo).", (h, r) => (typeof h.activityCutoffFactorMilli === "number" ? activityCutoffBlocks(h.activityCutoffFactorMilli, r.tempo) : undefined), (h) => h.activityCutoff],
  ["registration_allowed", "flag", "Whether burned registration is open.", (h) => h.registrationAllowed, (h) => h.registrationAllowed],
  ["max_allowed_uids", "count", "Uids the subnet holds at most (MaxAllowedUids).", (h) => h.maxAllowedUids, (h) => h.maxAllowedUids],
  ["max_validators", "count", "Uids that may hold a validator permit (MaxAllowedValidators).", (h) => h.maxAllowedValidators, (h) => h.maxAllowedValidators],
  ["min_burn", "tau", "Lowest registration price.", (h) => burnOf(h).minBurn, (h) => h.minBurn],
  ["max_burn", "tau", "Highest registration price.", (h) => burnOf(h).maxBurn, (h) => h.maxBurn],
  ["burn_half_life", "blocks", "Blocks over which the registration price decays by half (BurnHalfLife).", (h) => burnOf(h).halfLife, null],
  ["burn_increase_mult", "multiplier", "Factor the price is multiplied by at each registration (BurnIncreaseMult).", (h) => burnOf(h).increaseMult, null],
  ["target_regs_per_interval", "count", "Registrations per adjustment interval the price adjustment aims at.", null, (h) => h.targetRegistrationsPerInterval],
  ["max_regs_per_block", "count", "Registrations one block accepts.", null, (h) => h.maxRegistrationsPerBlock],
  ["adjustment_interval", "blocks", "Blocks between registration price and difficulty adjustments.", null, (h) => h.adjustmentInterval],
  ["adjustment_alpha", "u64Fraction", "How much of the previous price the adjustment keeps.", null, (h) => h.adjustmentAlpha],
  ["difficulty", "count", "Proof-of-work difficulty now.", null, (h) => h.difficulty],
  ["min_difficulty", "count", "Lowest proof-of-work difficulty.", null, (h) => h.minDifficulty],
  ["max_difficulty", "count", "Highest proof-of-work difficulty.", null, (h) => h.maxDifficulty],
  ["pow_registration_allowed", "flag", "Whether proof-of-work registration is open (NetworkPowRegistrationAllowed).", null, (h) => h.powRegistrationAllowed],
  ["bonds_moving_avg", "perMillion", "Bonds EMA: the share of the previous bonds kept each epoch.", (h) => h.bondsMovingAverage, (h) => h.bondsMovingAverage],
  ["bonds_penalty", "u16", "How much bonds above consensus are cut (0: none, 65535: clipped fully).", (h) => h.bondsPenalty, null],
  ["serving_rate_limit", "blocks", "Blocks a hotkey must wait between two serve_axon.", (h) => h.servingRateLimit, null],
  ["commit_reveal_weights_enabled", "flag", "Weights are committed as a hash and revealed later.", (h) => h.commitReveal, null],
  ["commit_reveal_period", "epochs", "Epochs between a commit and its reveal (RevealPeriodEpochs).", (h) => h.revealPeriodEpochs, null],
  ["liquid_alpha_enabled", "flag", "Bonds EMA rate per bond from consensus (liquid alpha).", (h) => h.liquidAlpha, null],
  ["alpha_low", "u16", "Liquid alpha's lowest EMA rate.", (h) => h.alphaLow, null],
  ["alpha_high", "u16", "Liquid alpha's highest EMA rate.", (h) => h.alphaHigh, null],
  ["alpha_sigmoid_steepness", "count", "Steepness of liquid alpha's sigmoid.", (h) => h.alphaSigmoidSteepness, null],
  ["yuma_version", "version", "Yuma consensus version the epoch runs (3: Yuma3 bonds).", (h) => (typeof h.yuma3 === "boolean" ? (h.yuma3 ? 3 : 2) : undefined), null],
  ["subnet_is_active", "flag", "The owner has called start_call (emission and staking started).", (_h, r) => r.firstEmissionBlock !== null, null],
  ["subnet_emission_enabled", "flag", "Whether the subnet takes a share of the block emission (SubnetEmissionEnabled).", (_h, r) => r.emissionEnabled, null],
];

function tauText(raoText: string): string {
  const d = raoText.padStart(10, "0");
  return `${d.slice(0, -9).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${d.slice(-9)} τ`;
}

function display(kind: Kind, v: string): string {
  switch (kind) {
    case "u16":
      return (Number(v) / 65535).toFixed(4);
    case "blocks":
      return `${v} block${v === "1" ? "" : "s"}`;
    case "epochs":
      return `${v} epoch${v === "1" ? "" : "s"}`;
    case "tau":
      return tauText(v);
    case "perMillion":
      return String(Number(v) / 1e6);
    case "u64Fraction":
      return `${(Number(BigInt(v)) / 18446744073709551615).toFixed(6)}`;
    case "multiplier":
      return `×${(Number(BigInt(v) >> 32n) / 2 ** 32).toFixed(4)}`;
    case "flag":
      return v === "true" ? "yes" : "no";
    default:
      return v;
  }
}

/** A subnet's hyperparameters under subtensor's / btcli's names, with their units (those its era stores). */
export async function getHyperparams(db: ReadClient, netuid: number): Promise<HyperparamsDto> {
  const [row, era] = await Promise.all([requireSubnet(db, netuid), chainEra(db)]);
  const h = JSON.parse(row.hyperparams) as Stored;
  const params: HyperparamDto[] = [];
  for (const [name, kind, description, dtao, s2024] of SPECS) {
    const get = era === "seed2024" ? s2024 : dtao;
    const raw = get === null ? undefined : era === "seed2024" ? (get as (h: Stored) => unknown)(h) : get(h, row);
    if (raw === undefined || raw === null) continue;
    const value = String(raw);
    params.push({ name, value, unit: UNIT[kind], display: display(kind, value), description });
  }
  return { netuid, era, block: row.updatedAt.toString(), params };
}

// ---- Registrations and history -----------------------------------------------------------

/** Uid registrations on a subnet, newest first (ties by uid, highest first), keyset-paginated by `{block}-{uid}`. */
export async function listRegistrations(db: ReadClient, netuid: number, opts: { before?: { block: bigint; uid: number }; limit: number }): Promise<RegistrationsDto> {
  await requireSubnet(db, netuid);
  const b = opts.before;
  const order = `ORDER BY "block" DESC, "uid" DESC LIMIT ?`;
  const rows = b
    ? await UID_REGISTRATIONS.all(db, `WHERE "netuid" = ? AND ("block" < ? OR ("block" = ? AND "uid" < ?)) ${order}`, [netuid, b.block, b.block, b.uid, opts.limit + 1])
    : await UID_REGISTRATIONS.all(db, `WHERE "netuid" = ? ${order}`, [netuid, opts.limit + 1]);
  const items = rows.slice(0, opts.limit).map((r) => ({ uid: r.uid, block: r.block.toString(), hotkey: ss58Of(r.hotkey), coldkey: r.coldkey ? ss58Of(r.coldkey) : null, replaced: r.replaced === null ? null : ss58Of(r.replaced) }));
  const last = items.at(-1);
  return { netuid, items, next: rows.length > opts.limit && last ? `${last.block}-${last.uid}` : null };
}

/** A subnet's price, pool and registration price after its stored epochs (the week's or all), at most `points`. */
/** A subnet's price, reserves and registration price after stored epochs; up to epoch `until` (a past epoch's view) or the latest. */
export async function getSubnetHistory(db: ReadClient, netuid: number, range: "week" | "all", points: number, until?: number): Promise<SubnetHistoryDto> {
  await requireSubnet(db, netuid);
  const [head, era] = await Promise.all([headNumber(db), chainEra(db)]);
  const from = range === "all" ? null : head > WEEK_BLOCKS ? head - WEEK_BLOCKS : 0n;
  const rows = await sampledEpochs(db, netuid, from, points, until);
  return { netuid, era, range, points: rows.map((r) => ({ epoch: r.epoch, block: r.block.toString(), price: r.price, taoReserve: r.taoReserve, alphaReserve: r.alphaReserve, burn: r.burn })) };
}

// ---- Metagraph export --------------------------------------------------------------------

/** An axon's IPv4 address as a dotted quad (the chain stores the u128), IPv6 as stored. */
function ipText(ip: string, ipType: number): string {
  if (ipType === 4 && /^\d+$/.test(ip) && BigInt(ip) < 1n << 32n) {
    const n = Number(ip);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  return ip;
}

/** Rao as a decimal token amount with 9 decimals ("12.000000001"), exact. */
const tokens = (rao: string) => {
  const d = rao.padStart(10, "0");
  return `${d.slice(0, -9)}.${d.slice(-9)}`;
};
const u16f = (x: number) => x / 65535;

/**
 * A stored epoch's metagraph (the latest stored when `epoch` is absent) under the Bittensor
 * SDK's column names: see `MetagraphExportSchema` for the mapping and units.
 */
export async function getMetagraphExport(db: ReadClient, netuid: number, epoch?: number): Promise<MetagraphExportDto> {
  await requireSubnet(db, netuid);
  const snap = await requireSnapshot<Record<string, unknown[]> & { emissionValue?: string }>(db, netuid, epoch);
  const d = snap.data;
  const era2024 = d.emissionValue !== undefined;
  const nums = (k: string) => (d[k] as number[]).map(u16f);
  const axons = (d.axons as ({ ip: string; port: number; ipType: number; version: number } | null)[]).map((a) => (a ? { ip: ipText(String(a.ip), a.ipType), port: a.port, ip_type: a.ipType, version: a.version } : null));
  return {
    netuid,
    epoch: snap.epoch,
    block: snap.block.toString(),
    n: snap.n,
    unit: era2024 ? "τ" : "α",
    uids: d.uids as number[],
    hotkeys: (d.hotkeys as string[]).map(ss58Of),
    coldkeys: (d.coldkeys as (string | null)[]).map((c) => (c ? ss58Of(c) : null)),
    stake: (d.stake as string[]).map(tokens),
    ...(era2024 ? { ranks: nums("ranks"), trust: nums("trust"), pruning_scores: nums("pruningScores") } : {}),
    consensus: nums("consensus"),
    incentive: nums("incentive"),
    dividends: nums("dividends"),
    emission: (d.emission as string[]).map(tokens),
    validator_trust: nums("validatorTrust"),
    validator_permit: d.validatorPermit as boolean[],
    active: d.active as boolean[],
    last_update: (d.lastUpdate as string[]).map(Number),
    block_at_registration: (d.blockAtRegistration as string[]).map(Number),
    axons,
    weights: u16MatrixToRows(snapshotMatrix(d, "weights")),
    bonds: u16MatrixToRows(snapshotMatrix(d, "bonds")),
  };
}

/** The export as CSV: a header of SDK column names, one row per uid (weights and bonds are JSON-only). */
export function metagraphCsv(m: MetagraphExportDto): string {
  type Col = readonly [string, (uid: number) => string];
  const opt = (name: string, v: readonly number[] | undefined): Col[] => (v ? [[name, (i) => String(v[i])]] : []);
  const cols: Col[] = [
    ["uids", (i) => String(m.uids[i])],
    ["hotkeys", (i) => m.hotkeys[i]!],
    ["coldkeys", (i) => m.coldkeys[i] ?? ""],
    ["stake", (i) => m.stake[i]!],
    ...opt("ranks", m.ranks),
    ...opt("trust", m.trust),
    ["consensus", (i) => String(m.consensus[i])],
    ["incentive", (i) => String(m.incentive[i])],
    ["dividends", (i) => String(m.dividends[i])],
    ["emission", (i) => m.emission[i]!],
    ["validator_trust", (i) => String(m.validator_trust[i])],
    ["validator_permit", (i) => String(m.validator_permit[i])],
    ["active", (i) => String(m.active[i])],
    ["last_update", (i) => String(m.last_update[i])],
    ["block_at_registration", (i) => String(m.block_at_registration[i])],
    ...opt("pruning_scores", m.pruning_scores),
    ["axons", (i) => (m.axons[i] ? `${m.axons[i]!.ip}:${m.axons[i]!.port}` : "")],
  ];
  const lines = [cols.map(([c]) => c).join(",")];
  for (let i = 0; i < m.uids.length; i++) lines.push(cols.map(([, f]) => f(i)).join(","));
  return `${lines.join("\n")}\n`;
}

// ---- Home overview -----------------------------------------------------------------------

/** Permit-holding hotkeys by τ value of their stake (root 1:1, each subnet's alpha at its spot price). */
async function topValidators(db: ReadClient, limit: number): Promise<TopValidatorDto[]> {
  // Every position on a permitted hotkey (thousands of rows): on the read connection.
  const [permitted, subnets, positions] = await Promise.all([
    db.sql.query<{ netuid: unknown; hotkey: string }>(`SELECT "netuid", "hotkey" FROM "Neuron" WHERE "validatorPermit" = ?`, [true]),
    db.sql.query<{ netuid: unknown; price: string }>(`SELECT "netuid", "price" FROM "Subnet"`),
    db.sql.query<{ hotkey: string; netuid: unknown; alpha: string }>(`SELECT "hotkey", "netuid", "alpha" FROM "StakePosition" WHERE "hotkey" IN (${PERMITTED_HOTKEYS})`, [true]),
  ]);
  const permits = new Map<string, number[]>();
  for (const n of permitted) permits.set(n.hotkey, [...(permits.get(n.hotkey) ?? []), num(n.netuid)]);
  const hotkeys = [...permits.keys()];
  const price = new Map(subnets.map((s) => [num(s.netuid), priceRao(s.price)]));
  const stake = new Map<string, bigint>();
  for (const p of positions.map((r) => ({ hotkey: r.hotkey, netuid: num(r.netuid), alpha: r.alpha }))) {
    const alpha = BigInt(p.alpha);
    const tao = p.netuid === 0 ? alpha : (alpha * (price.get(p.netuid) ?? 0n)) / 1_000_000_000n;
    stake.set(p.hotkey, (stake.get(p.hotkey) ?? 0n) + tao);
  }
  return hotkeys
    .map((h) => ({ hex: h, stake: stake.get(h) ?? 0n }))
    .sort((a, b) => (b.stake > a.stake ? 1 : b.stake < a.stake ? -1 : a.hex < b.hex ? -1 : 1))
    .slice(0, limit)
    .map((v) => ({ hotkey: ss58Of(v.hex), stake: v.stake.toString(), permits: permits.get(v.hex)!.sort((a, b) => a - b) }));
}

/** The next halving from the head's issuance: the engine's block emission, stepped by `projectHalvings`. */
async function nextHalving(db: ReadClient, head: { number: bigint; timestamp: bigint }): Promise<NextHalvingDto | null> {
  const issuance = await issuanceAt(db, head.number);
  if (issuance === null) return null;
  const next = projectHalvings(issuance, head.number, head.timestamp)[0];
  if (!next) return null;
  const threshold = BigInt(next.threshold);
  return {
    k: next.k,
    threshold: next.threshold,
    issuance: issuance.toString(),
    left: (threshold - issuance).toString(),
    blockEmission: blockEmissionForIssuance(issuance).toString(),
    block: next.block,
    blocksLeft: (BigInt(next.block) - head.number).toString(),
    timestamp: next.timestamp,
  };
}

/** The home page's overview: latest extrinsics, top subnets by emission, top validators by stake, the next halving. */
export async function getOverview(db: ReadClient, limit = 8): Promise<OverviewDto> {
  return perHead(db, `overview/${limit}`, () => overviewAtHead(db, limit));
}

async function overviewAtHead(db: ReadClient, limit: number): Promise<OverviewDto> {
  const [head, era] = await Promise.all([headBlock(db), chainEra(db)]);
  if (!head) return { head: "0", latestExtrinsics: [], topSubnets: [], topValidators: [], nextHalving: null };
  const [extrinsics, emissions, validators, halving] = await Promise.all([
    db.sql.query<Record<string, unknown>>(`SELECT "id", "blockNumber", "index", "call", "signer", "success", "error" FROM "Extrinsic" ORDER BY "blockNumber" DESC, "index" DESC LIMIT ${limit}`),
    subnetEmissions(db, head.number, era),
    topValidators(db, limit),
    nextHalving(db, head),
  ]);
  const topSubnets = [...emissions.perBlock]
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0] - b[0]))
    .slice(0, limit)
    .map(([netuid, v]) => ({ netuid, perBlock: v.toString(), share: share(v, emissions.blockEmission) }));
  return {
    head: head.number.toString(),
    latestExtrinsics: extrinsics.map((x) => ({ id: x.id as string, block: big(x.blockNumber).toString(), index: num(x.index), call: x.call as string, signer: ss58Of(x.signer as string), success: bool(x.success), error: (x.error as string | null) ?? null })),
    topSubnets,
    topValidators: validators,
    nextHalving: halving,
  };
}
