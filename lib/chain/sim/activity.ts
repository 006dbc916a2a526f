/**
 * Synthetic activity: a seeded generator of signed extrinsics that gives a network life before
 * the full simulation exists. Validators set weights once per tempo from noisy views of each
 * miner's hidden quality; stakers add and remove stake (on subnets and on root); coldkeys
 * register hotkeys, start their subnets and send transfers; hotkeys serve axons. Everything goes through the public extrinsic path: the generator
 * only reads state to choose plausible calls, and the chain decides what succeeds.
 *
 * Deterministic: the same seed, keys and state sequence give the same extrinsics, signatures
 * included (signing randomness comes from the seeded generator).
 */
import type { Keypair } from "../keys/keypair";
import type { Rng } from "../rng";
import type { Call, SignedExtrinsic } from "../runtime/extrinsic";
import { blockSigner } from "./signer";
import { paramsOf } from "../runtime/params";
import type { ChainState, Subnet } from "../runtime/state";
import { shareValue } from "../staking/share-pool";

const TAO = 1_000_000_000n;

export interface ActivityConfig {
  /** Coldkeys the generator signs for (they need balances to act). */
  coldkeys: readonly Keypair[];
  /** Hotkeys it may register and sign weights with. */
  hotkeys: readonly Keypair[];
  /** Per-block probabilities of each kind of call. */
  stakeRate?: number;
  unstakeRate?: number;
  registerRate?: number;
  transferRate?: number;
  /** Standard deviation of a validator's noise around the true quality (quality is in [0, 1]). */
  noise?: number;
  /**
   * The hidden quality of each hotkey. By default it is drawn from the generator the first time
   * a hotkey is seen; a caller that builds a new generator per block passes a fixed function.
   */
  quality?: (hotkey: string) => number;
}

export interface Activity {
  /** The hidden quality of a hotkey as a miner, in [0, 1). */
  quality(hotkey: string): number;
  /** Signed extrinsics for the block after `state`. */
  next(state: ChainState): SignedExtrinsic[];
}

export function createActivity(rng: Rng, config: ActivityConfig): Activity {
  const { coldkeys, hotkeys } = config;
  const rates = backgroundRates(config);
  const noise = config.noise ?? 0.1;
  const hotkeyByHex = new Map(hotkeys.map((k) => [k.publicKeyHex, k]));
  const qualities = new Map<string, number>();
  const drawn = (hotkey: string) => {
    let q = qualities.get(hotkey);
    if (q === undefined) {
      q = rng.next();
      qualities.set(hotkey, q);
    }
    return q;
  };
  const quality = config.quality ?? drawn;

  return {
    quality,
    next(state) {
      const { sign, out } = blockSigner(state, rng);
      const block = state.block + 1n;
      const subnets = [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid);
      signStartCalls(sign, state, coldkeys);

      // Validators with a permit weight every other uid by its quality seen through noise, once per tempo.
      for (const s of subnets) {
        s.neurons.forEach((n, uid) => {
          const key = hotkeyByHex.get(n.hotkey);
          if (!key || !n.validatorPermit || !isWeightsDue(s, n.lastUpdate, block)) return;
          const dests: number[] = [];
          const weights: number[] = [];
          s.neurons.forEach((m, other) => {
            if (other === uid) return;
            const seen = Math.min(1, Math.max(0, quality(m.hotkey) + rng.normal(0, noise)));
            dests.push(other);
            weights.push(Math.round(seen * 65535));
          });
          if (dests.length) sign(key, { call: "SubtensorModule.set_weights", args: { netuid: s.netuid, dests, weights, version_key: "0" } });
        });
      }

      signBackground(rng, sign, state, { coldkeys, hotkeys, hotkeyByHex, rates });
      return out;
    },
  };
}

/** Signs one call for the block being planned (lib/chain/sim/signer.ts's `blockSigner`). */
export type Sign = (key: Keypair, call: Call) => void;

/**
 * The weights rule every generator follows: a validator weights again once
 * max(tempo, weights_set_rate_limit) blocks have passed since its last update.
 */
export function isWeightsDue(subnet: Subnet, lastUpdate: bigint, block: bigint): boolean {
  return block - lastUpdate >= BigInt(weightsInterval(subnet));
}

/** The blocks between a validator's weight updates: max(tempo, weights_set_rate_limit). */
export function weightsInterval(subnet: Subnet): number {
  return Math.max(subnet.tempo, Number(subnet.hyper.weightsSetRateLimit));
}

/** Owners start their subnets once the start-call delay has passed. */
export function signStartCalls(sign: Sign, state: ChainState, coldkeys: readonly Keypair[]): void {
  const block = state.block + 1n;
  const p = paramsOf(state);
  for (const s of [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid)) {
    const owner = coldkeys.find((k) => k.publicKeyHex === s.owner);
    if (owner && s.firstEmissionBlock === null && block >= s.registeredAt + p.startCallDelay) sign(owner, { call: "SubtensorModule.start_call", args: { netuid: s.netuid } });
  }
}

