import type { Metadata } from "next";
import { Hash } from "@/components/Hash";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Address } from "@/components/Address";
import { Amount } from "@/components/Amount";
import { BalanceChart } from "@/components/accounts/BalanceChart";
import { PageLinks } from "@/components/accounts/ListControls";
import { HistoryChart } from "@/components/neuron/HistoryChart";
import { EmptyState, StatePanel } from "@/components/State";
import { FactList, ScrollTable, TableHead } from "@/components/Table";
import { formatU16 } from "@/components/format";
import { getAccount } from "@/lib/db/accounts";
import { NotFoundError } from "@/lib/db/queries";
import { decodeSegment } from "@/lib/decode-segment";
import type { AccountDto, KeyDto, StakePositionDto } from "@/lib/dto-accounts";
import { accountQuery, keyForms, parsePageQuery } from "@/lib/server/account-params";
import { startInstance } from "@/lib/server/instance";

export const dynamic = "force-dynamic";

type Params = Promise<{ address: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

type Loaded = { kind: "bad"; raw: string; error: string } | { kind: "ok"; account: AccountDto; cursors: Cursors };

/** The account at `raw` (cached per request: the title and the page read it once); unknown → the 404 page. */
const load = cache(async (raw: string, extrinsics?: string, transfers?: string, allPositions = false): Promise<Loaded> => {
  const forms = keyForms(raw);
  if ("error" in forms) return { kind: "bad", raw, error: forms.error };
  const parsed = parsePageQuery({ extrinsics, transfers }, accountQuery);
  if ("error" in parsed) return { kind: "bad", raw, error: parsed.error };
  const q = parsed.query;
  const { read } = await startInstance();
  try {
    const account = await getAccount(read, forms, { ...(q.extrinsics ? { extrinsicsBefore: q.extrinsics } : {}), ...(q.transfers ? { transfersBefore: q.transfers } : {}), allPositions });
    return { kind: "ok", account, cursors: { ...(extrinsics ? { extrinsics } : {}), ...(transfers ? { transfers } : {}), ...(allPositions ? { positions: "all" as const } : {}) } };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v);

async function loadFrom(params: Params, searchParams: Search): Promise<Loaded> {
  const [{ address }, search] = await Promise.all([params, searchParams]);
  return load(decodeSegment(address), one(search.extrinsics), one(search.transfers), one(search.positions) === "all");
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: Search }): Promise<Metadata> {
  const r = await loadFrom(params, searchParams);
  return { title: r.kind === "ok" ? `Account ${r.account.key.ss58.slice(0, 8)}…` : "Not an address" };
}

type Cursors = { extrinsics?: string; transfers?: string; positions?: "all" };

/** The page's URL with `change` applied to its lists' state (the others keep theirs), at `anchor`. */
function pageHref(key: KeyDto, cursors: Cursors, change: Partial<Record<keyof Cursors, string | null>>, anchor: string): string {
  const q = new URLSearchParams();
  const c: Record<string, string | null | undefined> = { ...cursors, ...change };
  for (const k of ["extrinsics", "transfers", "positions"]) if (c[k]) q.set(k, c[k]!);
  const s = q.toString();
  return `/accounts/${key.ss58}${s ? `?${s}` : ""}#${anchor}`;
}

/**
 * The positions table: the largest the account answer lists (a nominator can hold hundreds, and
 * a page of 600 was 2 MB of HTML), with the link to all `count` of them (`?positions=all`).
 */
function Positions({ positions, count, allHref, ...table }: { positions: StakePositionDto[]; count: number; allHref: string; label: string; by: "hotkey" | "coldkey"; testId: string }) {
  return (
    <>
      <PositionsTable positions={positions} {...table} />
      {positions.length < count && (
        <p className="mt-2 text-sm text-slate-400" data-testid={`${table.testId}-more`}>
          The {positions.length} largest of {count}.{" "}
          <a className="text-sky-400 hover:underline" href={allHref}>
            Show all {count}
          </a>
        </p>
      )}
    </>
  );
}

function PositionsTable({ positions, label, by, testId }: { positions: StakePositionDto[]; label: string; by: "hotkey" | "coldkey"; testId: string }) {
  return (
    <ScrollTable label={label}>
      <table className="w-full text-sm" data-testid={testId}>
        <TableHead columns={["subnet", by, { label: "stake", right: true }, { label: "value (τ)", right: true }]} />
        <tbody>
          {positions.map((p) => (
            <tr key={`${p.netuid}/${p.hotkey.hex}/${p.coldkey.hex}`} className="border-t border-slate-800" data-testid="position-row" data-netuid={p.netuid} data-hotkey={p.hotkey.hex} data-coldkey={p.coldkey.hex}>
              <td className="py-1.5">
                {p.netuid === 0 ? (
                  "root"
                ) : (
                  <a className="text-sky-400 hover:underline" href={`/subnets/${p.netuid}`}>
                    {p.netuid}
                  </a>
                )}
              </td>
              <td>
                <Address hex={p[by].hex} />
              </td>
              <td className="text-right" data-col="amount">
                <Amount rao={p.amount} unit={p.unit} />
              </td>
              <td className="text-right" data-col="value">
                <Amount rao={p.value} unit="τ" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

const takeText = (take: number | null) => (take === null ? "not a delegate (keeps all of its validator emission)" : `${((take / 65535) * 100).toFixed(2)}% (${take} / 65535)`);

export default async function AccountPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const r = await loadFrom(params, searchParams);
  if (r.kind === "bad")
    return (
      <StatePanel title={`“${r.raw}” is not an account address`} tone="error" testId="bad-address">
        <p>The address {r.error}.</p>
        <p>
          An address looks like <span className="break-all font-mono">5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY</span> or a 0x hex key of 64 digits.
        </p>
      </StatePanel>
    );
  const { account: a } = r;
  const { cursors } = r;
  const c = a.coldkey;
  const h = a.hotkey;
  // A key that holds or moves τ acts as a coldkey; signing alone does not make one (hotkeys sign their weights).
  const isColdkey = c.free !== "0" || c.positionCount > 0 || c.transfers.items.length > 0 || cursors.transfers !== undefined || c.balanceHistory.some((p) => p.free !== "0");
  const roles = [isColdkey ? "coldkey" : null, h ? "hotkey" : null].filter(Boolean) as string[];
  const byNetuid = new Map<number, NonNullable<AccountDto["hotkey"]>["dividends"]>();
  for (const d of h?.dividends ?? []) byNetuid.set(d.netuid, [...(byNetuid.get(d.netuid) ?? []), d]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold">Account</h1>
          {roles.map((role) => (
            <span key={role} className="rounded border border-slate-700 px-2 py-0.5 text-xs text-slate-300" data-testid="role">
              {role}
            </span>
          ))}
        </div>
        <p className="text-sm">
          <Hash value={a.key.ss58} label="address" testId="account-ss58" />
        </p>
        <p className="text-xs text-slate-400">
          public key <Hash value={a.key.hex} label="public key" />
        </p>
      </div>
      <FactList
        facts={[
          ["Public key", <span key="hex" className="break-all font-mono" data-testid="account-hex">{a.key.hex}</span>],
          ["Free", <span key="free" data-testid="account-free"><Amount rao={c.free} unit="τ" /></span>],
          ["Staked (value)", <span key="staked" data-testid="account-staked"><Amount rao={c.staked} unit="τ" /></span>],
          ["Total", <span key="total" data-testid="account-total"><Amount rao={c.total} unit="τ" /></span>],
          ["Nonce", String(c.nonce)],
          ["At block", <a key="head" className="text-sky-400 hover:underline" href={`/blocks/${a.head}`}>{a.head}</a>],
        ]}
      />

      {isColdkey && (
        <section className="space-y-6" data-testid="coldkey-role" aria-labelledby="coldkey-heading">
          <h2 id="coldkey-heading" className="border-b border-slate-800 pb-1 text-xl font-semibold">
            As a coldkey
          </h2>
          <div id="positions" className="scroll-mt-4">
            <h3 className="mb-2 font-semibold">Stake positions ({c.positionCount})</h3>
            {c.positionCount === 0 ? <EmptyState>This account has no stake.</EmptyState> : <Positions positions={c.positions} count={c.positionCount} allHref={pageHref(a.key, cursors, { positions: "all" }, "positions")} label="Stake positions" by="hotkey" testId="positions" />}
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Balance history</h3>
            {c.balanceHistory.length === 0 ? <EmptyState>No balance recorded.</EmptyState> : <BalanceChart points={c.balanceHistory} />}
          </div>
          <div id="transfers" className="scroll-mt-4">
            <h3 className="mb-2 font-semibold">Transfers</h3>
            {c.transfers.items.length === 0 ? (
              <EmptyState>{cursors.transfers ? "No older transfers." : "No transfers in or out."}</EmptyState>
            ) : (
              <ScrollTable label="Transfers">
                <table className="w-full text-sm" data-testid="transfers">
                  <TableHead columns={["block", "extrinsic", "direction", "counterparty", { label: "amount", right: true }]} />
                  <tbody>
                    {c.transfers.items.map((t) => (
                      <tr key={t.id} className="border-t border-slate-800" data-testid="transfer-row" data-id={t.id} data-direction={t.direction}>
                        <td className="py-1.5">
                          <a className="text-sky-400 hover:underline" href={`/blocks/${t.block}`}>
                            {t.block}
                          </a>
                        </td>
                        <td>
                          {t.extrinsic ? (
                            <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${t.extrinsic}`}>
                              {t.extrinsic}
                            </a>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className={t.direction === "in" ? "text-emerald-400" : t.direction === "out" ? "text-rose-300" : "text-slate-400"}>{t.direction === "in" ? "in from" : t.direction === "out" ? "out to" : "to itself"}</td>
                        <td data-col="counterparty">
                          <Address hex={t.direction === "in" ? t.from.hex : t.to.hex} link={t.direction !== "self"} />
                        </td>
                        <td className="text-right" data-col="amount">
                          <Amount rao={t.amount} unit="τ" />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
            <PageLinks label="Transfer pages" testId="transfer-pages" first={cursors.transfers ? pageHref(a.key, cursors, { transfers: null }, "transfers") : null} next={c.transfers.next ? pageHref(a.key, cursors, { transfers: c.transfers.next }, "transfers") : null} />
          </div>
        </section>
      )}

      {h && (
        <section className="space-y-6" data-testid="hotkey-role" aria-labelledby="hotkey-heading">
          <h2 id="hotkey-heading" className="border-b border-slate-800 pb-1 text-xl font-semibold">
            As a hotkey
          </h2>
          <FactList
            facts={[
              ["Owner (coldkey)", h.owner ? <Address key="o" hex={h.owner.hex} full /> : "—"],
              ["Take", <span key="t" data-testid="take" data-take={h.take ?? ""}>{takeText(h.take)}</span>],
              ["Stake on it (value)", <span key="s" data-testid="hotkey-stake"><Amount rao={h.totalStake} unit="τ" /></span>],
              ["Nominators (besides its owner)", String(h.nominatorCount)],
            ]}
          />
          <div>
            <h3 className="mb-2 font-semibold">Neurons ({h.neurons.length})</h3>
            {h.neurons.length === 0 ? (
              <EmptyState>This hotkey holds no uid.</EmptyState>
            ) : (
              <ScrollTable label="Neurons">
                <table className="w-full text-sm" data-testid="neurons">
                  <TableHead columns={["subnet", "uid", { label: "stake", right: true }, { label: "incentive", right: true }, { label: "dividends", right: true }, { label: "v-trust", right: true }, "permit", { label: "updated", right: true }]} />
                  <tbody>
                    {h.neurons.map((n) => (
                      <tr key={`${n.netuid}/${n.uid}`} className="border-t border-slate-800" data-testid="neuron-row" data-netuid={n.netuid} data-uid={n.uid}>
                        <td className="py-1.5">
                          <a className="text-sky-400 hover:underline" href={`/subnets/${n.netuid}`}>
                            {n.netuid}
                          </a>
                        </td>
                        <td>
                          <a className="text-sky-400 hover:underline" href={`/subnets/${n.netuid}/uids/${n.uid}`}>
                            {n.uid}
                          </a>
                        </td>
                        <td className="text-right">
                          <Amount rao={n.stake} unit={n.stakeUnit} />
                        </td>
                        <td className="text-right font-mono">{formatU16(n.incentive)}</td>
                        <td className="text-right font-mono">{formatU16(n.dividends)}</td>
                        <td className="text-right font-mono">{formatU16(n.validatorTrust)}</td>
                        <td>{n.validatorPermit ? "yes" : "no"}</td>
                        <td className="text-right">
                          {(BigInt(a.head) - BigInt(n.lastUpdate)).toString()} blocks ago
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </div>
          <div id="nominators" className="scroll-mt-4">
            <h3 className="mb-2 font-semibold">Stake on this hotkey ({h.nominationCount} positions, its owner's included)</h3>
            {h.nominationCount === 0 ? <EmptyState>Nobody has staked on this hotkey.</EmptyState> : <Positions positions={h.nominators} count={h.nominationCount} allHref={pageHref(a.key, cursors, { positions: "all" }, "nominators")} label="Nominators" by="coldkey" testId="nominators" />}
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Dividends history</h3>
            {byNetuid.size === 0 ? (
              <EmptyState>No stored epoch yet.</EmptyState>
            ) : (
              <div className="grid gap-3 md:grid-cols-2">
                {[...byNetuid].map(([netuid, pts]) => (
                  <HistoryChart key={netuid} id={`dividends-${netuid}`} title={`Dividends on subnet ${netuid}`} format="u16" domain={[0, 65535]} epochs={pts.map((p) => p.epoch)} blocks={pts.map((p) => p.block)} values={pts.map((p) => p.dividends)} />
                ))}
              </div>
            )}
          </div>
        </section>
      )}

      <section id="extrinsics" className="scroll-mt-4" aria-labelledby="extrinsics-heading">
        <h2 id="extrinsics-heading" className="mb-2 border-b border-slate-800 pb-1 text-xl font-semibold">
          Extrinsics signed
        </h2>
        {c.extrinsics.items.length === 0 ? (
          <EmptyState>{cursors.extrinsics ? "No older extrinsics." : "This account has signed no extrinsic."}</EmptyState>
        ) : (
          <ScrollTable label="Extrinsics signed">
            <table className="w-full text-sm" data-testid="account-extrinsics">
              <TableHead columns={["id", "call", { label: "fee", right: true }, "result"]} />
              <tbody>
                {c.extrinsics.items.map((x) => (
                  <tr key={x.id} className="border-t border-slate-800" data-testid="account-extrinsic-row" data-id={x.id}>
                    <td className="py-1.5">
                      <a className="font-mono text-sky-400 hover:underline" href={`/extrinsics/${x.id}`}>
                        {x.id}
                      </a>
                    </td>
                    <td className="break-words">{x.call}</td>
                    <td className="text-right">
                      <Amount rao={x.fee} unit="τ" decimals={6} />
                    </td>
                    <td className={x.success ? "text-emerald-400" : "text-rose-400"}>{x.success ? "success" : x.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <PageLinks label="Extrinsic pages" testId="extrinsic-pages" first={cursors.extrinsics ? pageHref(a.key, cursors, { extrinsics: null }, "extrinsics") : null} next={c.extrinsics.next ? pageHref(a.key, cursors, { extrinsics: c.extrinsics.next }, "extrinsics") : null} />
      </section>
    </div>
  );
}
