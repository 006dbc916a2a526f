/**
 * The explorer's reads, through Prisma, returned as DTOs. Every list uses keyset pagination
 * (`before` a block number, newest first) and every figure comes from rows kept current as
 * blocks are written: nothing here counts rows.
 */
import { prunedBelow } from "./prune";
import type { BlockDetailDto, BlockSummaryDto, EventDto, ExtrinsicDto, HeadDto, MetagraphDto, NetworkFiguresDto, NetworkHistoryDto, NeuronDto, Page, SubnetAtEpochDto, SubnetDto, SubnetEpochDto } from "../dto";
import { headNumber } from "./flows";
import type { ReadClient } from "./prisma";
import { NEURONS, SUBNETS, SUBNET_EPOCHS, subnetExists, subnetRow } from "./rows";
import { deepFreeze } from "../chain/freeze";
import { NotFoundError } from "./not-found";
import { requireSnapshot } from "./snapshots";
import { decodeExtrinsicArgs } from "./extrinsic-args";

export { NotFoundError } from "./not-found";

type BlockRow = Awaited<ReturnType<ReadClient["block"]["findFirstOrThrow"]>>;
type SubnetRow = Awaited<ReturnType<ReadClient["subnet"]["findFirstOrThrow"]>>;
type NeuronRow = Awaited<ReturnType<ReadClient["neuron"]["findFirstOrThrow"]>>;

function blockDto(b: BlockRow): BlockSummaryDto {
  return {
    number: b.number.toString(),
    hash: b.hash,
    parentHash: b.parentHash,
    stateRoot: b.stateRoot,
    extrinsicsRoot: b.extrinsicsRoot,
    timestamp: b.timestamp.toString(),
    author: b.author,
    extrinsicCount: b.extrinsicCount,
    eventCount: b.eventCount,
  };
}

function subnetDto(s: SubnetRow): SubnetDto {
  return {
    netuid: s.netuid,
    owner: s.owner,
    ownerHotkey: s.ownerHotkey,
    registeredAt: s.registeredAt.toString(),
    tempo: s.tempo,
    neuronCount: s.neuronCount,
    maxAllowedUids: s.maxAllowedUids,
    emissionEnabled: s.emissionEnabled,
    taoReserve: s.taoReserve,
    alphaReserve: s.alphaReserve,
    alphaOut: s.alphaOut,
    price: s.price,
    movingPrice: s.movingPrice,
    burn: s.burn,
    epochIndex: s.epochIndex,
    lastEpochBlock: s.lastEpochBlock.toString(),
    hyperparams: JSON.parse(s.hyperparams) as Record<string, unknown>,
  };
}

function neuronDto(n: NeuronRow): NeuronDto {
  const axon = n.axon ? (JSON.parse(n.axon) as { ip: string; port: number; ipType: number; version: number }) : null;
  return {
    uid: n.uid,
    hotkey: n.hotkey,
    coldkey: n.coldkey,
    stake: n.stake,
    consensus: n.consensus,
    incentive: n.incentive,
    dividends: n.dividends,
    validatorTrust: n.validatorTrust,
    emission: n.emission,
    validatorPermit: n.validatorPermit,
    active: n.active,
    lastUpdate: n.lastUpdate.toString(),
    registeredAt: n.registeredAt.toString(),
    axon: axon && { ip: axon.ip, port: axon.port, ipType: axon.ipType, version: axon.version },
  };
}

type StatRow = NonNullable<Awaited<ReturnType<ReadClient["networkStat"]["findUnique"]>>>;

function figuresDto(block: bigint, stat: StatRow | null): NetworkFiguresDto {
  return {
    block: block.toString(),
    issuance: stat?.issuance ?? "0",
    free: stat?.free ?? "0",
    staked: stat?.staked ?? "0",
    pooled: stat?.pooled ?? "0",
    rootStaked: stat?.rootStaked ?? "0",
    recycled: stat?.recycled ?? "0",
    blockEmission: stat?.blockEmission ?? "0",
  };
}

export async function getNetworkHistory(db: ReadClient, points: number): Promise<NetworkHistoryDto> {
  const n = await headNumber(db);
  if (n < 0n) return { points: [] };
  // Block floor(n × k / (points − 1)) for k = 0 … points − 1 (the head alone for one point), each
  // a primary-key lookup; a short chain repeats blocks, which the DISTINCT folds.
  const rows = await db.sql.query<StatRow & { blockNumber: unknown }>(
    points === 1
      ? `SELECT * FROM "NetworkStat" WHERE "blockNumber" = ?`
      : `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
        SELECT s.* FROM "NetworkStat" s WHERE s."blockNumber" IN (SELECT DISTINCT CAST(? AS BIGINT) * k.i / ? FROM k) ORDER BY s."blockNumber"`,
    points === 1 ? [n] : [BigInt(points), n, BigInt(points - 1)], // bigints: better-sqlite3 binds a JS number as REAL
  );
  return { points: rows.map((r) => figuresDto(BigInt(r.blockNumber as bigint), r)) };
}

