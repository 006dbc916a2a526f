/**
 * Command-line options, btcli-style: `--name value`, `--name=value` and boolean flags, each
 * command declaring the options it takes (with btcli's spellings as aliases). Anything unknown,
 * missing or malformed is a `UsageError` naming the option: exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  /** Other spellings (without the leading --). */
  aliases?: readonly string[];
  description: string;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  network: { type: "string", aliases: ["subtensor.network", "subtensor.chain_endpoint", "url"], description: "the node's URL (default $TAOSCOPE_URL or http://127.0.0.1:3000)" },
  wallets: { type: "string", aliases: ["wallet.path", "wallet-path", "wallet_path", "wallets-dir"], description: "the wallets folder (default ~/.taoscope/wallets)" },
  "wallet.name": { type: "string", aliases: ["wallet-name", "wallet_name", "name"], description: "the wallet (default \"default\")" },
  "wallet.hotkey": { type: "string", aliases: ["wallet-hotkey", "wallet_hotkey", "hotkey-name"], description: "the wallet's hotkey (default \"default\")" },
  json: { type: "boolean", aliases: ["json-output"], description: "print JSON instead of tables" },
  timeout: { type: "string", description: "seconds to wait for inclusion (default 120)" },
  help: { type: "boolean", aliases: ["h"], description: "show this command's options" },
};

/** Parse `argv` against `specs` (plus the global options). */
export function parseOptions(argv: readonly string[], specs: OptionSpecs, command: string): Parsed {
  const all = { ...GLOBAL_OPTIONS, ...specs };
  const byName = new Map<string, string>();
  for (const [name, spec] of Object.entries(all)) for (const n of [name, ...(spec.aliases ?? [])]) byName.set(n, name);
  const values: Parsed["values"] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const raw = eq >= 0 ? body.slice(0, eq) : body;
    const negated = raw.startsWith("no-") && byName.has(raw.slice(3)) && all[byName.get(raw.slice(3))!]!.type === "boolean";
    const name = byName.get(negated ? raw.slice(3) : raw);
    if (!name) throw new UsageError(`unknown option --${raw} for "taoscope ${command}" (see taoscope ${command} --help)`);
    const spec = all[name]!;
    if (spec.type === "boolean") {
      if (eq >= 0) {
        const v = body.slice(eq + 1);
        if (v !== "true" && v !== "false") throw new UsageError(`--${raw} is a flag: true or false, got ${JSON.stringify(v)}`);
        values[name] = v === "true";
      } else values[name] = !negated;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1]!.startsWith("--"))) value = argv[++i];
    if (value === undefined) throw new UsageError(`--${raw} needs a value`);
    values[name] = value;
  }
  return { positionals, values };
}

/** Help text for a command's options. */
export function optionsHelp(specs: OptionSpecs): string {
  const rows = Object.entries({ ...specs, ...GLOBAL_OPTIONS }).map(([name, s]) => [`--${name}${s.type === "string" ? " VALUE" : ""}${s.aliases?.length ? ` (--${s.aliases.join(", --")})` : ""}`, s.description] as const);
  return rows.map(([a, b]) => `  ${a}\n      ${b}`).join("\n");
}

/** Readers that name the option at fault. */
export class Options {
  constructor(
    readonly parsed: Parsed,
    readonly command: string,
  ) {}
  has(name: string): boolean {
    return this.parsed.values[name] !== undefined;
  }
  string(name: string): string | undefined {
    const v = this.parsed.values[name];
    return typeof v === "string" ? v : undefined;
  }
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined || v === "") throw new UsageError(`taoscope ${this.command} needs --${name}`);
    return v;
  }
  flag(name: string): boolean {
    return this.parsed.values[name] === true;
  }
  /** An integer in [min, max]. */
  int(name: string, min: number, max: number, fallback?: number): number {
    const v = this.string(name);
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`taoscope ${this.command} needs --${name}`);
    }
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    return Number(v);
  }
  /** A comma-separated list of integers in [min, max]. */
  intList(name: string, min: number, max: number): number[] {
    const v = this.required(name);
    const parts = v.split(",").map((x) => x.trim());
    if (parts.some((x) => !/^\d+$/.test(x) || Number(x) < min || Number(x) > max)) throw new UsageError(`--${name} must be a comma-separated list of integers in [${min}, ${max}], got ${JSON.stringify(v)}`);
    return parts.map(Number);
  }
  /** A comma-separated list of non-negative decimal numbers. */
  numberList(name: string): number[] {
    const v = this.required(name);
    const parts = v.split(",").map((x) => x.trim());
    if (parts.some((x) => !/^(\d+\.?\d*|\.\d+)$/.test(x))) throw new UsageError(`--${name} must be a comma-separated list of non-negative numbers, got ${JSON.stringify(v)}`);
    return parts.map(Number);
  }
}
