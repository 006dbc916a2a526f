import { encodeAddress, fromHex } from "@/lib/chain/keys/ss58";
import { shortHex } from "./format";

/** An account: its SS58 address shortened, with the full address and hex key on hover. */
export function Address({ hex, full = false }: { hex: string; full?: boolean }) {
  let ss58 = hex;
  try {
    ss58 = encodeAddress(fromHex(hex));
  } catch {
    // not a 32-byte key: show the hex
  }
  return (
    <span className="font-mono" title={`${ss58}\n${hex}`}>
      {full ? ss58 : shortHex(ss58, 6)}
    </span>
  );
}