/**
 * The last head answer per read client, keyed by the head block's hash. A block's figures and
 * the running totals are written in the block's own transaction and never change after it, so
 * while the newest block is the same, so is the answer: a request costs one indexed lookup
 * instead of three (the head is the most requested route; `npm run bench:api`). Frozen, since
 * every caller shares it.
 */
const headCache = new WeakMap<ReadClient, { hash: string; dto: HeadDto }>();

/** The head block's hash: the one query of a cached /api/head answer, so on the read connection. */
const newestHash = async (db: ReadClient) => (await db.sql.query<{ hash: string }>(`SELECT "hash" FROM "Block" ORDER BY "number" DESC LIMIT 1`))[0]?.hash ?? null;

export async function getHead(db: ReadClient): Promise<HeadDto | null> {
  const hash = await newestHash(db);
  if (hash === null) return null;
  const hit = headCache.get(db);
  if (hit?.hash === hash) return hit.dto;
  const dto = await readHead(db);
  // Cached only when no block landed while it was read (its totals would be the newer block's).
  if (dto && (await newestHash(db)) === dto.head.hash) headCache.set(db, { hash: dto.head.hash, dto: deepFreeze(dto) });
  return dto;
}

async function readHead(db: ReadClient): Promise<HeadDto | null> {
  const head = await db.block.findFirst({ orderBy: { number: "desc" } });
  if (!head) return null;
  const [stat, meta, genesis] = await Promise.all([
    db.networkStat.findUnique({ where: { blockNumber: head.number } }),
    db.meta.findMany({ where: { key: { in: ["extrinsicCount", "eventCount", "accountCount", "subnetCount"] } } }),
    head.number === 0n ? head : db.block.findUnique({ where: { number: 0n }, select: { hash: true } }),
  ]);
  const m = Object.fromEntries(meta.map((r) => [r.key, r.value]));
  const figures = figuresDto(head.number, stat);
  return { head: blockDto(head), genesisHash: genesis!.hash, figures, totals: { extrinsics: m.extrinsicCount ?? "0", events: m.eventCount ?? "0", accounts: Number(m.accountCount ?? 0), subnets: Number(m.subnetCount ?? 0) } };
}

export async function listBlocks(db: ReadClient, opts: { before?: bigint; limit: number }): Promise<Page<BlockSummaryDto>> {
  const rows = await db.block.findMany({
    where: opts.before === undefined ? {} : { number: { lt: opts.before } },
    orderBy: { number: "desc" },
    take: opts.limit + 1,
  });
  const items = rows.slice(0, opts.limit).map(blockDto);
  return { items, next: rows.length > opts.limit ? items.at(-1)!.number : null };
}

export async function getBlock(db: ReadClient, number: bigint): Promise<BlockDetailDto> {
  const block = await db.block.findUnique({ where: { number } });
  if (!block) throw new NotFoundError(`no block ${number}`);
  const [extrinsics, events, pruned] = await Promise.all([
    db.extrinsic.findMany({ where: { blockNumber: number }, orderBy: { index: "asc" } }),
    db.event.findMany({ where: { blockNumber: number }, orderBy: { index: "asc" } }),
    prunedBelow(db),
  ]);
  return {
    ...blockDto(block),
    extrinsics: extrinsics.map(
      (x): ExtrinsicDto => ({
        id: x.id,
        index: x.index,
        hash: x.hash,
        call: x.call,
        signer: x.signer,
        nonce: x.nonce,
        args: decodeExtrinsicArgs(x.args, x.argsU16),
        fee: x.fee,
        success: x.success,
        error: x.error,
        errorDetail: x.errorDetail,
      }),
    ),
    events: events.map((e): EventDto => ({ index: e.index, phase: e.phase, extrinsicIndex: e.extrinsicIndex, name: e.name, data: JSON.parse(e.data) })),
    eventsPruned: number < pruned,
  };
}

export async function listSubnets(db: ReadClient): Promise<SubnetDto[]> {
  return (await SUBNETS.all(db, `ORDER BY "netuid"`)).map(subnetDto);
}

