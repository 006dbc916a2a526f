import { endpoints } from "@/lib/api/endpoints";
import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { knownCalls, listExtrinsics } from "@/lib/db/extrinsics";
import type { SubmittedExtrinsicDto } from "@/lib/dto";
import { parseExtrinsicQuery } from "@/lib/server/explorer-params";
import { parseJsonObject, readBodyText } from "@/lib/server/body";
import { BadRequestError, RateLimitedError, handle, json, otherMethods } from "@/lib/server/http";
import { clientOf } from "@/lib/server/rate-limit";
import { trackPath } from "@/lib/server/track";

export const dynamic = "force-dynamic";

/**
 * The largest body accepted: 128 KiB. A `set_weights` over 4096 uids (subtensor's most) is about
 * 45 KiB of compact JSON, so this leaves room for a pretty-printed one and nothing abusive.
 */
const BODY_LIMIT = 128 * 1024;

/** Past this many bytes an oversize body is refused without being read to its end (lib/server/body.ts). */
const DRAIN_LIMIT = 1024 * 1024;

/** The body as a JSON object, or a 400 naming what it is instead. */
async function readExtrinsic(req: Request): Promise<Record<string, unknown>> {
  const text = await readBodyText(req, { limit: BODY_LIMIT, drainLimit: DRAIN_LIMIT, tooLarge: (n) => `the body is ${n} bytes; an extrinsic is at most ${BODY_LIMIT} bytes (128 KiB)` });
  if (text.trim() === "") throw new BadRequestError("the body is empty; send a signed extrinsic as a JSON object { call, args, signer, nonce, signature }");
  return parseJsonObject(text, { invalid: "send a signed extrinsic as a JSON object", notObject: "send a signed extrinsic as a JSON object { call, args, signer, nonce, signature }" });
}

/**
 * POST /api/extrinsics with a signed extrinsic `{ call, args, signer, nonce, signature }` (the
 * signer as 0x-hex or an SS58 address): it is checked (call, arguments, signature, nonce, fee)
 * and put in the mempool, `ready` for the next block or `future` until the signer's earlier
 * nonces arrive. The answer's `track` is the path that says where it is from then on
 * (GET /api/extrinsics/by-hash/:hash). Past the per-client write limit (TAOSCOPE_WRITE_RATE,
 * TAOSCOPE_WRITE_BURST) it answers 429 with Retry-After, before reading the body.
 */
export function POST(req: Request): Promise<Response> {
  return handle(async (inst) => {
    if (!inst.node) throw new BadRequestError("this process does not produce blocks; send extrinsics to the producer");
    // Before the body is read: a refused request costs the server nothing more.
    const client = clientOf(req.headers);
    const turn = inst.writeLimit.take(client);
    if (!turn.ok) {
      const { rate, burst } = inst.writeLimit.settings;
      throw new RateLimitedError(`too many extrinsics from ${client}: at most ${burst} at once and ${rate} a second; retry in ${turn.retryAfterSeconds} s`, turn.retryAfterSeconds);
    }
    const body = await readExtrinsic(req);
    const parsed = endpoints.submitExtrinsic.body.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0]);
      throw new BadRequestError(body[field] === undefined ? `the extrinsic has no "${field}"` : `the extrinsic's "${field}" ${issue.message}, got ${JSON.stringify(body[field])}`);
    }
    // The arguments are the call's to judge (its decoder names a malformed one).
    const { call, args, signer, nonce, signature } = parsed.data as SignedExtrinsic;
    const r = await inst.node.accept({ call, args, signer, nonce, signature });
    const out: SubmittedExtrinsicDto = { hash: r.hash, status: r.status, ...(r.queuedFor !== null ? { queuedFor: r.queuedFor.toString() } : {}), expiresAt: r.expiresAt.toString(), track: trackPath(r.hash) };
    return json(out, 202);
  });
}

/**
 * GET /api/extrinsics?call=&signer=&result=success|failure&from=&to=&before=|after=&limit=:
 * included extrinsics newest first, keyset-paginated by `{block}-{index}` (`next` → `before`,
 * `prev` → `after`); the signer as SS58 or 0x-hex, the block range inclusive.
 */
export function GET(req: Request): Promise<Response> {
  return handle(async (inst) => {
    const { filter, page } = parseExtrinsicQuery(new URL(req.url), await knownCalls(inst.read));
    return json(await listExtrinsics(inst.read, filter, page));
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
