/**
 * `taoscope`: a btcli-style wallet CLI for a Taoscope node. Keys stay on this machine: the CLI
 * signs extrinsics itself (lib/chain's sr25519 keys and signing payload) and talks to the
 * node's HTTP API. Exit codes: 0 done, 1 failed (the chain refused or failed the call, a wrong
 * password, a missing wallet, an unreachable node), 2 bad usage (the message names the option).
 */
import { KeyUriError } from "../lib/chain/keys/keypair";
import { KeystoreFormatError, WrongPasswordError } from "../lib/wallet/keystore";
import { WalletError } from "../lib/wallet/wallet";
import { ApiError, NetworkError } from "./api";
import { Options, optionsHelp, parseOptions, UsageError } from "./args";
import { COMMANDS } from "./commands/index";
import { Context } from "./context";
import { CommandFailed } from "./submit";

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `usage: taoscope COMMAND [options]   (taoscope COMMAND --help for its options)\n\n${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join("\n")}\n\nThe node: --network URL or TAOSCOPE_URL (default http://127.0.0.1:3000). The password: a prompt, or TAOSCOPE_PASSWORD.`;
}

/** The longest run of leading words that names a command (`stake add`), and the rest. */
function findCommand(argv: readonly string[]): { name: string; rest: string[] } | null {
  for (let n = Math.min(3, argv.length); n >= 1; n--) {
    const name = argv.slice(0, n).join(" ");
    if (COMMANDS[name]) return { name, rest: argv.slice(n) };
  }
  return null;
}

export async function main(argv: string[]): Promise<number> {
  const stderr = (m: string) => process.stderr.write(`${m}\n`);
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2).join(" ");
    const group = Object.keys(COMMANDS).filter((c) => c.startsWith(`${argv[0]} `));
    stderr(group.length ? `unknown command "taoscope ${words}": ${argv[0]} takes ${group.map((g) => g.split(" ").slice(1).join(" ")).join(", ")}` : `unknown command "taoscope ${words}"\n\n${usage()}`);
    return 2;
  }
  const command = COMMANDS[found.name]!;
  try {
    const parsed = parseOptions(found.rest, command.options, found.name);
    if (parsed.values.help) {
      process.stdout.write(`taoscope ${found.name}: ${command.summary}\n\n${optionsHelp(command.options)}\n`);
      return 0;
    }
    const extra = found.name === "sudo set" ? parsed.positionals.slice(1) : parsed.positionals;
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])} for "taoscope ${found.name}"`);
    return await command.run(new Context(new Options(parsed, found.name)));
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof WrongPasswordError || e instanceof WalletError || e instanceof KeystoreFormatError || e instanceof CommandFailed || e instanceof ApiError || e instanceof NetworkError || e instanceof KeyUriError) {
      stderr(`error: ${e.message}`);
      return 1;
    }
    stderr(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}
