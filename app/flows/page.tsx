import { FlowsView } from "@/components/flows/FlowsView";
import { RangeRefused, RangeSelector } from "@/components/flows/RangeSelector";
import { getFlows, resolveFlowRange } from "@/lib/db/flows";
import { startInstance } from "@/lib/server/instance";
import { blockNumber, oneOf, parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const PRESETS = [
  { key: null, label: "last 360 blocks" },
  { key: "tempo", label: "last tempo" },
  { key: "day", label: "day" },
  { key: "week", label: "week" },
  { key: "all", label: "whole chain" },
] as const;

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const url = new URL("http://local/flows");
  for (const [k, v] of Object.entries(sp)) if (typeof v === "string" && v !== "") url.searchParams.set(k, v);
  const { read } = await startInstance();
  let flows;
  try {
    const q = parseQuery(url, { range: oneOf(["tempo", "day", "week", "all"]).optional(), from: blockNumber.optional(), to: blockNumber.optional() });
    flows = await getFlows(read, await resolveFlowRange(read, q));
  } catch (e) {
    if (!(e instanceof Error) || !["BadRequestError", "RangeError"].includes(e.name)) throw e;
    return <RangeRefused title="Reward flows" path="/flows" presets={PRESETS} message={e.message} testId="flows-error" />;
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Reward flows</h1>
        <p className="text-sm text-slate-400" data-testid="flows-range" data-from={flows.from} data-to={flows.to}>
          Blocks {flows.from}–{flows.to} (head {flows.head}). Exact rao from the stored emission events; {flows.era === "dtao" ? "τ enters subnets and pools, α is emitted per subnet: the two are shown apart." : "seed2024 (subtensor v1.1.3): every amount is τ; epoch payouts are minted the block after the epoch."}
        </p>
        <RangeSelector path="/flows" presets={PRESETS} current={flows.range} from={flows.from} to={flows.to} />
      </div>
      <FlowsView flows={flows} />
    </div>
  );
}
