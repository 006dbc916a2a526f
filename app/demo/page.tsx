import type { Metadata } from "next";
import { EpochChart } from "@/components/EpochChart";
import { ScrollTable, TableHead } from "@/components/Table";
import { formatRao, formatShare } from "@/components/format";
import { demoScenario } from "@/lib/chain/consensus/demo";
import { ENGINE } from "@/lib/chain/version";

export const dynamic = "force-static";

export const metadata: Metadata = { title: "Consensus demo" };

export default function DemoPage() {
  const demo = demoScenario();
  const last = demo.epochs.at(-1)!;
  const uids = [...demo.validators, ...demo.servers];
  const dividendRows = demo.epochs.map((e) => ({
    epoch: e.epoch,
    ...Object.fromEntries(demo.validators.map((v, i) => [v, e.dividends[i]!])),
  }));
  const incentiveRows = demo.epochs.map((e) => ({
    epoch: e.epoch,
    ...Object.fromEntries(demo.servers.map((s, j) => [s, e.incentive[demo.validators.length + j]!])),
  }));
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Consensus engine</h1>
        <p className="mt-2 break-words text-slate-400" data-testid="engine-version">
          {ENGINE.name} {ENGINE.version} · subtensor {ENGINE.subtensor.branch}@{ENGINE.subtensor.commit.slice(0, 10)} (spec_version{" "}
          {ENGINE.subtensor.specVersion})
        </p>
      </section>

      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Built-in scenario: {demo.name}</h2>
        <p className="text-sm text-slate-400">
          Three validators (stake 0.8 / 0.1 / 0.1) and two miners. The big validator moves its weight to Miner 2 first;
          Yuma3 bonds with liquid alpha reward it for moving early. Each epoch below is subtensor&apos;s sparse epoch, run
          here in the page&apos;s server.
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <EpochChart rows={dividendRows} series={demo.validators} label="Validator dividends per epoch" />
          <EpochChart rows={incentiveRows} series={demo.servers} label="Miner incentive per epoch" />
        </div>
        <ScrollTable label="Epoch table">
          <table className="w-full text-sm" data-testid="epoch-table">
            <caption className="mb-2 text-left text-slate-400">
              Epoch {last.epoch} (block {last.block}), 1 alpha distributed
            </caption>
            <TableHead columns={["uid", "neuron", { label: "consensus", right: true }, { label: "incentive", right: true }, { label: "dividends", right: true }, { label: "validator trust", right: true }, { label: "emission (α)", right: true }]} />
            <tbody className="font-mono">
              {uids.map((name, uid) => (
                <tr key={uid} className="border-t border-slate-800">
                  <td className="py-1">{uid}</td>
                  <td className="font-sans">{name}</td>
                  <td className="text-right">{formatShare(last.consensus[uid]!)}</td>
                  <td className="text-right">{formatShare(last.incentive[uid]!)}</td>
                  <td className="text-right">{formatShare(last.dividends[uid]!)}</td>
                  <td className="text-right">{formatShare(last.validatorTrust[uid]!)}</td>
                  <td className="text-right">{formatRao(last.emission[uid]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </div>
  );
}
