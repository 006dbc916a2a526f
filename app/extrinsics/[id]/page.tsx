import type { Metadata } from "next";
import { Hash } from "@/components/Hash";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { EventRows } from "@/components/EventRows";
import { Fields } from "@/components/Fields";
import { EmptyState, StatePanel } from "@/components/State";
import { FactList } from "@/components/Table";
import { formatTime, shortHex } from "@/components/format";
import { NotFoundError } from "@/lib/db/queries";
import { decodeSegment } from "@/lib/decode-segment";
import { extrinsicIdsByHash, getExtrinsic } from "@/lib/db/extrinsics";
import { parseExtrinsicRef } from "@/lib/server/explorer-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/**
 * The extrinsic `raw` names: a canonical id is loaded; `120-3` and a unique hash redirect to the
 * canonical id; a hash several extrinsics share gives the candidates; malformed or unknown → 404.
 */
const load = cache(async (raw: string) => {
  let ref;
  try {
    ref = parseExtrinsicRef(decodeSegment(raw));
  } catch {
    notFound();
  }
  const { read } = await startInstance();
  if (ref.kind === "hash") {
    const ids = await extrinsicIdsByHash(read, ref.hash);
    if (ids.length === 0) notFound();
    if (ids.length === 1) redirect(`/extrinsics/${ids[0]}`);
    return { kind: "candidates", candidates: ids, hash: ref.hash } as const;
  }
  if (raw !== ref.canonical) redirect(`/extrinsics/${ref.canonical}`);
  try {
    return { kind: "extrinsic", extrinsic: await getExtrinsic(read, ref.at) } as const;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
});


export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const r = await load((await params).id);
  return { title: r.kind === "extrinsic" ? `Extrinsic ${r.extrinsic.id}` : `Extrinsics with hash ${shortHex(r.hash, 6)}` };
}

export default async function ExtrinsicPage({ params }: { params: Params }) {
  const r = await load((await params).id);
  if (r.kind === "candidates") {
    return (
      <StatePanel title={`${r.candidates.length} extrinsics have this hash`} testId="extrinsic-candidates">
        <p className="break-all font-mono text-xs">{r.hash}</p>
        <ul className="list-disc pl-5">
          {r.candidates.map((id) => (
            <li key={id}>
              <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${id}`}>
                {id}
              </a>
            </li>
          ))}
        </ul>
      </StatePanel>
    );
  }
  const x = r.extrinsic;
  const facts: [string, React.ReactNode][] = [
    [
      "Block",
      <span key="b">
        <a className="font-mono text-sky-400 hover:underline" href={`/blocks/${x.blockNumber}`}>
          #{x.blockNumber}
        </a>{" "}
        <span className="text-slate-400">index {x.index}</span>
      </span>,
    ],
    ["Time", formatTime(x.timestamp)],
    ["Hash", <Hash key="h" value={x.hash} label="extrinsic hash" testId="ext-hash" />],
    ["Call", <span key="c" className="font-mono" data-testid="ext-call">{x.call}</span>],
    [
      "Signer",
      <span key="s" data-testid="ext-signer">
        <Address hex={x.signer.hex} full link copy />
      </span>,
    ],
    ["Nonce", <span key="n" className="font-mono" data-testid="ext-nonce">{x.nonce}</span>],
    [
      "Fee",
      <span key="f" data-testid="ext-fee">
        <Amount rao={x.fee} unit="τ" decimals={9} />
      </span>,
    ],
    [
      "Result",
      x.success ? (
        <span key="r" className="text-emerald-400" data-testid="ext-result">
          Success
        </span>
      ) : (
        <span key="r" className="space-y-1" data-testid="ext-result">
          <span className="block text-rose-400">
            Failed: <span className="font-mono" data-testid="ext-error">{x.error}</span>
          </span>
          {x.errorDetail && (
            <span className="block text-slate-300" data-testid="ext-error-detail">
              {x.errorDetail}
            </span>
          )}
        </span>
      ),
    ],
    ["Signature", <span key="sig" className="font-mono" title={x.signature}>{shortHex(x.signature, 10)}</span>],
  ];
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold" data-testid="extrinsic-title">
          Extrinsic {x.id}
        </h1>
        <a className="text-sm text-sky-400 hover:underline" href={`/extrinsics?signer=${x.signer.ss58}`}>
          more from this signer
        </a>
      </div>
      <FactList facts={facts} />
      <section>
        <h2 className="mb-3 text-lg font-semibold">Arguments</h2>
        <div className="rounded border border-slate-800 p-3" data-testid="ext-args">
          {Object.keys(x.args).length === 0 ? <p className="text-sm text-slate-400">This call takes no arguments.</p> : <Fields name={x.call} data={x.args} links />}
        </div>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Events ({x.eventsPruned ? "pruned" : x.events.length})</h2>
        {x.eventsPruned ? (
          <EmptyState>Its events were pruned: this node keeps the events of its recent blocks only (TAOSCOPE_PRUNING). The outcome and fee above are kept.</EmptyState>
        ) : (
          <EventRows events={x.events} label="Events of this extrinsic" />
        )}
      </section>
    </div>
  );
}
