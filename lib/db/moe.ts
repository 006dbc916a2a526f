/**
 * What a mixture-of-experts query of a subnet needs from the database (lib/actors/moe.ts does
 * the asking): the network's seed and task list from the genesis spec (table Meta, key
 * genesisSpec), the subnet's task and epoch counter, and its miners as the latest metagraph
 * (table Neuron) has them.
 *
 * Miners are the subnet's uids less the owner's hotkey and the validators'. A validator is
 * known by the memory the PoI traffic stores for it on the subnet (table ActorState, key
 * `validator/<netuid>/<hotkey>`, written at its first round): before any validator's first
 * round no miner earns incentive, and the query is refused anyway.
 */
import { startTempoOf, type TaskName } from "../actors/profiles";
import { type NetworkSpec, specFromJson, subnetTask, trafficOf } from "../node/network";
import { genesisSpecText, headNumber } from "./flows";
import type { ReadClient } from "./prisma";
import { NotFoundError } from "./queries";
import { NEURONS, subnetRow } from "./rows";

export interface SubnetTaskInfo {
  /** The network seed (profiles derive from it). */
  readonly seed: number;
  /** `synthetic`: the old traffic, whose miners do no task. */
  readonly traffic: "poi" | "synthetic";
  /** The subnet's task (null under the synthetic traffic). */
  readonly task: TaskName | null;
}

/** The stored network spec, parsed once per stored text (it never changes); null for a database without a genesis. */
const specs = new Map<string, NetworkSpec>();
export async function specOf(db: ReadClient): Promise<NetworkSpec | null> {
  const text = await genesisSpecText(db);
  if (text === null) return null;
  let spec = specs.get(text);
  if (!spec) specs.set(text, (spec = specFromJson(text)));
  return spec;
}

/** The hotkeys (0x-hex) the PoI traffic keeps a validator's memory for on subnet `netuid`: its validators since their first round. */
export async function validatorHotkeysOf(db: ReadClient, netuid: number): Promise<Set<string>> {
  const prefix = `validator/${netuid}/`;
  const rows = await db.sql.query<{ key: string }>(`SELECT "key" FROM "ActorState" WHERE "key" LIKE ?`, [`${prefix}%`]);
  return new Set(rows.map((r) => r.key.slice(prefix.length)));
}

export function taskInfo(spec: NetworkSpec, netuid: number): SubnetTaskInfo {
  return { seed: spec.seed, traffic: trafficOf(spec), task: subnetTask(spec, netuid) };
}

const rootRefused = () => new NotFoundError("subnet 0 is the root network: it runs no task and has no miners to query");

/**
 * The task subnet `netuid` runs, as the network spec records it (for a subnet its caller knows
 * exists: the subnet page, which has read its row already).
 * @throws NotFoundError for netuid 0 (root runs no task) or a database without a genesis
 */
export async function getSubnetTask(db: ReadClient, netuid: number): Promise<SubnetTaskInfo> {
  if (netuid === 0) throw rootRefused();
  const spec = await specOf(db);
  if (!spec) throw new NotFoundError(`no subnet ${netuid}`);
  return taskInfo(spec, netuid);
}

export interface QueryMiner {
  readonly uid: number;
  readonly hotkey: string;
  readonly incentive: number;
  /** The tempo it registered in, counted as the traffic counts it. */
  readonly startTempo: number;
}

export interface SubnetQueryInput extends SubnetTaskInfo {
  /** The subnet's epoch counter at the head: the tempo the miners answer in. */
  readonly tempo: number;
  readonly head: bigint;
  /** By uid. */
  readonly miners: readonly QueryMiner[];
}

/** @throws NotFoundError for netuid 0 or an unknown subnet */
export async function getSubnetQueryInput(db: ReadClient, netuid: number): Promise<SubnetQueryInput> {
  if (netuid === 0) throw rootRefused();
  const [spec, subnet, neurons, validators, head] = await Promise.all([
    specOf(db),
    subnetRow(db, netuid),
    NEURONS.all(db, `WHERE "netuid" = ? ORDER BY "uid"`, [netuid]),
    validatorHotkeysOf(db, netuid),
    headNumber(db),
  ]);
  if (!subnet || !spec) throw new NotFoundError(`no subnet ${netuid}`);
  const tempo = subnet.epochIndex;
  const miners = neurons
    .filter((n) => n.hotkey !== subnet.ownerHotkey && !validators.has(n.hotkey))
    .map((n) => ({ uid: n.uid, hotkey: n.hotkey, incentive: n.incentive, startTempo: startTempoOf(tempo, head, n.registeredAt, subnet.tempo) }));
  return { ...taskInfo(spec, netuid), tempo, head, miners };
}
