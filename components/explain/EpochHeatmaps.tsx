/**
 * An epoch's two heatmaps side by side: the weights the epoch used (after its masks,
 * row-normalised; the u16 each validator set on hover) and the bonds after it, both with the
 * consensus line per miner. Shared by the epoch explainer and the subnet page.
 */
import type { EpochExplainDto } from "@/lib/dto";
import { Heatmap } from "./Heatmap";

export function EpochHeatmaps({ x, highlight = null }: { x: EpochExplainDto; highlight?: number | null }) {
  return (
    <section className="grid gap-4 xl:grid-cols-2" data-testid="heatmaps">
      <Heatmap
        title="Weights the epoch used (after masks, row-normalised)"
        valueLabel="W"
        rows={x.heatmaps.weights}
        rowLabels={x.heatmaps.validators}
        hotkeys={x.hotkeys}
        line={x.heatmaps.consensus}
        lineLabel="consensus"
        extra={x.heatmaps.weightsSet}
        extraLabel="set"
        highlight={highlight}
        testId="weights-heatmap"
      />
      <Heatmap title="Bonds after the epoch" valueLabel="bond" rows={x.heatmaps.bonds} rowLabels={x.heatmaps.validators} hotkeys={x.hotkeys} line={x.heatmaps.consensus} lineLabel="consensus" highlight={highlight} testId="bonds-heatmap" />
    </section>
  );
}
