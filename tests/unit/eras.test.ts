/**
 * The Era interface and the presets table (lib/chain/eras): a chain's rules (era and parameters)
 * are chosen once at genesis and travel with its state, so a test can run any parameters without
 * inventing a preset; the fee rule and the state root's era part are the era's; no code outside
 * lib/chain/eras (and the presets table) asks which era it runs.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Rules } from "@/lib/chain/eras/era";
import { DTAO } from "@/lib/chain/eras/dtao";
import { PRESET_NAMES, rulesOf } from "@/lib/chain/eras/presets";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { signExtrinsic } from "@/lib/chain/runtime/extrinsic";
import { TEST } from "@/lib/chain/runtime/params";
import { restoreState, serializeState, stateRoot } from "@/lib/chain/runtime/state";
import { PARAMS_2024 } from "@/lib/chain/seed2024/runtime";
import { T0, TAO } from "../helpers/chain-driver";

const alice = keypairFromUri("//Alice");
const bob = keypairFromUri("//Bob");
const owner = (i: number) => keypairFromUri(`//eras/owner/${i}`).publicKeyHex;
const subnets = (n: number) => Array.from({ length: n }, (_, i) => ({ owner: owner(i), ownerHotkey: keypairFromUri(`//eras/hotkey/${i}`).publicKeyHex }));
const genesis = (preset: "test" | "seed2024", n: number, rules?: Rules) => createGenesis({ preset, timestamp: T0, endowments: [[alice.publicKeyHex, 1_000n * TAO]], subnets: subnets(n), ...(rules ? { rules } : {}) });

describe("rules passed in at genesis", () => {
  it("the presets table's rules are frozen, one per preset, each naming its preset", () => {
    expect(PRESET_NAMES).toEqual(["mainnet", "test", "seed2024"]);
    for (const p of PRESET_NAMES) {
      const r = rulesOf(p);
      expect(r.preset).toBe(p);
      expect(Object.isFrozen(r)).toBe(true);
      expect(Object.isFrozen(r.dtao ?? r.v2024)).toBe(true);
    }
    expect(rulesOf("test").dtao).toBe(TEST);
    expect(rulesOf("seed2024").v2024).toBe(PARAMS_2024);
    expect(() => rulesOf("devnet" as never)).toThrow('unknown preset "devnet"; the presets are mainnet, test, seed2024');
  });

  it("dynamic TAO: a test's own parameters rule the chain (a subnet limit of 2 refuses a third genesis subnet) without a preset of their own", () => {
    expect(TEST.subnetLimit).toBeGreaterThanOrEqual(3);
    expect(genesis("test", 3).state.subnets.size).toBe(3);
    const rules: Rules = { ...rulesOf("test"), dtao: { ...TEST, subnetLimit: 2 } };
    expect(() => genesis("test", 3, rules)).toThrow("genesis has 3 subnets; the test preset has 2 slots");
    const { state } = genesis("test", 2, rules);
    expect(state.rules).toBe(rules);
  });

  it("seed2024: a test's own v1.1.3 parameters rule the chain", () => {
    expect(genesis("seed2024", 2).state.era2024!.subnets.length).toBe(2);
    const rules: Rules = { ...rulesOf("seed2024"), v2024: { ...PARAMS_2024, subnetLimit: 1 as typeof PARAMS_2024.subnetLimit } };
    expect(() => genesis("seed2024", 2, rules)).toThrow("genesis has 2 subnets; the seed2024 preset has 1 slots");
  });

  it("rules of another preset than the genesis names are refused", () => {
    expect(() => genesis("test", 1, rulesOf("mainnet"))).toThrow("genesis names the test preset but passes the mainnet rules");
  });

  it("a checkpoint restores with its own preset's rules only", () => {
    const { state } = genesis("test", 1);
    const json = serializeState(state);
    expect(json).not.toContain('"rules"');
    expect(stateRoot(restoreState(json, rulesOf("test")))).toBe(stateRoot(state));
    expect(() => restoreState(json, rulesOf("seed2024"))).toThrow("the checkpoint is of the test preset; it was restored with the seed2024 rules");
  });
});

describe("the era's fee rule and state-root part", () => {
  const transfer = (rules?: Rules) => {
    const { state } = genesis("test", 0, rules);
    const ext = signExtrinsic(alice, { call: "Balances.transfer_keep_alive", args: { dest: bob.publicKeyHex, value: String(10n * TAO) } }, 0, state.genesisHash, new Uint8Array(32));
    const { block } = produceBlock(state, { timestamp: T0 + 12_000n, author: bob.publicKeyHex, extrinsics: [ext] });
    return { fee: block.extrinsics[0]!.fee, aliceFree: state.accounts.get(alice.publicKeyHex)!.free };
  };

  it("every fee is what the era's rule says: a rule of 7 rao a call is charged exactly", () => {
    const standard = transfer();
    expect(standard.fee).toBeGreaterThan(7n);
    expect(standard.aliceFree).toBe(1_000n * TAO - 10n * TAO - standard.fee);
    const flat = transfer({ ...rulesOf("test"), era: { ...DTAO, fee: () => 7n } });
    expect(flat.fee).toBe(7n);
    expect(flat.aliceFree).toBe(1_000n * TAO - 10n * TAO - 7n);
  });

  it("the state root covers the era's part: an era that adds 32 bytes changes the root, one that adds none does not", () => {
    const base = stateRoot(genesis("test", 1).state);
    expect(stateRoot(genesis("test", 1, { ...rulesOf("test"), era: { ...DTAO, stateRootPart: () => null } }).state)).toBe(base);
    expect(stateRoot(genesis("test", 1, { ...rulesOf("test"), era: { ...DTAO, stateRootPart: () => new Uint8Array(32).fill(1) } }).state)).not.toBe(base);
  });
});

describe("era names stay in lib/chain/eras", () => {
  const ROOT = join(__dirname, "../..");
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
  // A comparison with an era's or preset's name, or with a state's preset.
  const COMPARED = /[!=]==?\s*"(seed2024|dtao|mainnet|test)"|"(seed2024|dtao|mainnet|test)"\s*[!=]==?/;

  it("no engine, node or actor module compares an era or preset name (the presets table and the eras' own modules aside)", () => {
    const scanned = [...files("lib/chain"), ...files("lib/node"), ...files("lib/actors")].filter((f) => !f.startsWith(join("lib", "chain", "eras")));
    expect(scanned.length).toBeGreaterThan(60);
    const hits = scanned.flatMap((f) =>
      readFileSync(join(ROOT, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (COMPARED.test(line) ? [`${relative(ROOT, join(ROOT, f))}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it("lib/chain's modules import each other without a cycle (type-only imports aside)", () => {
    const chain = files("lib/chain");
    const edges = new Map<string, string[]>();
    for (const f of chain) {
      const text = readFileSync(join(ROOT, f), "utf8");
      const targets: string[] = [];
      for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"(\.{1,2}\/[^"]+)";/gms)) {
        const base = join(dirname(f), m[1]!);
        const hit = [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((c) => chain.includes(c));
        if (hit) targets.push(hit);
      }
      edges.set(f, targets);
    }
    expect([...edges.values()].flat().length).toBeGreaterThan(100);
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") return void cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
      state.set(f, "open");
      for (const t of edges.get(f)!) visit(t, [...path, f]);
      state.set(f, "done");
    };
    for (const f of chain) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
