/**
 * The network a node starts: a genesis spec (recorded in the database, so a restart or a
 * `verify` rebuilds exactly the same genesis) and the keys the synthetic activity signs with.
 *
 * Keys are Substrate dev derivations of the seed (`//taoscope/<seed>/...`): the subnet owners'
 * and stakers' coldkeys, one validator set that validates on every subnet (as large validators
 * do), miners per subnet and spare hotkeys for later registrations. //Alice is endowed, authors
 * every block and holds the sudo key. On seed2024 the owner hotkeys get no uid (2024 owners had
 * none); they remain free for registrations.
 *
 * ## The genesis spec (version 2), and where each number comes from
 *
 * Version 2 makes a new network look like Bittensor from its first block (`mainnet` and
 * `seed2024`; `test` stays small and unstaked so tests are fast). Version-1 databases keep
 * rebuilding their version-1 genesis (no genesis stake, the endowments below under "v1").
 *
 * | figure | value | source |
 * | --- | --- | --- |
 * | issuance at genesis | 6,254,373 τ | Bittensor's total issuance in 2024 (taostats, 2024) |
 * | staked at genesis | 5,561,230 τ (88.9%) | Bittensor's staked TAO in 2024 (same source) |
 * | block time | 12 s | subtensor `MILLISECS_PER_BLOCK = 12000` |
 * | blocks a day | 7,200 | 86,400 s / 12 s |
 * | block emission | 1 τ | `block_emission` below the first halving (10.5M τ): 1 τ a block, 7,200 τ a day in 2024 |
 * | validators with permits | 64 per subnet (at most) | `MaxAllowedValidators` default 64 |
 * | uids per subnet | 256 (at most) | `MaxAllowedUids` default 256 |
 * | validators here | min(64, ⌊(uids − 1) / 4⌋) | a quarter of the uids, as on small 2024 subnets; the rest are miners |
 * | history | 21,600 blocks = 3 days | `TAOSCOPE_HISTORY_BLOCKS` (lib/node/config.ts) |
 *
 * Stake: every validator hotkey is staked by its own coldkey (20%) and by the seven nominator
 * coldkeys (80%, equal parts), validator i holding a Zipf share 1/(i + 1) of the total: a few
 * large validators and a long tail, as on the 2024 network. The stake is taken at genesis by
 * the preset's own `add_stake` (and, on seed2024, `become_delegate` first, since a 2024 nominator
 * could only stake on a delegate), run through the engine's call handlers (`GenesisInput.calls`).
 * Genesis rather than signed extrinsics in the first blocks: the staked ratio is right from
 * block 0 (the explorer's first page, the first epoch's stake weights and validator permits),
 * the history stays free for the synthetic traffic (whose nonces would collide with a burst of
 * node-signed extrinsics), and the engine stays pure (the calls are data in the spec's genesis).
 *
 * - `mainnet` (dynamic TAO): when subtensor switched to dynamic TAO (February 2025), all stake
 *   that existed became root stake (netuid 0, TAO 1:1). So the 2024 stake is root stake here,
 *   and each validator also buys a little alpha on every subnet (`ALPHA_STAKE` τ × its Zipf
 *   share) so every subnet's metagraph shows alpha stake. The explorer's staked figure
 *   (lib/db/store.ts: alpha at spot price + root TAO) is then about 89% of issuance.
 * - `seed2024` (subtensor v1.1.3): stake is TAO per (hotkey, coldkey) and counts on every
 *   subnet the hotkey is on; the whole 5,561,230 τ is staked that way.
 *
 * Free balances: issuance − stake − the genesis pools' minted locks (mainnet: 1,000 τ a
 * subnet), shared between //Alice (100,000 τ: fees and sudo) and the eight coldkeys equally.
 */
import { parseTaskList, type TaskName, taskOf } from "../actors/profiles";
import { type Keypair, keypairFromUri } from "../chain/keys/keypair";
import type { GenesisCall, GenesisInput } from "../chain/runtime/block";
import type { PresetName } from "../chain/runtime/state";
import { rulesOf } from "../chain/eras/presets";
import { paramsOf } from "../chain/runtime/params";

const TAO = 1_000_000_000n;

export interface NetworkSpec {
  /** 1: the first genesis (no stake); 2: the Bittensor-like genesis and `historyBlocks`. */
  version: 1 | 2;
  preset: PresetName;
  seed: number;
  subnets: number;
  uids: number;
  /** Genesis timestamp (ms): v2, the wall clock at first start − historyBlocks × 12 s. */
  timestamp: string;
  /** v2: blocks fast-forwarded before the node goes live (the target survives a restart). */
  historyBlocks?: number;
  /**
   * The traffic the node produces (absent: `synthetic`, what every database made before the
   * PoI traffic had) and, for `poi`, the tasks cycled over the netuids (lib/actors/profiles.ts).
   * Neither enters the genesis block.
   */
  traffic?: "poi" | "synthetic";
  tasks?: TaskName[];
}

