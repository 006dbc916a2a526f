/**
 * The write rate limit's token buckets on a mocked clock: a burst is allowed at once, the next
 * request is refused with the whole seconds until a token is back, tokens come back at the rate
 * (fractional rates included) but never beyond the burst, clients are independent, and memory
 * stays bounded. The client is the first X-Forwarded-For address.
 */
import { describe, expect, it } from "vitest";
import { TokenBuckets, clientOf } from "@/lib/server/rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, tick: (ms: number) => (t += ms) };
}

describe("token buckets", () => {
  it("allows `burst` requests at once, then refuses with Retry-After until a token is back", () => {
    const c = clock();
    const limit = new TokenBuckets({ rate: 2, burst: 3 }, c.now);
    expect([1, 2, 3].map(() => limit.take("a"))).toEqual([
      { ok: true, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ]);
    // 2 tokens a second: one is back after 500 ms, reported as 1 whole second.
    expect(limit.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
    c.tick(499);
    expect(limit.take("a").ok).toBe(false);
    c.tick(1);
    expect(limit.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(limit.take("a").ok).toBe(false);
  });

  it("refills at the rate up to the burst, never beyond", () => {
    const c = clock();
    const limit = new TokenBuckets({ rate: 1, burst: 4 }, c.now);
    for (let i = 0; i < 4; i++) limit.take("a");
    c.tick(3_600_000); // an hour idle still only refills 4
    expect([1, 2, 3, 4, 5].map(() => limit.take("a").ok)).toEqual([true, true, true, true, false]);
  });

  it("counts Retry-After from the missing fraction at a fractional rate", () => {
    const c = clock();
    const limit = new TokenBuckets({ rate: 0.1, burst: 1 }, c.now); // one request per 10 s
    expect(limit.take("a").ok).toBe(true);
    expect(limit.take("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    c.tick(2_500); // a quarter of a token back: 7.5 s to go, said as 8
    expect(limit.take("a")).toEqual({ ok: false, retryAfterSeconds: 8 });
    c.tick(7_500);
    expect(limit.take("a").ok).toBe(true);
  });

  it("keeps each client's bucket apart", () => {
    const c = clock();
    const limit = new TokenBuckets({ rate: 1, burst: 1 }, c.now);
    expect(limit.take("10.0.0.1").ok).toBe(true);
    expect(limit.take("10.0.0.1").ok).toBe(false);
    expect(limit.take("10.0.0.2").ok).toBe(true);
  });

  it("forgets refilled buckets first, then the least recently used, past maxClients", () => {
    const c = clock();
    const limit = new TokenBuckets({ rate: 1, burst: 2 }, c.now, 3);
    limit.take("a");
    limit.take("a"); // empty
    limit.take("b");
    c.tick(5_000); // a and b refilled
    limit.take("c");
    limit.take("c");
    limit.take("d"); // 4 clients > 3: the refilled a and b are forgotten
    expect(limit.clients).toBe(2);
    limit.take("e");
    limit.take("f"); // c (empty, least recently used), d, e, f: c goes
    expect(limit.clients).toBe(3);
    expect(limit.take("c")).toEqual({ ok: true, remaining: 1 }); // a fresh bucket
  });

  it("refuses settings that cannot work", () => {
    expect(() => new TokenBuckets({ rate: 0, burst: 1 }, Date.now)).toThrow("rate must be a positive number of requests per second, got 0");
    expect(() => new TokenBuckets({ rate: 1, burst: 0.5 }, Date.now)).toThrow("burst must be a positive integer, got 0.5");
  });
});

describe("the client of a request", () => {
  it("is the first X-Forwarded-For address, else one shared bucket", () => {
    expect(clientOf(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientOf(new Headers({ "x-forwarded-for": " ::1 " }))).toBe("::1");
    expect(clientOf(new Headers())).toBe("unknown");
    expect(clientOf(new Headers({ "x-forwarded-for": "" }))).toBe("unknown");
  });
});
