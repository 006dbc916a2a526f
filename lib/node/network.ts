/**
 * The network a node starts: a genesis spec (recorded in the database, so a restart or a
 * `verify` rebuilds exactly the same genesis) and the keys the synthetic activity signs with.
 *
 * Keys are Substrate dev derivations of the seed (`//taoscope/<seed>/...`): the subnet owners'
 * and stakers' coldkeys, one validator set that validates on every subnet (as large validators
 * do), miners per subnet and spare hotkeys for later registrations. //Alice is endowed, authors
 * every block and holds the sudo key. On seed2024 the owner hotkeys get no uid (2024 owners had
 * none); they remain free for registrations.
 */
import { type Keypair, keypairFromUri } from "../chain/keys/keypair";
import type { GenesisInput } from "../chain/runtime/block";
import { paramsFor } from "../chain/runtime/params";
import { PARAMS_2024 } from "../chain/seed2024/runtime";

const TAO = 1_000_000_000n;

export interface NetworkSpec {
  version: 1;
  preset: "mainnet" | "test" | "seed2024";
  seed: number;
  subnets: number;
  uids: number;
  /** Genesis timestamp (ms). */
  timestamp: string;
}

export interface Network {
  spec: NetworkSpec;
  genesis: GenesisInput;
  author: Keypair;
  coldkeys: Keypair[];
  hotkeys: Keypair[];
}

export class NetworkSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkSpecError";
  }
}

/** 2026-01-01T00:00:00Z: genesis time of every Taoscope network, so genesis hashes are reproducible. */
export const GENESIS_TIMESTAMP = 1_767_225_600_000n;

/** The limits a genesis network must fit, per preset. */
function limitsOf(preset: NetworkSpec["preset"]): { subnetLimit: number; maxAllowedUids: number; maxAllowedValidators: number } {
  if (preset === "seed2024") return { subnetLimit: PARAMS_2024.subnetLimit, maxAllowedUids: 256, maxAllowedValidators: 64 };
  const p = paramsFor(preset);
  return { subnetLimit: p.subnetLimit, maxAllowedUids: p.maxAllowedUids, maxAllowedValidators: p.hyper.maxAllowedValidators };
}

export function buildNetwork(spec: NetworkSpec): Network {
  const p = limitsOf(spec.preset);
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
  const genesis: GenesisInput = {
    preset: spec.preset,
    timestamp: BigInt(spec.timestamp),
    endowments: [[author.publicKeyHex, 1_000_000n * TAO], ...coldkeys.map((k) => [k.publicKeyHex, 100_000n * TAO] as const)],
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
  return { spec, genesis, author, coldkeys, hotkeys: [...validators, ...owners, ...miners, ...spare] };
}

export function specFromJson(json: string): NetworkSpec {
  const spec = JSON.parse(json) as NetworkSpec;
  if (spec.version !== 1) throw new NetworkSpecError(`unknown network spec version ${String(spec.version)}`);
  return spec;
}
