/**
 * The epoch explainer: each step of the epoch in the chain's order (spec §2.3), with the chosen
 * uid's numbers at each step, the heatmaps, and a per-uid table. Presentational: it renders an
 * `EpochExplainDto` (lib/db/explain.ts computes it by re-running the real epoch).
 */
import type { ReactNode } from "react";
import { FactList, ScrollTable, TableHead } from "@/components/Table";
import { formatRao } from "@/components/format";
import type { EpochExplainDto, ExplainFocusDto } from "@/lib/dto";
import { packHeatmaps } from "@/lib/packed-u16";
import { EpochHeatmaps } from "./EpochHeatmaps";
import { Fx, Fx64, Rao, U16, Yes } from "./values";

const REMOVED: Record<string, string> = { permit: "no previous permit", self: "self-weight", outdated: "outdated", commitReveal: "commit-reveal" };

function Step({ n, title, formula, children, id }: { n: number; title: string; formula?: ReactNode; children?: ReactNode; id: string }) {
  return (
    <section className="rounded-lg border border-slate-800 p-4" data-testid={`step-${id}`} id={id}>
      <h3 className="mb-1 font-semibold">
        <span className="mr-2 text-slate-500">{n}.</span>
        {title}
      </h3>
      {formula && <p className="mb-3 text-sm text-slate-300">{formula}</p>}
      <div className="space-y-3 text-sm">{children}</div>
    </section>
  );
}

/** The chosen uid's line in a step. */
function Focus({ children }: { children: ReactNode }) {
  return <div className="rounded border-l-2 border-sky-400 bg-sky-950/30 px-3 py-2">{children}</div>;
}

function Scroll({ children }: { children: ReactNode }) {
  return <ScrollTable className="max-h-96 overflow-y-auto">{children}</ScrollTable>;
}

