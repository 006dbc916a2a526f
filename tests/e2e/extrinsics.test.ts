/**
 * The blocks, extrinsics and events lists and the extrinsic page in a real browser against the
 * production build (test mode, fresh SQLite). The test signs its own extrinsics (transfers to
 * fresh accounts, and a stake on a hotkey nobody registered, which fails on chain with
 * subtensor's `HotKeyAccountNotExists`) and submits them to the server and, signed for its
 * genesis, to an in-process replica of the same network: what the pages must show comes from
 * what the test signed and from the replica's rows, never from the server's query code.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keypair, keypairFromUri } from "@/lib/chain/keys/keypair";
import { type CallArgs, signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import type { SqlChainStore } from "@/lib/db/store";
import type { ChainNode } from "@/lib/node/node";
import { BlocksPage, DESKTOP, EventsPage, ExtrinsicPage, ExtrinsicsPage, PHONE } from "../helpers/extrinsic-pages";
import { launchBrowser, screenshot, startReplica, startServer, type TestServer } from "../helpers/server";
import { type StoredEvent, type StoredExtrinsic, idAt, newestFirst, storedEvents, storedExtrinsics } from "../helpers/stored-rows";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "7" };
const START = 12;
const TAIL = 20;

const alice = keypairFromUri("//Alice");
const payee = keypairFromUri("//extrinsics-e2e/payee");
const payee2 = keypairFromUri("//extrinsics-e2e/payee-2");
const nobody = keypairFromUri("//extrinsics-e2e/unregistered-hotkey");

/** What the test signs: per block, calls in submission order (Alice's consecutive nonces). */
const ROUNDS: { call: string; args: CallArgs }[][] = [
  [
    { call: "Balances.transfer_keep_alive", args: { dest: payee.address, value: "3250000000" } },
    { call: "SubtensorModule.add_stake", args: { hotkey: nobody.publicKeyHex, netuid: 1, amount_staked: "5000000000" } },
    { call: "Balances.transfer_allow_death", args: { dest: payee2.publicKeyHex, value: "1500000000" } },
  ],
  Array.from({ length: 5 }, (_, i) => ({ call: "Balances.transfer_keep_alive", args: { dest: payee.address, value: String(100_000_000 * (i + 1)) } })),
];

let server: TestServer;
let replica: { store: SqlChainStore; node: ChainNode; close(): Promise<void> };
let browser: Browser;
let exts: StoredExtrinsic[] = [];
let events: StoredEvent[] = [];
let blocks: { number: bigint; hash: string; extrinsicCount: number; eventCount: number; timestamp: bigint }[] = [];
/** The ids the server gave the test's extrinsics, in signing order. */
const mine: { id: string; call: string; args: CallArgs; nonce: number; hash: string }[] = [];

const idOf = (blockNumber: bigint, index: number) => idAt({ blockNumber, index });

async function submitRound(round: { call: string; args: CallArgs }[], serverGenesis: string, replicaGenesis: string, from: Keypair): Promise<void> {
  const nonce = Number((await replica.store.sql.query<{ nonce: number | bigint }>(`SELECT "nonce" FROM "Account" WHERE "id" = ?`, [from.publicKeyHex]))[0]?.nonce ?? 0);
  const hashes: string[] = [];
  for (const [i, c] of round.entries()) {
    const r = await fetch(`${server.base}/api/extrinsics`, { method: "POST", body: JSON.stringify(signExtrinsic(from, c, nonce + i, serverGenesis)) });
    expect(r.status, await r.clone().text()).toBe(202);
    hashes.push(((await r.json()) as { hash: string }).hash);
    replica.node.accept(signExtrinsic(from, c, nonce + i, replicaGenesis));
  }
  const head = await server.advance(1);
  await replica.node.advance(1);
  const block = (await server.get<{ extrinsics: { id: string; hash: string }[] }>(`/api/blocks/${head}`)).body;
  for (const [i, c] of round.entries()) mine.push({ id: block.extrinsics.find((x) => x.hash === hashes[i])!.id, call: c.call, args: c.args, nonce: nonce + i, hash: hashes[i]! });
}