export interface BackgroundKeys {
  coldkeys: readonly Keypair[];
  hotkeys: readonly Keypair[];
  /** `hotkeys` by public key (0x-hex). */
  hotkeyByHex: ReadonlyMap<string, Keypair>;
  /** Per-block probabilities of each kind of call. */
  rates: { stake: number; unstake: number; register: number; transfer: number };
}

/** The per-block rates of the background calls when a config leaves them out. */
export function backgroundRates(config: Pick<ActivityConfig, "stakeRate" | "unstakeRate" | "registerRate" | "transferRate">): BackgroundKeys["rates"] {
  return { stake: config.stakeRate ?? 0.5, unstake: config.unstakeRate ?? 0.2, register: config.registerRate ?? 0.3, transfer: config.transferRate ?? 0.3 };
}

/**
 * Everything but weights and start calls: stakes (one in five to root) and unstakes, burned
 * registrations (the churn that replaces pruned uids), serve_axon and transfers, each drawn
 * from `rng` with its rate. Shared by the synthetic generator and lib/actors' traffic.
 */
export function signBackground(rng: Rng, sign: Sign, state: ChainState, keys: BackgroundKeys): void {
  const { coldkeys, hotkeys, hotkeyByHex, rates } = keys;
  const subnets = [...state.subnets.values()].sort((a, b) => a.netuid - b.netuid);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[rng.int(xs.length)] : undefined);
  const free = (key: Keypair) => state.accounts.get(key.publicKeyHex)?.free ?? 0n;
  const started = subnets.filter((s) => s.firstEmissionBlock !== null);
  if (rng.next() < rates.stake) {
    const from = pick(coldkeys);
    const s = pick(started);
    const hotkey = s && pick(s.neurons)?.hotkey;
    const amount = BigInt(1 + rng.int(100)) * (TAO / 10n);
    // One stake in five goes to root (netuid 0), behind a hotkey that validates on the subnet.
    const toRoot = rng.next() < 0.2;
    const rootHotkey = s && pick(s.neurons.filter((n) => n.validatorPermit))?.hotkey;
    const target = toRoot ? (rootHotkey ? { hotkey: rootHotkey, netuid: 0 } : null) : hotkey && s ? { hotkey, netuid: s.netuid } : null;
    if (from && target && free(from) > amount + TAO) sign(from, { call: "SubtensorModule.add_stake", args: { hotkey: target.hotkey, netuid: target.netuid, amount_staked: amount.toString() } });
  }
  if (rng.next() < rates.unstake) {
    const from = pick(coldkeys);
    const s = pick(started);
    const position = from && s ? positionsOf(s, from.publicKeyHex) : [];
    const chosen = pick(position);
    if (from && s && chosen) {
      const share = BigInt(1 + rng.int(100));
      sign(from, { call: "SubtensorModule.remove_stake", args: { hotkey: chosen.hotkey, netuid: s.netuid, amount_unstaked: ((chosen.alpha * share) / 100n).toString() } });
    }
  }
  if (rng.next() < rates.register) {
    const from = pick(coldkeys);
    const s = pick(subnets);
    const available = hotkeys.filter((h) => {
      const owner = state.hotkeyOwner.get(h.publicKeyHex);
      return (owner === undefined || owner === from?.publicKeyHex) && !s?.neurons.some((n) => n.hotkey === h.publicKeyHex);
    });
    const hotkey = pick(available);
    if (from && s && hotkey && free(from) > s.burn + TAO) {
      sign(from, { call: "SubtensorModule.burned_register", args: { netuid: s.netuid, hotkey: hotkey.publicKeyHex } });
    }
  }
  // Now and then a registered hotkey without an axon announces one (serve_axon is free).
  if (rng.next() < 0.2) {
    const s = pick(subnets);
    const unserved = s ? s.neurons.filter((n) => hotkeyByHex.has(n.hotkey) && !s.axons[n.hotkey]) : [];
    const n = pick(unserved);
    if (s && n) {
      const ip = ((10 << 24) | (s.netuid << 16) | (1 + rng.int(65_000))) >>> 0; // 10.netuid.x.y
      sign(hotkeyByHex.get(n.hotkey)!, { call: "SubtensorModule.serve_axon", args: { netuid: s.netuid, version: 1, ip: String(ip), port: 8091, ip_type: 4, protocol: 4, placeholder1: 0, placeholder2: 0 } });
    }
  }
  if (rng.next() < rates.transfer) {
    const from = pick(coldkeys);
    const to = pick(coldkeys);
    const value = BigInt(1 + rng.int(1000)) * 1_000_000n;
    if (from && to && free(from) > value + TAO) sign(from, { call: "Balances.transfer_keep_alive", args: { dest: to.publicKeyHex, value: value.toString() } });
  }
}

/** A coldkey's positions on a subnet: each hotkey it stakes through and the alpha held. */
function positionsOf(subnet: Subnet, coldkey: string): { hotkey: string; alpha: bigint }[] {
  const out: { hotkey: string; alpha: bigint }[] = [];
  for (const [hotkey, pool] of Object.entries(subnet.stake)) {
    if (pool.shares[coldkey] !== undefined) out.push({ hotkey, alpha: shareValue(pool, coldkey) });
  }
  return out;
}
