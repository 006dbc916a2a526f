/**
 * Replay CLI for Yuma epoch scenarios.
 *
 *   npm run yuma -- replay FILE [--check] [--variant yuma3|yuma3-fixed-alpha|original]
 *
 * FILE holds epoch scenarios in the step language of subtensor's epoch_full vectors (a file
 * with "cases", or one case object), or yuma-simulation cases (a file with
 * "deterministic_cases"/"generated_cases", or one such case). One JSON line per epoch.
 * --check compares each epoch with the scenario's expected values and ends with
 * "N passed, M failed". Exit codes: 0 ok, 1 mismatches, 2 bad usage or malformed input.
 */
import { readFileSync } from "node:fs";
import { checkEpoch, epochJsonLine } from "@/lib/chain/consensus/check";
import { type EpochRecord, ScenarioError, runScenario } from "@/lib/chain/consensus/scenario";
import {
  type YumaVariant,
  convertYumaSimCase,
  isYumaSimulationCase,
  isYumaSimulationFile,
  type YumaSimCase,
} from "@/lib/chain/consensus/yuma-simulation";
import { toDecimal } from "@/lib/chain/math/fast";
import { u16ProportionToFixed } from "@/lib/chain/math/vector";

const USAGE = "usage: npm run yuma -- replay FILE [--check] [--variant yuma3|yuma3-fixed-alpha|original]";
const VARIANTS: YumaVariant[] = ["yuma3", "yuma3-fixed-alpha", "original"];

class UsageError extends Error {}

interface Options {
  file: string;
  check: boolean;
  variant: YumaVariant;
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== "replay") throw new UsageError(command ? `unknown command "${command}"` : "missing command");
  let file: string | undefined;
  let check = false;
  let variant: YumaVariant = "yuma3";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--check") check = true;
    else if (arg === "--variant") {
      const v = rest[++i];
      if (!VARIANTS.includes(v as YumaVariant)) throw new UsageError(`--variant must be one of ${VARIANTS.join(", ")}`);
      variant = v as YumaVariant;
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!file) throw new UsageError("missing FILE");
  return { file, check, variant };
}

const fraction = (u16: number) => Number(toDecimal(u16ProportionToFixed(u16)).toFixed(6));

function yumaSimLine(name: string, rec: EpochRecord, epoch: number, validators: string[], servers: string[], seeded: boolean) {
  const o = rec.output;
  const dividends = Object.fromEntries(validators.map((v, i) => [v, fraction(o.dividends[i]!)]));
  const incentive = Object.fromEntries(servers.map((s, j) => [s, fraction(o.incentive[validators.length + j]!)]));
  return JSON.stringify({ case: name, epoch, block: Number(rec.block), dividends, incentive, ...(seeded ? { weights: "seeded" } : {}) });
}

function main(argv: string[]): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(opts.file, "utf8"));
  } catch (e) {
    console.error(`${opts.file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `invalid JSON: ${(e as Error).message}`}`);
    return 2;
  }

  let passed = 0;
  let failed = 0;
  try {
    if (isYumaSimulationFile(data) || isYumaSimulationCase(data)) {
      const d = data as { deterministic_cases?: YumaSimCase[]; generated_cases?: YumaSimCase[] };
      const cases = isYumaSimulationCase(data) ? [data] : [...(d.deterministic_cases ?? []), ...(d.generated_cases ?? [])];
      for (const c of cases) {
        const conv = convertYumaSimCase(c, opts.variant);
        const records = runScenario(conv.scenario);
        records.slice(conv.firstEpoch).forEach((rec, k) => {
          console.log(yumaSimLine(String(conv.scenario.id), rec, k, conv.validators, conv.servers, conv.seededApproximation));
        });
      }
      if (opts.check) console.error("yuma-simulation cases carry no expected values: nothing to check");
    } else {
      const cases = typeof data === "object" && data !== null && "cases" in data ? (data as { cases: unknown }).cases : [data];
      if (!Array.isArray(cases)) throw new ScenarioError("?", null, '"cases" must be an array');
      for (const c of cases) {
        for (const rec of runScenario(c)) {
          console.log(epochJsonLine(rec));
          if (!opts.check || !rec.expected) continue;
          const mismatches = checkEpoch(rec);
          if (mismatches.length === 0) passed++;
          else {
            failed++;
            for (const m of mismatches) {
              console.log(`MISMATCH case=${m.caseId} epoch=${m.epoch} field=${m.field} uid=${m.uid} expected=${m.expected} got=${m.got}`);
            }
          }
        }
      }
      if (opts.check) console.log(`${passed} passed, ${failed} failed`);
    }
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(`${opts.file}: ${e.message}`);
      return 2;
    }
    throw e;
  }
  return failed > 0 ? 1 : 0;
}

// A closed pipe (`| head`) ends the replay quietly.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = main(process.argv.slice(2));
