/**
 * The consensus core's `EpochInput` as stored in the `EpochInput` table: JSON with every bigint
 * as a decimal string and the weight and bond matrices as `[uid, u16]` rows. Decoding checks the
 * shape, so a damaged row is an error that says which field, not a wrong explanation.
 */
import type { EpochInput, EpochParams } from "../chain/consensus/epoch";
import { type U16Row, isU16Matrix, u16MatrixToRows } from "../chain/consensus/u16-matrix";

const str = (v: readonly bigint[]) => v.map(String);
const rows = (m: EpochInput["weights"]): U16Row[] => (isU16Matrix(m) ? u16MatrixToRows(m) : [...m]);

/** The input as the JSON text the store writes. */
export function encodeEpochInput(input: EpochInput): string {
  const p = input.params;
  return JSON.stringify({
    block: String(input.block),
    params: { ...p, stakeThreshold: String(p.stakeThreshold), taoWeight: String(p.taoWeight) },
    alphaStake: str(input.alphaStake),
    ...(input.taoStake ? { taoStake: str(input.taoStake) } : {}),
    lastUpdate: str(input.lastUpdate),
    blockAtRegistration: str(input.blockAtRegistration),
    validatorPermit: input.validatorPermit,
    weights: rows(input.weights),
    bonds: rows(input.bonds),
    ownerUid: input.ownerUid,
    ...(input.commitBlocks ? { commitBlocks: str(input.commitBlocks) } : {}),
    lastMechanismStepBlock: String(input.lastMechanismStepBlock),
    raoEmission: String(input.raoEmission),
  });
}

function fail(field: string): never {
  throw new TypeError(`stored epoch input: ${field} is missing or malformed`);
}

const big = (v: unknown, field: string): bigint => (typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : fail(field));
const bigs = (v: unknown, field: string): bigint[] => (Array.isArray(v) ? v.map((x) => big(x, field)) : fail(field));
function u16Rows(v: unknown, field: string): U16Row[] {
  if (!Array.isArray(v)) fail(field);
  return v.map((row) => {
    if (!Array.isArray(row)) fail(field);
    return row.map((e) => (Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && Number.isInteger(e[1]) ? ([e[0], e[1]] as const) : fail(field)));
  });
}

/** The input back from the stored JSON text. */
export function decodeEpochInput(text: string): EpochInput {
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
    weights: u16Rows(d.weights, "weights"),
    bonds: u16Rows(d.bonds, "bonds"),
    ownerUid: d.ownerUid as number | null,
    ...(d.commitBlocks !== undefined ? { commitBlocks: bigs(d.commitBlocks, "commitBlocks") } : {}),
    lastMechanismStepBlock: big(d.lastMechanismStepBlock, "lastMechanismStepBlock"),
    raoEmission: big(d.raoEmission, "raoEmission"),
  };
}
