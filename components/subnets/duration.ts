/** A duration in milliseconds as its two largest units: "3d 4h", "2h 5m", "45s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const units: [string, number][] = [["d", 86_400], ["h", 3600], ["m", 60], ["s", 1]];
  const parts: string[] = [];
  let rest = s;
  for (const [u, n] of units) {
    const v = Math.floor(rest / n);
    rest -= v * n;
    if (v > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${v}${u}`);
    if (parts.length === 2) break;
  }
  return parts.length ? parts.join(" ") : "0s";
}