function ReceivedTable({ f }: { f: ExplainFocusDto }) {
  return (
    <Scroll>
      <table className="w-full text-xs" data-testid="received">
        <TableHead columns={["validator", { label: "set (u16)", right: true }, { label: "W (normalised)", right: true }, { label: "active stake A", right: true }, { label: "stake at or above", right: true }, { label: "clipped Wc", right: true }, "note"]} />
        <tbody className="font-mono">
          {f.weightsReceived.map((w) => (
            <tr key={w.uid} className={w.removedBy ? "text-slate-500" : w.normalized > w.consensus ? "text-amber-300" : undefined}>
              <td className="py-0.5">{w.uid}</td>
              <td className="text-right">{w.set}</td>
              <td className="text-right">
                <Fx bits={w.normalized} digits={6} />
              </td>
              <td className="text-right">
                <Fx bits={w.activeStake} digits={6} />
              </td>
              <td className="text-right">
                <Fx bits={w.stakeAtOrAbove} digits={6} />
              </td>
              <td className="text-right">
                <Fx bits={w.clipped} digits={6} />
              </td>
              <td className="pl-2 font-sans">{w.removedBy ? `removed: ${REMOVED[w.removedBy]}` : w.normalized > w.consensus ? "above consensus: clipped" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function SetTable({ f }: { f: ExplainFocusDto }) {
  return (
    <Scroll>
      <table className="w-full text-xs" data-testid="weights-set">
        <TableHead columns={["miner", { label: "set (u16)", right: true }, { label: "W (normalised)", right: true }, { label: "consensus C", right: true }, { label: "clipped Wc", right: true }, "note"]} />
        <tbody className="font-mono">
          {f.weightsSet.map((w) => (
            <tr key={w.uid} className={w.removedBy ? "text-slate-500" : undefined}>
              <td className="py-0.5">{w.uid}</td>
              <td className="text-right">{w.set}</td>
              <td className="text-right">
                <Fx bits={w.normalized} digits={6} />
              </td>
              <td className="text-right">
                <Fx bits={w.consensus} digits={6} />
              </td>
              <td className="text-right">
                <Fx bits={w.clipped} digits={6} />
              </td>
              <td className="pl-2 font-sans">{w.removedBy ? `removed: ${REMOVED[w.removedBy]}` : w.normalized > w.consensus ? "clipped to consensus" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function EpochExplainer({ x }: { x: EpochExplainDto }) {
  const f = x.focus;
  const u = x.uids;
  const p = x.params;
  const unit = x.era === "2024" ? "τ" : "α";
  const uidLink = (uid: number) => `/subnets/${x.netuid}/epochs/${x.epoch}?uid=${uid}`;
  const sum = (v: readonly string[]) => v.reduce((a, s) => a + BigInt(s), 0n).toString();
  return (
    <div className="space-y-6">
      <div className={`rounded-lg border p-3 text-sm ${x.check.equal ? "border-emerald-700 bg-emerald-950/30" : "border-red-700 bg-red-950/30"}`} data-testid="check">
        {x.check.equal ? (
          <>
            Re-running the chain&apos;s epoch function on this epoch&apos;s stored input gives exactly the stored metagraph ({x.check.compared.join(", ")}).
          </>
        ) : (
          <>The re-run differs from the stored metagraph: {x.check.mismatches.join("; ")}</>
        )}
        {x.check.registeredAfter.length > 0 && <> Uids {x.check.registeredAfter.join(", ")} were registered later in block {x.block}, after the epoch ran; they are not compared.</>}
      </div>

      <form className="flex flex-wrap items-center gap-2 text-sm" action={`/subnets/${x.netuid}/epochs/${x.epoch}`} method="get">
        <label htmlFor="uid" className="text-slate-400">
          Explain uid
        </label>
        <select id="uid" name="uid" defaultValue={f ? String(f.uid) : ""} className="max-w-full rounded border border-slate-700 bg-slate-900 px-2 py-1 font-mono">
          {!f && <option value="">choose…</option>}
          {x.hotkeys.map((h, uid) => (
            <option key={uid} value={uid}>
              {uid} · {h.slice(0, 10)}… · I {u.out.incentive[uid]} · D {u.out.dividends[uid]}
            </option>
          ))}
        </select>
        <button className="rounded bg-sky-700 px-3 py-1 hover:bg-sky-600" type="submit">
          Explain
        </button>
        {f && (
          <span className="text-slate-400" data-testid="focus-summary">
            uid {f.uid}: incentive <b data-testid="focus-incentive">{f.out.incentive}</b> u16, dividends <b data-testid="focus-dividends">{f.out.dividends}</b> u16, emission {formatRao(f.emission)} {unit}
          </span>
        )}
      </form>

      <FactList
        facts={[
          ["Block / era", `${x.block} · ${x.era === "2024" ? "subtensor v1.1.3 (2024)" : "dynamic TAO (current main)"}`],
          ["Uids", `${x.n}${x.ownerUid !== null ? ` · owner uid ${x.ownerUid}` : ""}`],
          ["Distributed", `${formatRao(x.raoEmission)} ${unit}`],
          ["Kappa", <U16 key="k" v={p.kappa} />],
          ["Bonds", `${x.steps.bondsMode}, penalty ${p.bondsPenalty} u16, moving average ${p.bondsMovingAverage / 1e6}`],
          ["Tempo / cutoff", `${p.tempo} / ${p.activityCutoff} blocks`],
          ["Max validators", String(p.maxAllowedValidators)],
        ]}
      />

      <EpochHeatmaps x={packHeatmaps(x)} highlight={f?.uid ?? null} />

      <h2 className="text-lg font-semibold">Step by step, in the chain&apos;s order</h2>

      <Step n={1} id="activity" title="Activity" formula={<>A uid is inactive when last_update + {p.activityCutoff} &lt; {x.block} (its weights are stale).</>}>
        <p>
          {x.steps.activeCount} of {x.n} uids active.
        </p>
        {f && (
          <Focus>
            uid {f.uid}: last update {f.lastUpdate}, {f.lastUpdate} + {p.activityCutoff} = {(BigInt(f.lastUpdate) + BigInt(p.activityCutoff)).toString()} {f.active ? "≥" : "<"} {x.block}: <Yes v={f.active} /> active.
          </Focus>
        )}
      </Step>

      <Step
        n={2}
        id="stake"
        title="Stake weights"
        formula={
          x.era === "2024" ? (
            <>S = each hotkey&apos;s total TAO stake, normalised to 1.</>
          ) : (
          <>
            S = normalise(alpha + tao_weight · root stake), tao_weight ={" "}
            <span className="font-mono" title={`I64F64 raw bits ${x.steps.taoWeightBits}`}>
              {(Number(x.steps.taoWeightBits) / 2 ** 64).toFixed(9)}
            </span>
            ; stake below the threshold of {formatRao(p.stakeThreshold)} counts as 0{x.ownerUid !== null ? " (the owner excepted)" : ""}.
          </>
          )
        }
      >
        <p>{x.steps.belowThreshold} uids below the stake threshold.</p>
        {f && (
          <Focus>
            uid {f.uid}: {x.era === "2024" ? <>stake <Rao rao={f.alphaStake} /> τ</> : <>alpha <Rao rao={f.alphaStake} /> + tao_weight · <Rao rao={f.taoStake} /> = <Fx64 bits={f.weightedStakeBits} /></>}
            {f.belowThreshold ? " (below the threshold: 0)" : ""} → S = <Fx bits={f.stake} /> (u16 <U16 v={f.out.stakeWeight} />), position {f.stakePosition} of {x.n} by stake.
          </Focus>
        )}
      </Step>

      <Step n={3} id="permits" title="Validator permits" formula={<>This epoch masks weights with the permits of the previous epoch; the new permits are the top {p.maxAllowedValidators} by S{x.era === "dtao" ? " with S > 0, the owner always" : ""}, used next epoch.</>}>
        <p>
          {u.permitPrevious.filter(Boolean).length} previous permits, {u.permitNext.filter(Boolean).length} new.
        </p>
        {f && (
          <Focus>
            uid {f.uid}: previous permit <Yes v={f.permitPrevious} />, new permit <Yes v={f.permitNext} /> (position {f.stakePosition} vs top {p.maxAllowedValidators}).
          </Focus>
        )}
      </Step>

      <Step n={4} id="active-stake" title="Active stake" formula="A = S with inactive uids and uids without a previous permit zeroed, normalised to 1.">
        {f && (
          <Focus>
            uid {f.uid}: A = <Fx bits={f.activeStake} />
          </Focus>
        )}
      </Step>

      <Step n={5} id="weights" title="Weights after each mask, then normalisation" formula="Rows of uids without a previous permit go; self-weights go (the owner's kept); a weight set before the miner's registration is outdated; with commit-reveal, one committed before it too. Then each row is divided by its sum (W).">
        <ScrollTable>
        <table className="text-xs" data-testid="weight-stages">
          <TableHead columns={["step", { label: "entries", right: true }]} />
          <tbody>
            {x.steps.weightStages.map((s) => (
              <tr key={s.key}>
                <td className="py-0.5 pr-4 whitespace-normal">{s.label}</td>
                <td className="text-right font-mono">{s.entries}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollTable>
        {f && f.weightsSet.length > 0 && (
          <Focus>
            <p className="mb-2">uid {f.uid} as a validator set {f.weightsSet.length} weights; {f.weightsSet.filter((w) => w.removedBy === null).length} reached W:</p>
            <SetTable f={f} />
          </Focus>
        )}
      </Step>

      <Step
        n={6}
        id="consensus"
        title="Consensus per miner (stake-weighted median, kappa)"
        formula={
          <>
            C_j is the highest weight such that validators holding at least kappa = <Fx bits={x.steps.kappa} digits={7} /> of the active stake weight j at least that much.
          </>
        }
      >
        {f && (
          <Focus>
            {f.weightsReceived.length === 0 ? (
              <p>uid {f.uid} received no weights: consensus 0.</p>
            ) : (
              <>
                <p className="mb-2">
                  uid {f.uid} as a miner received {f.weightsReceived.length} weights, highest first; the consensus falls where the stake at or above reaches kappa: C = <Fx bits={f.consensus} /> (<U16 v={f.out.consensus} />).
                </p>
                <ReceivedTable f={f} />
              </>
            )}
          </Focus>
        )}
      </Step>

      <Step n={7} id="clip" title="Clipped weights and validator trust" formula="Wc = min(W, C) per miner; a validator's trust is the sum of its clipped row.">
        {f && (
          <Focus>
            uid {f.uid}: validator trust = Σ Wc = <Fx bits={f.validatorTrust} /> (<U16 v={f.out.validatorTrust} />)
          </Focus>
        )}
      </Step>

      <Step n={8} id="incentive" title="Incentive" formula="R_j = Σ_i A_i · Wc_ij; incentive I = R / Σ R.">
        {f && (
          <Focus>
            uid {f.uid}: R = <Fx bits={f.rank} />, incentive I = <Fx bits={f.incentive} /> = <b>{f.out.incentive}</b> u16 ({(f.out.incentive / 65535).toFixed(5)}).
          </Focus>
        )}
      </Step>

      <Step
        n={9}
        id="bonds"
        title={`Bonds (${x.steps.bondsMode === "original" ? "EMA of ΔB = Wb·A" : x.steps.bondsMode === "yuma3" ? "Yuma3, fixed EMA" : "Yuma3, liquid alpha"})`}
        formula={
          <>
            Wb = W + penalty·(Wc − W), penalty <Fx bits={x.steps.bondsPenalty} digits={5} />.{" "}
            {x.steps.bondsMode === "original" ? "ΔB = Wb ∘ A column-normalised; B = α·ΔB + (1−α)·B_prev, column-normalised; stored max-upscaled per miner." : "B = (1−α)·B_prev + α·Wb, stored as u16 proportions."}{" "}
            {x.steps.emaAlpha !== null ? <>α = <Fx bits={x.steps.emaAlpha} digits={6} />.</> : "α per bond by the liquid-alpha sigmoid."}{" "}
            {x.steps.lastTempo !== null ? `Bonds to uids registered at or after block ${x.steps.lastTempo} are dropped.` : "Bonds to uids registered since the validator's last update are dropped."}
          </>
        }
      >
        <p>
          Bond entries: {x.steps.bondEntries.loaded} loaded, {x.steps.bondEntries.masked} after the mask, {x.steps.bondEntries.after} stored.
        </p>
        {f && f.bonds.length > 0 && (
          <Focus>
            <p className="mb-2">uid {f.uid}&apos;s bonds (u16 before → after) and the dividend term per miner (bond · incentive):</p>
            <Scroll>
              <table className="w-full text-xs" data-testid="bonds-focus">
                <TableHead columns={["miner", { label: "before", right: true }, { label: "after", right: true }, { label: "EMA (col-norm.)", right: true }, { label: "α", right: true }, { label: "incentive", right: true }, { label: "term", right: true }]} />
                <tbody className="font-mono">
                  {f.bonds.map((b) => (
                    <tr key={b.uid}>
                      <td className="py-0.5">{b.uid}</td>
                      <td className="text-right">{b.before}</td>
                      <td className="text-right">{b.after}</td>
                      <td className="text-right">
                        <Fx bits={b.ema} digits={6} />
                      </td>
                      <td className="text-right">{b.alpha === null ? "—" : <Fx bits={b.alpha} digits={6} />}</td>
                      <td className="text-right">
                        <Fx bits={b.incentive} digits={6} />
                      </td>
                      <td className="text-right">
                        <Fx bits={b.term} digits={6} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </Focus>
        )}
      </Step>

      <Step n={10} id="dividends" title="Dividends" formula={x.steps.bondsMode === "original" ? "D_i = Σ_j B_ij · I_j, normalised." : "D_i = (Σ_j B̂_ij · I_j) · A_i with B̂ column-normalised, normalised."}>
        {f && (
          <Focus>
            uid {f.uid}: Σ terms {x.steps.bondsMode === "original" ? "" : "× A "}→ D = <Fx bits={f.dividends} /> = <b>{f.out.dividends}</b> u16 ({(f.out.dividends / 65535).toFixed(5)}).
          </Focus>
        )}
      </Step>

      <Step
        n={11}
        id="emission"
        title="Emission split"
        formula={
          <>
            Miners get I/Σ(I+D), validators D/Σ(I+D) of {formatRao(x.raoEmission)} {unit} (Σ(I+D) = <Fx bits={x.steps.emissionSum} digits={6} />)
            {x.steps.emissionFallback !== "none" ? `; nothing was earned, so everything goes by ${x.steps.emissionFallback === "activeStake" ? "active stake" : "stake"}` : ""}.
          </>
        }
      >
        <p>
          To miners {formatRao(sum(u.serverEmission))} {unit}, to validators {formatRao(sum(u.validatorEmission))} {unit}.
        </p>
        {f && (
          <Focus>
            uid {f.uid}: as a miner <Rao rao={f.serverEmission} /> {unit}, as a validator <Rao rao={f.validatorEmission} /> {unit}; stored emission <Rao rao={f.emission} /> {unit}
            {f.out.rank !== null && (
              <>
                ; 2024: rank <U16 v={f.out.rank} />, trust <U16 v={f.out.trust ?? 0} />, pruning score <U16 v={f.out.pruningScore ?? 0} />
              </>
            )}
            .
          </Focus>
        )}
      </Step>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Every uid</h2>
        <ScrollTable label="Every uid">
          <table className="w-full text-xs" data-testid="explain-uids">
            <TableHead
              columns={[
                "uid",
                "active",
                "permit (prev → new)",
                { label: "S", right: true },
                { label: "A", right: true },
                { label: "consensus", right: true },
                { label: "vtrust", right: true },
                { label: "incentive", right: true },
                { label: "dividends", right: true },
                { label: `emission (${unit})`, right: true },
              ]}
            />
            <tbody className="font-mono">
              {x.hotkeys.map((_, uid) => (
                <tr key={uid} className={f?.uid === uid ? "bg-sky-950/60" : undefined} data-uid={uid}>
                  <td className="py-0.5">
                    <a className="text-sky-400 hover:underline" href={uidLink(uid)}>
                      {uid}
                    </a>
                  </td>
                  <td>
                    <Yes v={u.active[uid]!} />
                  </td>
                  <td>
                    <Yes v={u.permitPrevious[uid]!} /> → <Yes v={u.permitNext[uid]!} />
                  </td>
                  <td className="text-right">
                    <Fx bits={u.stake[uid]!} digits={5} />
                  </td>
                  <td className="text-right">
                    <Fx bits={u.activeStake[uid]!} digits={5} />
                  </td>
                  <td className="text-right" title={`${((u.out.consensus[uid] ?? 0) / 65535).toFixed(5)}`}>{u.out.consensus[uid]}</td>
                  <td className="text-right" title={`${((u.out.validatorTrust[uid] ?? 0) / 65535).toFixed(5)}`}>{u.out.validatorTrust[uid]}</td>
                  <td className="text-right" data-col="incentive" title={`${((u.out.incentive[uid] ?? 0) / 65535).toFixed(5)}`}>
                    {u.out.incentive[uid]}
                  </td>
                  <td className="text-right" title={`${((u.out.dividends[uid] ?? 0) / 65535).toFixed(5)}`}>{u.out.dividends[uid]}</td>
                  <td className="text-right">{formatRao(u.emission[uid]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </div>
  );
}
