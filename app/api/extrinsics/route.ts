import type { SignedExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { BadRequestError, handle, json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/extrinsics with a signed extrinsic `{ call, args, signer, nonce, signature }`: it is
 * checked (call, arguments, signature, nonce, fee) and queued for the next block.
 */
export function POST(req: Request): Promise<Response> {
  return handle(async (inst) => {
    if (!inst.node) throw new BadRequestError("this process does not produce blocks; send extrinsics to the producer");
    const body = (await req.json()) as Partial<SignedExtrinsic>;
    for (const k of ["call", "args", "signer", "nonce", "signature"] as const) if (body[k] === undefined) throw new BadRequestError(`the extrinsic has no "${k}"`);
    const hash = inst.node.submit(body as SignedExtrinsic);
    return json({ hash, queuedFor: (inst.node.head + 1n).toString() }, 202);
  });
}
