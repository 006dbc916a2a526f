import { CopyButton } from "./CopyButton";

/** A hash or key written out in full (it breaks anywhere, so it never widens a phone screen), with a button that copies it. */
export function Hash({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <span className="inline">
      <span className="break-all font-mono" data-testid={testId}>
        {value}
      </span>
      <CopyButton value={value} label={label} />
    </span>
  );
}
