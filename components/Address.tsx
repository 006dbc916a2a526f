import { parseAccountKey } from "@/lib/chain/keys/ss58";
import { CopyButton } from "./CopyButton";
import { shortHex } from "./format";

const formsCache = new Map<string, { ss58: string; hex: string } | null>();
const FORMS_CACHE_MAX = 50_000;

/**
 * An account key as both forms, or null when `value` is neither a 32-byte 0x key nor an SS58
 * address. Memoised: each form costs a BLAKE2b checksum, and a metagraph or a busy account
 * renders hundreds of the same keys on every request.
 */
export function accountForms(value: string): { ss58: string; hex: string } | null {
  let forms = formsCache.get(value);
  if (forms !== undefined) return forms;
  const r = parseAccountKey(value);
  forms = "hex" in r ? r : null;
  if (formsCache.size >= FORMS_CACHE_MAX) formsCache.clear();
  formsCache.set(value, forms);
  return forms;
}

/**
 * An account: its SS58 address (prefix 42) shortened to its first and last six characters,
 * with the full address and hex key on hover, linked to its account page. Accepts a 0x hex
 * public key or an SS58 address (anything else shows as given, unlinked); `full` shows the
 * whole address (it breaks anywhere so it never widens a phone screen); `link={false}` for
 * the page's own address; `copy` adds a button that copies the SS58 address.
 */
export function Address({ hex, full = false, link = true, copy = false }: { hex: string; full?: boolean; link?: boolean; copy?: boolean }) {
  const forms = accountForms(hex);
  const ss58 = forms?.ss58 ?? hex;
  const className = `font-mono ${full ? "break-all" : "whitespace-nowrap"}`;
  const title = forms ? `${forms.ss58}\n${forms.hex}` : hex;
  const text = full ? ss58 : shortHex(ss58, 6);
  // A plain anchor (SoftLinks navigates it on the client): a busy block or a metagraph lists
  // hundreds of accounts, and next/link costs a component each; no prefetch either way.
  const shown =
    forms && link ? (
      <a className={`${className} text-sky-400 hover:underline`} href={`/accounts/${forms.ss58}`} title={title} data-address={ss58}>
        {text}
      </a>
    ) : (
      <span className={className} title={title} data-address={ss58}>
        {text}
      </span>
    );
  if (!copy || !forms) return shown;
  return (
    <span className="inline-flex items-center">
      {shown}
      <CopyButton value={forms.ss58} label={`address ${forms.ss58}`} />
    </span>
  );
}
