/**
 * The node's HTTP API as the CLI uses it. Keys never travel: the CLI signs locally and the
 * node only verifies. Errors carry the API's own sentence (`{ "error": "..." }`).
 */
import type { AccountDto } from "../lib/dto-accounts";
import type { HeadDto, SubmittedExtrinsicDto } from "../lib/dto";
import type { SignedExtrinsic } from "../lib/chain/runtime/extrinsic";
import { ApiError } from "../lib/api/error";

export const DEFAULT_URL = "http://127.0.0.1:3000";
const RATE_LIMIT_RETRIES = 3;

/** The node answered with an error status; `message` is its sentence. */
export { ApiError };

/** The node could not be reached at all. */
export class NetworkError extends Error {
  constructor(url: string, cause: unknown) {
    const why = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    super(`cannot reach the node at ${url}: ${why} (is it running? --network or TAOSCOPE_URL names another)`);
    this.name = "NetworkError";
  }
}

export class NodeApi {
  readonly base: string;
  constructor(url: string) {
    this.base = url.replace(/\/+$/, "");
  }

  private async request<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
    } catch (e) {
      throw new NetworkError(this.base, e);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, `the node answered ${res.status} with something that is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** GET, answering null on 404 (an unknown entity) and throwing the API's sentence on other errors. */
  async get<T>(path: string): Promise<T | null> {
    const { status, body } = await this.request<T & { error?: string }>(path);
    if (status === 404) return null;
    if (status >= 400) throw new ApiError(status, (body as { error?: string }).error ?? `GET ${path} answered ${status}`);
    return body;
  }

  async must<T>(path: string, what: string): Promise<T> {
    const body = await this.get<T>(path);
    if (body === null) throw new ApiError(404, `${what} not found`);
    return body;
  }

  head(): Promise<HeadDto> {
    return this.must<HeadDto>("/api/head", "the head block");
  }

  /** The account (coldkey and hotkey roles, every stake position), or null when the chain has never seen it. */
  account(address: string): Promise<AccountDto | null> {
    return this.get<AccountDto>(`/api/accounts/${encodeURIComponent(address)}?positions=all`);
  }

  /**
   * POST the signed extrinsic. The node limits writes per client (429 with Retry-After): the
   * CLI waits as told and tries again, at most `RATE_LIMIT_RETRIES` times.
   */
  async submit(ext: SignedExtrinsic, onWait: (seconds: number) => void = () => undefined): Promise<SubmittedExtrinsicDto> {
    for (let attempt = 0; ; attempt++) {
      const { status, body, headers } = await this.request<SubmittedExtrinsicDto & { error?: string }>("/api/extrinsics", { method: "POST", body: JSON.stringify(ext) });
      if (status === 202) return body;
      const retryAfter = Number(headers.get("retry-after"));
      if (status === 429 && attempt < RATE_LIMIT_RETRIES && Number.isFinite(retryAfter) && retryAfter <= 60) {
        onWait(retryAfter);
        await new Promise((r) => setTimeout(r, Math.max(retryAfter, 1) * 1000));
        continue;
      }
      throw new ApiError(status, body.error ?? `POST /api/extrinsics answered ${status}`);
    }
  }
}
