/**
 * The API's one error table (lib/server/errors.ts): each error family answers its status with
 * `{ error }` naming what was wrong; an InvariantError, an error outside the table and a thrown
 * non-Error answer 500 with the generic sentence and a request id, never their message. Errors
 * are matched by name, so one revived from the producer thread (a plain Error carrying the name)
 * answers as its class does.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DispatchError, InvariantError } from "@/lib/chain/errors";
import { MalformedCallError } from "@/lib/chain/runtime/calls";
import { createGenesis } from "@/lib/chain/runtime/block";
import { eraOf } from "@/lib/chain/seed2024/runtime";
import { NotFoundError } from "@/lib/db/queries";
import { MempoolError } from "@/lib/node/mempool";
import { BadRequestError, HTTP_STATUS, RateLimitedError, errorResponse, statusOf } from "@/lib/server/errors";

const revived = (name: string, message: string) => Object.assign(new Error(message), { name });

async function answer(e: unknown) {
  const r = errorResponse(e, "test");
  return { status: r.status, body: (await r.json()) as { error: string; requestId?: string }, headers: r.headers };
}

afterEach(() => vi.restoreAllMocks());

describe("the API error table", () => {
  it("answers each known family with its status and the error's message", async () => {
    const cases: [unknown, number][] = [
      [new BadRequestError("limit must be an integer in [1, 100], got \"0\""), 400],
      [new MempoolError("extrinsic rejected (Stale): nonce 0 was already used"), 400],
      [new MalformedCallError("Balances.transfer_keep_alive", 'missing argument "dest"'), 400],
      [new RangeError("not 0x-prefixed hex bytes"), 400],
      [new SyntaxError("Unexpected token"), 400],
      [new NotFoundError("no block 99"), 404],
      [revived("NotFoundError", "no subnet 7"), 404],
      [revived("MempoolError", "the mempool is full (10000 extrinsics)"), 400],
      [new RateLimitedError("too many extrinsics from 1.2.3.4", 3), 429],
    ];
    for (const [e, status] of cases) {
      const r = await answer(e);
      expect(r.status, (e as Error).name).toBe(status);
      expect(r.body).toEqual({ error: (e as Error).message });
    }
    expect((await answer(new RateLimitedError("slow down", 3))).headers.get("retry-after")).toBe("3");
  });

  it("lists each family once, with the status the answers above use", () => {
    expect(HTTP_STATUS).toEqual({
      BadRequestError: 400,
      MempoolError: 400,
      MalformedCallError: 400,
      RangeError: 400,
      SyntaxError: 400,
      NotFoundError: 404,
      RateLimitedError: 429,
      InvariantError: 500,
    });
  });

  it("answers an invariant failure, an unknown error and a thrown non-Error with a generic 500 that does not echo the message", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { state } = createGenesis({ preset: "test", timestamp: 0n, endowments: [] });
    let engine: unknown;
    try {
      eraOf(state); // a dynamic-TAO chain has no 2024 storage: the engine never asks for it
    } catch (e) {
      engine = e;
    }
    expect(engine).toBeInstanceOf(InvariantError);
    const secret = "coinbase minted 5 rao, above the block emission of 4";
    for (const e of [engine, new InvariantError(secret), revived("InvariantError", secret), new Error(secret), new TypeError(secret), new DispatchError("Balances.InsufficientBalance", secret), secret]) {
      expect(statusOf(e)).toBe(500);
      const r = await answer(e);
      expect(r.status).toBe(500);
      expect(r.body.error).toMatch(/^internal error; the server log has the details under request id [0-9a-f-]{36}$/);
      expect(r.body.error).toContain(r.body.requestId);
      expect(r.headers.get("x-request-id")).toBe(r.body.requestId);
      expect(JSON.stringify(r.body)).not.toContain("minted");
      expect(JSON.stringify(r.body)).not.toContain("2024 storage");
    }
    // The log keeps what the client does not see.
    expect(logged).toHaveBeenCalledTimes(7);
    expect(logged.mock.calls[1]![1]).toBeInstanceOf(InvariantError);
  });
});