beforeAll(async () => {
  server = await startServer(settings);
  expect(await server.advance(START)).toBe(String(START));
  replica = await startReplica(settings, START);
  const serverGenesis = (await server.get<{ hash: string }>("/api/blocks/0")).body.hash;
  const replicaGenesis = (await replica.store.sql.query<{ hash: string }>(`SELECT "hash" FROM "Block" WHERE "number" = 0`))[0]!.hash;
  for (const round of ROUNDS) await submitRound(round, serverGenesis, replicaGenesis, alice);
  await server.advance(TAIL);
  await replica.node.advance(TAIL);
  exts = await storedExtrinsics(replica.store);
  events = await storedEvents(replica.store);
  blocks = (await replica.store.sql.query<(typeof blocks)[number]>(`SELECT "number", "hash", "extrinsicCount", "eventCount", "timestamp" FROM "Block"`)).map((b) => ({ ...b, number: BigInt(b.number), extrinsicCount: Number(b.extrinsicCount), eventCount: Number(b.eventCount), timestamp: BigInt(b.timestamp) }));
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await replica?.close();
});

const HEAD = BigInt(START + ROUNDS.length + TAIL);

describe("the extrinsic page", () => {
  it("shows the failed stake: signer linked, call, decoded args with units and links, fee, nonce, subtensor's error and sentence, its events", async () => {
    const failed = mine[1]!;
    const expected = exts.find((x) => x.signer === alice.publicKeyHex && x.nonce === failed.nonce)!;
    expect(failed.id).toBe(expected.id); // the server included it where the replica did
    const { view, status } = await ExtrinsicPage.open(browser, server.base, failed.id);
    expect(status).toBe(200);
    expect(await view.title()).toBe(`Extrinsic ${failed.id}`);
    expect(await view.page.title()).toBe(`Extrinsic ${failed.id} · Taoscope`);
    expect(await view.text("ext-call")).toBe("SubtensorModule.add_stake");
    expect(await view.signer()).toEqual({ address: alice.address, href: `/accounts/${alice.address}` });
    expect(await view.text("ext-nonce")).toBe(String(failed.nonce));
    expect(await view.feeRao()).toBe(expected.fee);
    expect(await view.text("ext-error")).toBe("SubtensorModule.HotKeyAccountNotExists");
    expect(await view.text("ext-error-detail")).toBe(`hotkey ${nobody.publicKeyHex} is not registered anywhere`);
    expect(expected).toMatchObject({ success: false, error: "SubtensorModule.HotKeyAccountNotExists", errorDetail: `hotkey ${nobody.publicKeyHex} is not registered anywhere` });
    const args = await view.args();
    expect(args.hotkey).toMatchObject({ address: nobody.address, href: `/accounts/${nobody.address}` });
    expect(args.netuid).toMatchObject({ text: "1", href: "/subnets/1" });
    expect(args.amount_staked).toMatchObject({ rao: "5000000000", unit: "τ", text: "5 τ" });
    const own = events.filter((e) => e.blockNumber === expected.blockNumber && e.extrinsicIndex === expected.index).sort((a, b) => a.index - b.index);
    expect(await view.events()).toEqual(own.map((e) => ({ id: idOf(e.blockNumber, e.index), name: e.name })));
    expect(own.at(-1)!.name).toBe("System.ExtrinsicFailed");
    for (const viewport of [DESKTOP, PHONE]) {
      await view.page.setViewportSize(viewport);
      expect(await view.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(view.page, `extrinsic-failed-${viewport.width}`);
    }
    await view.page.close();
  });

  it("shows a transfer's destination as an account link and its value in τ, and its Transfer event with links", async () => {
    const t = mine[2]!; // transfer_allow_death to payee2 given as 0x-hex
    const expected = exts.find((x) => x.id === t.id)!;
    const { view } = await ExtrinsicPage.open(browser, server.base, t.id);
    expect(await view.text("ext-result")).toBe("Success");
    expect(await view.feeRao()).toBe(expected.fee);
    const args = await view.args();
    expect(args.dest).toMatchObject({ address: payee2.address, href: `/accounts/${payee2.address}` });
    expect(args.value).toMatchObject({ rao: "1500000000", unit: "τ", text: "1.5 τ" });
    const names = (await view.events()).map((e) => e.name);
    expect(names).toEqual(events.filter((e) => e.blockNumber === expected.blockNumber && e.extrinsicIndex === expected.index).sort((a, b) => a.index - b.index).map((e) => e.name));
    expect(names).toContain("Balances.Transfer");
    await screenshot(view.page, "extrinsic-transfer-1440");
    await view.page.close();
  });

  it("resolves an unpadded id and a unique hash to the canonical id; 404s unknown and malformed ids", async () => {
    const [block, index] = mine[1]!.id.split("-");
    const unpadded = await ExtrinsicPage.open(browser, server.base, `${block}-${Number(index)}`);
    expect(unpadded.status).toBe(200); // after the redirect
    expect(unpadded.view.page.url()).toBe(`${server.base}/extrinsics/${mine[1]!.id}`);
    await unpadded.view.page.close();
    const byHash = await ExtrinsicPage.open(browser, server.base, mine[0]!.hash);
    expect(byHash.view.page.url()).toBe(`${server.base}/extrinsics/${mine[0]!.id}`);
    await byHash.view.page.close();
    const unknown = await ExtrinsicPage.open(browser, server.base, "99999-0000");
    expect(unknown.status).toBe(404);
    await expect.poll(() => unknown.view.page.getByTestId("not-found").locator("h1").textContent()).toBe("No extrinsic 99999-0000");
    await unknown.view.page.close();
    const malformed = await ExtrinsicPage.open(browser, server.base, "12-x", PHONE);
    expect(malformed.status).toBe(404);
    await expect.poll(() => malformed.view.page.getByTestId("not-found").locator("h1").textContent()).toBe("“12-x” is not an extrinsic id");
    await screenshot(malformed.view.page, "extrinsic-malformed-390");
    await malformed.view.page.close();
  });

  it("serves the same over GET /api/extrinsics/:id, with 400 for a malformed id and 404 for an unknown one", async () => {
    const failed = mine[1]!;
    const expected = exts.find((x) => x.id === failed.id)!;
    const { status, body } = await server.get<Record<string, unknown>>(`/api/extrinsics/${failed.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: failed.id, blockNumber: String(expected.blockNumber), index: expected.index, call: failed.call, args: failed.args, signer: { ss58: alice.address, hex: alice.publicKeyHex }, nonce: failed.nonce, fee: expected.fee, success: false, error: expected.error, errorDetail: expected.errorDetail, hash: failed.hash });
    expect((body.events as { name: string }[]).map((e) => e.name)).toEqual(events.filter((e) => e.blockNumber === expected.blockNumber && e.extrinsicIndex === expected.index).sort((a, b) => a.index - b.index).map((e) => e.name));
    expect((await server.get(`/api/extrinsics/${mine[0]!.hash}`)).body).toMatchObject({ id: mine[0]!.id });
    expect((await server.get(`/api/extrinsics/${failed.id.replace(/-0*/, "-")}`)).body).toMatchObject({ id: failed.id });
    expect(await server.get("/api/extrinsics/abc")).toMatchObject({ status: 400, body: { error: 'extrinsic id must be {block}-{index} (e.g. 120-0003) or a 0x extrinsic hash, got "abc"' } });
    expect(await server.get("/api/extrinsics/99999-0000")).toMatchObject({ status: 404, body: { error: "no extrinsic 99999-0000" } });
    expect(await server.get(`/api/extrinsics/0x${"ab".repeat(32)}`)).toMatchObject({ status: 404, body: { error: `no extrinsic with hash 0x${"ab".repeat(32)}` } });
  });
});

describe("the extrinsics list", () => {
  it("filters by signer (SS58 or 0x) to exactly the extrinsics the test signed, newest first, with their fees and results", async () => {
    const list = await ExtrinsicsPage.open(browser, server.base);
    await list.filter({ signer: alice.address });
    expect(new URL(list.page.url()).searchParams.get("signer")).toBe(alice.address);
    const shown = await list.table();
    expect(shown.map((r) => r.id)).toEqual([...mine].reverse().map((m) => m.id));
    const byId = new Map(exts.map((x) => [x.id, x]));
    expect(shown).toEqual(shown.map((r) => ({ id: r.id, call: byId.get(r.id)!.call, signer: alice.address, fee: byId.get(r.id)!.fee, result: byId.get(r.id)!.success ? "success" : byId.get(r.id)!.error! })));
    expect(shown.filter((r) => r.result !== "success").map((r) => r.result)).toEqual(["SubtensorModule.HotKeyAccountNotExists"]);
    const hex = await ExtrinsicsPage.open(browser, server.base, `?signer=${alice.publicKeyHex}`);
    expect(await hex.ids()).toEqual(shown.map((r) => r.id));
    for (const viewport of [DESKTOP, PHONE]) {
      await list.page.setViewportSize(viewport);
      expect(await list.pageWidth()).toBeLessThanOrEqual(viewport.width);
      await screenshot(list.page, `extrinsics-signer-${viewport.width}`);
    }
    await list.page.close();
    await hex.page.close();
  });

  it("filters by call, result and block range to exactly the replica's rows", async () => {
    const from = START + 1;
    const to = START + 2;
    const expected = newestFirst(exts.filter((x) => x.call === "Balances.transfer_keep_alive" && x.blockNumber >= BigInt(from) && x.blockNumber <= BigInt(to))).map((x) => x.id);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const list = await ExtrinsicsPage.open(browser, server.base);
    expect(await list.callOptions()).toContain("SubtensorModule.add_stake_limit");
    await list.filter({ call: "Balances.transfer_keep_alive", from: String(from), to: String(to) });
    expect(await list.ids()).toEqual(expected);
    const failures = newestFirst(exts.filter((x) => !x.success)).map((x) => x.id);
    const failed = await ExtrinsicsPage.open(browser, server.base, "?result=failure");
    expect(await failed.walkOlder()).toEqual(failures);
    await list.page.close();
    await failed.page.close();
  });

  it("follows the pager's cursors older to the first extrinsic and newer back, without gaps or duplicates", async () => {
    const all = newestFirst(exts).map((x) => x.id);
    expect(all.length).toBeGreaterThan(25);
    const list = await ExtrinsicsPage.open(browser, server.base);
    expect(await list.walkOlder()).toEqual(all);
    expect(new URL(list.page.url()).searchParams.get("before")).toMatch(/^\d+-\d{4}$/);
    expect(await list.walkNewer()).toEqual(all);
    await list.page.close();
  });

  it("answers the same over GET /api/extrinsics, page by page, and names a bad filter", async () => {
    const all = newestFirst(exts).map((x) => x.id);
    const got: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { id: string }[]; next: string | null } } = await server.get(`/api/extrinsics?limit=7${cursor ? `&before=${cursor}` : ""}`);
      got.push(...r.body.items.map((x) => x.id));
      cursor = r.body.next;
    } while (cursor);
    expect(got).toEqual(all);
    const page = (await server.get<{ items: { id: string; signer: { ss58: string } }[] }>(`/api/extrinsics?signer=${alice.address}&result=failure`)).body;
    expect(page.items.map((x) => x.id)).toEqual([mine[1]!.id]);
    expect(await server.get("/api/extrinsics?signer=5Gxyz")).toEqual(expect.objectContaining({ status: 400, body: { error: 'signer must be an SS58 address (prefix 42) or a 0x-hex 32-byte public key, got "5Gxyz"' } }));
    expect(await server.get("/api/extrinsics?result=maybe")).toEqual(expect.objectContaining({ status: 400, body: { error: 'result must be one of success, failure, got "maybe"' } }));
    expect(await server.get("/api/extrinsics?from=10&to=5")).toEqual(expect.objectContaining({ status: 400, body: { error: "from must be at most to, got from 10 and to 5" } }));
    expect(await server.get("/api/extrinsics?before=12")).toEqual(expect.objectContaining({ status: 400, body: { error: 'before must be a block and an index as {block}-{index}, e.g. 120-0003, got "12"' } }));
    const unknownCall = await server.get<{ error: string }>("/api/extrinsics?call=Balances.mint");
    expect(unknownCall.status).toBe(400);
    expect(unknownCall.body.error).toMatch(/^call must be one of this chain's calls \(.*Balances\.transfer_keep_alive.*\), got "Balances\.mint"$/);
    const bad = await ExtrinsicsPage.open(browser, server.base, "?signer=5Gxyz");
    expect(await bad.problem()).toBe('signer must be an SS58 address (prefix 42) or a 0x-hex 32-byte public key, got "5Gxyz"');
    await bad.page.close();
  });
});

describe("the events list", () => {
  it("filters by account to exactly the events whose data names it, accounts and subnets linked", async () => {
    const expected = newestFirst(events.filter((e) => e.data.includes(payee.publicKeyHex))).map((e) => idOf(e.blockNumber, e.index));
    // The six transfers the test sent it, each a Balances.Transfer naming it.
    expect(events.filter((e) => e.name === "Balances.Transfer" && e.data.includes(payee.publicKeyHex))).toHaveLength(6);
    const list = await EventsPage.open(browser, server.base);
    await list.filter({ account: payee.address });
    expect(await list.walkOlder()).toEqual(expected);
    const transfer = events.find((e) => e.name === "Balances.Transfer" && e.data.includes(payee.publicKeyHex))!;
    const first = await EventsPage.open(browser, server.base, `?account=${payee.publicKeyHex}&name=Balances.Transfer`);
    expect(await first.ids()).toEqual(newestFirst(events.filter((e) => e.name === "Balances.Transfer" && e.data.includes(payee.publicKeyHex))).map((e) => idOf(e.blockNumber, e.index)));
    expect(await first.dataLinks(idOf(transfer.blockNumber, transfer.index))).toEqual([`/accounts/${alice.address}`, `/accounts/${payee.address}`]);
    for (const viewport of [DESKTOP, PHONE]) {
      await first.page.setViewportSize(viewport);
      expect(await first.pageWidth()).toBeLessThanOrEqual(viewport.width);
      await screenshot(first.page, `events-account-${viewport.width}`);
    }
    await list.page.close();
    await first.page.close();
  });

  it("filters by pallet, name and block range, and pages through them both ways", async () => {
    const staked = newestFirst(events.filter((e) => e.name === "SubtensorModule.StakeAdded")).map((e) => idOf(e.blockNumber, e.index));
    // The event is picked from a list that offers every name the chain has stored.
    const list = await EventsPage.open(browser, server.base);
    const offered = await list.page.getByRole("combobox", { name: "Event", exact: true }).locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining([...new Set(events.map((e) => e.name))]));
    await list.filter({ name: "SubtensorModule.StakeAdded" });
    expect(list.page.url()).toContain("name=SubtensorModule.StakeAdded");
    expect(await list.walkOlder()).toEqual(staked);
    const ranged = newestFirst(events.filter((e) => e.name.startsWith("Balances.") && e.blockNumber >= 5n && e.blockNumber <= BigInt(START + 2))).map((e) => idOf(e.blockNumber, e.index));
    expect(ranged.length).toBeGreaterThan(25);
    const byPallet = await EventsPage.open(browser, server.base);
    await byPallet.filter({ pallet: "Balances", from: "5", to: String(START + 2) });
    expect(await byPallet.walkOlder()).toEqual(ranged);
    expect(await byPallet.walkNewer()).toEqual(ranged);
    const epoch = events.find((e) => e.name === "SubtensorModule.EpochDistributed")!;
    const epochs = await EventsPage.open(browser, server.base, `?name=SubtensorModule.EpochDistributed&to=${epoch.blockNumber}`);
    const links = await epochs.dataLinks(idOf(epoch.blockNumber, epoch.index));
    expect(links[0]).toBe(`/subnets/${(JSON.parse(epoch.data) as { netuid: number }).netuid}`);
    await screenshot(epochs.page, "events-epochs-1440");
    for (const p of [list, byPallet, epochs]) await p.page.close();
  });

  it("answers GET /api/events like the replica and names a bad filter; an empty result says so", async () => {
    const expected = newestFirst(events.filter((e) => e.data.includes(alice.publicKeyHex) && e.name.startsWith("System."))).map((e) => idOf(e.blockNumber, e.index));
    const got = (await server.get<{ items: { id: string }[] }>(`/api/events?account=${alice.address}&pallet=System&limit=100`)).body.items.map((e) => e.id);
    expect(got).toEqual(expected);
    expect(await server.get("/api/events?name=StakeAdded")).toEqual(expect.objectContaining({ status: 400, body: { error: 'name must be an event as Pallet.EventName, e.g. SubtensorModule.StakeAdded, got "StakeAdded"' } }));
    expect(await server.get("/api/events?account=0x12")).toEqual(expect.objectContaining({ status: 400, body: { error: 'account must be an SS58 address (prefix 42) or a 0x-hex 32-byte public key, got "0x12"' } }));
    expect(await server.get("/api/events?before=1-1&after=2-2")).toEqual(expect.objectContaining({ status: 400, body: { error: "before and after cannot both be given: before pages to older rows, after to newer ones" } }));
    const none = await EventsPage.open(browser, server.base, `?account=${nobody.address}&pallet=Balances`);
    expect(await none.empty()).toBe("No events match these filters.");
    await screenshot(none.page, "events-empty-1440");
    await none.page.close();
  });
});

describe("the blocks list", () => {
  it("lists blocks newest first with their counts, time and hash, pages by cursor, and the head's page has no next block", async () => {
    const expected = [...blocks].sort((a, b) => (a.number > b.number ? -1 : 1));
    expect(expected[0]!.number).toBe(HEAD);
    const list = await BlocksPage.open(browser, server.base);
    const rows = await list.table();
    expect(rows.map((r) => [r.number, r.extrinsics, r.events])).toEqual(expected.slice(0, 25).map((b) => [String(b.number), b.extrinsicCount, b.eventCount]));
    expect(await list.walkOlder()).toEqual(expected.map((b) => String(b.number)));
    expect(new URL(list.page.url()).searchParams.get("before")).toBe(String(HEAD - 24n));
    expect(await list.walkNewer()).toEqual(expected.map((b) => String(b.number)));
    const head = await browser.newPage();
    await head.goto(`${server.base}/blocks/${HEAD}`);
    expect(await head.getByTestId("next-block").getAttribute("aria-disabled")).toBe("true");
    expect(await head.getByRole("link", { name: "← previous" }).getAttribute("href")).toBe(`/blocks/${HEAD - 1n}`);
    await head.close();
    // The navigation is a row of its own under the name and search from 1024 px up, and collapses behind the menu below.
    for (const viewport of [DESKTOP, { width: 1024, height: 768 }, { width: 768, height: 1024 }, PHONE]) {
      const p = await BlocksPage.open(browser, server.base, "", viewport);
      await screenshot(p.page, `blocks-${viewport.width}`);
      expect(await p.pageWidth(), `${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
      expect(await p.page.getByRole("button", { name: "Open menu" }).isVisible()).toBe(viewport.width < 1024);
      expect(await p.page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(viewport.width >= 1024);
      expect((await p.page.getByTestId("site-header").boundingBox())!.height, `${viewport.width} px`).toBeLessThan(viewport.width >= 1024 ? 100 : viewport.width >= 640 ? 72 : 120);
      await p.page.close();
    }
    await list.page.close();
  });

  it("jumps to a height; a malformed one is said plainly, an unknown one is a 404", async () => {
    const list = await BlocksPage.open(browser, server.base);
    await list.jump("7");
    expect(list.page.url()).toBe(`${server.base}/blocks/7`);
    expect(await list.page.getByTestId("block-title").textContent()).toBe("Block #7");
    await list.page.goto(`${server.base}/blocks`);
    await list.jump("seven");
    expect(await list.problem()).toBe(`“seven” is not a block number: enter a whole number from 0 to the head, #${HEAD}.`);
    expect(await list.ids()).toEqual(Array.from({ length: 25 }, (_, i) => String(HEAD - BigInt(i)))); // the list stays below the message
    await screenshot(list.page, "blocks-jump-malformed-1440");
    await list.jump("99999");
    expect(list.page.url()).toBe(`${server.base}/blocks/99999`);
    await expect.poll(() => list.page.getByTestId("not-found").locator("h1").textContent()).toBe("No block 99999");
    const bad = await BlocksPage.open(browser, server.base, "?before=x");
    expect(await bad.problem()).toBe('The page cursor before must be a non-negative integer, got "x". It is the block number the page starts below.');
    await list.page.close();
    await bad.page.close();
  });
});

describe("on the seed2024 preset", () => {
  const s2024 = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3" };
  let old: TestServer;
  let oldReplica: Awaited<ReturnType<typeof startReplica>>;
  beforeAll(async () => {
    old = await startServer(s2024);
    await old.advance(14);
    oldReplica = await startReplica(s2024, 14);
  }, 300_000);
  afterAll(async () => {
    await old?.stop();
    await oldReplica?.close();
  });

  it("lists blocks, extrinsics and events as the replica has them, and offers the 2024 runtime's calls", async () => {
    const q = <T>(sql: string) => oldReplica.store.sql.query<T>(sql);
    const b = await BlocksPage.open(browser, old.base);
    expect(await b.ids()).toEqual(Array.from({ length: 15 }, (_, i) => String(14 - i)));
    const counts = await q<{ extrinsicCount: bigint; eventCount: bigint }>(`SELECT "extrinsicCount", "eventCount" FROM "Block" ORDER BY "number" DESC`);
    expect((await b.table()).map((r) => [r.extrinsics, r.events])).toEqual(counts.map((c) => [Number(c.extrinsicCount), Number(c.eventCount)]));
    const e = await ExtrinsicsPage.open(browser, old.base);
    const ids = (await q<{ id: string }>(`SELECT "id" FROM "Extrinsic" ORDER BY "blockNumber" DESC, "index" DESC`)).map((r) => r.id);
    expect(await e.walkOlder()).toEqual(ids);
    const calls = await e.callOptions();
    expect(calls).toContain("SubtensorModule.register"); // v1.1.3's proof-of-work registration
    expect(calls).not.toContain("SubtensorModule.move_stake"); // not in v1.1.3
    expect(await old.get("/api/extrinsics?call=SubtensorModule.move_stake")).toMatchObject({ status: 400 });
    const ev = await EventsPage.open(browser, old.base, "?pallet=SubtensorModule");
    const sub = (await q<{ blockNumber: bigint; index: bigint }>(`SELECT "blockNumber", "index" FROM "Event" WHERE "name" LIKE 'SubtensorModule.%' ORDER BY "blockNumber" DESC, "index" DESC LIMIT 25`)).map((r) => idOf(BigInt(r.blockNumber), Number(r.index)));
    expect(sub.length).toBeGreaterThan(0);
    expect(await ev.ids()).toEqual(sub);
    for (const viewport of [DESKTOP, PHONE]) {
      await ev.page.setViewportSize(viewport);
      expect(await ev.pageWidth()).toBeLessThanOrEqual(viewport.width);
      await screenshot(ev.page, `events-seed2024-${viewport.width}`);
    }
    await screenshot(e.page, "extrinsics-seed2024-1440");
    for (const p of [b, e, ev]) await p.page.close();
  });
});
