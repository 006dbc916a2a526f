/**
 * Compares a replayed epoch with the `expected` values of a scenario step (units of the
 * vector files) and renders epoch results as the replay CLI's JSON lines.
 */
import { toDecimal } from "../math/fast";
import { u16ProportionToFixed } from "../math/vector";
import type { EpochRecord } from "./scenario";
import { u16MatrixRow } from "./u16-matrix";

export interface Mismatch {
  caseId: string;
  epoch: number;
  field: string;
  uid: string;
  expected: string;
  got: string;
}

/** Expected keys that carry no assertion (vectors/subtensor/README.md). */
const INFORMATIONAL = new Set(["intended_bonds_fraction_not_asserted", "notes"]);

/** Tolerance of `dividends_fraction` (vectors/subtensor/README.md). */
export const DIVIDENDS_FRACTION_TOLERANCE = 1e-3;

type UidMap = Record<string, unknown>;

function exactMap(rec: EpochRecord, field: string, expected: UidMap, actual: readonly (number | bigint)[], out: Mismatch[]) {
  for (const [uid, want] of Object.entries(expected)) {
    const got = actual[Number(uid)];
    if (got === undefined || String(got) !== String(want)) {
      out.push({ caseId: rec.caseId, epoch: rec.epoch, field, uid, expected: String(want), got: String(got) });
    }
  }
}

/** Every mismatch between a record and its step's `expected` (empty when it matches). */
export function checkEpoch(rec: EpochRecord): Mismatch[] {
  const exp = rec.expected;
  const out: Mismatch[] = [];
  if (!exp) return out;
  const o = rec.output;
  const u16Fields: Record<string, number[]> = {
    consensus_u16: o.consensus,
    incentive_u16: o.incentive,
    dividends_u16: o.dividends,
    validator_trust_u16: o.validatorTrust,
    stake_weight_u16: o.stakeWeight,
    ...(o.rank && { rank_u16: o.rank }),
    ...(o.trust && { trust_u16: o.trust }),
    ...(o.pruningScores && { pruning_scores_u16: o.pruningScores }),
  };
  for (const [field, want] of Object.entries(exp)) {
    if (field in u16Fields) exactMap(rec, field, want as UidMap, u16Fields[field]!, out);
    else if (field === "emission") exactMap(rec, field, want as UidMap, o.emission, out);
    else if (field === "bonds_u16") {
      for (const [row, cols] of Object.entries(want as Record<string, UidMap>)) {
        const stored = new Map(u16MatrixRow(o.bonds, Number(row)));
        for (const [col, v] of Object.entries(cols)) {
          const got = stored.get(Number(col)) ?? 0;
          if (got !== v) out.push({ caseId: rec.caseId, epoch: rec.epoch, field, uid: `${row}->${col}`, expected: String(v), got: String(got) });
        }
      }
    } else if (field === "dividends_fraction") {
      (want as number[]).forEach((v, uid) => {
        const got = toDecimal(u16ProportionToFixed(o.dividends[uid] ?? 0));
        if (!(Math.abs(got - v) <= DIVIDENDS_FRACTION_TOLERANCE)) {
          out.push({ caseId: rec.caseId, epoch: rec.epoch, field, uid: String(uid), expected: String(v), got: got.toFixed(6) });
        }
      });
    } else if (field === "validator_permit") {
      const got = o.newValidatorPermit.flatMap((p, i) => (p ? [i] : []));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        out.push({ caseId: rec.caseId, epoch: rec.epoch, field, uid: "*", expected: JSON.stringify(want), got: JSON.stringify(got) });
      }
    } else if (!INFORMATIONAL.has(field)) {
      // An expectation this checker cannot evaluate must not pass unnoticed.
      out.push({ caseId: rec.caseId, epoch: rec.epoch, field, uid: "*", expected: "(a checked value)", got: "no such epoch output" });
    }
  }
  return out;
}

function uidMap(values: readonly (number | bigint)[]): string {
  return `{${values.map((v, i) => `"${i}":${v.toString()}`).join(",")}}`;
}

/** One JSON line per epoch; bigints are written as exact integers. */
export function epochJsonLine(rec: EpochRecord): string {
  const o = rec.output;
  const bonds = Array.from({ length: o.bonds.rows }, (_, i) => u16MatrixRow(o.bonds, i))
    .map((row, i) => (row.length ? `"${i}":{${row.map(([j, v]) => `"${j}":${v}`).join(",")}}` : ""))
    .filter(Boolean)
    .join(",");
  const permits = o.newValidatorPermit.flatMap((p, i) => (p ? [i] : []));
  return (
    `{"case":${JSON.stringify(rec.caseId)},"epoch":${rec.epoch},"block":${rec.block}` +
    `,"consensus_u16":${uidMap(o.consensus)},"incentive_u16":${uidMap(o.incentive)}` +
    `,"dividends_u16":${uidMap(o.dividends)},"validator_trust_u16":${uidMap(o.validatorTrust)}` +
    `,"validator_permit":${JSON.stringify(permits)},"bonds_u16":{${bonds}},"emission":${uidMap(o.emission)}}`
  );
}
