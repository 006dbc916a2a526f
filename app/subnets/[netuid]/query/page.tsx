import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatePanel } from "@/components/State";
import { QueryExperts } from "@/components/subnets/QueryExperts";
import { getSubnetTask } from "@/lib/db/moe";
import { NotFoundError } from "@/lib/db/queries";
import { subnetExists } from "@/lib/db/rows";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ netuid: string }> }): Promise<Metadata> {
  const raw = (await params).netuid;
  return { title: /^\d{1,5}$/.test(raw) ? `Query subnet ${Number(raw)}` : "Not found" };
}

/** /subnets/N/query: ask the subnet's top-k miners one challenge as a mixture of experts (off-chain simulation). */
export default async function SubnetQueryPage({ params }: { params: Promise<{ netuid: string }> }) {
  const raw = (await params).netuid;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) notFound();
  const netuid = Number(raw);
  const { read } = await startInstance();
  let info;
  try {
    const [exists, task] = await Promise.all([subnetExists(read, netuid), getSubnetTask(read, netuid)]);
    if (!exists) notFound();
    info = task;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const back = (
    <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}`}>
      Subnet {netuid}
    </a>
  );
  if (info.task === null)
    return (
      <StatePanel title={`Subnet ${netuid} runs no task`} actions={back} testId="query-synthetic">
        <p>This network runs the old synthetic traffic: validators weight miners by a hidden quality number, and no miner computes an answer, so there is nothing to query.</p>
        <p>A network started with TAOSCOPE_TRAFFIC=poi (the mainnet default) runs a task on every subnet.</p>
      </StatePanel>
    );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold" data-testid="query-title">
        Query the subnet (mixture of experts)
        <span className="block text-base font-normal text-slate-400 sm:ml-3 sm:inline">
          subnet {netuid} · task <span data-testid="query-task">{info.task}</span>
        </span>
      </h1>
      <nav className="flex flex-wrap gap-4 text-sm">{back}</nav>
      <p className="max-w-3xl text-sm text-slate-400">
        Asks the top-k miners by incentive (the latest metagraph) one challenge of the subnet&apos;s task and combines their answers, each weighted by its incentive. The answers are off-chain simulation data: the miners are the simulation&apos;s actors computing on request, nothing here is on the chain.
      </p>
      <QueryExperts netuid={netuid} />
    </div>
  );
}
