/**
 * One uid's history on a subnet (issue 9 §5): its figures per stored epoch from `NeuronEpoch`
 * (keyset by epoch, one index range), who held it from `UidRegistration`, and the weights it set
 * and received at one epoch from that epoch's metagraph snapshot (one primary-key row).
 */
import type { NeuronEpochDto, NeuronHistoryDto, UidRegistrationDto, WeightDto } from "../dto";
import { ss58Of } from "./keys";
import type { ReadClient } from "./prisma";
import { NotFoundError } from "./queries";

/** Registrations shown per uid (newest first). */
const MAX_REGISTRATIONS = 200;

export async function getNeuronHistory(db: ReadClient, netuid: number, uid: number, opts: { epoch?: number; before?: number; limit: number }): Promise<NeuronHistoryDto> {
  const subnet = await db.subnet.findUnique({ where: { netuid }, select: { netuid: true } });
  if (!subnet) throw new NotFoundError(`no subnet ${netuid}`);
  const [rows, regs, neuron] = await Promise.all([
    db.neuronEpoch.findMany({ where: { netuid, uid, ...(opts.before === undefined ? {} : { epoch: { lt: opts.before } }) }, orderBy: { epoch: "desc" }, take: opts.limit + 1 }),
    db.uidRegistration.findMany({ where: { netuid, uid }, orderBy: { block: "desc" }, take: MAX_REGISTRATIONS }),
    db.neuron.findUnique({ where: { netuid_uid: { netuid, uid } }, select: { uid: true } }),
  ]);
  if (!neuron && rows.length === 0 && regs.length === 0) throw new NotFoundError(`subnet ${netuid} has no uid ${uid}`);
  const snap =
    opts.epoch === undefined
      ? await db.metagraphSnapshot.findFirst({ where: { netuid }, orderBy: { epoch: "desc" } })
      : await db.metagraphSnapshot.findUnique({ where: { netuid_epoch: { netuid, epoch: opts.epoch } } });
  if (opts.epoch !== undefined && !snap) throw new NotFoundError(`subnet ${netuid} has no stored epoch ${opts.epoch}`);
  let weightsSet: WeightDto[] = [];
  const weightsReceived: WeightDto[] = [];
  let seed2024 = false;
  if (snap) {
    const d = JSON.parse(snap.data) as { hotkeys: string[]; weights: [number, number][][]; emissionValue?: string };
    seed2024 = d.emissionValue !== undefined;
    const key = (u: number) => ss58Of(d.hotkeys[u] ?? "");
    weightsSet = (d.weights[uid] ?? []).map(([to, value]) => ({ uid: to, hotkey: key(to), value }));
    d.weights.forEach((row, from) => {
      for (const [to, value] of row) if (to === uid && value > 0) weightsReceived.push({ uid: from, hotkey: key(from), value });
    });
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
