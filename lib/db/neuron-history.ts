/**
 * One uid's history on a subnet (issue 9 §5): its figures per stored epoch from `NeuronEpoch`
 * (keyset by epoch, one index range), who held it from `UidRegistration`, and the weights it set
 * and received at one epoch from that epoch's metagraph snapshot (one primary-key row).
 */
import type { NeuronEpochDto, NeuronHistoryDto, UidRegistrationDto, WeightDto } from "../dto";
import { ss58Of } from "./keys";
import type { ReadClient } from "./prisma";
import { u16MatrixRow } from "../chain/consensus/u16-matrix";
import { readSnapshot, requireSnapshot, snapshotMatrix } from "./snapshots";
import { big, num } from "./sql";
import { NotFoundError } from "./queries";

/** Registrations shown per uid (newest first). */
const MAX_REGISTRATIONS = 200;

export async function getNeuronHistory(db: ReadClient, netuid: number, uid: number, opts: { epoch?: number; before?: number; limit: number }): Promise<NeuronHistoryDto> {
  // Up to hundreds of epoch rows and one large snapshot: on the read connection.
  const [[subnet], epochRows, regRows, [neuron]] = await Promise.all([
    db.sql.query(`SELECT 1 AS "one" FROM "Subnet" WHERE "netuid" = ?`, [netuid]),
    db.sql.query<Record<string, unknown>>(
      `SELECT "epoch", "block", "hotkey", "stake", "incentive", "dividends", "emission", "consensus", "validatorTrust" FROM "NeuronEpoch" WHERE "netuid" = ? AND "uid" = ?${opts.before === undefined ? "" : ` AND "epoch" < ?`} ORDER BY "epoch" DESC LIMIT ${opts.limit + 1}`,
      [netuid, uid, ...(opts.before === undefined ? [] : [opts.before])],
    ),
    db.sql.query<Record<string, unknown>>(`SELECT "block", "hotkey", "coldkey", "replaced" FROM "UidRegistration" WHERE "netuid" = ? AND "uid" = ? ORDER BY "block" DESC LIMIT ${MAX_REGISTRATIONS}`, [netuid, uid]),
    db.sql.query(`SELECT 1 AS "one" FROM "Neuron" WHERE "netuid" = ? AND "uid" = ?`, [netuid, uid]),
  ]);
  if (!subnet) throw new NotFoundError(`no subnet ${netuid}`);
  const rows = epochRows.map((r) => ({ epoch: num(r.epoch), block: big(r.block), hotkey: r.hotkey as string, stake: r.stake as string, incentive: num(r.incentive), dividends: num(r.dividends), emission: r.emission as string, consensus: num(r.consensus), validatorTrust: num(r.validatorTrust) }));
  const regs = regRows.map((r) => ({ block: big(r.block), hotkey: r.hotkey as string, coldkey: r.coldkey as string, replaced: (r.replaced as string | null) ?? null }));
  if (!neuron && rows.length === 0 && regs.length === 0) throw new NotFoundError(`subnet ${netuid} has no uid ${uid}`);
  type Snap = { hotkeys: string[]; emissionValue?: string };
  const snap = opts.epoch !== undefined ? await requireSnapshot<Snap>(db, netuid, opts.epoch) : await readSnapshot<Snap>(db, netuid);
  let weightsSet: WeightDto[] = [];
  const weightsReceived: WeightDto[] = [];
  let seed2024 = false;
  if (snap) {
    const d = snap.data;
    seed2024 = d.emissionValue !== undefined;
    const key = (u: number) => ss58Of(d.hotkeys[u] ?? "");
    const w = snapshotMatrix(d, "weights");
    weightsSet = u16MatrixRow(w, uid).map(([to, value]) => ({ uid: to, hotkey: key(to), value }));
    for (let from = 0; from < w.rows; from++) {
      for (let k = w.ptr[from]!; k < w.ptr[from + 1]!; k++) if (w.col[k] === uid && w.val[k]! > 0) weightsReceived.push({ uid: from, hotkey: key(from), value: w.val[k]! });
    }
    weightsReceived.sort((a, b) => b.value - a.value || a.uid - b.uid);
  }
  const page = rows.slice(0, opts.limit);
  return {
    netuid,
    uid,
    era: seed2024 ? "seed2024" : "dynamic",
    points: page
      .map(
        (r): NeuronEpochDto => ({ epoch: r.epoch, block: r.block.toString(), hotkey: ss58Of(r.hotkey), stake: r.stake, incentive: r.incentive, dividends: r.dividends, emission: r.emission, consensus: r.consensus, validatorTrust: r.validatorTrust }),
      )
      .reverse(),
    next: rows.length > opts.limit ? String(page.at(-1)!.epoch) : null,
    registrations: regs.map((r): UidRegistrationDto => ({ block: r.block.toString(), hotkey: ss58Of(r.hotkey), coldkey: ss58Of(r.coldkey), replaced: r.replaced === null ? null : ss58Of(r.replaced) })),
    epoch: snap?.epoch ?? null,
    weightsSet,
    weightsReceived,
  };
}