export interface Network {
  spec: NetworkSpec;
  genesis: GenesisInput;
  author: Keypair;
  coldkeys: Keypair[];
  /** Every hotkey of the network: validators, subnet owners, miners and spares (for churn). */
  hotkeys: Keypair[];
  /** The validator hotkeys (registered on every subnet at genesis); the traffic's validators. */
  validators: Keypair[];
  /** The seven coldkeys that nominate the validators' root stake at genesis (v2, not test). */
  nominators: Keypair[];
}

export class NetworkSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkSpecError";
  }
}

/** Simulated block time: history blocks are 12 s apart (subtensor's MILLISECS_PER_BLOCK). */
export const BLOCK_SPACING_MS = 12_000n;
/** Bittensor in 2024: total issuance and staked TAO (see the table above). */
export const ISSUANCE_2024 = 6_254_373n * TAO;
export const STAKED_2024 = 5_561_230n * TAO;
/** Alpha bought per validator per subnet at genesis on mainnet, before its Zipf share (τ). */
const ALPHA_STAKE = 100n * TAO;
const ALICE_FREE = 100_000n * TAO;

/**
 * Genesis time: `historyBlocks` blocks of 12 s before `now`, so the last history block lands
 * at about the wall clock when the node first started.
 */
export function genesisTimestamp(now: bigint, historyBlocks: number): bigint {
  const t = now - BigInt(historyBlocks) * BLOCK_SPACING_MS;
  return t > 0n ? t : 0n;
}

/**
 * The network a node builds on each preset (the chain's rules are the presets table's): whether
 * its version-2 genesis carries the 2024 stake (`test` stays small and unstaked so tests are
 * fast), and the traffic it produces unless told otherwise.
 */
export const NETWORK_SHAPES: Readonly<Record<PresetName, { readonly stakedGenesis: boolean; readonly defaultTraffic: "poi" | "synthetic" }>> = Object.freeze({
  mainnet: { stakedGenesis: true, defaultTraffic: "poi" },
  test: { stakedGenesis: false, defaultTraffic: "synthetic" },
  seed2024: { stakedGenesis: true, defaultTraffic: "synthetic" },
});

export function buildNetwork(spec: NetworkSpec): Network {
  const rules = rulesOf(spec.preset);
  const p = rules.era.traits.limits(rules);
  if (spec.subnets > p.subnetLimit) throw new NetworkSpecError(`the ${spec.preset} preset has ${p.subnetLimit} subnet slots; ${spec.subnets} subnets were asked for (TAOSCOPE_SUBNETS)`);
  if (spec.uids > p.maxAllowedUids) throw new NetworkSpecError(`the ${spec.preset} preset allows ${p.maxAllowedUids} uids per subnet; ${spec.uids} were asked for (TAOSCOPE_UIDS)`);
  const base = `//taoscope/${spec.seed}`;
  const validatorCount = Math.max(1, Math.min(p.maxAllowedValidators, Math.floor((spec.uids - 1) / 4)));
  const minerCount = spec.uids - 1 - validatorCount;
  const coldkeys = Array.from({ length: 8 }, (_, i) => keypairFromUri(`${base}/coldkey/${i}`));
  const validators = Array.from({ length: validatorCount }, (_, i) => keypairFromUri(`${base}/validator/${i}`));
  const owners = Array.from({ length: spec.subnets }, (_, i) => keypairFromUri(`${base}/owner-hotkey/${i}`));
  const miners = Array.from({ length: spec.subnets * minerCount }, (_, i) => keypairFromUri(`${base}/miner/${i}`));
  const spare = Array.from({ length: 16 }, (_, i) => keypairFromUri(`${base}/spare/${i}`));
  const author = keypairFromUri("//Alice");
  const validatorColdkey = coldkeys[0]!;
  const staked = spec.version >= 2 && NETWORK_SHAPES[spec.preset].stakedGenesis;
  const { endowments, calls } = staked
    ? stakedGenesis(spec, author, coldkeys, validators)
    : { endowments: [[author.publicKeyHex, 1_000_000n * TAO] as const, ...coldkeys.map((k) => [k.publicKeyHex, 100_000n * TAO] as const)], calls: [] };
  const genesis: GenesisInput = {
    preset: spec.preset,
    timestamp: BigInt(spec.timestamp),
    endowments,
    ...(calls.length ? { calls } : {}),
    sudo: author.publicKeyHex,
    subnets: owners.map((ownerHotkey, s) => ({
      owner: coldkeys[1 + (s % 7)]!.publicKeyHex,
      ownerHotkey: ownerHotkey.publicKeyHex,
      started: true,
      neurons: [
        ...validators.map((v) => ({ hotkey: v.publicKeyHex, coldkey: validatorColdkey.publicKeyHex })),
        // A miner's coldkey is never its subnet owner's (the owner's hotkeys have their incentive burned).
        ...miners.slice(s * minerCount, (s + 1) * minerCount).map((m, j) => ({ hotkey: m.publicKeyHex, coldkey: coldkeys[1 + ((s + 1 + (j % 6)) % 7)]!.publicKeyHex })),
      ],
    })),
  };
  return { spec, genesis, author, coldkeys, hotkeys: [...validators, ...owners, ...miners, ...spare], validators, nominators: staked ? coldkeys.slice(1) : [] };
}

