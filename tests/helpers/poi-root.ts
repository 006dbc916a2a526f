/**
 * Prints the state root after `blocks` blocks of a PoI chain (tests/helpers/poi-chain.ts) with
 * the full traffic (mixed validators, background calls): the determinism test runs it in a
 * separate process and compares. Usage: npx tsx tests/helpers/poi-root.ts <seed> <blocks>
 */
import { enableFastCrypto } from "@/lib/chain/fast-crypto";
import { stateRoot } from "@/lib/chain/runtime/state";
import { poiChain } from "./poi-chain";

export function poiRoot(seed: number, blocks: number): string {
  const chain = poiChain({ seed, subnets: 3, uids: 16 });
  chain.run(blocks);
  return stateRoot(chain.state);
}

if (process.argv[1]?.endsWith("poi-root.ts")) {
  void enableFastCrypto().then(() => console.log(poiRoot(Number(process.argv[2]), Number(process.argv[3]))));
}
