import Link from "next/link";
import { notFound } from "next/navigation";
import { Address } from "@/components/Address";
import { FactList, JsonCell, TableHead } from "@/components/Table";
import { formatRao, formatTime } from "@/components/format";
import { NotFoundError, getBlock } from "@/lib/db/queries";
import { blockNumber, parseSegment } from "@/lib/server/params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export default async function BlockPage({ params }: { params: Promise<{ number: string }> }) {
  const raw = (await params).number;
  let number: bigint;
  try {
    number = parseSegment("block number", raw, blockNumber); // past 2^63 − 1 no block can exist: the 404 page
  } catch {
    notFound();
  }
  const { read } = await startInstance();
  let b;
  try {
    b = await getBlock(read, number);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const header: [string, React.ReactNode][] = [
    ["Hash", <span key="h" className="font-mono break-all">{b.hash}</span>],
    ["Parent", number > 0n ? <Link key="p" className="font-mono text-sky-400 hover:underline break-all" href={`/blocks/${number - 1n}`}>{b.parentHash}</Link> : <span key="p" className="font-mono">{b.parentHash}</span>],
    ["State root", <span key="s" className="font-mono break-all">{b.stateRoot}</span>],
    ["Extrinsics root", <span key="e" className="font-mono break-all">{b.extrinsicsRoot}</span>],
    ["Time", formatTime(b.timestamp)],
    ["Author", <Address key="a" hex={b.author} full />],
  ];
  return (
    <div className="space-y-8">
      <div className="flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold" data-testid="block-title">Block #{b.number}</h1>
        {number > 0n && <Link className="text-sm text-sky-400" href={`/blocks/${number - 1n}`}>← previous</Link>}
        <Link className="text-sm text-sky-400" href={`/blocks/${number + 1n}`}>next →</Link>
      </div>
      <FactList facts={header} />
      <section>
        <h2 className="mb-3 text-lg font-semibold">Extrinsics ({b.extrinsics.length})</h2>
        <table className="w-full text-sm" data-testid="extrinsics">
          <TableHead columns={["id", "call", "signer", { label: "fee (TAO)", right: true }, "result"]} />
          <tbody>
            {b.extrinsics.map((x) => (
              <tr key={x.id} className="border-t border-slate-800 align-top" data-testid="extrinsic-row">
                <td className="py-1 font-mono">{x.id}</td>
                <td>
                  <div>{x.call}</div>
                  <JsonCell value={x.args} />
                </td>
                <td>
                  <Address hex={x.signer} />
                </td>
                <td className="text-right font-mono">{formatRao(x.fee)}</td>
                <td className={x.success ? "text-emerald-400" : "text-rose-400"} title={x.errorDetail ?? undefined}>
                  {x.success ? "success" : x.error}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Events ({b.events.length})</h2>
        <table className="w-full text-sm" data-testid="events">
          <TableHead columns={["#", "phase", "event", "data"]} />
          <tbody>
            {b.events.map((e) => (
              <tr key={e.index} className="border-t border-slate-800 align-top">
                <td className="py-1">{e.index}</td>
                <td>{e.phase === "ApplyExtrinsic" ? `extrinsic ${e.extrinsicIndex}` : e.phase}</td>
                <td>{e.name}</td>
                <td>
                  <JsonCell value={e.data} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
