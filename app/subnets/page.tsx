import Link from "next/link";
import { Address } from "@/components/Address";
import { formatRao } from "@/components/format";
import { listSubnets } from "@/lib/db/queries";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export default async function SubnetsPage() {
  const { read } = await startInstance();
  const subnets = await listSubnets(read);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Subnets</h1>
      <table className="w-full text-sm" data-testid="subnets">
        <thead className="text-left text-slate-400">
          <tr>
            <th className="py-1">netuid</th>
            <th>owner</th>
            <th className="text-right">uids</th>
            <th className="text-right">tempo</th>
            <th className="text-right">price (τ/α)</th>
            <th className="text-right">pool TAO</th>
            <th className="text-right">epochs</th>
          </tr>
        </thead>
        <tbody>
          {subnets.map((s) => (
            <tr key={s.netuid} className="border-t border-slate-800">
              <td className="py-1">
                <Link className="text-sky-400 hover:underline" href={`/subnets/${s.netuid}`}>
                  {s.netuid}
                </Link>
              </td>
              <td>
                <Address hex={s.owner} />
              </td>
              <td className="text-right">
                {s.neuronCount}/{s.maxAllowedUids}
              </td>
              <td className="text-right">{s.tempo}</td>
              <td className="text-right font-mono">{s.price}</td>
              <td className="text-right font-mono">{formatRao(s.taoReserve)}</td>
              <td className="text-right">{s.epochIndex}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
