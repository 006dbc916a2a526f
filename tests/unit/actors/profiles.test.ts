/**
 * Who the actors are (lib/actors/profiles.ts): the task rule, the task list setting and its
 * errors, and profiles derived from hash(seed, hotkey) in the documented proportions.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/chain/rng";
import { describeMiner, describeValidator, hotkeySeed, type MinerProfile, minerProfile, parseTaskList, TaskListError, taskOf, validatorKind } from "@/lib/actors/profiles";
import { ConfigError, loadConfig } from "@/lib/node/config";
import { NetworkSpecError, specFromJson, subnetTask } from "@/lib/node/network";

/** `n` distinct hotkey-shaped keys from a seeded generator (profiles need only the 32 bytes). */
function hotkeys(n: number): string[] {
  const rng = createRng(99);
  return Array.from({ length: n }, () => `0x${Array.from({ length: 32 }, () => rng.int(256).toString(16).padStart(2, "0")).join("")}`);
}

describe("taskOf", () => {
  it.each([
    [1, "forecast"],
    [2, "classify"],
    [3, "compute"],
    [4, "forecast"],
    [8, "classify"],
    [128, "classify"],
  ] as const)("subnet %i runs %s under the default list", (netuid, task) => {
    expect(taskOf(netuid)).toBe(task);
  });

  it("cycles a configured list over the netuids", () => {
    expect([1, 2, 3, 4].map((n) => taskOf(n, ["compute", "forecast"]))).toEqual(["compute", "forecast", "compute", "forecast"]);
    expect(taskOf(5, ["classify"])).toBe("classify");
  });

  it("error: root (netuid 0) runs no task", () => {
    expect(() => taskOf(0)).toThrow("netuid must be an integer in [1, 65535], got 0");
  });
});

describe("parseTaskList", () => {
  it("reads names in order, trimmed, repeats allowed", () => {
    expect(parseTaskList(" compute , forecast,compute")).toEqual(["compute", "forecast", "compute"]);
  });

  it("error: names the entry that is not a task", () => {
    expect(() => parseTaskList("forecast,regress")).toThrow(new TaskListError('task 2 of "forecast,regress" is "regress": a task is one of forecast, classify, compute'));
    expect(() => parseTaskList(" , ")).toThrow(TaskListError);
  });
});

describe("traffic settings", () => {
  it("defaults to poi traffic on mainnet and synthetic on test and seed2024", () => {
    expect(loadConfig({})).toMatchObject({ traffic: "poi", tasks: ["forecast", "classify", "compute"] });
    expect(loadConfig({ TAOSCOPE_PRESET: "test" }).traffic).toBe("synthetic");
    expect(loadConfig({ TAOSCOPE_PRESET: "seed2024" }).traffic).toBe("synthetic");
    expect(loadConfig({ TAOSCOPE_PRESET: "test", TAOSCOPE_TRAFFIC: "poi", TAOSCOPE_TASKS: "compute" })).toMatchObject({ traffic: "poi", tasks: ["compute"] });
  });

  it("error: an unknown task, an unknown traffic and poi on seed2024 are named", () => {
    expect(() => loadConfig({ TAOSCOPE_TASKS: "forecast,nope" })).toThrow(ConfigError);
    expect(() => loadConfig({ TAOSCOPE_TASKS: "forecast,nope" })).toThrow('TAOSCOPE_TASKS: task 2 of "forecast,nope" is "nope"');
    expect(() => loadConfig({ TAOSCOPE_TRAFFIC: "random" })).toThrow('TAOSCOPE_TRAFFIC must be poi or synthetic, got "random"');
    expect(() => loadConfig({ TAOSCOPE_PRESET: "seed2024", TAOSCOPE_TRAFFIC: "poi" })).toThrow("TAOSCOPE_TRAFFIC=poi needs the mainnet or test preset");
  });

  it("records the traffic in the spec; a spec without one is synthetic; a bad task list is refused", () => {
    const base = { version: 2, preset: "mainnet", seed: 1, subnets: 4, uids: 32, timestamp: "0" };
    expect(subnetTask(specFromJson(JSON.stringify({ ...base, traffic: "poi", tasks: ["classify", "compute"] })), 3)).toBe("classify");
    expect(subnetTask(specFromJson(JSON.stringify(base)), 1)).toBeNull();
    expect(() => specFromJson(JSON.stringify({ ...base, traffic: "poi", tasks: ["forecast", "guess"] }))).toThrow(NetworkSpecError);
  });
});

