/**
 * Issue 13's API defects against a running production build (`startServer`): huge block
 * numbers (items 1–2), a long network history (3), unknown /api paths (5), internal errors (6),
 * a past epoch's subnet figures (7), unknown subnets (10), and every route's bad input.
 *
 * Expected values come from outside the code under test: literals, numbers computed here, the
 * server's own database read directly with better-sqlite3, and an in-process replica node on its
 * own SQLite file with the same settings (its `Subnet` row read at the block of epoch 1, which
 * is what the latest view showed then).
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";
import { tempSqlite } from "../helpers/databases";
import { type TestServer, launchBrowser, openPage, screenshot, startServer } from "../helpers/server";

const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "4", TAOSCOPE_SEED: "5" };
/** Past the head of 1855 where 998 points failed (P2029: one bound parameter per block). */
const HEAD = 1900;

let server: TestServer;
let replica: SqlChainStore;
const replicaDb = tempSqlite();
/** The replica's Subnet row of netuid 1 at the block where epoch 1 was stored. */
let atEpoch1: Record<string, unknown>;
let epoch1Block = 0n;

const sqliteFile = (url: string) => url.replace(/^file:/, "");

/** Advance in steps, each request well inside fetch's 300-s header timeout on a loaded machine. */
async function advanceBy(s: TestServer, blocks: number): Promise<string> {
  let head = "";
  for (let left = blocks; left > 0; left -= 100) head = await s.advance(Math.min(100, left));
  return head;
}

