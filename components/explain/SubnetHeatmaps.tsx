/**
 * The subnet page's weights and bonds heatmaps at a stored epoch, from the epoch re-run on its
 * stored inputs (the same computation the explainer shows step by step, without building its
 * steps). Epochs stored before inputs were captured say so instead.
 */
import { explainHeatmaps } from "@/lib/db/explain";
import { NotFoundError } from "@/lib/db/queries";
import { startInstance } from "@/lib/server/instance";
import { EpochHeatmaps } from "./EpochHeatmaps";

export async function SubnetHeatmaps({ netuid, epoch }: { netuid: number; epoch: number }) {
  const { read } = await startInstance();
  let x;
  try {
    x = await explainHeatmaps(read, netuid, epoch);
  } catch (e) {
    if (e instanceof NotFoundError) return <p className="text-sm text-slate-400">{e.message}</p>;
    throw e;
  }
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">
        Weights and bonds at epoch {epoch}{" "}
        <a className="text-sm font-normal text-sky-400 hover:underline" href={`/subnets/${netuid}/epochs/${epoch}`}>
          explain this epoch step by step →
        </a>
      </h2>
      <EpochHeatmaps x={x} />
    </section>
  );
}
