import Link from "next/link";
import { decodeAddress, encodeAddress, fromHex, toHex } from "@/lib/chain/keys/ss58";
import { shortHex } from "./format";

/** An account key as both forms, or null when `value` is neither a 32-byte 0x key nor an SS58 address. */
export function accountForms(value: string): { ss58: string; hex: string } | null {
  try {
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) return { ss58: encodeAddress(fromHex(value)), hex: value.toLowerCase() };
    if (/^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(value)) return { ss58: value, hex: toHex(decodeAddress(value).publicKey) };
  } catch {
    // not a key
  }
  return null;
}

/**
 * An account: its SS58 address (prefix 42) shortened to its first and last six characters,
 * with the full address and hex key on hover. Accepts a 0x hex public key or an SS58 address.
 * With `link` it links to the account's page (/accounts/{ss58}); `full` shows the whole address
 * (it breaks anywhere so it never widens a phone screen).
 */
export function Address({ hex, full = false, link = false }: { hex: string; full?: boolean; link?: boolean }) {
  const forms = accountForms(hex);
  const ss58 = forms?.ss58 ?? hex;
  const className = `font-mono ${full ? "break-all" : "whitespace-nowrap"}`;
  const title = forms ? `${forms.ss58}\n${forms.hex}` : hex;
  const text = full ? ss58 : shortHex(ss58, 6);
  if (link && forms)
    return (
      <Link className={`${className} text-sky-400 hover:underline`} title={title} data-address={ss58} href={`/accounts/${ss58}`}>
        {text}
      </Link>
    );
  return (
    <span className={className} title={title} data-address={ss58}>
      {text}
    </span>
  );
}
