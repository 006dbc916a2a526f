import type { Metadata } from "next";
import { LiveHome } from "@/components/LiveHome";
import { SupplyChart } from "@/components/SupplyChart";
import { getHead, getNetworkHistory, listBlocks } from "@/lib/db/queries";
import { getOverview } from "@/lib/db/subnet-pages";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

// The root segment's own page: the layout's title template does not apply to it.
export const metadata: Metadata = { title: { absolute: "Network · Taoscope" } };

export default async function HomePage() {
  const { read } = await startInstance();
  const [head, blocks, history, overview] = await Promise.all([getHead(read), listBlocks(read, { limit: 12 }), getNetworkHistory(read, 120), getOverview(read)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Network</h1>
      <LiveHome initialHead={head} initialBlocks={blocks} initialOverview={overview}>
        <SupplyChart initial={history} />
      </LiveHome>
    </div>
  );
}
