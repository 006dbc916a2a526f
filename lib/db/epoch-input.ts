/**
 * The consensus core's `EpochInput` as stored in the `EpochInput` table: JSON with every bigint
 * as a decimal string (`data`), and the weight and bond matrices as binary u16 rows in the
 * `weights` and `bonds` columns (lib/db/packed-rows.ts). Inputs stored before those columns hold
 * the matrices inside the JSON, packed as base64 (`encodeEpochInput`) or, older, as `[uid, u16]`
 * rows; both still decode. Decoding checks the shape, so a
 * damaged row is an error that says which field, not a wrong explanation.
 */
import type { EpochInput, EpochParams } from "../chain/consensus/epoch";
import { decodeU16Rows, encodeU16Rows, packRows, unpackRows } from "./packed-rows";

const str = (v: readonly bigint[]) => v.map(String);

/** The input as the store writes it: the JSON without the matrices, then the weights and bonds as binary u16 rows. */
export function encodeEpochInputRow(input: EpochInput): [string, Buffer, Buffer] {
  return [JSON.stringify(inputFields(input)), encodeU16Rows(input.weights), encodeU16Rows(input.bonds)];
}

/** The input as one JSON text, its matrices packed as base64 (the rows written before the binary columns). */
export function encodeEpochInput(input: EpochInput): string {
  return JSON.stringify(inputFields(input, { weights: packRows(input.weights), bonds: packRows(input.bonds) }));
}

/** The input's fields as JSON values, the matrices (`packed`) where the older rows hold them. */
function inputFields(input: EpochInput, packed?: { weights: unknown; bonds: unknown }): Record<string, unknown> {
  const p = input.params;
  return {
    block: String(input.block),
    params: { ...p, stakeThreshold: String(p.stakeThreshold), taoWeight: String(p.taoWeight) },
    alphaStake: str(input.alphaStake),
    ...(input.taoStake ? { taoStake: str(input.taoStake) } : {}),
    lastUpdate: str(input.lastUpdate),
    blockAtRegistration: str(input.blockAtRegistration),
    validatorPermit: input.validatorPermit,
    ...packed,
    ownerUid: input.ownerUid,
    ...(input.commitBlocks ? { commitBlocks: str(input.commitBlocks) } : {}),
    lastMechanismStepBlock: String(input.lastMechanismStepBlock),
    raoEmission: String(input.raoEmission),
  };
}

function fail(field: string): never {
  throw new TypeError(`stored epoch input: ${field} is missing or malformed`);
}

const big = (v: unknown, field: string): bigint => (typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : fail(field));
const bigs = (v: unknown, field: string): bigint[] => (Array.isArray(v) ? v.map((x) => big(x, field)) : fail(field));

/** The input back from the stored JSON text and, on rows that have them, the binary weights and bonds columns. */
export function decodeEpochInput(text: string, matrices?: { weights: Uint8Array | null; bonds: Uint8Array | null }): EpochInput {
  const d = JSON.parse(text) as Record<string, unknown>;
  const p = (d.params ?? fail("params")) as Record<string, unknown>;
  const params = { ...p, stakeThreshold: big(p.stakeThreshold, "params.stakeThreshold"), taoWeight: big(p.taoWeight, "params.taoWeight") } as unknown as EpochParams;
  if (!Array.isArray(d.validatorPermit) || !d.validatorPermit.every((x) => typeof x === "boolean")) fail("validatorPermit");
  if (d.ownerUid !== null && !Number.isInteger(d.ownerUid)) fail("ownerUid");
  return {
    block: big(d.block, "block"),
    params,
    alphaStake: bigs(d.alphaStake, "alphaStake"),
    ...(d.taoStake !== undefined ? { taoStake: bigs(d.taoStake, "taoStake") } : {}),
    lastUpdate: bigs(d.lastUpdate, "lastUpdate"),
    blockAtRegistration: bigs(d.blockAtRegistration, "blockAtRegistration"),
    validatorPermit: d.validatorPermit as boolean[],
    weights: matrices?.weights ? decodeU16Rows(matrices.weights, "epoch input: weights") : unpackRows(d.weights, "epoch input: weights"),
    bonds: matrices?.bonds ? decodeU16Rows(matrices.bonds, "epoch input: bonds") : unpackRows(d.bonds, "epoch input: bonds"),
    ownerUid: d.ownerUid as number | null,
    ...(d.commitBlocks !== undefined ? { commitBlocks: bigs(d.commitBlocks, "commitBlocks") } : {}),
    lastMechanismStepBlock: big(d.lastMechanismStepBlock, "lastMechanismStepBlock"),
    raoEmission: big(d.raoEmission, "raoEmission"),
  };
}
