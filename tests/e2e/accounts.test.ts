/**
 * Accounts rich list, account pages (coldkey and hotkey roles) and the validators list in a real
 * browser against the production build. Expected values come from the engine state of the same
 * network run in this process (its node, not its database) and from the extrinsics the test
 * signs and submits to both.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import { paramsFor } from "@/lib/chain/eras/presets";
import type { ChainState } from "@/lib/chain/runtime/state";
import type { ChainNode } from "@/lib/node/node";
import { formatRao } from "@/components/format";
import { AccountPage, RichListPage, ValidatorsPage, engineHoldings, enginePositions, startNodeReplica, submitBoth } from "../helpers/account-pages";
import { launchBrowser, screenshot, startServer, type TestServer } from "../helpers/server";

const PHONE = { width: 390, height: 844 };
const ss58 = (hex: string) => encodeAddress(fromHex(hex));
const TRANSFER = 3_250_000_000n;
const STAKE = 10_000_000_000n;

/** Keys sorted as the rich list sorts them: by the amount, then by hex key, both descending. */
function expectedOrder(s: ChainState, sort: "free" | "staked" | "total"): { hex: string; free: string; staked: string; total: string }[] {
  return [...engineHoldings(s)]
    .sort(([ka, a], [kb, b]) => (a[sort] !== b[sort] ? (b[sort] > a[sort] ? 1 : -1) : ka < kb ? 1 : -1))
    .map(([hex, h]) => ({ hex, free: h.free.toString(), staked: h.staked.toString(), total: h.total.toString() }));
}

/** Every hotkey with a validator permit on some subnet, in the engine state. */
function permitHolders(s: ChainState): Set<string> {
  const out = new Set<string>();
  for (const sn of s.subnets.values()) for (const n of sn.neurons) if (n.validatorPermit) out.add(n.hotkey);
  for (const sn of s.era2024?.subnets ?? []) for (const n of sn.neurons) if (n.validatorPermit) out.add(n.hotkey);
  return out;
}

async function readList(browser: Browser, base: string, query: string): Promise<{ rows: Awaited<ReturnType<RichListPage["rows"]>>; pages: number }> {
  const rows: Awaited<ReturnType<RichListPage["rows"]>> = [];
  let href: string | null = `/accounts${query}`;
  let pages = 0;
  while (href !== null) {
    const list = await RichListPage.open(browser, base, href.replace(/^\/accounts/, ""));
    rows.push(...(await list.rows()));
    href = await list.nextHref();
    await list.page.close();
    if (++pages > 50) throw new Error("the rich list did not end");
  }
  return { rows, pages };
}


/** A server and an in-process replica of the same network, advanced together, and a browser. */
function chainPair(settings: Record<string, string>) {
  const c = {} as { server: TestServer; replica: { node: ChainNode; close(): Promise<void> }; browser: Browser; advance(n: number): Promise<void> };
  beforeAll(async () => {
    [c.server, c.replica] = await Promise.all([startServer(settings), startNodeReplica(settings)]);
    c.browser = await launchBrowser();
    c.advance = async (n) => {
      const head = await c.server.advance(n);
      expect(BigInt(head)).toBe(await c.replica.node.advance(n));
    };
  }, 600_000);
  afterAll(async () => {
    await c.browser?.close();
    await c.server?.stop();
    await c.replica?.close();
  });
  return c;
}

