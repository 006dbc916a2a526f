/**
 * An epoch's two heatmaps side by side: the weights the epoch used (after its masks,
 * row-normalised; the u16 each validator set on hover) and the bonds after it, both with the
 * consensus line per miner. Shared by the epoch explainer and the subnet page.
 */
import type { EpochHeatmapsDto } from "@/lib/dto";
import { Heatmap } from "./Heatmap";
import { packU16 } from "./packed-u16";

export function EpochHeatmaps({ x, highlight = null }: { x: EpochHeatmapsDto; highlight?: number | null }) {
  const h = x.heatmaps;
  return (
    <section className="grid gap-4 xl:grid-cols-2" data-testid="heatmaps">
      <Heatmap
        title="Weights the epoch used (after masks, row-normalised)"
        valueLabel="W"
        cells={packU16(h.weights)}
        rowLabels={h.validators}
        hotkeys={x.hotkeys}
        line={h.consensus}
        lineLabel="consensus"
        extra={packU16(h.weightsSet)}
        extraLabel="set"
        highlight={highlight}
        testId="weights-heatmap"
      />
      <Heatmap title="Bonds after the epoch" valueLabel="bond" cells={packU16(h.bonds)} rowLabels={h.validators} hotkeys={x.hotkeys} line={h.consensus} lineLabel="consensus" highlight={highlight} testId="bonds-heatmap" />
    </section>
  );
}