/** A subnet's metagraph: the latest neurons, or the snapshot stored at `epoch`. */
export async function getMetagraph(db: ReadClient, netuid: number, epoch?: number): Promise<MetagraphDto> {
  const subnet = await subnetRow(db, netuid);
  if (!subnet) throw new NotFoundError(`no subnet ${netuid}`);
  if (epoch === undefined) {
    const neurons = await NEURONS.all(db, `WHERE "netuid" = ? ORDER BY "uid"`, [netuid]);
    return { subnet: subnetDto(subnet), epoch: null, block: subnet.updatedAt.toString(), neurons: neurons.map(neuronDto) };
  }
  const snap = await requireSnapshot<Record<string, unknown>>(db, netuid, epoch);
  const data = snap.data;
  const d = data as Record<string, unknown[]>;
  const at = <T>(k: string, uid: number) => d[k]![uid] as T;
  const neurons = (d.uids as number[]).map(
    (uid): NeuronDto => ({
      uid,
      hotkey: at("hotkeys", uid),
      coldkey: at("coldkeys", uid),
      stake: at("stake", uid),
      consensus: at("consensus", uid),
      incentive: at("incentive", uid),
      dividends: at("dividends", uid),
      validatorTrust: at("validatorTrust", uid),
      emission: at("emission", uid),
      validatorPermit: at("validatorPermit", uid),
      active: at("active", uid),
      lastUpdate: at("lastUpdate", uid),
      registeredAt: at("blockAtRegistration", uid),
      axon: at("axons", uid),
    }),
  );
  return { subnet: subnetAtEpoch(subnet, data, epoch, snap.n), epoch, block: snap.block.toString(), neurons };
}

/**
 * A subnet's figures from its metagraph snapshot (what the store wrote at that epoch). A figure
 * the snapshot lacks (written before it was recorded) is null: unknown, never today's value.
 * Only the netuid and the registration block come from the subnet's row (a re-registered netuid
 * loses its old snapshots, so they are the snapshot's too).
 */
function subnetAtEpoch(row: SubnetRow, d: Record<string, unknown>, epoch: number, n: number): SubnetAtEpochDto {
  const str = (k: string) => (d[k] === undefined || d[k] === null ? null : String(d[k]));
  const num = (k: string) => (typeof d[k] === "number" ? d[k] : null);
  return {
    netuid: row.netuid,
    // A seed2024 subnet may have no owner (null in the snapshot, "" in the row).
    owner: "owner" in d ? ((d.owner as string | null) ?? "") : null,
    ownerHotkey: str("ownerHotkey"),
    registeredAt: row.registeredAt.toString(),
    tempo: num("tempo"),
    neuronCount: typeof d.n === "number" ? d.n : n,
    maxAllowedUids: num("maxAllowedUids"),
    emissionEnabled: typeof d.emissionEnabled === "boolean" ? d.emissionEnabled : null,
    taoReserve: str("taoIn"),
    alphaReserve: str("alphaIn"),
    alphaOut: str("alphaOut"),
    price: str("price"),
    movingPrice: str("movingPrice"),
    burn: str("burn"),
    epochIndex: epoch,
    lastEpochBlock: str("lastEpochBlock"),
    hyperparams: typeof d.hyperparams === "object" && d.hyperparams !== null ? (d.hyperparams as Record<string, unknown>) : null,
  };
}

/** A subnet's epoch history, newest first, keyset-paginated by epoch. */
export async function listSubnetEpochs(db: ReadClient, netuid: number, opts: { before?: number; limit: number }): Promise<Page<SubnetEpochDto>> {
  if (!(await subnetExists(db, netuid))) throw new NotFoundError(`no subnet ${netuid}`);
  const rows =
    opts.before === undefined
      ? await SUBNET_EPOCHS.all(db, `WHERE "netuid" = ? ORDER BY "epoch" DESC LIMIT ?`, [netuid, opts.limit + 1])
      : await SUBNET_EPOCHS.all(db, `WHERE "netuid" = ? AND "epoch" < ? ORDER BY "epoch" DESC LIMIT ?`, [netuid, opts.before, opts.limit + 1]);
  const items = rows.slice(0, opts.limit).map(
    (r): SubnetEpochDto => ({ epoch: r.epoch, block: r.block.toString(), emission: r.emission, taoReserve: r.taoReserve, alphaReserve: r.alphaReserve, price: r.price, neuronCount: r.neuronCount }),
  );
  return { items, next: rows.length > opts.limit ? String(items.at(-1)!.epoch) : null };
}
