import { formatRao, formatRaoShort } from "./format";

/** What an amount is counted in: TAO (τ), a subnet's alpha (α), or not known (shown as rao). */
export type Unit = "τ" | "α" | null;

/**
 * An exact amount given in rao (a decimal string; 1 τ = 1 α = 10^9 rao): shown with its unit,
 * thousands separators and up to four decimals; the hover shows all nine decimals and the rao.
 * `unit = null` (a field whose unit is not known) shows the rao themselves, saying so.
 */
export function Amount({ rao, unit, decimals = 4, className = "" }: { rao: string; unit: Unit; decimals?: number; className?: string }) {
  if (!/^\d+$/.test(rao)) return <span className={className}>{rao}</span>;
  const grouped = rao.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (unit === null) {
    return (
      <span className={`whitespace-nowrap font-mono ${className}`} title={`${grouped} (unit not known for this field)`} data-rao={rao}>
        {grouped} <span className="text-slate-500">rao</span>
      </span>
    );
  }
  const exact = formatRao(rao);
  return (
    <span className={`whitespace-nowrap font-mono ${className}`} title={`${exact} ${unit}\n${grouped} rao`} data-rao={rao} data-unit={unit} data-exact={exact}>
      {formatRaoShort(rao, decimals)} <span className="text-slate-400">{unit}</span>
    </span>
  );
}
