/**
 * The runtime backbone: signed extrinsics, fees, Balances transfers, events and blocks. Real
 * sr25519 signatures throughout.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { type Block, createGenesis, produceBlock } from "@/lib/chain/runtime/block";
import { PAYLOAD_PREFIX, type SignedExtrinsic, canonicalJson, extrinsicId, extrinsicJson, extrinsicLength, signExtrinsic, signingPayload } from "@/lib/chain/runtime/extrinsic";
import { EXTRINSIC_BASE_WEIGHT } from "@/lib/chain/runtime/fees";
import { feeFor } from "@/lib/chain/eras/presets";
import { type ChainState, restoreState, serializeState, stateRoot } from "@/lib/chain/runtime/state";
import { storedData } from "../helpers/chain-driver";
import { createRng } from "@/lib/chain/rng";

const TAO = 1_000_000_000n;
const [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keypairFromUri);
const ferdie = keypairFromUri("//Ferdie"); // never endowed
const NONCE_RANDOM = new Uint8Array(32).fill(1);
const T0 = 1_700_000_000_000n;

function genesis(extra: [string, bigint][] = []): ChainState {
  return createGenesis({
    preset: "test",
    timestamp: T0,
    endowments: [[alice!.publicKeyHex, 1000n * TAO], [bob!.publicKeyHex, 1000n * TAO], ...extra],
  }).state;
}

function transfer(from = alice!, to: string, value: bigint, nonce: number, state: ChainState, keepAlive = true): SignedExtrinsic {
  const call = { call: keepAlive ? "Balances.transfer_keep_alive" : "Balances.transfer_allow_death", args: { dest: to, value: value.toString() } };
  return signExtrinsic(from, call, nonce, state.genesisHash, NONCE_RANDOM);
}

const freeOf = (s: ChainState, who: string) => s.accounts.get(who)?.free ?? 0n;
const names = (b: Block) => b.events.map((e) => e.name);
const at = (ms: bigint) => ({ timestamp: T0 + ms, author: charlie!.publicKeyHex });

describe("the signed payload and the extrinsic encoding", () => {
  it("signs the documented bytes", () => {
    const call = { call: "SubtensorModule.set_weights", args: { netuid: 3, dests: [0, 2], weights: [65535, 7], version_key: "0" } };
    expect(new TextDecoder().decode(signingPayload(call, 5, `0x${"ab".repeat(32)}`))).toBe(
      `taoscope-extrinsic-v1\n{"args":{"dests":[0,2],"netuid":3,"version_key":"0","weights":[65535,7]},"call":"SubtensorModule.set_weights","genesis":"0x${"ab".repeat(32)}","nonce":5}`,
    );
  });

  it("spells every payload, hash preimage and length as the canonical JSON of its fields", () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 40 }), fc.array(tie("v"), { maxLength: 3 })),
    })).v as fc.Arbitrary<never>;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value, { maxKeys: 5 }), fc.string(), fc.nat(), (args, name, nonce) => {
        const ext: SignedExtrinsic = { call: name, args, nonce, signer: `0x${"01".repeat(32)}`, signature: `0x${"02".repeat(64)}` };
        expect(new TextDecoder().decode(signingPayload(ext, nonce, `0x${"03".repeat(32)}`))).toBe(PAYLOAD_PREFIX + canonicalJson({ args, call: name, genesis: `0x${"03".repeat(32)}`, nonce }));
        expect(extrinsicJson(ext)).toBe(canonicalJson(ext));
        expect(extrinsicLength(ext)).toBe(new TextEncoder().encode(canonicalJson(ext)).length);
      }),
      { numRuns: 300 },
    );
    // The integer-list shortcut spells lists as the element-wise encoding does.
    expect(canonicalJson([3, -0, 65535, Number.MAX_SAFE_INTEGER])).toBe(`[3,0,65535,${Number.MAX_SAFE_INTEGER}]`);
    expect(canonicalJson([1, "2", [3]])).toBe('[1,"2",[3]]');
  });
});

describe("transfers and fees", () => {
  it("moves the amount, charges the documented fee and pays it to the author", () => {
    const s = genesis();
    const ext = transfer(alice, bob!.publicKeyHex, TAO, 0, s);
    const fee = feeFor("Balances.transfer_keep_alive", extrinsicLength(ext));
    // 0.0005 rao per weight unit on 125e6 base + 60e6 call weight, plus 1 rao per byte.
    expect(fee).toBe(((EXTRINSIC_BASE_WEIGHT + 60_000_000n) * 500_000n) / 1_000_000_000n + BigInt(extrinsicLength(ext)));
    expect(fee - BigInt(extrinsicLength(ext))).toBe(92_500n);
    const { block, rejected } = produceBlock(s, { ...at(12_000n), extrinsics: [ext] });
    expect(rejected).toEqual([]);
    expect(block.extrinsics[0]).toMatchObject({ success: true, error: null, fee });
    expect(freeOf(s, alice!.publicKeyHex)).toBe(1000n * TAO - TAO - fee);
    expect(freeOf(s, bob!.publicKeyHex)).toBe(1001n * TAO);
    expect(freeOf(s, charlie!.publicKeyHex)).toBe(fee);
    expect(s.accounts.get(alice!.publicKeyHex)!.nonce).toBe(1);
    expect(names(block)).toEqual(["Balances.Withdraw", "Balances.Transfer", "System.NewAccount", "Balances.Endowed", "Balances.Deposit", "TransactionPayment.TransactionFeePaid", "System.ExtrinsicSuccess"]);
    expect(block.events.every((e) => e.phase.kind === "ApplyExtrinsic")).toBe(true);
    expect(s.totalIssuance).toBe(2000n * TAO);
  });

  it("includes a failing call as ExtrinsicFailed, charging only the fee", () => {
    const s = genesis();
    const first: [SignedExtrinsic, string][] = [
      [transfer(alice, bob!.publicKeyHex, 2000n * TAO, 0, s), "Balances.InsufficientBalance"],
      [transfer(alice, ferdie.publicKeyHex, 499n, 1, s), "Balances.ExistentialDeposit"],
    ];
    // Third: keep-alive transfer that would leave Alice 100 rao, below the 500 rao deposit. The
    // probe has the same digit count as the real value, so the same length and fee.
    const feeOf = (e: SignedExtrinsic) => feeFor(e.call, extrinsicLength(e));
    const probe = transfer(alice, bob!.publicKeyHex, 999n * TAO, 2, s);
    const left = 1000n * TAO - first.reduce((a, [e]) => a + feeOf(e), 0n) - feeOf(probe);
    const cases: [SignedExtrinsic, string][] = [...first, [transfer(alice, bob!.publicKeyHex, left - 100n, 2, s), "Balances.KeepAlive"]];
    expect(feeOf(cases[2]![0])).toBe(feeOf(probe));
    const before = freeOf(s, bob!.publicKeyHex);
    const { block } = produceBlock(s, { ...at(12_000n), extrinsics: cases.map(([e]) => e) });
    expect(block.extrinsics.map((x) => x.error)).toEqual(cases.map(([, err]) => err));
    expect(freeOf(s, bob!.publicKeyHex)).toBe(before);
    expect(s.accounts.has(ferdie.publicKeyHex)).toBe(false);
    const fees = block.extrinsics.reduce((a, x) => a + x.fee, 0n);
    expect(freeOf(s, alice!.publicKeyHex)).toBe(1000n * TAO - fees);
    expect(names(block).filter((n) => n === "System.ExtrinsicFailed")).toHaveLength(3);
    expect(names(block)).not.toContain("Balances.Transfer");
  });

  it("reaps a sender that allow_death leaves below the existential deposit and burns its dust", () => {
    const s = genesis([[dave!.publicKeyHex, 1_000_000n]]);
    const probe = transfer(dave, bob!.publicKeyHex, 0n, 0, s, false);
    const fee = feeFor("Balances.transfer_allow_death", extrinsicLength(probe));
    const value = 1_000_000n - fee - 100n; // leaves 100 rao of dust
    const ext = transfer(dave, bob!.publicKeyHex, value, 0, s, false);
    expect(extrinsicLength(ext)).toBe(extrinsicLength(probe) + value.toString().length - 1);
    const fee2 = feeFor("Balances.transfer_allow_death", extrinsicLength(ext));
    const { block } = produceBlock(s, { ...at(12_000n), extrinsics: [transfer(dave, bob!.publicKeyHex, 1_000_000n - fee2 - 100n, 0, s, false)] });
    expect(block.extrinsics[0]!.success).toBe(true);
    expect(s.accounts.has(dave!.publicKeyHex)).toBe(false);
    expect(names(block)).toContain("Balances.DustLost");
    expect(names(block)).toContain("System.KilledAccount");
    expect(s.totalIssuance).toBe(2000n * TAO + 1_000_000n - 100n);
  });
});

describe("rejection before inclusion", () => {
  it.each([
    ["a tampered argument", (s: ChainState) => ({ ...transfer(alice, bob!.publicKeyHex, TAO, 0, s), args: { dest: bob!.publicKeyHex, value: "2000000000" } }), "BadProof"],
    ["another network's signature", () => signExtrinsic(alice!, { call: "Balances.transfer_keep_alive", args: { dest: bob!.publicKeyHex, value: "1" } }, 0, `0x${"11".repeat(32)}`), "BadProof"],
    ["a skipped nonce", (s: ChainState) => transfer(alice, bob!.publicKeyHex, TAO, 1, s), "Future"],
    ["an unknown call", (s: ChainState) => signExtrinsic(alice!, { call: "Balances.teleport", args: {} }, 0, s.genesisHash), "Malformed"],
    ["a call named after an object property", (s: ChainState) => signExtrinsic(alice!, { call: "constructor", args: {} }, 0, s.genesisHash), "Malformed"],
    ["arguments that are not an object", (s: ChainState) => ({ ...transfer(alice, bob!.publicKeyHex, TAO, 0, s), args: "dest=bob" as never }), "Malformed"],
    ["a negative amount", (s: ChainState) => signExtrinsic(alice!, { call: "Balances.transfer_keep_alive", args: { dest: bob!.publicKeyHex, value: "-5" } }, 0, s.genesisHash), "Malformed"],
    ["an argument the call does not take", (s: ChainState) => signExtrinsic(alice!, { call: "Balances.transfer_keep_alive", args: { dest: bob!.publicKeyHex, value: "5", memo: "hi" } }, 0, s.genesisHash), "Malformed"],
    ["a bad destination", (s: ChainState) => signExtrinsic(alice!, { call: "Balances.transfer_keep_alive", args: { dest: "5Grw", value: "5" } }, 0, s.genesisHash), "Malformed"],
    ["a fee the signer cannot pay", (s: ChainState) => transfer(ferdie, bob!.publicKeyHex, 1n, 0, s), "Payment"],
  ])("refuses %s and changes nothing", (_name, make, reason) => {
    const s = genesis();
    const fresh = genesis();
    const { block, rejected } = produceBlock(s, { ...at(12_000n), extrinsics: [make(s)] });
    expect(rejected.map((r) => r.reason.reason)).toEqual([reason]);
    expect(rejected[0]!.reason.message).toMatch(/^extrinsic rejected/);
    expect(block.extrinsics).toEqual([]);
    // Accounts, nonces and issuance are exactly those of an untouched genesis; only the block
    // number and parent hash moved on.
    expect(s.block).toBe(1n);
    expect(stateRoot(s)).toBe(stateRoot({ ...fresh, block: s.block }));
    expect(serializeState({ ...s, block: fresh.block, parentHash: fresh.parentHash })).toBe(serializeState(fresh));
    expect([...s.accounts.values()].map((a) => a.nonce)).toEqual([0, 0]);
  });

  it("names the call and the argument at fault", () => {
    const s = genesis();
    const call = (args: Record<string, string>, nonce = 0) => signExtrinsic(alice!, { call: "Balances.transfer_keep_alive", args }, nonce, s.genesisHash);
    const { rejected } = produceBlock(s, { ...at(12_000n), extrinsics: [call({ dest: bob!.publicKeyHex, value: "5", memo: "hi" }), call({ dest: bob!.publicKeyHex })] });
    expect(rejected.map((r) => r.reason.message)).toEqual([
      'extrinsic rejected (Malformed): malformed Balances.transfer_keep_alive: unknown argument "memo"',
      'extrinsic rejected (Malformed): malformed Balances.transfer_keep_alive: missing argument "value"',
    ]);
  });

  it("refuses a malformed author or timestamp with a clear error and leaves the state as it was", () => {
    const s = genesis();
    const before = serializeState(s);
    const ext = transfer(alice, bob!.publicKeyHex, TAO, 0, s);
    expect(() => produceBlock(s, { timestamp: T0, author: "5GrwvaEF", extrinsics: [ext] })).toThrow(/block author must be a 0x-hex 32-byte public key, got "5GrwvaEF"/);
    expect(() => produceBlock(s, { timestamp: -1n, author: charlie!.publicKeyHex, extrinsics: [ext] })).toThrow(/block timestamp must be a u64/);
    expect(serializeState(s)).toBe(before);
  });

  it("refuses a replay of an included extrinsic", () => {
    const s = genesis();
    const ext = transfer(alice, bob!.publicKeyHex, TAO, 0, s);
    produceBlock(s, { ...at(12_000n), extrinsics: [ext] });
    const { rejected } = produceBlock(s, { ...at(24_000n), extrinsics: [ext] });
    expect(rejected[0]!.reason.reason).toBe("Stale");
  });
});

describe("blocks", () => {
  it("chain by parent hash, name extrinsics {block}-{index}, and change hash with any extrinsic", () => {
    const s = genesis();
    const b1 = produceBlock(s, { ...at(12_000n), extrinsics: [transfer(alice, bob!.publicKeyHex, TAO, 0, s)] }).block;
    const b2 = produceBlock(s, { ...at(24_000n), extrinsics: [] }).block;
    expect(b1.header.parentHash).toBe(s.genesisHash);
    expect(b2.header.parentHash).toBe(b1.hash);
    expect(b2.header.number).toBe(2n);
    expect(b1.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(extrinsicId(b1.header.number, 0)).toBe("1-0000");
    const t = genesis();
    const other = produceBlock(t, { ...at(12_000n), extrinsics: [transfer(alice, bob!.publicKeyHex, TAO + 1n, 0, t)] }).block;
    expect(other.header.extrinsicsRoot).not.toBe(b1.header.extrinsicsRoot);
    expect(other.hash).not.toBe(b1.hash);
  });

  it("derive the genesis hash from genesis alone", () => {
    expect(genesis().genesisHash).toBe(genesis().genesisHash);
    const later = createGenesis({ preset: "test", timestamp: T0 + 1n, endowments: [[alice!.publicKeyHex, TAO]] }).state;
    expect(later.genesisHash).not.toBe(genesis().genesisHash);
  });
});

describe("invariants over seeded transfer traffic", () => {
  const keys = [alice!, bob!, charlie!, dave!];

  function run(seed: number, blocks: number, restoreAt?: number): { state: ChainState; events: Block["events"] } {
    const rng = createRng(seed);
    let s = createGenesis({ preset: "test", timestamp: T0, endowments: keys.slice(0, 3).map((k) => [k.publicKeyHex, 10n * TAO] as [string, bigint]) }).state;
    const events: Block["events"] = [];
    for (let b = 1; b <= blocks; b++) {
      if (b === restoreAt) s = restoreState(serializeState(s), s.rules);
      const exts: SignedExtrinsic[] = [];
      const nonces = new Map<string, number>();
      for (let k = 0; k < 3; k++) {
        const from = keys[rng.int(keys.length)]!;
        const to = keys[rng.int(keys.length)]!;
        const nonce = (s.accounts.get(from.publicKeyHex)?.nonce ?? 0) + (nonces.get(from.publicKeyHex) ?? 0);
        nonces.set(from.publicKeyHex, (nonces.get(from.publicKeyHex) ?? 0) + 1);
        const value = BigInt(rng.int(4_000_000_000));
        const random = Uint8Array.from({ length: 32 }, () => rng.int(256));
        exts.push(signExtrinsic(from, { call: rng.next() < 0.5 ? "Balances.transfer_keep_alive" : "Balances.transfer_allow_death", args: { dest: to.publicKeyHex, value: value.toString() } }, nonce, s.genesisHash, random));
      }
      const author = keys[b % keys.length]!.publicKeyHex;
      events.push(...produceBlock(s, { timestamp: T0 + BigInt(b) * 12_000n, author, extrinsics: exts }).block.events);
    }
    return { state: s, events };
  }

  it("keeps supply equal to all free balances and reconstructible from events", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { state, events } = run(seed, 12);
        const held = [...state.accounts.values()].reduce((a, x) => a + x.free, 0n);
        expect(held).toBe(state.totalIssuance);
        // Replaying only the events reproduces every balance.
        const replay = new Map<string, bigint>(keys.slice(0, 3).map((k) => [k.publicKeyHex, 10n * TAO]));
        const add = (who: unknown, amount: bigint) => replay.set(who as string, (replay.get(who as string) ?? 0n) + amount);
        for (const e of events) {
          const d = storedData(e) as Record<string, string>;
          if (e.name === "Balances.Withdraw") add(d.who, -BigInt(d.amount!));
          if (e.name === "Balances.Deposit") add(d.who, BigInt(d.amount!));
          if (e.name === "Balances.Transfer") {
            add(d.from, -BigInt(d.amount!));
            add(d.to, BigInt(d.amount!));
          }
          if (e.name === "Balances.DustLost") add(d.account, -BigInt(d.amount!));
        }
        for (const [who, free] of replay) expect(free, who).toBe(state.accounts.get(who)?.free ?? 0n);
      }),
      { numRuns: 15 },
    );
  });

  it("is deterministic, also across a serialise/restore of the state", () => {
    const a = run(42, 10);
    const b = run(42, 10);
    const c = run(42, 10, 5);
    expect(stateRoot(b.state)).toBe(stateRoot(a.state));
    expect(stateRoot(c.state)).toBe(stateRoot(a.state));
    expect(c.state.parentHash).toBe(a.state.parentHash);
    expect(stateRoot(run(43, 10).state)).not.toBe(stateRoot(a.state));
  });
});
