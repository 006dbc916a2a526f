/**
 * The traffic generators' signer: signs calls for the block after `state`, numbering each
 * signer's nonces in order and drawing signing randomness from the seeded generator, so the
 * same generator and state give the same extrinsics, signatures included.
 */
import type { Keypair } from "../keys/keypair";
import type { Rng } from "../rng";
import { type Call, type SignedExtrinsic, signExtrinsic } from "../runtime/extrinsic";
import type { ChainState } from "../runtime/state";

export function blockSigner(state: ChainState, rng: Rng): { sign(key: Keypair, call: Call): void; out: SignedExtrinsic[] } {
  const out: SignedExtrinsic[] = [];
  const used = new Map<string, number>();
  return {
    out,
    sign(key, call) {
      const n = used.get(key.publicKeyHex) ?? 0;
      used.set(key.publicKeyHex, n + 1);
      const random = Uint8Array.from({ length: 32 }, () => rng.int(256));
      out.push(signExtrinsic(key, call, (state.accounts.get(key.publicKeyHex)?.nonce ?? 0) + n, state.genesisHash, random));
    },
  };
}
