/**
 * The `taoscope` CLI against a live node (the production build in test mode, a fresh SQLite
 * database): real wallet files in a temporary folder, a real password, real sr25519 signatures.
 * Every command runs as a child process (tests/helpers/cli.ts); while it waits for inclusion
 * the test produces a block whenever the mempool holds something. Chain
 * state is read back through the API and checked against figures computed here (balances
 * before minus amounts and the stored fee), never against the CLI's own arithmetic.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { keypairFromUri } from "@/lib/chain/keys/keypair";
import { weightsCommitHash } from "@/lib/chain/runtime/weights";
import { Wallet } from "@/lib/wallet/wallet";
import { type CliOptions, type CliRun, cliFixture, runCli } from "../helpers/cli";

const PASSWORD = "correct horse battery staple";
const TAO = 1_000_000_000n;
const settings = { TAOSCOPE_PRESET: "test", TAOSCOPE_SUBNETS: "1", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: "3", TAOSCOPE_ACTIVITY: "off" };

const fixture = cliFixture(settings);

/** Run the CLI (--json unless `table`) with the test's wallets and password. */
function cli(args: string[], opts: Partial<CliOptions> = {}): Promise<CliRun> {
  return runCli(fixture.server, fixture.wallets, args, { ...opts, password: opts.password === undefined ? PASSWORD : opts.password });
}

async function free(address: string): Promise<bigint> {
  const r = await fixture.server.get<{ coldkey: { free: string } }>(`/api/accounts/${address}`);
  return r.status === 404 ? 0n : BigInt(r.body.coldkey.free);
}
async function account(address: string) {
  return (await fixture.server.get<{ coldkey: { free: string; positions: { netuid: number; hotkey: { ss58: string }; amount: string }[] }; hotkey: { take: number | null; neurons: { netuid: number; uid: number }[] } | null }>(`/api/accounts/${address}`)).body;
}
interface SubnetRow {
  netuid: number;
  owner: string;
  ownerSs58: string | null;
  tempo: number;
  burn: string;
  lastEpochBlock: string;
  epochIndex: number;
}
async function subnet(netuid: number): Promise<SubnetRow> {
  return (await fixture.server.get<SubnetRow[]>("/api/subnets")).body.find((s) => s.netuid === netuid)!;
}
const head = async () => BigInt((await fixture.server.get<{ head: { number: string } }>("/api/head")).body.head.number);

/** Produce blocks until the next block is at least 3 blocks before the subnet's epoch (outside AdminUtils' freeze window of 2). */
async function leaveFreezeWindow(netuid: number): Promise<void> {
  for (;;) {
    const s = await subnet(netuid);
    const next = (await head()) + 1n;
    if (BigInt(s.lastEpochBlock) + BigInt(s.tempo) - next >= 3n) return;
    await fixture.server.advance(1);
  }
}

const event = (r: CliRun, name: string) => (r.json.events as { name: string; data: Record<string, string> }[]).find((e) => e.name === name);

