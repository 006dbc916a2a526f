"use client";

import dynamic from "next/dynamic";
import { ScrollTable, TableHead } from "@/components/Table";
import type { OffchainScoresDto, ScorerDto } from "@/lib/dto-offchain";

// The chart library loads with the chart, after the page (a neuron page's first load stays small).
const EmaChart = dynamic(() => import("./EmaChart"), { ssr: false, loading: () => <div className="h-[290px] animate-pulse rounded bg-slate-900" /> });
const short = (ss58: string) => (ss58.length > 16 ? `${ss58.slice(0, 8)}…${ss58.slice(-6)}` : ss58);
const fixed = (v: number) => v.toFixed(3);
/** Space between the columns of a table that does not fill its box. */
const SPACED = "text-sm [&_td:not(:last-child)]:pr-4 [&_th:not(:last-child)]:pr-4";

/**
 * The neuron page's off-chain section (GET /api/subnets/N/uids/U/offchain): a miner's strategy
 * and each validator's scores of it with the EMA its weights follow; a validator's behaviour and
 * its latest round. Marked throughout as the simulation's private data, not the chain's.
 */
export function OffchainScores({ data }: { data: OffchainScoresDto }) {
  return (
    <section className="space-y-3 rounded-lg border border-dashed border-amber-700/60 p-4" data-testid="offchain" data-role={data.role}>
      <h2 className="flex flex-wrap items-baseline gap-x-3 text-lg font-semibold">
        As its validators saw it
        <span className="rounded bg-amber-900/40 px-2 py-0.5 text-xs font-medium tracking-wide text-amber-300 uppercase" data-testid="offchain-badge">
          off-chain simulation data
        </span>
      </h2>
      <p className="text-sm text-slate-400">
        The Proof-of-Intelligence simulation&apos;s private data: validators score miners&apos; answers off chain and put only the weights derived from these scores on the chain.
      </p>
      <Body data={data} />
    </section>
  );
}

function Body({ data }: { data: OffchainScoresDto }) {
  if (data.traffic === "synthetic") return <p className="text-sm">This network runs the synthetic traffic: its miners do no task and its validators keep no scores.</p>;
  if (data.role === "owner") return <p className="text-sm">This is the subnet owner&apos;s hotkey: it neither mines nor validates.</p>;
  if (data.role === "validator") return <Validator data={data} />;
  return <Miner data={data} />;
}

function Facts({ rows }: { rows: readonly [string, string][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="offchain-facts">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd data-testid={`offchain-${k.replace(/\W+/g, "-").toLowerCase()}`}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Miner({ data }: { data: OffchainScoresDto }) {
  const m = data.miner;
  return (
    <div className="space-y-4">
      <Facts rows={[["Task", data.task ?? "—"], ["Strategy", m?.strategy ?? "—"], ["Behaviour", m?.behaviour ?? "—"], ["Capacity", m ? `${m.capacity} requests a tempo` : "—"]]} />
      {data.scorers.length === 0 ? (
        <p className="text-sm text-slate-400" data-testid="offchain-empty">
          No validator has scored this hotkey yet.
        </p>
      ) : (
        <>
          <EmaChart scorers={data.scorers} />
          <ScorerTable netuid={data.netuid} scorers={data.scorers} />
          {data.truncated && <p className="text-xs text-slate-500">The newest {data.rounds} scores are shown.</p>}
        </>
      )}
    </div>
  );
}

function ScorerTable({ netuid, scorers }: { netuid: number; scorers: readonly ScorerDto[] }) {
  return (
    <ScrollTable label="Validators' scores">
      <table className={SPACED} data-testid="offchain-scorers">
        <TableHead columns={["validator", "behaviour", { label: "rounds", right: true }, { label: "mean score", right: true }, { label: "latest score", right: true }, { label: "EMA", right: true }, { label: "last block", right: true }]} />
        <tbody className="font-mono">
          {scorers.map((s) => {
            const last = s.points.at(-1)!;
            const mean = s.points.reduce((a, p) => a + p.score, 0) / s.points.length;
            return (
              <tr key={s.validator.hex} className="border-t border-slate-800" data-testid="offchain-scorer">
                <td className="py-1" title={s.validator.ss58}>
                  {s.uid === null ? (
                    short(s.validator.ss58)
                  ) : (
                    <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/uids/${s.uid}`}>
                      uid {s.uid}
                    </a>
                  )}
                </td>
                <td className="font-sans">{s.kind}</td>
                <td className="text-right">{s.points.length}</td>
                <td className="text-right">{fixed(mean)}</td>
                <td className="text-right">{fixed(last.score)}</td>
                <td className="text-right">{fixed(last.ema)}</td>
                <td className="text-right">
                  <a className="text-sky-400 hover:underline" href={`/blocks/${last.block}`}>
                    {last.block}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function Validator({ data }: { data: OffchainScoresDto }) {
  const g = data.given;
  const v = data.validator;
  return (
    <div className="space-y-3">
      <Facts rows={[["Task", data.task ?? "—"], ["Behaviour", v ? `${v.kind}: ${v.behaviour}` : "—"]]} />
      {g === null ? (
        <p className="text-sm text-slate-400" data-testid="offchain-empty">
          No round with scores yet.
        </p>
      ) : (
        <div>
          <h3 className="mb-1 text-sm text-slate-400">
            Its latest round: block{" "}
            <a className="text-sky-400 hover:underline" href={`/blocks/${g.block}`}>
              {g.block}
            </a>{" "}
            (tempo {g.tempo}), {g.scores.length} miners scored
          </h3>
          <ScrollTable label="Its latest round">
            <table className={SPACED} data-testid="offchain-given">
              <TableHead columns={["miner", { label: "score", right: true }, { label: "EMA", right: true }]} />
              <tbody className="font-mono">
                {g.scores.map((s) => (
                  <tr key={s.miner.hex} className="border-t border-slate-800" data-testid="offchain-given-row">
                    <td className="py-1" title={s.miner.ss58}>
                      <a className="text-sky-400 hover:underline" href={`/subnets/${data.netuid}/uids/${s.uid}`}>
                        uid {s.uid}
                      </a>
                    </td>
                    <td className="text-right">{fixed(s.score)}</td>
                    <td className="text-right">{fixed(s.ema)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </div>
      )}
    </div>
  );
}
