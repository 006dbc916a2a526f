/** The mempool's entries as the API sends them (block numbers as decimal strings, signers in both forms). */
import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import type { DroppedExtrinsicDto, PendingExtrinsicDto } from "@/lib/dto";
import type { DroppedExtrinsic, PendingView } from "@/lib/node/mempool";

export function pendingDto(p: PendingView): PendingExtrinsicDto {
  return { hash: p.hash, signer: p.ext.signer, signerAddress: encodeAddress(fromHex(p.ext.signer)), call: p.ext.call, nonce: p.ext.nonce, status: p.status, submittedAt: p.submittedAt.toString(), expiresAt: p.expiresAt.toString() };
}

export function droppedDto(d: DroppedExtrinsic): DroppedExtrinsicDto {
  return { hash: d.hash, signer: d.ext.signer, signerAddress: encodeAddress(fromHex(d.ext.signer)), call: d.ext.call, nonce: d.ext.nonce, submittedAt: d.submittedAt.toString(), droppedAt: d.droppedAt.toString(), cause: d.cause, reason: d.reason };
}