describe("a test-preset chain at block 1900", () => {
  beforeAll(async () => {
    server = await startServer(settings);
    expect(await advanceBy(server, HEAD)).toBe(String(HEAD));

    replica = await SqlChainStore.open(replicaDb.target);
    const node = await ChainNode.open(replica, { ...loadConfig(settings), database: replicaDb.target });
    while (node.chain.subnets.get(1)!.epochIndex < 1) await node.advance(1);
    epoch1Block = node.head;
    atEpoch1 = (await replica.sql.query<Record<string, unknown>>(`SELECT * FROM "Subnet" WHERE "netuid" = 1`))[0]!;
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await replica?.close();
    replicaDb.cleanup();
  });

  describe("huge block numbers (items 1 and 2)", () => {
    it("answers the 404 page for block numbers past the stored range, never a 500", async () => {
      for (const n of ["9223372036854775808", "9999999999999999999", "99999999999999999999999", "9223372036854775807"]) {
        const r = await server.get<string>(`/blocks/${n}`);
        expect(r.status, `/blocks/${n}`).toBe(404);
        expect(r.headers.get("content-type")).toMatch(/text\/html/);
      }
      expect((await server.get(`/blocks/${HEAD}`)).status).toBe(200);
    });

    it("answers 400 naming the field for /api/blocks/<huge> and ?before=<huge>", async () => {
      const tooBig = (field: string, v: string) => ({ status: 400, body: { error: `${field} must be at most 9223372036854775807 (the largest block number stored), got "${v}"` } });
      for (const n of ["9223372036854775808", "9999999999999999999"]) {
        expect(await server.get(`/api/blocks/${n}`)).toMatchObject(tooBig("block number", n));
      }
      expect(await server.get("/api/blocks?before=9223372036854775808")).toMatchObject(tooBig("before", "9223372036854775808"));
      // The largest stored number itself is valid: absent (404) or a page (200).
      expect(await server.get("/api/blocks/9223372036854775807")).toMatchObject({ status: 404, body: { error: "no block 9223372036854775807" } });
      const page = await server.get<{ items: { number: string }[] }>("/api/blocks?before=9223372036854775807&limit=2");
      expect(page.status).toBe(200);
      expect(page.body.items.map((b) => b.number)).toEqual([String(HEAD), String(HEAD - 1)]);
    });
  });

  describe("network history with many points (item 3)", () => {
    it("answers 998, 999 and 1000 points at the evenly spaced blocks, each the stored NetworkStat row", async () => {
      const db = new Database(sqliteFile(server.databaseUrl), { readonly: true, fileMustExist: true });
      try {
        const stat = db.prepare(`SELECT * FROM "NetworkStat" WHERE "blockNumber" = ?`);
        for (const points of [998, 999, 1000]) {
          const r = await server.get<{ points: Record<string, string>[] }>(`/api/network/history?points=${points}`);
          expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
          const expected = [...new Set(Array.from({ length: points }, (_, i) => Math.floor((HEAD * i) / (points - 1))))];
          expect(r.body.points.map((p) => Number(p.block))).toEqual(expected);
          for (const p of r.body.points) {
            const row = stat.get(BigInt(p.block!)) as Record<string, unknown>;
            const { blockNumber, ...figures } = row;
            expect(p).toEqual({ block: String(blockNumber), ...figures });
          }
        }
      } finally {
        db.close();
      }
    });
  });

  describe("unknown /api paths (item 5)", () => {
    it("answers JSON 404 for unknown API paths, a real route normally, and pages with the HTML 404", async () => {
      for (const [method, path] of [
        ["GET", "/api/nope"],
        ["GET", "/api/blocks/1/extra"],
        ["POST", "/api/subnets/1/nothing"],
        ["DELETE", "/api/whatever/deep/path"],
      ] as const) {
        const r = await fetch(`${server.base}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(404);
        expect(r.headers.get("content-type")).toMatch(/application\/json/);
        expect(await r.json()).toEqual({ error: `no API route ${method} ${path}` });
      }
      const head = await server.get<{ head: { number: string } }>("/api/head");
      expect(head.status).toBe(200);
      expect(head.body.head.number).toBe(String(HEAD));
      const page = await server.get<string>("/no-such-page");
      expect(page.status).toBe(404);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
    });
  });

  describe("a past epoch's subnet figures (item 7)", () => {
    it("the API's ?epoch=1 subnet is epoch 1's, not today's", async () => {
      expect(epoch1Block).toBeGreaterThan(0n);
      const past = await server.get<{ epoch: number; block: string; subnet: Record<string, unknown> }>("/api/subnets/1/metagraph?epoch=1");
      const latest = await server.get<{ subnet: Record<string, unknown> }>("/api/subnets/1/metagraph");
      expect(past.status).toBe(200);
      expect(past.body.block).toBe(String(epoch1Block));
      const e = atEpoch1;
      const expected = {
        netuid: 1,
        owner: e.owner,
        ownerHotkey: e.ownerHotkey,
        registeredAt: String(e.registeredAt),
        tempo: Number(e.tempo),
        neuronCount: Number(e.neuronCount),
        maxAllowedUids: Number(e.maxAllowedUids),
        emissionEnabled: Boolean(Number(e.emissionEnabled)),
        taoReserve: e.taoReserve,
        alphaReserve: e.alphaReserve,
        alphaOut: e.alphaOut,
        price: e.price,
        movingPrice: e.movingPrice,
        burn: e.burn,
        epochIndex: 1,
        lastEpochBlock: String(e.lastEpochBlock),
        hyperparams: JSON.parse(String(e.hyperparams)),
      };
      expect(past.body.subnet).toEqual(expected);
      // The figures that moved since epoch 1 differ from today's (so the check above is not trivially today's).
      expect(latest.body.subnet.epochIndex).toBeGreaterThan(100);
      for (const k of ["taoReserve", "alphaReserve", "alphaOut", "price", "movingPrice", "lastEpochBlock"] as const) {
        expect(latest.body.subnet[k], k).not.toEqual(past.body.subnet[k]);
      }
      // And the SubnetEpoch history row of epoch 1 agrees.
      const row = (await replica.sql.query<{ block: bigint; taoReserve: string; alphaReserve: string; price: string; neuronCount: bigint }>(`SELECT * FROM "SubnetEpoch" WHERE "netuid" = 1 AND "epoch" = 1`))[0]!;
      expect([String(row.block), row.taoReserve, row.alphaReserve, row.price, Number(row.neuronCount)]).toEqual([past.body.block, expected.taoReserve, expected.alphaReserve, expected.price, expected.neuronCount]);
    });

    it("the page /subnets/1?epoch=1 shows epoch 1's figures", async () => {
      const html = (await server.get<string>("/subnets/1?epoch=1")).body;
      const latest = (await server.get<{ subnet: { price: string; movingPrice: string; epochIndex: number } }>("/api/subnets/1/metagraph")).body.subnet;
      const text = html.replace(/<!-- -->/g, "");
      const shows = (x: string) => expect(text.includes(x), `the page shows ${JSON.stringify(x)}`);
      shows(`epoch 1, block ${epoch1Block}`).toBe(true);
      shows(String(atEpoch1.price)).toBe(true);
      shows(String(atEpoch1.movingPrice)).toBe(true);
      shows(`${Number(atEpoch1.tempo)} / 1 (last at block ${atEpoch1.lastEpochBlock})`).toBe(true);
      shows(latest.price).toBe(false);
      shows(latest.movingPrice).toBe(false);
      shows(`/ ${latest.epochIndex} (last at block`).toBe(false);
    });

    it("a snapshot written before the subnet figures were stored shows them as unknown (null), never today's", async () => {
      // Strip the fields this change added from epoch 2's snapshot, as an older build wrote it.
      const db = new Database(sqliteFile(server.databaseUrl), { fileMustExist: true });
      try {
        const { data } = db.prepare(`SELECT "data" FROM "MetagraphSnapshot" WHERE "netuid" = 1 AND "epoch" = 2`).get() as { data: string };
        const d = JSON.parse(data) as Record<string, unknown>;
        const old = Object.fromEntries(Object.entries(d).filter(([k]) => ["netuid", "block", "epoch", "n", "tempo", "owner", "ownerHotkey", "price", "taoIn", "alphaIn", "alphaOut", "uids", "hotkeys", "coldkeys", "stake", "consensus", "incentive", "dividends", "emission", "validatorTrust", "validatorPermit", "lastUpdate", "active", "blockAtRegistration", "axons", "weights", "bonds"].includes(k)));
        db.prepare(`UPDATE "MetagraphSnapshot" SET "data" = ? WHERE "netuid" = 1 AND "epoch" = 2`).run(JSON.stringify(old));
        const r = await server.get<{ subnet: Record<string, unknown> }>("/api/subnets/1/metagraph?epoch=2");
        expect(r.status).toBe(200);
        expect(r.body.subnet).toMatchObject({ netuid: 1, epochIndex: 2, tempo: d.tempo, neuronCount: d.n, price: d.price, taoReserve: d.taoIn, alphaReserve: d.alphaIn, alphaOut: d.alphaOut, movingPrice: null, burn: null, lastEpochBlock: null, maxAllowedUids: null, emissionEnabled: null, hyperparams: null });
        const page = await server.get<string>("/subnets/1?epoch=2");
        expect(page.status).toBe(200);
        expect(page.body.replace(/<!-- -->/g, "").includes("unknown τ"), "the page shows the burn as unknown").toBe(true);
        // Look at both pages at desktop and phone width (test-results/screenshots/).
        const browser = await launchBrowser();
        try {
          for (const [epoch, label] of [[1, "known"], [2, "unknown"]] as const) {
            for (const [width, height, name] of [[1440, 900, "desktop"], [390, 844, "phone"]] as const) {
              const p = await openPage(browser, `${server.base}/subnets/1?epoch=${epoch}`, { width, height });
              await screenshot(p, `api-errors-subnet-epoch-${label}-${name}`);
              await p.close();
            }
          }
        } finally {
          await browser.close();
        }
      } finally {
        db.close();
      }
    });
  });

  describe("unknown subnets (item 10)", () => {
    it("answers 404 for an unknown subnet on every subnet route and page", async () => {
      for (const path of ["/api/subnets/99/epochs", "/api/subnets/99/epochs?limit=5&before=3", "/api/subnets/99/metagraph", "/api/subnets/99/metagraph?epoch=1"]) {
        expect(await server.get(path), path).toEqual({ status: 404, body: { error: "no subnet 99" }, headers: expect.anything() });
      }
      expect((await server.get("/subnets/99")).status).toBe(404);
      expect((await server.get("/subnets/99?epoch=1")).status).toBe(404);
    });
  });

  describe("bad input on every route (400 naming the field)", () => {
    const cases: [string, string][] = [
      ["/api/blocks?limit=0", 'limit must be an integer in [1, 100], got "0"'],
      ["/api/blocks?limit=abc", 'limit must be an integer in [1, 100], got "abc"'],
      ["/api/blocks?before=-1", 'before must be a non-negative integer, got "-1"'],
      ["/api/blocks?before=1e3", 'before must be a non-negative integer, got "1e3"'],
      ["/api/blocks/abc", 'block number must be a non-negative integer, got "abc"'],
      ["/api/blocks/-1", 'block number must be a non-negative integer, got "-1"'],
      ["/api/network/history?points=1", 'points must be an integer in [2, 1000], got "1"'],
      ["/api/network/history?points=1001", 'points must be an integer in [2, 1000], got "1001"'],
      ["/api/network/history?points=x", 'points must be an integer in [2, 1000], got "x"'],
      ["/api/subnets/abc/metagraph", 'netuid must be an integer in [0, 65535], got "abc"'],
      ["/api/subnets/65536/metagraph", 'netuid must be an integer in [0, 65535], got "65536"'],
      ["/api/subnets/1/metagraph?epoch=-1", 'epoch must be an integer in [0, 2147483647], got "-1"'],
      ["/api/subnets/1/metagraph?epoch=99999999999999999999", 'epoch must be an integer in [0, 2147483647], got "99999999999999999999"'],
      ["/api/subnets/x/epochs", 'netuid must be an integer in [0, 65535], got "x"'],
      ["/api/subnets/1/epochs?limit=201", 'limit must be an integer in [1, 200], got "201"'],
      ["/api/subnets/1/epochs?before=1.5", 'before must be an integer in [0, 2147483647], got "1.5"'],
    ];
    it.each(cases)("%s", async (path, error) => {
      expect(await server.get(path)).toMatchObject({ status: 400, body: { error } });
    });

    it("pages answer 404 for malformed numbers", async () => {
      for (const path of ["/blocks/abc", "/blocks/-1", "/subnets/abc", "/subnets/65536", "/subnets/1?epoch=abc", "/subnets/1?epoch=99999999999999999999"]) {
        expect((await server.get(path)).status, path).toBe(404);
      }
    });
  });

  describe("what the API fuzz found (issue 12, tests/e2e/fuzz.test.ts)", () => {
    const badEscape = (seg: string) => `the path segment ${JSON.stringify(seg)} is not valid percent-encoding (each % must start an escape %XX of UTF-8 bytes)`;

    it("answers 400 naming the segment for a path that is not valid percent-encoding, JSON under /api, never Next's bare 500", async () => {
      for (const [path, seg] of [
        ["/api/subnets/%/hyperparams", "%"],
        ["/api/subnets/%E0%A4%A/metagraph", "%E0%A4%A"],
        ["/api/blocks/1%FF%FE", "1%FF%FE"],
        ["/api/accounts/%C0%AF", "%C0%AF"],
      ] as const) {
        const r = await server.get(path);
        expect(r, path).toMatchObject({ status: 400, body: { error: badEscape(seg) } });
        expect(r.headers.get("content-type")).toMatch(/application\/json/);
      }
      for (const [path, seg] of [
        ["/blocks/45%E0%A4%A", "45%E0%A4%A"],
        ["/subnets/%C0%AF", "%C0%AF"],
        ["/accounts/%FF", "%FF"],
        ["/subnets/1/uids/%", "%"],
      ] as const) {
        const r = await server.get<string>(path);
        expect(r.status, path).toBe(400);
        expect(r.headers.get("content-type")).toMatch(/text\/plain/);
        expect(r.body).toBe(`${badEscape(seg)}.\n`);
      }
    });

    it("decodes an account address once: %25FF%25FE is the text %FF%FE, a 400 naming it, not a 500", async () => {
      expect(await server.get("/api/accounts/%25FF%25FE")).toMatchObject({
        status: 400,
        body: { error: 'address must be an SS58 address with network prefix 42 or a 0x-prefixed 32-byte hex public key (not base58), got "%FF%FE"' },
      });
      expect((await server.get("/accounts/%25FF%25FE")).status).toBeLessThan(500);
    });

    it("answers 405 with a JSON error and Allow for a method an API route does not serve", async () => {
      for (const [method, path, allow, answers] of [
        ["PUT", "/api/head", "GET, HEAD, OPTIONS", "GET"],
        ["DELETE", "/api/subnets/1/metagraph", "GET, HEAD, OPTIONS", "GET"],
        ["PATCH", "/api/extrinsics", "GET, POST, HEAD, OPTIONS", "GET and POST"],
        ["POST", "/api/openapi.json", "GET, HEAD, OPTIONS", "GET"],
        ["GET", "/api/test/advance", "POST, OPTIONS", "POST"],
      ] as const) {
        const r = await fetch(`${server.base}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.get("allow")).toBe(allow);
        expect(await r.json()).toEqual({ error: `${method} is not allowed on ${path}; it answers ${answers}` });
      }
      // HEAD on the test route also gets its 405 (no body), and the head did not move.
      expect((await fetch(`${server.base}/api/test/advance`, { method: "HEAD" })).status).toBe(405);
      expect((await server.get<{ head: { number: string } }>("/api/head")).body.head.number).toBe(String(HEAD));
    });

    it("answers 405 for a page asked with another method than GET or HEAD (no Server Action crash)", async () => {
      for (const [path, headers] of [
        ["/blocks", { "content-type": "multipart/form-data", rsc: "1", "next-router-state-tree": "x" }],
        ["/subnets/1", { "next-action": "x", rsc: "1", "next-router-state-tree": "[]" }],
        ["/_next/data/abc", { "next-action": "x" }],
        ["/no-such-page", {}],
      ] as const) {
        const r = await fetch(`${server.base}${path}`, { method: "POST", headers, body: "x" });
        expect(r.status, path).toBe(405);
        expect(r.headers.get("allow")).toBe("GET, HEAD");
        expect(await r.text()).toBe(`POST is not allowed on ${path}; pages answer GET and HEAD.\n`);
      }
    });

    it("answers /api itself with the JSON 404 of unknown API paths", async () => {
      const r = await fetch(`${server.base}/api`);
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "no API route GET /api" });
    });
  });

  describe("internal errors (item 6)", () => {
    it("answers a generic sentence with a request id and logs the real error under that id", async () => {
      const broken = await startServer(settings);
      try {
        await broken.advance(3);
        const db = new Database(sqliteFile(broken.databaseUrl), { fileMustExist: true });
        db.exec(`DROP TABLE "NetworkStat"`);
        db.close();
        const r = await broken.get<{ error: string; requestId: string }>("/api/network/history?points=3");
        expect(r.status).toBe(500);
        expect(Object.keys(r.body).sort()).toEqual(["error", "requestId"]);
        expect(r.body.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(r.body.error).toBe(`internal error; the server log has the details under request id ${r.body.requestId}`);
        expect(r.headers.get("x-request-id")).toBe(r.body.requestId);
        expect(JSON.stringify(r.body)).not.toMatch(/NetworkStat|prisma|sqlite|table/i);
        // The log holds the real message under that id.
        await expect.poll(() => broken.output()).toContain(r.body.requestId);
        const log = broken.output();
        const at = log.indexOf(r.body.requestId);
        expect(log.slice(at, at + 4000)).toMatch(/NetworkStat/);
      } finally {
        await broken.stop();
      }
    }, 180_000);
  });
});

