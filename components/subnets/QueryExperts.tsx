"use client";
/**
 * The subnet query page's form and answer: POSTs { k, round } to /api/subnets/N/query and shows
 * what the task asked, the combined answer's score beside the best single miner's, a random
 * miner's and the median, and the asked miners. Off-chain simulation data, labelled as such.
 */
import { type FormEvent, useState } from "react";
import { Address } from "@/components/Address";
import { EmptyState } from "@/components/State";
import { ScrollTable } from "@/components/Table";
import { formatShare, formatU16 } from "@/components/format";
import type { ExpertAnswerDto, SubnetQueryDto } from "@/lib/dto-query";

type State = { kind: "idle" } | { kind: "loading" } | { kind: "error"; message: string } | { kind: "done"; result: SubnetQueryDto };

const score = (x: number) => x.toFixed(3);

function answerText(answer: ExpertAnswerDto["answer"]): string {
  if (answer === null) return "no answer";
  if (Array.isArray(answer)) return answer.map((x) => (typeof x === "number" ? x.toFixed(2) : (x ?? "—"))).join(", ");
  return `nonce ${answer.nonce}`;
}

function Asked({ r }: { r: SubnetQueryDto }) {
  const q = r.query;
  if (q.task === "forecast") {
    const tail = q.history.slice(-6).map((x) => x.toFixed(2));
    return (
      <div className="space-y-1 text-sm" data-testid="query-asked">
        <p>
          The next <strong>{q.horizon}</strong> values of a series of <strong>{q.history.length}</strong> (trend, season, noise).
        </p>
        <p className="break-words font-mono text-xs text-slate-400">… {tail.join(", ")}</p>
        <p className="break-words text-slate-400">
          Revealed afterwards: <span className="font-mono">{(r.truth as number[]).map((x) => x.toFixed(2)).join(", ")}</span>
        </p>
      </div>
    );
  }
  if (q.task === "classify") {
    const labels = r.truth as string[];
    const combined = (r.combined.answer as (string | null)[] | null) ?? [];
    return (
      <div className="text-sm" data-testid="query-asked">
        <p className="mb-2">
          The topic of <strong>{q.texts.length}</strong> short texts.
        </p>
        <ol className="space-y-1">
          {q.texts.map((t, i) => (
            <li key={i} className="rounded border border-slate-800 px-2 py-1">
              <span className="break-words">{t}</span>
              <span className="ml-2 whitespace-nowrap text-xs text-slate-400">
                truth {labels[i]} · combined <span className={combined[i] === labels[i] ? "text-emerald-400" : "text-rose-300"}>{combined[i] ?? "—"}</span>
              </span>
            </li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <div className="space-y-1 text-sm" data-testid="query-asked">
      <p>
        A nonce whose BLAKE2b-256 hash with the challenge starts with <strong>{q.difficulty}</strong> zero bits.
      </p>
      <p className="break-all font-mono text-xs text-slate-400">{q.challengeHex}</p>
    </div>
  );
}

function Figure({ label, value, detail, testId }: { label: string; value: number; detail: string; testId: string }) {
  return (
    <div className="rounded border border-slate-800 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className="font-mono text-lg" data-testid={testId} data-value={value}>
        {score(value)}
      </dd>
      <dd className="break-words text-xs text-slate-400">{detail}</dd>
    </div>
  );
}

function Result({ r, netuid }: { r: SubnetQueryDto; netuid: number }) {
  return (
    <div className="space-y-5" data-testid="query-result" data-round={r.round} data-k={r.k}>
      <p className="text-xs text-amber-300" data-testid="off-chain-note">
        Off-chain simulation data: computed now by the simulation&apos;s miners at tempo {r.tempo}, ranked by the metagraph at block {r.block}.
      </p>
      <section aria-labelledby="asked-title">
        <h2 id="asked-title" className="mb-2 text-lg font-semibold">
          What it asked <span className="text-sm font-normal text-slate-400">{r.task}, round {r.round}</span>
        </h2>
        <Asked r={r} />
      </section>
      <section aria-labelledby="scores-title">
        <h2 id="scores-title" className="mb-2 text-lg font-semibold">
          Scores <span className="text-sm font-normal text-slate-400">in [0, 1], higher is better</span>
        </h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Figure label={`Combined (top ${r.k})`} value={r.combined.score} detail={answerText(r.combined.answer)} testId="score-combined" />
          <Figure label={`Best miner (uid ${r.best.uid})`} value={r.best.score} detail={answerText(r.best.answer)} testId="score-best" />
          <Figure label={`Random miner (uid ${r.random.uid})`} value={r.random.score} detail={answerText(r.random.answer)} testId="score-random" />
          <Figure label={`Median of the ${r.k} asked`} value={r.median} detail="the middle asked miner's score" testId="score-median" />
        </dl>
      </section>
      <section aria-labelledby="experts-title">
        <h2 id="experts-title" className="mb-2 text-lg font-semibold">
          The miners asked
        </h2>
        <ScrollTable label="Miners asked">
          <table className="w-full text-xs sm:text-sm" data-testid="experts" aria-label="Miners asked">
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1 pr-3 text-right">uid</th>
                <th className="pr-3">hotkey</th>
                <th className="pr-3 text-right">score</th>
                <th className="pr-3 text-right">incentive</th>
                <th className="pr-3 text-right">weight</th>
                <th className="hidden md:table-cell">answer</th>
              </tr>
            </thead>
            <tbody>
              {r.miners.map((m) => (
                <tr key={m.uid} className="border-t border-slate-800" data-testid="expert-row" data-uid={m.uid} data-score={m.score} data-incentive={m.incentive}>
                  <td className="py-1 pr-3 text-right">
                    <a className="text-sky-400 hover:underline" href={`/subnets/${netuid}/uids/${m.uid}`}>
                      {m.uid}
                    </a>
                  </td>
                  <td className="pr-3">
                    <Address hex={m.hotkey.hex} />
                  </td>
                  <td className="pr-3 text-right font-mono">{score(m.score)}</td>
                  <td className="pr-3 text-right font-mono">{formatU16(m.incentive)}</td>
                  <td className="pr-3 text-right font-mono">{formatShare(m.weight)}</td>
                  <td className="hidden max-w-xs truncate text-xs text-slate-400 md:table-cell" title={answerText(m.answer)}>
                    {answerText(m.answer)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </div>
  );
}

export function QueryExperts({ netuid }: { netuid: number }) {
  const [k, setK] = useState("5");
  const [round, setRound] = useState("0");
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setState({ kind: "loading" });
    try {
      // The numbers go as typed (a blank field is left out): the server names a bad one.
      const body: Record<string, unknown> = {};
      if (k.trim() !== "") body.k = Number(k);
      if (round.trim() !== "") body.round = Number(round);
      const res = await fetch(`/api/subnets/${netuid}/query`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await res.json()) as SubnetQueryDto | { error: string };
      if (!res.ok || "error" in json) setState({ kind: "error", message: "error" in json ? json.error : `the server answered ${res.status}` });
      else setState({ kind: "done", result: json });
    } catch (err) {
      setState({ kind: "error", message: `the query failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  const input = "w-20 rounded border border-slate-700 bg-slate-900 px-2 py-1 font-mono";
  return (
    <div className="space-y-5">
      <form className="flex flex-wrap items-end gap-4 text-sm" onSubmit={submit} aria-label="Query the subnet">
        <label className="flex flex-col gap-1">
          <span className="text-slate-400">k (miners, 1–32)</span>
          <input className={input} name="k" inputMode="numeric" value={k} onChange={(e) => setK(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-400">round (challenge seed)</span>
          <input className={input} name="round" inputMode="numeric" value={round} onChange={(e) => setRound(e.target.value)} />
        </label>
        <button className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-600 disabled:opacity-60" type="submit" disabled={state.kind === "loading"}>
          {state.kind === "loading" ? "Asking…" : "Ask the miners"}
        </button>
      </form>
      <div aria-live="polite">
        {state.kind === "idle" && <EmptyState>No query yet: choose k and a round, then ask the miners.</EmptyState>}
        {state.kind === "loading" && (
          <p className="text-sm text-slate-400" role="status" data-testid="query-loading">
            Asking the top {k} miners…
          </p>
        )}
        {state.kind === "error" && (
          <p className="rounded border border-rose-900 px-3 py-2 text-sm text-rose-300" role="alert" data-testid="query-error">
            {state.message}
          </p>
        )}
        {state.kind === "done" && <Result r={state.result} netuid={netuid} />}
      </div>
    </div>
  );
}
