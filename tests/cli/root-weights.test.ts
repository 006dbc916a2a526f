/**
 * `taoscope root weights` on the 2024 rules (`seed2024`), the only era with root weights:
 * a genesis validator's coldkey and hotkey (derived from the network's seed as lib/node/network.ts
 * derives them) regenerated into a wallet, its hotkey given a root uid, then its weights set on
 * the subnets, all as child processes with a real password and signatures.
 */
import { describe, expect, it } from "vitest";
import { cliFixture, runCli } from "../helpers/cli";

const SEED = 1;
const settings = { TAOSCOPE_PRESET: "seed2024", TAOSCOPE_SUBNETS: "2", TAOSCOPE_UIDS: "8", TAOSCOPE_SEED: String(SEED), TAOSCOPE_ACTIVITY: "off" };

const fixture = cliFixture(settings);

const cli = (args: string[]) => runCli(fixture.server, fixture.wallets, args, { password: "a real password" });

describe("taoscope root weights (seed2024)", () => {
  it("root-registers a genesis validator's hotkey and sets its root weights", async () => {
    expect((await cli(["wallet", "regen", "--wallet.name", "v0", "--uri", `//taoscope/${SEED}/coldkey/0`])).code).toBe(0);
    expect((await cli(["wallet", "regen-hotkey", "--wallet.name", "v0", "--uri", `//taoscope/${SEED}/validator/0`])).code).toBe(0);
    const reg = await cli(["root", "register", "--wallet.name", "v0"]);
    expect(reg.code, reg.stderr + JSON.stringify(reg.json)).toBe(0);
    expect(reg.json.events.find((e: { name: string }) => e.name === "SubtensorModule.NeuronRegistered").data.netuid).toBe(0);
    const early = await cli(["root", "weights", "--wallet.name", "v0", "--netuids", "1,2", "--weights", "0.25,0.75"]);
    expect(early.code).toBe(1);
    expect(early.json.error.name).toBe("SubtensorModule.SettingWeightsTooFast");
    // The registration counts as an update; the 2024 weights rate limit is 100 blocks.
    await fixture.server.advance(100);
    const w = await cli(["root", "weights", "--wallet.name", "v0", "--netuids", "1,2", "--weights", "0.25,0.75"]);
    expect(w.code, w.stderr + JSON.stringify(w.json)).toBe(0);
    // Max-upscaled to u16 as btcli sends them: 0.25/0.75 × 65535 rounded, and 65535.
    expect(w.json.args).toMatchObject({ netuid: 0, dests: [1, 2], weights: [21845, 65535] });
    expect(w.json.events.find((e: { name: string }) => e.name === "SubtensorModule.WeightsSet").data.netuid).toBe(0);
  }, 120_000);
});
