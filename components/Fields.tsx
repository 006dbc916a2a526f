import { Address, accountForms } from "./Address";
import { Amount } from "./Amount";
import { formatRao, shortHex } from "./format";
import { fieldKind, recordUnit } from "./units";

/** The most list items (uids, weights) shown before "… and N more". */
const LIST_MAX = 12;

type Data = Record<string, unknown>;

const isRecord = (v: unknown): v is Data => typeof v === "object" && v !== null && !Array.isArray(v);

/** A record keyed by account keys (`{hotkey: amount}`), shown as a small table. */
function AccountRecord({ name, field, value, data, links }: { name: string; field: string; value: Data; data: Data; links: boolean }) {
  const entries = Object.entries(value);
  const unit = recordUnit(name, field, data);
  return (
    <table className="mt-1 text-xs" data-testid="field-record" data-field={field}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-slate-800/70">
            <td className="py-0.5 pr-3">
              <Address hex={k} link={links} />
            </td>
            <td className="text-right">{typeof v === "string" && /^\d+$/.test(v) ? <Amount rao={v} unit={unit} /> : <Value name={name} field={field} value={v} data={data} links={links} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Parallel lists of uids and weights (set_weights, reveal_weights), as uid → weight pairs. */
function WeightPairs({ uids, weights }: { uids: number[]; weights: number[] }) {
  const shown = uids.slice(0, LIST_MAX);
  return (
    <span className="font-mono text-xs" data-testid="field-weights">
      {shown.map((u, i) => (
        <span key={u} className="mr-2 inline-block whitespace-nowrap" title={`uid ${u}: ${weights[i]} / 65535 = ${((weights[i]! / 65535) * 100).toFixed(2)}%`}>
          {u}→{weights[i]}
        </span>
      ))}
      {uids.length > LIST_MAX && <span className="text-slate-500">… and {uids.length - LIST_MAX} more</span>}
    </span>
  );
}

/** One field's value, by what `fieldKind` says it is. */
function Value({ name, field, value, data, links }: { name: string; field: string; value: unknown; data: Data; links: boolean }) {
  const kind = fieldKind(name, field, value, data);
  if (links && /^(netuid|originNetuid|destinationNetuid|origin_netuid|destination_netuid)$/.test(field) && typeof value === "number")
    return (
      <a className="font-mono text-sky-400 hover:underline" href={`/subnets/${value}`}>
        {value}
      </a>
    );
  switch (kind.kind) {
    case "account":
      return <Address hex={value as string} link={links} />;
    case "amount":
      return <Amount rao={value as string} unit={kind.unit} />;
    case "price":
      return (
        <span className="whitespace-nowrap font-mono" title={`${formatRao(value as string)} τ per α (${value as string} rao)`}>
          {formatRao(value as string).replace(/\.?0+$/, "")} <span className="text-slate-400">τ/α</span>
        </span>
      );
    case "take":
      return (
        <span className="font-mono" title={`${value as number} / 65535`}>
          {(((value as number) / 65535) * 100).toFixed(2)}%
        </span>
      );
    case "hash":
      return (
        <span className="font-mono" title={value as string}>
          {shortHex(value as string, 8)}
        </span>
      );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">none</span>;
    return (
      <span className="font-mono text-xs">
        [{value.slice(0, LIST_MAX).map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}
        {value.length > LIST_MAX ? `, … ${value.length - LIST_MAX} more` : ""}]
      </span>
    );
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return <span className="text-slate-500">none</span>;
    if (keys.every((k) => accountForms(k) !== null)) return <AccountRecord name={name} field={field} value={value} data={data} links={links} />;
    return <Fields name={name} data={value} nested links={links} />;
  }
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  if (value === null || value === undefined) return <span className="text-slate-500">—</span>;
  return <span className="break-all font-mono">{String(value)}</span>;
}

/**
 * An extrinsic's arguments or an event's data as labelled fields instead of raw JSON: accounts
 * as SS58 addresses, amounts in τ or α (exact value on hover), per-account records as small
 * tables, uid/weight lists as pairs. `name` is the call or event (`Pallet.name`), which decides
 * each amount's unit. With `links`, accounts link to their pages and netuids to their subnets.
 */
export function Fields({ name, data, nested = false, links = false }: { name: string; data: unknown; nested?: boolean; links?: boolean }) {
  if (!isRecord(data)) return data === null || data === undefined ? null : <Value name={name} field="" value={data} data={{}} links={links} />;
  const entries = Object.entries(data);
  if (entries.length === 0) return nested ? <span className="text-slate-500">none</span> : null;
  const uids = (data.uids ?? data.dests) as unknown;
  const weights = (data.values ?? data.weights) as unknown;
  const pairs = Array.isArray(uids) && Array.isArray(weights) && uids.length === weights.length;
  const pairKeys = pairs ? new Set([data.uids !== undefined ? "uids" : "dests", data.values !== undefined ? "values" : "weights"]) : new Set<string>();
  return (
    <dl className={`flex flex-wrap gap-x-4 gap-y-0.5 text-xs ${nested ? "" : "mt-0.5"}`} data-testid="fields">
      {pairs && (
        <div className="flex min-w-0 basis-full items-baseline gap-1.5" data-field="weights">
          <dt className="text-slate-500">weights</dt>
          <dd className="min-w-0">
            <WeightPairs uids={uids as number[]} weights={weights as number[]} />
          </dd>
        </div>
      )}
      {entries
        .filter(([k]) => !pairKeys.has(k))
        .map(([k, v]) => {
          const block = isRecord(v) && Object.keys(v).length > 0;
          return (
            <div key={k} className={`flex min-w-0 gap-1.5 ${block ? "basis-full flex-col" : "items-baseline"}`} data-field={k}>
              <dt className="text-slate-500">{k}</dt>
              <dd className="min-w-0 text-slate-200">
                <Value name={name} field={k} value={v} data={data} links={links} />
              </dd>
            </div>
          );
        })}
    </dl>
  );
}
