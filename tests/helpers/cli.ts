/**
 * Runs the `taoscope` CLI (bin/taoscope.mjs, what `npx taoscope` runs) as a child process
 * against a test server in test mode. Blocks come only from /api/test/advance there, so while
 * the CLI runs this produces a block whenever the mempool holds something: the CLI's own wait
 * for inclusion is what is exercised.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type TestServer, startServer } from "./server";

/**
 * A test file's node and wallets folder: a server started with `settings` and an empty
 * temporary folder before its tests, both removed after them. Read the fields inside tests.
 */
export function cliFixture(settings: Record<string, string>): { server: TestServer; wallets: string } {
  const f = {} as { server: TestServer; wallets: string };
  beforeAll(async () => {
    f.server = await startServer(settings);
    f.wallets = fs.mkdtempSync(path.join(os.tmpdir(), "taoscope-wallets-"));
  }, 600_000);
  afterAll(async () => {
    await f.server?.stop();
    if (f.wallets) fs.rmSync(f.wallets, { recursive: true, force: true });
  });
  return f;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, or null (a table, or nothing). */
  json: any;
}

export interface CliOptions {
  /** TAOSCOPE_PASSWORD; null leaves it unset. */
  password: string | null;
  /** Leave out --json (the table output). */
  table?: boolean;
  /** Run on a pseudo-terminal (util-linux `script`), typing each line after a pause as a person at a prompt would. */
  tty?: { type: string[] };
}

const shellQuote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;

export async function runCli(server: TestServer, wallets: string, args: string[], opts: CliOptions): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, TAOSCOPE_URL: server.base };
  if (opts.password === null) delete env.TAOSCOPE_PASSWORD;
  else env.TAOSCOPE_PASSWORD = opts.password;
  const argv = ["bin/taoscope.mjs", ...args, "--wallets", wallets, ...(opts.table ? [] : ["--json"])];
  const proc = opts.tty
    ? spawn("script", ["-qec", [process.execPath, ...argv].map(shellQuote).join(" "), "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] })
    : spawn(process.execPath, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
  if (opts.tty) {
    void (async () => {
      for (const line of opts.tty!.type) {
        await new Promise((r) => setTimeout(r, 1500));
        proc.stdin!.write(`${line}\n`);
      }
    })();
  }
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  let code: number | null = null;
  const exited = new Promise<void>((r) => proc.on("exit", (c) => ((code = c ?? 1), r())));
  while (code === null) {
    const m = await server.get<{ pendingCount: number }>("/api/mempool?limit=1");
    if (m.body.pendingCount > 0) await server.advance(1);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
  }
  let json: unknown = null;
  try {
    json = JSON.parse(stdout);
  } catch {
    // a table, or nothing
  }
  return { code: code!, stdout, stderr, json };
}