describe("accounts on the test preset", () => {
  const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
  const c = chainPair(settings);
  let server: TestServer;
  let replica: { node: ChainNode; close(): Promise<void> };
  let browser: Browser;
  let alice: Keypair;
  let recipient: Keypair;
  let hotkey: string;

  beforeAll(async () => {
    ({ server, replica, browser } = c);
    await c.advance(25);
    alice = keypairFromUri("//Alice");
    recipient = keypairFromUri("//AccountsTestRecipient");
    const s = replica.node.chain;
    hotkey = s.subnets.get(1)!.neurons[0]!.hotkey;
    const nonce = s.accounts.get(alice.publicKeyHex)!.nonce;
    await submitBoth(server.base, replica.node, alice, { call: "Balances.transfer_keep_alive", args: { dest: recipient.address, value: TRANSFER.toString() } }, nonce);
    await submitBoth(server.base, replica.node, alice, { call: "SubtensorModule.add_stake", args: { hotkey: ss58(hotkey), netuid: 1, amount_staked: STAKE.toString() } }, nonce + 1);
    await c.advance(2);
  }, 120_000);

  it("shows the transfer on both accounts' pages, out and in, with the exact amount", async () => {
    const s = replica.node.chain;
    expect(s.accounts.get(recipient.publicKeyHex)!.free).toBe(TRANSFER); // a fresh key: all it holds is the transfer
    const mine = await AccountPage.open(browser, server.base, recipient.address);
    expect(await mine.free()).toBe(TRANSFER.toString());
    expect(await mine.transfers()).toEqual([{ id: expect.stringMatching(/^26-\d{4}$/), direction: "in", counterparty: alice.address, amount: TRANSFER.toString() }]);
    expect(await mine.roles()).toEqual(["coldkey"]);
    await screenshot(mine.page, "account-recipient-desktop");
    await mine.page.close();

    const page = await AccountPage.open(browser, server.base, alice.address);
    const free = s.accounts.get(alice.publicKeyHex)!.free;
    expect(await page.free()).toBe(free.toString());
    // The balance chart ends at the head with the balance the engine holds.
    expect(await page.page.getByTestId("balance-hover").textContent()).toBe(`block 27: ${formatRao(free.toString())} τ`);
    const out = (await page.transfers()).filter((t) => t.counterparty === recipient.address);
    expect(out).toEqual([{ id: expect.stringMatching(/^26-\d{4}$/), direction: "out", counterparty: recipient.address, amount: TRANSFER.toString() }]);
    // The two extrinsics Alice signed, linked to their own pages.
    const ids = await page.extrinsicIds();
    expect(ids.length).toBe(2);
    for (const id of ids) expect(id).toMatch(/^26-\d{4}$/);
    expect(await page.extrinsicLinks()).toEqual(ids.map((id) => `/extrinsics/${id}`));
    await page.page.close();
  });

  it("shows the stake added as the coldkey's position and as a nominator on the hotkey", async () => {
    const s = replica.node.chain;
    const expected = enginePositions(s).filter((p) => p.coldkey === alice.publicKeyHex);
    expect(expected.some((p) => p.netuid === 1 && p.hotkey === hotkey)).toBe(true);
    const page = await AccountPage.open(browser, server.base, alice.address);
    const shown = await page.positions("positions");
    const key = (p: { netuid: number; hotkey: string; coldkey: string }) => `${p.netuid}/${p.hotkey}/${p.coldkey}`;
    expect(new Map(shown.map((p) => [key(p), [p.amount, p.value]]))).toEqual(new Map(expected.map((p) => [key(p), [p.amount.toString(), p.value.toString()]])));
    expect(await page.staked()).toBe(expected.reduce((a, p) => a + p.value, 0n).toString());
    await page.page.close();

    const hk = await AccountPage.open(browser, server.base, ss58(hotkey));
    expect(await hk.roles()).toContain("hotkey");
    const nominators = await hk.positions("nominators");
    const onHotkey = enginePositions(s).filter((p) => p.hotkey === hotkey);
    expect(new Map(nominators.map((p) => [key(p), [p.amount, p.value]]))).toEqual(new Map(onHotkey.map((p) => [key(p), [p.amount.toString(), p.value.toString()]])));
    expect(nominators.some((p) => p.coldkey === alice.publicKeyHex && p.netuid === 1)).toBe(true);
    // Its uids across subnets, each linked to its history page.
    const uids: { netuid: number; uid: number; href: string }[] = [];
    for (const sn of s.subnets.values()) sn.neurons.forEach((n, uid) => n.hotkey === hotkey && uids.push({ netuid: sn.netuid, uid, href: `/subnets/${sn.netuid}/uids/${uid}` }));
    expect(await hk.neurons()).toEqual(uids);
    await screenshot(hk.page, "account-hotkey-desktop");
    await hk.page.close();
    const phone = await AccountPage.open(browser, server.base, ss58(hotkey), PHONE);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, "account-hotkey-phone");
    await phone.page.close();
    const mine = await AccountPage.open(browser, server.base, alice.address, PHONE);
    expect(await mine.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(mine.page, "account-coldkey-phone");
    await mine.page.close();
    const desk = await AccountPage.open(browser, server.base, alice.address);
    await screenshot(desk.page, "account-coldkey-desktop");
    await desk.page.close();
  });

  it("orders the rich list by each sort key as the engine's accounts sort, with no gap or duplicate across pages", async () => {
    const s = replica.node.chain;
    for (const sort of ["total", "free", "staked"] as const) {
      const expected = expectedOrder(s, sort);
      expect(expected.length).toBeGreaterThan(3);
      const { rows, pages } = await readList(browser, server.base, `?sort=${sort}&limit=3`);
      expect(pages, sort).toBe(Math.ceil(expected.length / 3));
      expect(rows, sort).toEqual(expected);
      // The API gives the same pages.
      const api: typeof rows = [];
      let after: string | null = null;
      do {
        const r: { status: number; body: { items: { key: { hex: string; ss58: string }; free: string; staked: string; total: string }[]; next: string | null } } = await server.get(`/api/accounts?sort=${sort}&limit=2${after ? `&after=${after}` : ""}`);
        expect(r.status).toBe(200);
        for (const x of r.body.items) {
          expect(x.key.ss58).toBe(ss58(x.key.hex));
          api.push({ hex: x.key.hex, free: x.free, staked: x.staked, total: x.total });
        }
        after = r.body.next;
      } while (after !== null);
      expect(api, `api ${sort}`).toEqual(expected);
    }
    const page = await RichListPage.open(browser, server.base, "?sort=staked");
    expect(await page.page.getByTestId("sort-links").locator('[aria-current="true"]').textContent()).toBe("staked");
    await screenshot(page.page, "accounts-desktop");
    await page.page.close();
    const phone = await RichListPage.open(browser, server.base, "", PHONE);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, "accounts-phone");
    await phone.page.close();
  });

  it("lists exactly the validator-permit holders, with their stake, nominators and take", async () => {
    const s = replica.node.chain;
    const holders = permitHolders(s);
    expect(holders.size).toBeGreaterThan(0);
    const page = await ValidatorsPage.open(browser, server.base);
    const rows = await page.rows();
    expect(new Set(rows.map((r) => r.hex))).toEqual(holders);
    expect(rows.length).toBe(holders.size);
    const positions = enginePositions(s);
    for (const r of rows) {
      const mine = positions.filter((p) => p.hotkey === r.hex);
      const owner = s.hotkeyOwner.get(r.hex);
      expect(r.stake, r.hex).toBe(mine.reduce((a, p) => a + p.value, 0n).toString());
      expect(r.nominators, r.hex).toBe(new Set(mine.filter((p) => p.coldkey !== owner).map((p) => p.coldkey)).size);
      expect(r.take, r.hex).toBe(String(s.delegateTake.get(r.hex)?.take ?? paramsFor("test").defaultTake));
      const netuids = [...s.subnets.values()].filter((sn) => sn.neurons.some((n) => n.hotkey === r.hex)).map((sn) => sn.netuid);
      expect(r.netuids, r.hex).toEqual(netuids);
    }
    // Sorted by total stake, largest first (the default).
    const stakes = rows.map((r) => BigInt(r.stake));
    for (let i = 1; i < stakes.length; i++) expect(stakes[i - 1]! >= stakes[i]!).toBe(true);
    expect(await page.page.getByTestId("return-definition").textContent()).toContain("1,000 τ × E × (1 − take) ÷ S");
    await screenshot(page.page, "validators-desktop");
    await page.page.close();
    const phone = await ValidatorsPage.open(browser, server.base, "?sort=nominators", PHONE);
    const byNominators = (await phone.rows()).map((r) => r.nominators);
    expect(byNominators).toEqual([...byNominators].sort((a, b) => b - a));
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, "validators-phone");
    await phone.page.close();
    const api = await server.get<{ items: { key: { hex: string } }[]; count: number }>("/api/validators?limit=100");
    expect(api.status).toBe(200);
    expect(new Set(api.body.items.map((v) => v.key.hex))).toEqual(holders);
  });

  it("answers a malformed address with a clear message and an unseen one with a 404 (page and API)", async () => {
    const unseen = keypairFromUri("//NeverSeenByThisChain");
    const api404 = await server.get<{ error: string }>(`/api/accounts/${unseen.address}`);
    expect(api404).toMatchObject({ status: 404, body: { error: `the chain has never seen account ${unseen.address}` } });
    const byHex = await server.get<{ key: { ss58: string; hex: string } }>(`/api/accounts/${recipient.publicKeyHex}`);
    expect(byHex.status).toBe(200);
    expect(byHex.body.key).toEqual({ ss58: recipient.address, hex: recipient.publicKeyHex });
    for (const bad of ["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", "0x1234", "hello"]) {
      const r = await server.get<{ error: string }>(`/api/accounts/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error, bad).toMatch(/^address must be /);
      expect(r.body.error, bad).toContain(`got ${JSON.stringify(bad)}`);
    }
    expect((await server.get("/api/accounts?sort=richest")).status).toBe(400);
    expect((await server.get("/api/accounts?after=12")).body).toEqual({ error: 'after must be {amount}_{0x-hex key} as a list\'s next link gives it, got "12"' });

    // A real 404, not a 404 page sent with 200 (a streamed loading state would commit the status first).
    expect((await fetch(`${server.base}/accounts/${unseen.address}`)).status).toBe(404);
    const missing = await AccountPage.open(browser, server.base, unseen.address);
    expect(await missing.page.getByTestId("not-found").locator("h1").textContent()).toBe(`No account ${unseen.address}`);
    await missing.page.close();
    const bad = await AccountPage.open(browser, server.base, "0x1234");
    expect(await bad.page.getByTestId("bad-address").locator("h1").textContent()).toBe("“0x1234” is not an account address");
    expect(await bad.page.getByTestId("bad-address").textContent()).toContain("0x-prefixed hex public key of 32 bytes");
    await screenshot(bad.page, "account-malformed-desktop");
    await bad.page.close();
  });
});

describe("accounts on the seed2024 preset (smoke)", () => {
  const settings = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "2" };
  const c = chainPair(settings);
  let server: TestServer;
  let replica: { node: ChainNode; close(): Promise<void> };
  let browser: Browser;
  const recipient = keypairFromUri("//Seed2024Recipient");

  beforeAll(async () => {
    ({ server, replica, browser } = c);
    await c.advance(12);
    const alice = keypairFromUri("//Alice");
    const s = replica.node.chain;
    await submitBoth(server.base, replica.node, alice, { call: "Balances.transfer_keep_alive", args: { dest: recipient.address, value: TRANSFER.toString() } }, s.accounts.get(alice.publicKeyHex)!.nonce);
    await c.advance(1);
  }, 120_000);

  it("shows the rich list, a transfer, a hotkey's τ stake and the permit holders as the engine holds them", async () => {
    const s = replica.node.chain;
    const { rows } = await readList(browser, server.base, "?limit=4");
    expect(rows).toEqual(expectedOrder(s, "total"));

    const page = await AccountPage.open(browser, server.base, recipient.address);
    expect(await page.transfers()).toEqual([{ id: expect.stringMatching(/^13-\d{4}$/), direction: "in", counterparty: ss58(keypairFromUri("//Alice").publicKeyHex), amount: TRANSFER.toString() }]);
    await page.page.close();

    const [hotkey, stakes] = Object.entries(s.era2024!.stake).find(([, row]) => Object.keys(row).length > 0)!;
    const hk = await AccountPage.open(browser, server.base, ss58(hotkey));
    const shown = await hk.positions("nominators");
    expect(new Map(shown.map((p) => [p.coldkey, [p.netuid, p.amount, p.value]]))).toEqual(new Map(Object.entries(stakes).filter(([, v]) => v > 0n).map(([c, v]) => [c, [0, v.toString(), v.toString()]])));
    await screenshot(hk.page, "account-hotkey-seed2024-desktop");
    await hk.page.close();

    const validators = await ValidatorsPage.open(browser, server.base);
    const holders = permitHolders(s);
    expect(new Set((await validators.rows()).map((r) => r.hex))).toEqual(holders);
    if (holders.size === 0) expect(await validators.page.getByText("No hotkey holds a validator permit yet").count()).toBe(1);
    await screenshot(validators.page, "validators-seed2024-desktop");
    await validators.page.close();
  });
});

describe("a nominator with more positions than the page shows at once", () => {
  // The mainnet genesis: seven nominators stake on every validator of every subnet (a quarter of
  // 2 × 128 uids), so each holds 64 positions besides its root stake.
  const settings = { TAOSCOPE_PRESET: "mainnet", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "128", TAOSCOPE_SEED: "4" };
  const c = chainPair(settings);

  it("shows the 50 largest, and all of them after “show all”, as the engine holds them", async () => {
    const all = enginePositions(c.replica.node.chain);
    const count = new Map<string, number>();
    for (const p of all) count.set(p.coldkey, (count.get(p.coldkey) ?? 0) + 1);
    const [coldkey, n] = [...count].sort((a, b) => b[1] - a[1])[0]!;
    expect(n).toBeGreaterThan(50);
    // The account page's order: by value, then by subnet, then by hotkey.
    const expected = all
      .filter((p) => p.coldkey === coldkey)
      .sort((a, b) => (a.value !== b.value ? (b.value > a.value ? 1 : -1) : a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : 1)))
      .map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, value: p.value.toString() }));
    const page = await AccountPage.open(c.browser, c.server.base, ss58(coldkey));
    const shown = (await page.positions("positions")).map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, value: p.value }));
    expect(shown).toEqual(expected.slice(0, 50));
    expect(await page.page.getByTestId("positions-more").textContent()).toBe(`The 50 largest of ${n}. Show all ${n}`);
    await Promise.all([page.page.waitForURL(/positions=all/), page.page.getByRole("link", { name: `Show all ${n}` }).click()]);
    await page.page.waitForSelector('[data-testid="positions"]');
    expect((await page.positions("positions")).map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, value: p.value }))).toEqual(expected);
    expect(await page.page.getByTestId("positions-more").count()).toBe(0);
    await page.page.close();
    // The API lists the same 50 by default, counts and sums every position, and lists all with ?positions=all.
    type Listed = { coldkey: { positions: { netuid: number; hotkey: { hex: string }; value: string }[]; positionCount: number; staked: string } };
    const rows = (a: Listed) => a.coldkey.positions.map((p) => ({ netuid: p.netuid, hotkey: p.hotkey.hex, value: p.value }));
    const staked = all.filter((p) => p.coldkey === coldkey).reduce((a, p) => a + p.value, 0n).toString();
    const top = await c.server.get<Listed>(`/api/accounts/${ss58(coldkey)}`);
    expect(rows(top.body)).toEqual(expected.slice(0, 50));
    expect(top.body.coldkey.positionCount).toBe(n);
    expect(top.body.coldkey.staked).toBe(staked);
    const every = await c.server.get<Listed>(`/api/accounts/${ss58(coldkey)}?positions=all`);
    expect(rows(every.body)).toEqual(expected);
    expect(every.body.coldkey.positionCount).toBe(n);
    expect(every.body.coldkey.staked).toBe(staked);
    const bad = await c.server.get<{ error: string }>(`/api/accounts/${ss58(coldkey)}?positions=most`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('positions must be one of all, got "most"');
  });
});