describe("taoscope wallet files", () => {
  it("creates a wallet as btcli lays it out: encrypted coldkey, coldkeypub.txt, plain hotkey, mode 0600, mnemonics shown once", async () => {
    const r = await cli(["wallet", "new", "--wallet.name", "bob"]);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(fixture.wallets, "bob");
    expect(fs.readdirSync(dir).sort()).toEqual(["coldkey", "coldkeypub.txt", "hotkeys"]);
    for (const f of ["coldkey", "coldkeypub.txt", "hotkeys/default"]) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    const coldPhrase: string = r.json.coldkey.mnemonic;
    expect(coldPhrase.split(" ")).toHaveLength(12);
    // The mnemonic regenerates the coldkey the wallet names; the file holds neither it nor the password in the clear.
    expect(keypairFromUri(coldPhrase).address).toBe(r.json.coldkey.ss58Address);
    const coldFile = fs.readFileSync(path.join(dir, "coldkey"), "utf8");
    for (const word of coldPhrase.split(" ")) expect(coldFile).not.toMatch(new RegExp(`\\b${word}\\b`));
    expect(coldFile).not.toContain(PASSWORD);
    const stored = JSON.parse(coldFile);
    expect(stored).toMatchObject({ version: 1, kdf: { name: "scrypt", N: 65536, r: 8, p: 1, dkLen: 32 }, cipher: { name: "xchacha20-poly1305" }, ss58Address: r.json.coldkey.ss58Address });
    expect(JSON.parse(fs.readFileSync(path.join(dir, "coldkeypub.txt"), "utf8")).ss58Address).toBe(r.json.coldkey.ss58Address);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "hotkeys", "default"), "utf8")).secretPhrase).toBe(r.json.hotkey.mnemonic);
    // No temporary file is left behind.
    expect(fs.readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);

    // The mnemonic shown regenerates the same coldkey into another wallet.
    const again = await cli(["wallet", "regen", "--wallet.name", "bob-restored", "--mnemonic", coldPhrase]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json.coldkey.ss58Address).toBe(r.json.coldkey.ss58Address);
    const bad = await cli(["wallet", "regen", "--wallet.name", "x", "--mnemonic", "twelve words that are not a valid mnemonic at all really no"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--mnemonic is not a valid BIP39 English mnemonic/);
  }, 60_000);

  it("never overwrites a wallet without --overwrite", async () => {
    const before = fs.readFileSync(path.join(fixture.wallets, "bob", "coldkey"), "utf8");
    const r = await cli(["wallet", "new", "--wallet.name", "bob"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wallet "bob" already exists .*--overwrite/);
    expect(fs.readFileSync(path.join(fixture.wallets, "bob", "coldkey"), "utf8")).toBe(before);
  }, 60_000);

  it("regenerates the //Alice dev account and a hotkey from a seed, and lists the wallets (table)", async () => {
    expect((await cli(["wallet", "regen", "--wallet.name", "alice", "--uri", "//Alice"])).code).toBe(0);
    // subkey's seed of //Alice//hot is not at hand: use the dev phrase's own seed with a hard junction (Substrate URI syntax).
    const seedUri = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
    const regen = await cli(["wallet", "regen-hotkey", "--wallet.name", "alice", "--seed", seedUri]);
    expect(regen.code, regen.stderr).toBe(0);
    expect(regen.json.hotkey.ss58Address).toBe("5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"); // subkey inspect of the dev phrase
    expect((await cli(["wallet", "new-hotkey", "--wallet.name", "bob", "--wallet.hotkey", "second"])).code).toBe(0);
    const list = await cli(["wallet", "list"], { table: true });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/alice\s+coldkey\s+5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY/);
    expect(list.stdout).toMatch(/hotkey second/);
  }, 60_000);
});

