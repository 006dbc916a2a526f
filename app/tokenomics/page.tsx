import { RangeRefused, RangeSelector } from "@/components/flows/RangeSelector";
import { TokenomicsView } from "@/components/tokenomics/TokenomicsView";
import { getTokenomics } from "@/lib/db/tokenomics";
import { startInstance } from "@/lib/server/instance";
import { oneOf, parseQuery } from "@/lib/server/params";

export const dynamic = "force-dynamic";

const PRESETS = [
  { key: "day", label: "last day" },
  { key: "week", label: "last week" },
  { key: "all", label: "all" },
] as const;
const POINTS = 120;

export default async function TokenomicsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const url = new URL("http://local/tokenomics");
  if (typeof sp.range === "string" && sp.range !== "") url.searchParams.set("range", sp.range);
  const { read } = await startInstance();
  let t;
  try {
    const q = parseQuery(url, { range: oneOf(["day", "week", "all"]).default("all") });
    t = await getTokenomics(read, q.range, POINTS);
  } catch (e) {
    if (!(e instanceof Error) || !["BadRequestError", "RangeError"].includes(e.name)) throw e;
    return <RangeRefused title="Tokenomics" path="/tokenomics" presets={PRESETS} message={e.message} testId="tokenomics-error" />;
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Tokenomics</h1>
        <p className="text-sm text-slate-400" data-testid="tokenomics-range" data-from={t.from} data-to={t.to}>
          Blocks {t.from}–{t.to}, {t.points.length} points {t.step} blocks apart ({t.era === "dtao" ? "dynamic TAO" : "seed2024, subtensor v1.1.3"}).
        </p>
        <RangeSelector path="/tokenomics" presets={PRESETS} current={t.range} />
      </div>
      <TokenomicsView t={t} />
    </div>
  );
}
