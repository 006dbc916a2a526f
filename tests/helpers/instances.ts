/**
 * Server processes without the web layer (tests/helpers/instance-process.ts) for multi-process
 * tests: each runs the instance from source (tsx) and reports its status every 100 ms. Their block
 * producer thread runs a bundle made once per test file (scripts/bundle-producer.mjs), removed by
 * `stopAll`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

export interface InstanceStatus {
  pid: number;
  producing: boolean;
  head: string | null;
  status: string;
  error: string | null;
}

export interface InstanceProcess {
  proc: ChildProcess;
  last(): InstanceStatus | null;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

let bundle: string | null = null;
const procs: ChildProcess[] = [];

async function producerBundle(): Promise<string> {
  // @ts-expect-error: a plain ES module script without type declarations
  const { bundleProducer } = (await import("../../scripts/bundle-producer.mjs")) as { bundleProducer: (o: { outfile: string }) => string };
  bundle ??= bundleProducer({ outfile: path.join("node_modules", ".cache", "taoscope", `producer-${randomUUID()}.mjs`) });
  return bundle;
}

/** Start one instance process with `env` over the test's own; `TAOSCOPE_PRODUCER_BUNDLE` may be overridden. */
export async function startInstanceProcess(env: Record<string, string>): Promise<InstanceProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/helpers/instance-process.ts"], {
    env: { ...process.env, TAOSCOPE_PRODUCER_BUNDLE: await producerBundle(), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  procs.push(proc);
  let last: InstanceStatus | null = null;
  readline.createInterface({ input: proc.stdout! }).on("line", (l) => {
    try {
      last = JSON.parse(l) as InstanceStatus;
    } catch {
      // a log line, not a status line
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { proc, last: () => last, exited };
}

/** Kill what is still running and remove the bundle. */
export function stopAll(): void {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  if (bundle) fs.rmSync(bundle, { force: true });
  bundle = null;
}

export async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
