import Link from "next/link";
import { accountForms } from "../Address";
import { shortHex } from "../format";

/**
 * An account linked to its page (/accounts/{ss58}), shortened, with both forms on hover.
 * Anything that is not a key shows as given, unlinked.
 */
export function AccountLink({ value, testId }: { value: string; testId?: string }) {
  const forms = accountForms(value);
  if (!forms) return <span className="font-mono">{value || "none"}</span>;
  return (
    <Link className="whitespace-nowrap font-mono text-sky-400 hover:underline" href={`/accounts/${forms.ss58}`} title={`${forms.ss58}\n${forms.hex}`} data-address={forms.ss58} data-testid={testId}>
      {shortHex(forms.ss58, 6)}
    </Link>
  );
}
