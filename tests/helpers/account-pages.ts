/**
 * Page objects for the accounts rich list, the account page and the validators list, and an
 * in-process replica whose engine state (not its database) gives the tests' expected values.
 */
import type { Browser, Page } from "playwright-core";
import type { Keypair } from "@/lib/chain/keys/keypair";
import { type Call, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { ChainState } from "@/lib/chain/runtime/state";
import { shareValue } from "@/lib/chain/staking/share-pool";
import { currentPrice } from "@/lib/chain/swap/swap";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "./databases";

/** The same network as the server, run in this process: its node's engine state is the reference. */
export async function startNodeReplica(settings: Record<string, string>): Promise<{ node: ChainNode; close(): Promise<void> }> {
  const db = tempSqlite();
  const store = await SqlChainStore.open(db.target);
  const node = await ChainNode.open(store, { ...loadConfig(settings), database: db.target });
  return {
    node,
    async close() {
      await store.close();
      db.cleanup();
    },
  };
}

/** One stake position as the engine holds it, valued in τ: α × spot price (U64F64) on a dTAO subnet, τ as it is on root and seed2024. */
export interface EnginePosition {
  netuid: number;
  hotkey: string;
  coldkey: string;
  amount: bigint;
  value: bigint;
}

/** Every positive stake position of the engine state, computed from its share pools and pool prices. */
export function enginePositions(s: ChainState): EnginePosition[] {
  const out: EnginePosition[] = [];
  for (const sn of s.subnets.values()) {
    const price = currentPrice(sn.pool);
    for (const [hotkey, pool] of Object.entries(sn.stake))
      for (const coldkey of Object.keys(pool.shares)) {
        const amount = shareValue(pool, coldkey);
        if (amount > 0n) out.push({ netuid: sn.netuid, hotkey, coldkey, amount, value: (amount * price) / 2n ** 64n });
      }
  }
  for (const [hotkey, pool] of Object.entries(s.root.stake))
    for (const coldkey of Object.keys(pool.shares)) {
      const amount = shareValue(pool, coldkey);
      if (amount > 0n) out.push({ netuid: 0, hotkey, coldkey, amount, value: amount });
    }
  for (const [hotkey, row] of Object.entries(s.era2024?.stake ?? {})) for (const [coldkey, amount] of Object.entries(row)) if (amount > 0n) out.push({ netuid: 0, hotkey, coldkey, amount, value: amount });
  return out;
}

/** Free, staked and total of every key holding either, from the engine state. */
export function engineHoldings(s: ChainState): Map<string, { free: bigint; staked: bigint; total: bigint }> {
  const m = new Map<string, { free: bigint; staked: bigint; total: bigint }>();
  const at = (k: string) => m.get(k) ?? (m.set(k, { free: 0n, staked: 0n, total: 0n }), m.get(k)!);
  for (const [id, a] of s.accounts) if (a.free > 0n) at(id).free = a.free;
  for (const p of enginePositions(s)) at(p.coldkey).staked += p.value;
  for (const h of m.values()) h.total = h.free + h.staked;
  for (const [k, h] of m) if (h.total === 0n) m.delete(k);
  return m;
}

/**
 * Sign `call` for the server's chain and for the replica's (their genesis hashes differ: each
 * stamps genesis with its own clock) with the same nonce, and submit each, so both chains
 * include it in the same block.
 */
export async function submitBoth(base: string, node: ChainNode, key: Keypair, call: Call, nonce: number): Promise<void> {
  const genesis = ((await (await fetch(`${base}/api/blocks/0`)).json()) as { hash: string }).hash;
  const r = await fetch(`${base}/api/extrinsics`, { method: "POST", body: JSON.stringify(signExtrinsic(key, call, nonce, genesis)) });
  if (r.status !== 202) throw new Error(`POST /api/extrinsics answered ${r.status}: ${await r.text()}`);
  await node.submit(signExtrinsic(key, call, nonce, node.chain.genesisHash));
}

/** Wait until the route's loading skeleton has given way to the page. */
async function loaded(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.locator('[data-testid="loading"]').waitFor({ state: "detached" });
}

/** The rao the first `Amount` matching `selector` shows (its data-rao). */
async function rao(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().getAttribute("data-rao"))!;
}