/**
 * The v2 genesis stake (see the table at the top): calls and the endowments that pay for them,
 * so that issuance is exactly ISSUANCE_2024 and the TAO put into stake is exactly STAKED_2024.
 */
function stakedGenesis(spec: NetworkSpec, author: Keypair, coldkeys: Keypair[], validators: Keypair[]): { endowments: (readonly [string, bigint])[]; calls: GenesisCall[] } {
  const calls: GenesisCall[] = [];
  const spent = new Map<string, bigint>(coldkeys.map((k) => [k.publicKeyHex, 0n]));
  const rules = rulesOf(spec.preset);
  const { traits } = rules.era;
  const stake = (coldkey: Keypair, hotkey: Keypair, amount: bigint, netuid: number) => {
    calls.push({ signer: coldkey.publicKeyHex, call: "SubtensorModule.add_stake", args: traits.addStakeArgs(hotkey.publicKeyHex, netuid, amount) });
    spent.set(coldkey.publicKeyHex, spent.get(coldkey.publicKeyHex)! + amount);
  };
  const owner = coldkeys[0]!;
  const nominators = coldkeys.slice(1);
  // Zipf shares in parts per million: validator i holds 1/(i+1) of the harmonic sum.
  const harmonic = validators.reduce((a, _, i) => a + 1 / (i + 1), 0);
  const shares = validators.map((_, i) => BigInt(Math.round(1_000_000 / (i + 1) / harmonic)));
  if (traits.nominationNeedsDelegate) for (const v of validators) calls.push({ signer: owner.publicKeyHex, call: "SubtensorModule.become_delegate", args: { hotkey: v.publicKeyHex } });
  // With pools (mainnet): a little alpha on every subnet first (it is not part of the 2024 stake figure's TAO).
  let alpha = 0n;
  if (traits.pools)
    validators.forEach((v, i) => {
      const amount = (ALPHA_STAKE * shares[i]! * BigInt(validators.length)) / 1_000_000n;
      for (let s = 1; s <= spec.subnets; s++) if (amount > 0n) stake(owner, v, amount, s), (alpha += amount);
    });
  // The 2024 stake: root stake on mainnet, TAO stake on seed2024; 20% self-stake, 80% nominated.
  const total = STAKED_2024 - alpha;
  let left = total;
  validators.forEach((v, i) => {
    const mine = i === validators.length - 1 ? left : (total * shares[i]!) / 1_000_000n;
    left -= mine;
    const nominated = (mine * 4n) / 5n / BigInt(nominators.length);
    for (const n of nominators) stake(n, v, nominated, 0);
    stake(owner, v, mine - nominated * BigInt(nominators.length), 0);
  });
  const pools = traits.pools ? BigInt(spec.subnets) * paramsOf({ rules }).networkMinLock : 0n; // each genesis pool holds the minimum lock
  const free = ISSUANCE_2024 - STAKED_2024 - pools - ALICE_FREE;
  const each = free / BigInt(coldkeys.length);
  const endowments = [[author.publicKeyHex, ALICE_FREE + (free - each * BigInt(coldkeys.length))] as const, ...coldkeys.map((k) => [k.publicKeyHex, spent.get(k.publicKeyHex)! + each] as const)];
  return { endowments, calls };
}

export function specFromJson(json: string): NetworkSpec {
  const spec = JSON.parse(json) as NetworkSpec;
  if (spec.version !== 1 && spec.version !== 2) throw new NetworkSpecError(`unknown network spec version ${String(spec.version)}`);
  if (spec.traffic !== undefined && spec.traffic !== "poi" && spec.traffic !== "synthetic") throw new NetworkSpecError(`the network spec's traffic must be poi or synthetic, got ${JSON.stringify(spec.traffic)}`);
  if (spec.tasks !== undefined) {
    if (!Array.isArray(spec.tasks)) throw new NetworkSpecError(`the network spec's tasks must be a list, got ${JSON.stringify(spec.tasks)}`);
    try {
      parseTaskList(spec.tasks.join(","));
    } catch (e) {
      throw new NetworkSpecError(`the network spec's tasks: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return spec;
}

/** The traffic a spec's network produces (`synthetic` for a spec written before PoI traffic). */
export function trafficOf(spec: NetworkSpec): "poi" | "synthetic" {
  return spec.traffic ?? "synthetic";
}

/** The task subnet `netuid` runs on the spec's network; null without PoI traffic or for root. */
export function subnetTask(spec: NetworkSpec, netuid: number): TaskName | null {
  if (trafficOf(spec) !== "poi" || netuid < 1) return null;
  return taskOf(netuid, spec.tasks ?? undefined);
}
