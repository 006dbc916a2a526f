/**
 * An epoch's two heatmaps side by side: the weights the epoch used (after its masks,
 * row-normalised; the u16 each validator set on hover) and the bonds after it, both with the
 * consensus line per miner. Shared by the epoch explainer and the subnet page.
 */
import type { EpochHeatmapsDto } from "@/lib/dto";
import { Heatmap } from "./Heatmap";

export function EpochHeatmaps({ x, highlight = null }: { x: EpochHeatmapsDto; highlight?: number | null }) {
  return (
    <section className="grid gap-4 xl:grid-cols-2" data-testid="heatmaps">
      <Heatmap
        title="Weights the epoch used (after masks, row-normalised)"
        valueLabel="W"
        cells={x.weights}
        rowLabels={x.validators}
        hotkeys={x.hotkeys}
        line={x.consensus}
        lineLabel="consensus"
        extra={x.weightsSet}
        extraLabel="set"
        highlight={highlight}
        testId="weights-heatmap"
      />
      <Heatmap title="Bonds after the epoch" valueLabel="bond" cells={x.bonds} rowLabels={x.validators} hotkeys={x.hotkeys} line={x.consensus} lineLabel="consensus" highlight={highlight} testId="bonds-heatmap" />
    </section>
  );
}