describe("profiles from hash(seed, hotkey)", () => {
  it("are the same for a hotkey wherever they are derived, and differ across seeds", () => {
    const [a] = hotkeys(1);
    expect(minerProfile(1, a!)).toEqual(minerProfile(1, a!));
    expect(hotkeySeed(1, a!)).toBe(hotkeySeed(1, a!.toUpperCase().replace("0X", "0x")));
    expect(hotkeySeed(2, a!)).not.toBe(hotkeySeed(1, a!));
  });

  it("error: a malformed hotkey is named", () => {
    expect(() => hotkeySeed(1, "0x1234")).toThrow('a hotkey must be 0x followed by 64 hex digits, got "0x1234"');
  });

  it("come in the documented proportions (8% offline, 8% degrading; 10% copiers, 10% lazy)", () => {
    const keys = hotkeys(4000);
    const miners = keys.map((k) => minerProfile(5, k));
    const share = (f: (i: number) => boolean) => keys.filter((_, i) => f(i)).length / keys.length;
    // Binomial sd at n = 4000, p = 0.08: 0.43%; p = 0.1: 0.47%. Bounds at about 3.5 sd.
    expect(Math.abs(share((i) => miners[i]!.behaviour.kind === "offline") - 0.08)).toBeLessThan(0.015);
    expect(Math.abs(share((i) => miners[i]!.behaviour.kind === "degrading") - 0.08)).toBeLessThan(0.015);
    expect(new Set(miners.map((m) => m.capacity))).toEqual(new Set([2, 4, 8, 16, 64]));
    const kinds = keys.map((k) => validatorKind(5, k));
    expect(Math.abs(share((i) => kinds[i] === "copier") - 0.1)).toBeLessThan(0.017);
    expect(Math.abs(share((i) => kinds[i] === "lazy") - 0.1)).toBeLessThan(0.017);
  });
});

describe("describeMiner and describeValidator: a profile in words", () => {
  const profile = (over: Partial<MinerProfile>): MinerProfile => ({ hotkey: `0x${"11".repeat(32)}`, seed: 7, skill: 0, kindDraw: 0, guessDraw: 0, behaviour: { kind: "honest" }, capacity: 8, ...over });

  // The forecasting ladder has nine rungs, rung ⌊9·skill⌋: 0 last value, 1–2 moving averages of
  // 2 and 4, 3–8 AR(1), AR(2), AR(4), AR(8), AR(12), AR(24).
  it.each([
    [0, "last value"],
    [0.12, "moving average of 2"],
    [0.25, "moving average of 4"],
    [0.34, "AR(1), least squares"],
    [0.7, "AR(8), least squares"],
    [0.999, "AR(24), least squares"],
  ] as const)("forecast, skill %f: %s", (skill, strategy) => {
    expect(describeMiner("forecast", profile({ skill }))).toEqual({ strategy, behaviour: "honest", capacity: 8 });
  });

  // Classifiers train on ⌊4·2^(4·skill)⌋ texts: 4 at skill 0, 16 at ½, 63 just below 1; the
  // kind draw picks naive Bayes below ½, softmax regression (100 steps) from ½.
  it("classify: the kind by the second draw, the training size by skill", () => {
    expect(describeMiner("classify", profile({ skill: 0, kindDraw: 0.2 })).strategy).toBe("naive Bayes trained on 4 texts");
    expect(describeMiner("classify", profile({ skill: 0.5, kindDraw: 0.5 })).strategy).toBe("softmax regression (100 steps) trained on 16 texts");
    expect(describeMiner("classify", profile({ skill: 0.999, kindDraw: 0.9 })).strategy).toBe("softmax regression (100 steps) trained on 63 texts");
  });

  // A compute miner searches ⌊2^5 · 2^(4·skill − 2)⌋ nonces a request: 8 at skill 0, 32 at ½;
  // its budget covers four searches whatever its capacity.
  it("compute: the search length by skill, guess or abstain by the third draw, four requests a tempo", () => {
    expect(describeMiner("compute", profile({ skill: 0, guessDraw: 0.1 }))).toEqual({ strategy: "searches 8 nonces a request, then abstains", behaviour: "honest", capacity: 4 });
    expect(describeMiner("compute", profile({ skill: 0.5, guessDraw: 0.6, capacity: 64 }))).toEqual({ strategy: "searches 32 nonces a request, then guesses", behaviour: "honest", capacity: 4 });
  });

  it("behaviours", () => {
    expect(describeMiner("forecast", profile({ behaviour: { kind: "offline", offlineRate: 0.5 } })).behaviour).toBe("offline in half of the tempos");
    expect(describeMiner("forecast", profile({ behaviour: { kind: "offline", offlineRate: 0.25 } })).behaviour).toBe("offline in 25% of the tempos");
    expect(describeMiner("forecast", profile({ behaviour: { kind: "degrading", halfLifeTempos: 10 } })).behaviour).toBe("degrading, half-life 10 tempos");
  });

  it("validators", () => {
    expect(describeValidator("honest")).toBe("scores a sample of miners and sets weights every tempo");
    expect(describeValidator("lazy")).toBe("scores a sample of miners and sets weights every 3 tempos");
    expect(describeValidator("copier")).toBe("copies the last consensus as its weights and scores no one");
  });
});