describe("a past epoch's subnet figures on the seed2024 preset (item 7, v1.1.3 era)", () => {
  const settings2024 = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "4", TAOSCOPE_SEED: "5" };
  const db2024 = tempSqlite();
  let s2024: TestServer;
  let r2024: SqlChainStore;
  let row: Record<string, unknown>;
  let block1 = 0n;

  beforeAll(async () => {
    r2024 = await SqlChainStore.open(db2024.target);
    const node = await ChainNode.open(r2024, { ...loadConfig(settings2024), database: db2024.target });
    const epochOf = () => node.chain.era2024!.subnets.find((x) => x.netuid === 1)!.epochIndex;
    while (epochOf() < 1) await node.advance(1);
    block1 = node.head;
    row = (await r2024.sql.query<Record<string, unknown>>(`SELECT * FROM "Subnet" WHERE "netuid" = 1`))[0]!;
    // The server after the replica, so no request waits on an idle keep-alive socket; past a
    // second epoch, so today's figures moved on.
    s2024 = await startServer(settings2024);
    await advanceBy(s2024, Number(block1) * 2 + 5);
  }, 600_000);

  afterAll(async () => {
    await s2024?.stop();
    await r2024?.close();
    db2024.cleanup();
  });

  it("the API's ?epoch=1 subnet is the Subnet row as it was at epoch 1", async () => {
    const past = await s2024.get<{ block: string; subnet: Record<string, unknown> }>("/api/subnets/1/metagraph?epoch=1");
    const latest = await s2024.get<{ subnet: Record<string, unknown> }>("/api/subnets/1/metagraph");
    expect(past.status).toBe(200);
    expect(past.body.block).toBe(String(block1));
    expect(past.body.subnet).toEqual({
      netuid: 1,
      owner: row.owner,
      ownerHotkey: row.ownerHotkey,
      registeredAt: String(row.registeredAt),
      tempo: Number(row.tempo),
      neuronCount: Number(row.neuronCount),
      maxAllowedUids: Number(row.maxAllowedUids),
      emissionEnabled: Boolean(Number(row.emissionEnabled)),
      taoReserve: row.taoReserve,
      alphaReserve: row.alphaReserve,
      alphaOut: row.alphaOut,
      price: row.price,
      movingPrice: row.movingPrice,
      burn: row.burn,
      epochIndex: 1,
      lastEpochBlock: String(row.lastEpochBlock),
      hyperparams: JSON.parse(String(row.hyperparams)),
    });
    expect(Number(latest.body.subnet.epochIndex)).toBeGreaterThanOrEqual(2);
    for (const k of ["lastEpochBlock", "hyperparams"] as const) expect(latest.body.subnet[k], k).not.toEqual(past.body.subnet[k]);
  });
});
