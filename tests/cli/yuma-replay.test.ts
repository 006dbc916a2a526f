/**
 * The replay CLI as a user runs it: real process, real files, exit codes and output lines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { vectorsDir } from "../conformance/vectors";

const ROOT = resolve(__dirname, "../..");
const EPOCH_FULL = join(vectorsDir(), "epoch_full.json");
const YUMA_SIM = resolve(ROOT, "../shared/scenarios/yuma-simulation-cases.json");
const dir = mkdtempSync(join(tmpdir(), "taoscope-yuma-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function replay(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/yuma.ts", "replay", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr, lines: r.stdout.trim().split("\n").filter(Boolean) };
}

function write(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}

const bonds = () => JSON.parse(readFileSync(EPOCH_FULL, "utf8")).cases.find((c: { id: string }) => c.id === "test_bonds");

describe("npm run yuma -- replay", () => {
  it("checks every epoch of epoch_full.json and passes", () => {
    const r = replay(EPOCH_FULL, "--check");
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(/^(\d+)/.exec(r.lines.at(-1)!)![1])).toBeGreaterThan(0);
  });

  it("prints one JSON line per epoch in the vector files' units", () => {
    const r = replay(write("bonds.json", bonds()));
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(8);
    const second = JSON.parse(r.lines[1]!);
    expect(second).toMatchObject({ case: "test_bonds", epoch: 1, block: 2 });
    // test_bonds asserts these u16 bonds after the second epoch.
    expect(second.bonds_u16["0"]["4"]).toBe(16383);
    expect(second.bonds_u16["2"]["4"]).toBe(49151);
    expect(second.validator_permit).toEqual([0, 1, 2, 3]);
  });

  it("reports each mismatch and exits 1", () => {
    const c = bonds();
    const step = c.steps.find((s: { expected?: unknown }) => s.expected);
    step.expected.bonds_u16["0"]["4"] = 16384;
    const r = replay(write("tampered.json", c), "--check");
    expect(r.code).toBe(1);
    expect(r.out).toContain("MISMATCH case=test_bonds epoch=1 field=bonds_u16 uid=0->4 expected=16384 got=16383");
    expect(r.lines.at(-1)).toMatch(/^\d+ passed, 1 failed$/);
  });

  it.each([
    ["bad JSON", "{ nope", /invalid JSON/],
    ["unknown op", { ...bonds(), steps: [{ op: "teleport" }] }, /case test_bonds, step 0: unknown op "teleport"/],
    ["uid out of range", { ...bonds(), steps: [{ op: "set_weights", uid: 9, stored: [] }] }, /step 0: "uid" 9 is out of range: the subnet has 8 uids/],
    ["missing field", { ...bonds(), steps: [{ op: "epoch" }] }, /step 0: step "epoch" is missing "rao_emission"/],
  ])("rejects %s with exit code 2 and names the place", (_name, content, message) => {
    const r = replay(write(`bad-${_name.replace(/\s/g, "-")}.json`, content));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("rejects a missing file and bad usage with exit code 2", () => {
    expect(replay(join(dir, "absent.json")).err).toMatch(/no such file/);
    const r = replay(EPOCH_FULL, "--frobnicate");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --frobnicate/);
  });

  it("runs the yuma-simulation cases through subtensor's Yuma3", () => {
    const r = replay(YUMA_SIM);
    expect(r.code).toBe(0);
    const lines = r.lines.map((l) => JSON.parse(l));
    const case1 = lines.filter((l) => l.case === "Case 1 - kappa moves first");
    expect(case1).toHaveLength(40);
    // The same case as subtensor's test_yuma_3_kappa_moves_first (dividends within 1e-3).
    expect(case1[0].dividends["Big vali. (0.8)"]).toBeCloseTo(0.8, 3);
    expect(case1[1].dividends).toEqual({ "Big vali. (0.8)": 1, "Small lazy vali. (0.1)": 0, "Small lazier vali. (0.1)": 0 });
    expect(case1[1].incentive).toEqual({ "Server 1": 0, "Server 2": 1 });
    const generated = lines.filter((l) => l.case === "Case 19 - Client-side WTA");
    expect(generated).toHaveLength(40);
    expect(generated[0].weights).toBe("seeded");
  });
});
