/** How the explainer shows chain numbers: fixed-point as decimals (raw bits on hover), u16 as u16 and share. */
import { formatRao } from "@/components/format";

const TWO32 = 4294967296;

/** An I32F32 value from its raw bits, as a decimal (9 places), raw bits in the title. */
export function Fx({ bits, digits = 9 }: { bits: number; digits?: number }) {
  return (
    <span className="font-mono" title={`I32F32 raw bits ${bits}`} data-bits={bits}>
      {(bits / TWO32).toFixed(digits)}
    </span>
  );
}

/** A u16 as stored, and as a share of 65535. */
export function U16({ v }: { v: number }) {
  return (
    <span className="font-mono" data-u16={v}>
      {v} <span className="text-slate-400">({(v / 65535).toFixed(5)})</span>
    </span>
  );
}

/** An I64F64 value (decimal bit string) in rao, shown as TAO/alpha, raw bits in the title. */
export function Fx64({ bits }: { bits: string }) {
  const b = BigInt(bits);
  return (
    <span className="font-mono" title={`I64F64 raw bits ${bits}`}>
      {formatRao((b >> 64n).toString())}
    </span>
  );
}

/** Rao as TAO/alpha with the raw rao in the title. */
export function Rao({ rao }: { rao: string }) {
  return (
    <span className="font-mono" title={`${rao} rao`}>
      {formatRao(rao)}
    </span>
  );
}

export function Yes({ v }: { v: boolean }) {
  return <span className={v ? "text-emerald-400" : "text-slate-500"}>{v ? "yes" : "no"}</span>;
}
