/**
 * Per-client rate limit on writes (POST /api/extrinsics): a token bucket per client. Each holds
 * at most `burst` tokens and gains `rate` a second; a request takes one, and a client with none
 * left is told how many whole seconds until it has one (the `Retry-After` of the 429). Pure: the
 * clock is passed in, so tests drive it.
 *
 * Memory stays bounded: past `maxClients` buckets, the ones that have refilled (indistinguishable
 * from a new client) are forgotten, and if that is not enough, the least recently used.
 */

export interface RateLimitSettings {
  /** Tokens gained per second (may be fractional: 0.5 is one request every 2 s). */
  rate: number;
  /** Tokens a bucket holds at most: the requests a client may send at once. */
  burst: number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, ms. */
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number,
    readonly maxClients = 10_000,
  ) {
    if (!(settings.rate > 0) || !Number.isFinite(settings.rate)) throw new RangeError(`rate must be a positive number of requests per second, got ${settings.rate}`);
    if (!Number.isInteger(settings.burst) || settings.burst < 1) throw new RangeError(`burst must be a positive integer, got ${settings.burst}`);
  }

  get clients(): number {
    return this.buckets.size;
  }

  /** Take one token from `client`'s bucket, or say how long until it has one. */
  take(client: string): RateDecision {
    const t = this.now();
    const b = this.refilled(this.buckets.get(client), t);
    this.buckets.delete(client); // re-inserted below: the Map's order is least recently used first
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(client, b);
      this.evict(t);
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    this.buckets.set(client, b);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.settings.rate)) };
  }

  private refilled(b: Bucket | undefined, t: number): Bucket {
    if (!b) return { tokens: this.settings.burst, at: t };
    const gained = (Math.max(0, t - b.at) / 1000) * this.settings.rate;
    return { tokens: Math.min(this.settings.burst, b.tokens + gained), at: t };
  }

  private evict(t: number): void {
    if (this.buckets.size <= this.maxClients) return;
    for (const [client, b] of this.buckets) if (this.refilled(b, t).tokens >= this.settings.burst) this.buckets.delete(client);
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}

/**
 * Who a request comes from, for the rate limit: the first address of `X-Forwarded-For`. A proxy
 * in front of the node puts the client's address there; without one, `next start` fills the
 * header with the socket's remote address itself (Next's route handlers expose no socket), so a
 * direct client is its connection's address. A request with neither shares one bucket. The
 * header is the client's to set when nothing in front rewrites it: behind no proxy, a client can
 * spread its writes over invented addresses, so the limit then bounds honest clients' bursts and
 * the mempool's own limits bound the rest.
 */
export function clientOf(headers: Headers): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first ? first : "unknown";
}