export class RichListPage {
  constructor(readonly page: Page) {}
  static async open(browser: Browser, base: string, query = "", viewport = { width: 1440, height: 900 }): Promise<RichListPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/accounts${query}`);
    await loaded(page);
    return new RichListPage(page);
  }
  /** Each row's key and amounts, in page order. */
  rows(): Promise<{ hex: string; free: string; staked: string; total: string }[]> {
    return this.page.getByTestId("account-row").evaluateAll((trs) =>
      trs.map((tr) => ({
        hex: tr.getAttribute("data-key")!,
        free: tr.querySelector('[data-col="free"] [data-rao]')!.getAttribute("data-rao")!,
        staked: tr.querySelector('[data-col="staked"] [data-rao]')!.getAttribute("data-rao")!,
        total: tr.querySelector('[data-col="total"] [data-rao]')!.getAttribute("data-rao")!,
      })),
    );
  }
  async nextHref(): Promise<string | null> {
    const next = this.page.getByTestId("accounts-pages-next");
    return (await next.count()) ? next.getAttribute("href") : null;
  }
}

export class AccountPage {
  constructor(readonly page: Page) {}
  static async open(browser: Browser, base: string, address: string, viewport = { width: 1440, height: 900 }): Promise<AccountPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/accounts/${address}`);
    await loaded(page);
    return new AccountPage(page);
  }
  free = () => rao(this.page, '[data-testid="account-free"] [data-rao]');
  staked = () => rao(this.page, '[data-testid="account-staked"] [data-rao]');
  roles = () => this.page.getByTestId("role").allTextContents();
  transfers(): Promise<{ id: string; direction: string; counterparty: string; amount: string }[]> {
    return this.page.getByTestId("transfer-row").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-id")!,
        direction: tr.getAttribute("data-direction")!,
        counterparty: tr.querySelector('[data-col="counterparty"] [data-address]')!.getAttribute("data-address")!,
        amount: tr.querySelector('[data-col="amount"] [data-rao]')!.getAttribute("data-rao")!,
      })),
    );
  }
  /** Rows of the positions (coldkey role) or nominators (hotkey role) table. */
  positions(table: "positions" | "nominators"): Promise<{ netuid: number; hotkey: string; coldkey: string; amount: string; value: string }[]> {
    return this.page
      .getByTestId(table)
      .getByTestId("position-row")
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          netuid: Number(tr.getAttribute("data-netuid")),
          hotkey: tr.getAttribute("data-hotkey")!,
          coldkey: tr.getAttribute("data-coldkey")!,
          amount: tr.querySelector('[data-col="amount"] [data-rao]')!.getAttribute("data-rao")!,
          value: tr.querySelector('[data-col="value"] [data-rao]')!.getAttribute("data-rao")!,
        })),
      );
  }
  extrinsicIds = () => this.page.getByTestId("account-extrinsic-row").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")!));
  extrinsicLinks = () => this.page.getByTestId("account-extrinsic-row").locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  neurons = () => this.page.getByTestId("neuron-row").evaluateAll((trs) => trs.map((tr) => ({ netuid: Number(tr.getAttribute("data-netuid")), uid: Number(tr.getAttribute("data-uid")), href: tr.querySelectorAll("a")[1]!.getAttribute("href")! })));
}

export class ValidatorsPage {
  constructor(readonly page: Page) {}
  static async open(browser: Browser, base: string, query = "", viewport = { width: 1440, height: 900 }): Promise<ValidatorsPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/validators${query}`);
    await loaded(page);
    return new ValidatorsPage(page);
  }
  rows(): Promise<{ hex: string; stake: string; nominators: number; take: string; netuids: number[] }[]> {
    return this.page.getByTestId("validator-row").evaluateAll((trs) =>
      trs.map((tr) => ({
        hex: tr.getAttribute("data-key")!,
        stake: tr.querySelector('[data-col="stake"] [data-rao]')!.getAttribute("data-rao")!,
        nominators: Number(tr.querySelector('[data-col="nominators"]')!.textContent),
        take: tr.querySelector('[data-col="take"]')!.getAttribute("data-take")!,
        netuids: [...tr.querySelectorAll("[data-netuid]")].map((li) => Number(li.getAttribute("data-netuid"))),
      })),
    );
  }
}
