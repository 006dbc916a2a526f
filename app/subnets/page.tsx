import type { Metadata } from "next";
import Link from "next/link";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { EmptyState } from "@/components/State";
import { ScrollTable, TableHead } from "@/components/Table";
import { listSubnets } from "@/lib/db/queries";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Subnets" };

export default async function SubnetsPage() {
  const { read } = await startInstance();
  const subnets = await listSubnets(read);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Subnets</h1>
      {subnets.length === 0 ? (
        <EmptyState>No subnets yet.</EmptyState>
      ) : (
        <ScrollTable label="Subnets">
          <table className="w-full text-sm" data-testid="subnets">
            <TableHead columns={["netuid", "owner", { label: "uids", right: true }, { label: "tempo", right: true }, { label: "price (τ/α)", right: true }, { label: "pool TAO", right: true }, { label: "epochs", right: true }]} />
            <tbody>
              {subnets.map((s) => (
                <tr key={s.netuid} className="border-t border-slate-800">
                  <td className="py-1.5">
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
                  <td className="text-right">
                    <Amount rao={s.taoReserve} unit="τ" />
                  </td>
                  <td className="text-right">{s.epochIndex}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}
