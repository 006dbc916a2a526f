/**
 * Tokenomics over a range of the chain's life: the stored network figures (`NetworkStat`) and
 * flow totals (`FlowCum`) at evenly spaced blocks, read with one range/step query each (a
 * recursive sequence of block numbers joined on the primary key: as many indexed lookups as
 * points, no list of ids), and the projection of issuance to 21M by the engine's own
 * block-emission function, jumping from halving to halving.
 */
import { TOTAL_SUPPLY, blockEmissionForIssuance } from "../chain/emission/block-emission";
import { InvariantError } from "../chain/errors";
import type { HalvingMarkerDto, TokenomicsDto, TokenomicsPointDto } from "../dto";
import { DAY_BLOCKS, WEEK_BLOCKS, chainEra, headNumber } from "./flows";
import type { FlowTotals } from "./flow-rows";
import type { ReadClient } from "./prisma";

export const BLOCK_MS = 12_000n;
export type TokenomicsRange = "day" | "week" | "all";

/** Which k (emission = floor(1e9 / 2^k)) a block emission is at. */
function halvingsOf(emission: bigint): number {
  for (let k = 0; k < 64; k++) if (1_000_000_000n >> BigInt(k) === emission) return k;
  throw new InvariantError(`block emission ${emission} is not 1 TAO halved k times`);
}

/**
 * Halvings ahead of `issuance` at block `block`, each block minting its full emission (no
 * recycling): per constant-emission stretch, the number of blocks to the next threshold
 * 21M·(1 − 2^−(k+1)) in closed form, then confirmed (and corrected) with the engine's function
 * at that issuance. Exact in rao; about 30 stretches to the end of emission.
 */
export function projectHalvings(issuance: bigint, block: bigint, timestamp: bigint): HalvingMarkerDto[] {
  const markers: HalvingMarkerDto[] = [];
  let i = issuance;
  let at = block;
  for (;;) {
    const e = blockEmissionForIssuance(i);
    if (e === 0n) break;
    const k = halvingsOf(e);
    const part = TOTAL_SUPPLY >> BigInt(k + 1); // 21e15 / 2^(k+1), exact for k+1 ≤ 15; floor beyond (corrected below)
    const threshold = TOTAL_SUPPLY - part;
    let n = threshold > i ? (threshold - i + e - 1n) / e : 1n;
    if (n < 1n) n = 1n;
    // The engine decides: the first n whose issuance gives a different emission.
    let guard = 0;
    while (n > 1n && blockEmissionForIssuance(i + (n - 1n) * e) !== e && guard++ < 1000) n--;
    while (blockEmissionForIssuance(i + n * e) === e && guard++ < 1000) n++;
    if (guard >= 1000) throw new InvariantError(`halving search did not converge at issuance ${i}`);
    i += n * e;
    at += n;
    const after = blockEmissionForIssuance(i);
    markers.push({ k: halvingsOf(after), threshold: (TOTAL_SUPPLY - (TOTAL_SUPPLY >> BigInt(halvingsOf(after)))).toString(), block: at.toString(), timestamp: (timestamp + (at - block) * BLOCK_MS).toString(), emissionAfter: after.toString() });
    if (i >= TOTAL_SUPPLY) break;
  }
  return markers;
}

/** Evenly spaced blocks in [from, to] ending at `to`: at most `points`, `step` apart. */
export function samplePoints(from: bigint, to: bigint, points: number): { start: bigint; step: bigint } {
  const span = to - from;
  const p = BigInt(Math.max(2, points));
  const step = span <= 0n ? 1n : (span + p - 2n) / (p - 1n);
  return { start: to - step * (span / step), step };
}

type StatRow = { blockNumber: bigint; issuance: string; free: string; staked: string; pooled: string; recycled: string; blockEmission: string };

/** The subnet's τ received (dTAO: its share of the block emission; seed2024: emission paid). */
/** The FlowCum columns whose sum is the τ a subnet received, per era. */
const INFLOW_COLUMNS = { dtao: ["taoIn", "taoBought", "taoRecycled"], seed2024: ["ownerCut", "drained", "dropped"] } as const satisfies Record<"dtao" | "seed2024", readonly (keyof FlowTotals)[]>;
export const inflowOf = (era: "dtao" | "seed2024", t: FlowTotals) => INFLOW_COLUMNS[era].reduce((a, c) => a + (t[c] as bigint), 0n);

