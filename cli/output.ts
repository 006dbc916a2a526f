/**
 * What the CLI prints: aligned tables by default, JSON with `--json` (one document on stdout,
 * nothing else there), a spinner on stderr while it waits (only on a terminal).
 */
export interface Output {
  json: boolean;
  /** A result: `table` for people, `data` for `--json`. */
  result(data: unknown, table: () => string): void;
  /** A line of progress or notice on stderr (never in --json's stdout). */
  note(line: string): void;
  /** Run `work` with a spinner saying `label` (stderr, terminals only). */
  spin<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** JSON with bigints as decimal strings. */
export function toJson(data: unknown): string {
  return JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export function createOutput(json: boolean, stdout = process.stdout, stderr = process.stderr): Output {
  return {
    json,
    result(data, table) {
      stdout.write(`${json ? toJson(data) : table()}\n`);
    },
    note(line) {
      stderr.write(`${line}\n`);
    },
    async spin(label, work) {
      if (!stderr.isTTY) return work();
      const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
      let i = 0;
      const started = Date.now();
      const frame = () => stderr.write(`\r${frames[i++ % frames.length]} ${label} (${Math.floor((Date.now() - started) / 1000)} s)`);
      frame();
      const timer = setInterval(frame, 100);
      try {
        return await work();
      } finally {
        clearInterval(timer);
        stderr.write("\r\x1b[2K");
      }
    },
  };
}

/** Rows under a header, columns padded to their widest cell; `right` aligns numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], right: readonly number[] = []): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? "")].length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, c) => (right.includes(c) ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** `key  value` lines, keys padded. */
export function fields(pairs: readonly (readonly [string, string | number])[]): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}