describe("taoscope against the chain", () => {
  let bob: { coldkey: string; hotkey: string; hotkeyHex: string; second: string };
  const carol = keypairFromUri("//Carol").address;

  beforeAll(() => {
    const read = (f: string) => JSON.parse(fs.readFileSync(path.join(fixture.wallets, "bob", f), "utf8")).ss58Address as string;
    bob = { coldkey: read("coldkeypub.txt"), hotkey: read("hotkeys/default"), hotkeyHex: JSON.parse(fs.readFileSync(path.join(fixture.wallets, "bob", "hotkeys/default"), "utf8")).publicKey, second: read("hotkeys/second") };
  });

  it("transfer: funds the new wallet from //Alice, then sends on, paying exactly amount + the stored fee", async () => {
    const fund = await cli(["transfer", "--wallet.name", "alice", "--dest", bob.coldkey, "--amount", "5000"]);
    expect(fund.code, fund.stderr + fund.stdout).toBe(0);
    expect(fund.json).toMatchObject({ status: "included", success: true, call: "Balances.transfer_keep_alive" });
    expect(await free(bob.coldkey)).toBe(5000n * TAO);

    const before = await free(bob.coldkey);
    const send = await cli(["transfer", "--wallet.name", "bob", "--dest", carol, "--amount", "12.345678901"]);
    expect(send.code, send.stderr).toBe(0);
    const stored = (await fixture.server.get<{ fee: string; blockNumber: string; success: boolean }>(`/api/extrinsics/${send.json.id}`)).body;
    expect(stored.success).toBe(true);
    expect(send.json.fee).toBe(stored.fee);
    expect(BigInt(stored.fee)).toBeGreaterThan(0n);
    expect(await free(carol)).toBe(12_345_678_901n);
    expect(await free(bob.coldkey)).toBe(before - 12_345_678_901n - BigInt(stored.fee));
    expect(event(send, "Balances.Transfer")?.data.amount).toBe("12345678901");
  }, 120_000);

  it("wallet balance and overview read the coldkey's figures", async () => {
    const r = await cli(["wallet", "balance", "--wallet.name", "bob"]);
    expect(r.code).toBe(0);
    expect(r.json.free).toBe((await free(bob.coldkey)).toString());
    const table = await cli(["wallet", "balance", "--wallet.name", "bob"], { table: true });
    expect(table.stdout).toContain(bob.coldkey);
    const o = await cli(["wallet", "overview", "--wallet.name", "bob"]);
    expect(o.code).toBe(0);
    expect(o.json.hotkeys.map((h: { name: string }) => h.name)).toEqual(["default", "second"]);
  }, 60_000);

  it("a failing call exits 1 with the chain's error name and sentence, and still pays its fee", async () => {
    const before = await free(bob.coldkey);
    const r = await cli(["transfer", "--wallet.name", "bob", "--dest", carol, "--amount", "1000000"]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: "included", success: false, error: { name: "Balances.InsufficientBalance" } });
    expect(r.json.error.message).toMatch(/rao free/);
    expect(await free(bob.coldkey)).toBe(before - BigInt(r.json.fee));
    const t = await cli(["transfer", "--wallet.name", "bob", "--dest", carol, "--amount", "1000000"], { table: true });
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/failed: Balances\.InsufficientBalance: \d+ rao free/);
  }, 120_000);

  it("register (burned): the hotkey gets a uid on subnet 1 and the coldkey pays the burn and the fee", async () => {
    const burn = BigInt((await subnet(1)).burn);
    const before = await free(bob.coldkey);
    const r = await cli(["register", "--wallet.name", "bob", "--netuid", "1"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(event(r, "SubtensorModule.NeuronRegistered")?.data).toMatchObject({ netuid: 1, hotkey: bob.hotkeyHex });
    // Two withdrawals: the fee, then the price (the burn decays every block, so at inclusion it is at most the head's).
    const withdrawn = (r.json.events as { name: string; data: { who: string; amount: string } }[]).filter((e) => e.name === "Balances.Withdraw").map((e) => BigInt(e.data.amount));
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn[0]).toBe(BigInt(r.json.fee));
    const price = withdrawn[1]!;
    expect(price > 0n && price <= burn).toBe(true);
    expect(await free(bob.coldkey)).toBe(before - price - BigInt(r.json.fee));
    const hk = await account(bob.hotkey);
    expect(hk.hotkey?.neurons.map((n) => n.netuid)).toEqual([1]);
    const second = await cli(["register", "--wallet.name", "bob", "--netuid", "1", "--hotkey", "second"]);
    expect(second.code, second.stderr + second.stdout).toBe(0);
  }, 120_000);

  it("stake add | remove | move | list", async () => {
    let before = await free(bob.coldkey);
    const add = await cli(["stake", "add", "--wallet.name", "bob", "--netuid", "1", "--amount", "100"]);
    expect(add.code, add.stderr + add.stdout).toBe(0);
    const added = event(add, "SubtensorModule.StakeAdded")!.data;
    expect(added.tao).toBe((100n * TAO).toString());
    expect(await free(bob.coldkey)).toBe(before - 100n * TAO - BigInt(add.json.fee));
    let positions = (await account(bob.coldkey)).coldkey.positions;
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ netuid: 1, hotkey: { ss58: bob.hotkey } });
    const alpha = BigInt(positions[0]!.amount);
    expect(alpha).toBeGreaterThan(0n);

    // Unstake 1 α: the coldkey receives the τ the event says the pool paid, less the fee.
    before = await free(bob.coldkey);
    const rm = await cli(["stake", "remove", "--wallet.name", "bob", "--netuid", "1", "--amount", "1"]);
    expect(rm.code, rm.stderr + rm.stdout).toBe(0);
    const removed = event(rm, "SubtensorModule.StakeRemoved")!.data;
    expect(await free(bob.coldkey)).toBe(before + BigInt(removed.tao!) - BigInt(rm.json.fee));

    // Move 2 α to the second hotkey on the same subnet.
    const mv = await cli(["stake", "move", "--wallet.name", "bob", "--origin-netuid", "1", "--dest-netuid", "1", "--dest", "second", "--amount", "2"]);
    expect(mv.code, mv.stderr + mv.stdout).toBe(0);
    positions = (await account(bob.coldkey)).coldkey.positions;
    const on = (hk: string) => positions.find((p) => p.hotkey.ss58 === hk);
    // Within a subnet no swap happens: 2 α arrive (the share pools may round by a rao), and the origin holds less.
    const arrived = BigInt(on(bob.second)!.amount);
    expect(arrived >= 2n * TAO - 2n && arrived <= 2n * TAO).toBe(true);
    expect(BigInt(event(mv, "SubtensorModule.StakeMoved")!.data.alpha!)).toBe(arrived);
    expect(BigInt(on(bob.hotkey)!.amount)).toBeLessThan(alpha - 1n * TAO);

    const list = await cli(["stake", "list", "--wallet.name", "bob"]);
    expect(list.code).toBe(0);
    expect(list.json.positions).toEqual((await fixture.server.get<{ coldkey: { positions: unknown } }>(`/api/accounts/${bob.coldkey}`)).body.coldkey.positions);
  }, 180_000);

  it("take set lowers the hotkey's delegate take (decrease_take)", async () => {
    const r = await cli(["take", "set", "--wallet.name", "bob", "--take", "0.09"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json.call).toBe("SubtensorModule.decrease_take");
    expect((await account(bob.hotkey)).hotkey?.take).toBe(Math.round(0.09 * 65535));
  }, 120_000);

  it("root register gives the hotkey a root uid; root weights says dTAO has none", async () => {
    const r = await cli(["root", "register", "--wallet.name", "bob"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(event(r, "SubtensorModule.NeuronRegistered")?.data.netuid).toBe(0);
    const w = await cli(["root", "weights", "--wallet.name", "bob", "--netuids", "1", "--weights", "1"]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/root weights exist only under the 2024 rules/);
  }, 120_000);

  it("subnet create | list | show | metagraph", async () => {
    const before = await free(bob.coldkey);
    const r = await cli(["subnet", "create", "--wallet.name", "bob"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const added = event(r, "SubtensorModule.NetworkAdded")!.data;
    const netuid = Number(added.netuid);
    expect(await free(bob.coldkey)).toBe(before - BigInt(added.lock!) - BigInt(r.json.fee));
    const list = await cli(["subnet", "list"]);
    const row = list.json.find((s: { netuid: number }) => s.netuid === netuid);
    expect(row.ownerSs58).toBe(bob.coldkey);
    const show = await cli(["subnet", "show", "--netuid", String(netuid)]);
    expect(show.code).toBe(0);
    expect(show.json.hyperparameters.find((p: { name: string }) => p.name === "tempo")).toBeDefined();
    const mg = await cli(["subnet", "metagraph", "--netuid", "1"]);
    expect(mg.code).toBe(0);
    expect(mg.json.neurons.map((n: { hotkey: string }) => n.hotkey)).toContain(bob.hotkey);
    const table = await cli(["subnet", "metagraph", "--netuid", "1"], { table: true });
    expect(table.stdout).toContain(bob.hotkey);
    // The owner sets an owner-settable hyperparameter of its own subnet.
    await leaveFreezeWindow(netuid);
    const owner = await cli(["sudo", "set", "immunity_period", "--wallet.name", "bob", "--netuid", String(netuid), "--value", "25"]);
    expect(owner.code, owner.stderr + owner.stdout).toBe(0);
    expect(event(owner, "SubtensorModule.HyperparameterSet")?.data).toMatchObject({ netuid, name: "immunity_period", value: "25", by: "owner" });
    expect((await fixture.server.get<{ params: { name: string; value: string }[] }>(`/api/subnets/${netuid}/hyperparams`)).body.params.find((p) => p.name === "immunity_period")?.value).toBe("25");
    const missing = await cli(["subnet", "show", "--netuid", "999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/subnet 999 does not exist/);
  }, 120_000);

  it("sudo set: the sudo key sets a root-only hyperparameter; a subnet owner may not (BadOrigin)", async () => {
    await leaveFreezeWindow(1);
    const r = await cli(["sudo", "set", "weights_version_key", "--wallet.name", "alice", "--netuid", "1", "--value", "0"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    await leaveFreezeWindow(1);
    const kappa = await cli(["sudo", "set", "--param", "kappa", "--wallet.name", "alice", "--netuid", "1", "--value", "30000"]);
    expect(kappa.code, kappa.stderr + kappa.stdout).toBe(0);
    const hp = (await fixture.server.get<{ params: { name: string; value: string }[] }>("/api/subnets/1/hyperparams")).body.params;
    expect(hp.find((p) => p.name === "kappa")?.value).toBe("30000");
    const bad = await cli(["sudo", "set", "kappa", "--wallet.name", "bob", "--netuid", "1", "--value", "1"]);
    expect(bad.code).toBe(1);
    expect(bad.json.error.name).toBe("BadOrigin");
    const unknown = await cli(["sudo", "set", "no_such", "--wallet.name", "alice", "--netuid", "1", "--value", "1"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown hyperparameter "no_such"/);
  }, 180_000);

  it("weights set, then commit and reveal under commit-reveal", async () => {
    const uid = (await account(bob.hotkey)).hotkey!.neurons.find((n) => n.netuid === 1)!.uid;
    const set = await cli(["weights", "set", "--wallet.name", "bob", "--netuid", "1", "--uids", String(uid), "--weights", "1"]);
    expect(set.code, set.stderr + set.stdout).toBe(0);
    expect(event(set, "SubtensorModule.WeightsSet")?.data).toMatchObject({ netuid: 1, uid });

    await leaveFreezeWindow(1);
    const on = await cli(["sudo", "set", "commit_reveal_weights_enabled", "--wallet.name", "alice", "--netuid", "1", "--value", "true"]);
    expect(on.code, on.stderr + on.stdout).toBe(0);
    await fixture.server.advance(3); // past the weights rate limit (2 blocks on the test preset)
    const commit = await cli(["weights", "commit", "--wallet.name", "bob", "--netuid", "1", "--uids", String(uid), "--weights", "0.5", "--salt", "7,8,9"]);
    expect(commit.code, commit.stderr + commit.stdout).toBe(0);
    const committed = event(commit, "SubtensorModule.WeightsCommitted")!.data;
    // subtensor's commit hash of (hotkey, netuid, uids, values, salt, version_key): 0.5 of the largest is 65535.
    expect(committed.commitHash).toBe(weightsCommitHash(bob.hotkeyHex, 1, [uid], [65535], [7, 8, 9], 0n));
    const revealEpoch = Number(committed.revealEpoch);
    const early = await cli(["weights", "reveal", "--wallet.name", "bob", "--netuid", "1", "--uids", String(uid), "--weights", "0.5", "--salt", "7,8,9"]);
    expect(early.code).toBe(1);
    expect(early.json.error.name).toBe("SubtensorModule.RevealTooEarly");
    while ((await subnet(1)).epochIndex < revealEpoch) await fixture.server.advance(1);
    const reveal = await cli(["weights", "reveal", "--wallet.name", "bob", "--netuid", "1", "--uids", String(uid), "--weights", "0.5", "--salt", "7,8,9"]);
    expect(reveal.code, reveal.stderr + reveal.stdout).toBe(0);
    expect(event(reveal, "SubtensorModule.WeightsRevealed")?.data.commitHash).toBe(committed.commitHash);
  }, 240_000);
});

describe("taoscope on a terminal", () => {
  it("asks for a new password twice with the input hidden, and the coldkey opens with it", async () => {
    const typed = "typed at the prompt 42";
    const r = await cli(["wallet", "regen", "--wallet.name", "dave", "--uri", "//Dave"], { password: null, table: true, tty: { type: [typed, typed] } });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/New password for the coldkey of wallet "dave"/);
    expect(r.stdout).toMatch(/Repeat it/);
    expect(r.stdout).not.toContain(typed);
    expect(new Wallet(fixture.wallets, "dave").unlockColdkey(typed).address).toBe(keypairFromUri("//Dave").address);
  }, 60_000);

  it("shows a spinner while it waits for the block, then the outcome table", async () => {
    const r = await cli(["transfer", "--wallet.name", "bob", "--dest", keypairFromUri("//Eve").address, "--amount", "0.5"], { table: true, tty: { type: [] } });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for inclusion/);
    expect(r.stdout).toMatch(/result\s+success/);
    expect(r.stdout).toMatch(/fee\s+0\.\d{9} τ/);
  }, 60_000);
});

describe("taoscope refuses bad input with a message and an exit code", () => {
  it("wrong password: exit 1, and nothing is submitted", async () => {
    const r = await cli(["transfer", "--wallet.name", "bob", "--dest", keypairFromUri("//Dave").address, "--amount", "1"], { password: "not the password" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wrong password/);
    expect(await free(keypairFromUri("//Dave").address)).toBe(0n);
  }, 60_000);

  it("missing wallet: exit 1 naming it", async () => {
    const r = await cli(["transfer", "--wallet.name", "nobody", "--dest", keypairFromUri("//Dave").address, "--amount", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wallet "nobody" not found/);
  }, 60_000);

  it.each([
    [["--amount", "1.0000000001"], /--amount: "1.0000000001" has 10 decimals/],
    [["--amount", "-1"], /--amount: "-1" is not an amount of τ/],
    [["--amount", "1e3"], /--amount: "1e3" is not an amount of τ/],
  ])("bad amount %j: exit 2", async (extra, message) => {
    const r = await cli(["transfer", "--wallet.name", "bob", "--dest", keypairFromUri("//Dave").address, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);

  it("bad address, unknown option, missing option, no password: exit 2 naming the option", async () => {
    const addr = await cli(["transfer", "--wallet.name", "bob", "--dest", "5Grwva", "--amount", "1"]);
    expect(addr.code).toBe(2);
    expect(addr.stderr).toMatch(/--dest must be an SS58 address/);
    const unknown = await cli(["stake", "add", "--wallet.name", "bob", "--netuid", "1", "--amount", "1", "--colour", "red"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --colour for "taoscope stake add"/);
    const missing = await cli(["stake", "add", "--wallet.name", "bob", "--amount", "1"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --netuid/);
    const nopw = await cli(["transfer", "--wallet.name", "bob", "--dest", keypairFromUri("//Dave").address, "--amount", "1"], { password: null });
    expect(nopw.code).toBe(2);
    expect(nopw.stderr).toMatch(/TAOSCOPE_PASSWORD/);
  }, 60_000);

  it("npx taoscope runs the launcher", async () => {
    const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const p = spawn("npx", ["taoscope", "--help"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      p.on("exit", (code) => resolve({ code: code ?? 1, stdout }));
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/stake add/);
  }, 60_000);
});