export async function getTokenomics(db: ReadClient, range: TokenomicsRange, points: number, topN = 5): Promise<TokenomicsDto> {
  const head = await headNumber(db);
  if (head < 0n) throw new RangeError("the chain has no blocks yet");
  const span = range === "day" ? DAY_BLOCKS : range === "week" ? WEEK_BLOCKS : head;
  const from = head - span > 0n ? head - span : 0n;
  const { start, step } = samplePoints(from, head, points);
  // The sampled blocks start, start + step, … head, each a primary-key lookup.
  const sampled = `WITH RECURSIVE p(b) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT p.b + CAST(? AS BIGINT) FROM p WHERE p.b + CAST(? AS BIGINT) <= CAST(? AS BIGINT))`;
  const at = [start, step, step, head];
  const [era, stats, flows, [headBlock]] = await Promise.all([
    chainEra(db),
    db.sql.query<StatRow>(`${sampled} SELECT s."blockNumber", s."issuance", s."free", s."staked", s."pooled", s."recycled", s."blockEmission" FROM p JOIN "NetworkStat" s ON s."blockNumber" = p.b ORDER BY s."blockNumber"`, at),
    // CROSS JOIN keeps SQLite walking the sampled blocks into FlowCum's primary key; a plain join
    // lets it scan all of FlowCum in the ORDER BY's order instead (21 ms against 4 at 100,000 blocks).
    // Only the inflow's columns (the era is known before the query): 800 rows of every flow
    // column were most of the answer's cost.
    chainEra(db).then((e) => {
      const cols = INFLOW_COLUMNS[e].map((c) => `f."${c}"`).join(", ");
      return db.sql.query<Record<string, unknown>>(`${sampled} SELECT f."blockNumber", f."netuid", ${cols} FROM p CROSS JOIN "FlowCum" f WHERE f."blockNumber" = p.b ORDER BY f."blockNumber", f."netuid"`, at);
    }),
    db.sql.query<{ timestamp: unknown }>(`SELECT "timestamp" FROM "Block" WHERE "number" = ?`, [head]),
  ]);
  const base = stats[0] ? BigInt(stats[0].issuance) : 0n;
  const baseBlock = stats[0] ? BigInt(stats[0].blockNumber) : 0n;
  const pts: TokenomicsPointDto[] = stats.map((r) => {
    const issuance = BigInt(r.issuance);
    const staked = BigInt(r.staked);
    return {
      block: BigInt(r.blockNumber).toString(),
      issuance: r.issuance,
      free: r.free,
      staked: r.staked,
      pooled: r.pooled,
      recycled: r.recycled,
      blockEmission: r.blockEmission,
      stakingRatio: issuance === 0n ? 0 : Number((staked * 1_000_000n) / issuance) / 1_000_000,
      reference: (base + (BigInt(r.blockNumber) - baseBlock) * 1_000_000_000n).toString(),
    };
  });

  // Emission share per interval between consecutive points, top subnets by the range's total.
  const byBlock = new Map<string, Map<number, bigint>>();
  for (const r of flows) {
    const key = BigInt(r.blockNumber as bigint).toString();
    let m = byBlock.get(key);
    if (!m) byBlock.set(key, (m = new Map()));
    m.set(Number(r.netuid), INFLOW_COLUMNS[era].reduce((a, c) => a + BigInt(String(r[c])), 0n));
  }
  const blocks = [...byBlock.keys()];
  const first = byBlock.get(blocks[0] ?? "") ?? new Map<number, bigint>();
  const last = byBlock.get(blocks.at(-1) ?? "") ?? new Map<number, bigint>();
  const totals = [...last].map(([netuid, v]) => [netuid, v - (first.get(netuid) ?? 0n)] as const).sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0] - b[0]));
  const top = totals.slice(0, topN).filter(([, v]) => v > 0n).map(([n]) => n);
  const hasOther = totals.length > top.length;
  const rows: TokenomicsDto["shares"]["rows"] = [];
  for (let i = 1; i < blocks.length; i++) {
    const prev = byBlock.get(blocks[i - 1]!)!;
    const cur = byBlock.get(blocks[i]!)!;
    const deltas = new Map([...cur].map(([n, v]) => [n, v - (prev.get(n) ?? 0n)]));
    const sum = [...deltas.values()].reduce((a, v) => a + v, 0n);
    const share = (v: bigint) => (sum === 0n ? 0 : Number((v * 1_000_000n) / sum) / 1_000_000);
    const values = top.map((n) => share(deltas.get(n) ?? 0n));
    if (hasOther) values.push(share([...deltas].filter(([n]) => !top.includes(n)).reduce((a, [, v]) => a + v, 0n)));
    rows.push({ block: blocks[i]!, values });
  }

  const current = pts.at(-1);
  const issuance = current ? BigInt(current.issuance) : 0n;
  return {
    era,
    range,
    from: (pts[0]?.block ?? from.toString()),
    to: head.toString(),
    head: head.toString(),
    step: step.toString(),
    points: pts,
    shares: { series: [...top.map((n) => `SN ${n}`), ...(hasOther ? ["other"] : [])], rows },
    projection: { issuance: issuance.toString(), blockEmission: blockEmissionForIssuance(issuance).toString(), markers: projectHalvings(issuance, head, headBlock ? BigInt(headBlock.timestamp as bigint) : 0n) },
  };
}
