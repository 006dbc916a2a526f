import type { EmissionSplitDto } from "@/lib/dto";
import { formatRao } from "../format";
import { ScrollTable } from "../Table";

/** An epoch's emission by recipient, in the subnet's token and in τ at the epoch's pool price. */
export function EmissionSplit({ split }: { split: EmissionSplitDto | null }) {
  if (!split) return <p className="text-sm text-slate-400">This epoch was stored before emission splits were kept.</p>;
  const total = BigInt(split.emission) + BigInt(split.ownerCut);
  const tau = split.unit === "τ";
  return (
    <div data-testid="emission-split">
      <h3 className="font-medium">Emission split of the epoch</h3>
      <p className="mb-2 text-xs text-slate-400">
        {tau
          ? "seed2024 (subtensor v1.1.3): every amount is τ. The owner cut was paid block by block since the previous epoch."
          : `τ at this epoch's pool price, ${split.price} τ/α (after the epoch). The owner cut is on top of the epoch's emission.`}
      </p>
      <ScrollTable label="Emission split">
        <table className="w-full text-sm" data-testid="emission-split-table">
          <thead className="text-left text-slate-400">
            <tr>
              <th className="py-1">recipient</th>
              <th className="text-right">{split.unit}</th>
              {!tau && <th className="text-right">τ at pool price</th>}
              <th className="text-right sm:w-1/3 sm:text-left">share</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {split.parts.map((p) => {
              const share = total === 0n ? 0 : Number((BigInt(p.amount) * 1_000_000n) / total) / 10_000;
              return (
                <tr key={p.key} data-testid="split-row" data-key={p.key} data-amount={p.amount} className="border-t border-slate-800">
                  <td className="py-1 font-sans whitespace-normal">{p.label}</td>
                  <td className="text-right">{formatRao(p.amount)}</td>
                  {!tau && <td className="text-right">{formatRao(p.tao)}</td>}
                  <td>
                    <div className="flex items-center justify-end gap-2">
                      <div className="hidden h-2 flex-1 rounded bg-slate-800 sm:block">
                        <div className="h-2 rounded bg-sky-500" style={{ width: `${Math.min(share, 100)}%` }} />
                      </div>
                      <span className="w-16 text-right text-xs">{share.toFixed(2)}%</span>
                    </div>
                  </td>
                </tr>
              );
            })}
            <tr className="border-t border-slate-700 font-semibold">
              <td className="py-1 font-sans whitespace-normal">Epoch emission (event)</td>
              <td className="text-right" data-testid="split-emission">
                {formatRao(split.emission)}
              </td>
              {!tau && <td />}
              <td />
            </tr>
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}
