import type { WeightDto } from "@/lib/dto";
import { ScrollTable } from "@/components/Table";

/** Weights between this uid and others at one epoch (u16 as stored), with each other uid linked. */
export function WeightsTable({ netuid, title, id, rows, who }: { netuid: number; title: string; id: string; rows: WeightDto[]; who: string }) {
  const total = rows.reduce((a, r) => a + r.value, 0);
  return (
    <div className="min-w-0 rounded-lg border border-slate-800 p-3">
      <h3 className="mb-2 text-sm font-medium">
        {title} <span className="text-slate-400">({rows.length})</span>
      </h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-400">None at this epoch.</p>
      ) : (
        <ScrollTable className="max-h-80 overflow-y-auto" label="Weights">
          <table className="w-full text-sm" data-testid={id}>
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1">{who}</th>
                <th className="hidden sm:table-cell">hotkey</th>
                <th className="text-right">u16</th>
                <th className="text-right">share</th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {rows.map((r) => (
                <tr key={r.uid} className="border-t border-slate-800" data-uid={r.uid} data-value={r.value}>
                  <td className="py-1">
                    <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/uids/${r.uid}`}>
                      {r.uid}
                    </a>
                  </td>
                  <td className="hidden sm:table-cell" title={r.hotkey}>{`${r.hotkey.slice(0, 8)}…${r.hotkey.slice(-6)}`}</td>
                  <td className="text-right">{r.value}</td>
                  <td className="text-right">{total === 0 ? "—" : `${((r.value / total) * 100).toFixed(2)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}
