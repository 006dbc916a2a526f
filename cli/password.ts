/**
 * The coldkey password: `TAOSCOPE_PASSWORD` for scripts, else a prompt on the terminal with the
 * typed characters hidden. With neither (no terminal, no variable) the command fails saying so.
 */
import readline from "node:readline";
import { UsageError } from "./args";

/** Read a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing of what is typed (readline writes through _writeToOutput).
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        asked = true;
        process.stderr.write(s);
      } else if (s.includes("\n") || s.includes("\r")) process.stderr.write("\n");
    };
    rl.on("SIGINT", () => {
      rl.close();
      reject(new UsageError("cancelled"));
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** The password to unlock a coldkey. */
export async function askPassword(what: string): Promise<string> {
  const env = process.env.TAOSCOPE_PASSWORD;
  if (env !== undefined) return env;
  if (!process.stdin.isTTY) throw new UsageError(`the password for ${what}: set TAOSCOPE_PASSWORD or run on a terminal to be asked`);
  return promptHidden(`Password for ${what}: `);
}

/** A new password, typed twice on a terminal; at least 8 characters unless it comes from TAOSCOPE_PASSWORD. */
export async function askNewPassword(what: string): Promise<string> {
  const env = process.env.TAOSCOPE_PASSWORD;
  if (env !== undefined) {
    if (env === "") throw new UsageError("TAOSCOPE_PASSWORD is empty; a coldkey needs a password");
    return env;
  }
  if (!process.stdin.isTTY) throw new UsageError(`a password for ${what}: set TAOSCOPE_PASSWORD or run on a terminal to be asked`);
  for (;;) {
    const first = await promptHidden(`New password for ${what}: `);
    if (first.length < 8) {
      process.stderr.write("At least 8 characters, please.\n");
      continue;
    }
    if ((await promptHidden("Repeat it: ")) === first) return first;
    process.stderr.write("The two did not match; again.\n");
  }
}
