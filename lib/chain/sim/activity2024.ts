/**
 * Synthetic activity on a seed2024 chain, through signed extrinsics only: root validators
 * register on the root, stake and weight the subnets; subnet validators weight miners by noisy
 * views of their hidden quality once per tempo; coldkeys stake, unstake, register hotkeys and
 * transfer. Deterministic for a given generator, keys and state.
 */
import type { Keypair } from "../keys/keypair";
import type { Rng } from "../rng";
import type { SignedExtrinsic } from "../runtime/extrinsic";
import { blockSigner } from "./signer";
import type { ChainState } from "../runtime/state";
import { eraOf } from "../seed2024/runtime";
import { totalHotkeyStake } from "../seed2024/state";

const TAO = 1_000_000_000n;

export interface Activity2024Config {
  coldkeys: readonly Keypair[];
  hotkeys: readonly Keypair[];
  /** The hidden quality of a hotkey as a miner, in [0, 1). */
  quality: (hotkey: string) => number;
  noise?: number;
}

/** Signed extrinsics for the block after `state`. */
export function activity2024(rng: Rng, config: Activity2024Config, state: ChainState): SignedExtrinsic[] {
  const era = eraOf(state);
  const { coldkeys, hotkeys, quality } = config;
  const noise = config.noise ?? 0.1;
  const { sign, out } = blockSigner(state, rng);
  const block = state.block + 1n;
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[rng.int(xs.length)] : undefined);
  const coldkeyOf = (hotkey: string) => coldkeys.find((k) => k.publicKeyHex === state.hotkeyOwner.get(hotkey));
  const byHex = new Map(hotkeys.map((k) => [k.publicKeyHex, k]));
  const free = (k: Keypair) => state.accounts.get(k.publicKeyHex)?.free ?? 0n;

  // Root: staked subnet hotkeys join the root (the most staked first), then weight the subnets
  // every 100-odd blocks.
  const rootCandidates = [...new Set(era.subnets.flatMap((s) => s.neurons.map((n) => n.hotkey)))]
    .map((h) => ({ h, stake: totalHotkeyStake(era, h) }))
    .filter((x) => x.stake > 0n)
    .sort((a, b) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : a.h < b.h ? -1 : 1))
    .map((x) => x.h);
  const joining = rootCandidates.find((h) => !era.root.validators.includes(h) && coldkeyOf(h));
  if (joining && rng.next() < 0.2) sign(coldkeyOf(joining)!, { call: "SubtensorModule.root_register", args: { hotkey: joining } });
  era.root.validators.forEach((h, uid) => {
    const owner = coldkeyOf(h);
    if (!owner || block - era.root.lastUpdate[uid]! < 101n) return;
    const dests = era.subnets.map((s) => s.netuid);
    const weights = dests.map(() => 1 + rng.int(65_535));
    if (dests.length) sign(owner, { call: "SubtensorModule.set_root_weights", args: { netuid: 0, hotkey: h, dests, weights, version_key: "0" } });
  });

  // Subnet validators with a permit weight every other uid once per tempo.
  for (const s of era.subnets) {
    s.neurons.forEach((n, uid) => {
      const key = byHex.get(n.hotkey);
      if (!key || !n.validatorPermit || block - n.lastUpdate < BigInt(Math.max(s.tempo, Number(s.weightsSetRateLimit)))) return;
      const dests: number[] = [];
      const weights: number[] = [];
      s.neurons.forEach((m, other) => {
        if (other === uid) return;
        dests.push(other);
        weights.push(Math.round(Math.min(1, Math.max(0, quality(m.hotkey) + rng.normal(0, noise))) * 65_535));
      });
      if (dests.length) sign(key, { call: "SubtensorModule.set_weights", args: { netuid: s.netuid, dests, weights, version_key: "0" } });
    });
  }

  // Owners stake to their own hotkeys (nominating needs a delegate), and sometimes unstake.
  if (rng.next() < 0.5) {
    const hotkey = pick([...state.hotkeyOwner.keys()].filter((h) => byHex.has(h)));
    const owner = hotkey && coldkeyOf(hotkey);
    const amount = BigInt(1 + rng.int(100)) * (TAO / 10n);
    if (hotkey && owner && free(owner) > amount + TAO) sign(owner, { call: "SubtensorModule.add_stake", args: { hotkey, amount_staked: amount.toString() } });
  }
  if (rng.next() < 0.2) {
    const from = pick(coldkeys);
    const rows = from ? Object.entries(era.stake).filter(([, row]) => (row[from.publicKeyHex] ?? 0n) > 0n) : [];
    const chosen = pick(rows);
    if (from && chosen) sign(from, { call: "SubtensorModule.remove_stake", args: { hotkey: chosen[0], amount_unstaked: (chosen[1][from.publicKeyHex]! / 2n + 1n).toString() } });
  }
  if (rng.next() < 0.3) {
    const from = pick(coldkeys);
    const s = pick(era.subnets);
    const hotkey = pick(hotkeys.filter((h) => (state.hotkeyOwner.get(h.publicKeyHex) ?? from?.publicKeyHex) === from?.publicKeyHex && !s?.neurons.some((n) => n.hotkey === h.publicKeyHex)));
    if (from && s && hotkey && free(from) > s.burn + TAO) sign(from, { call: "SubtensorModule.burned_register", args: { netuid: s.netuid, hotkey: hotkey.publicKeyHex } });
  }
  if (rng.next() < 0.3) {
    const from = pick(coldkeys);
    const to = pick(coldkeys);
    const value = BigInt(1 + rng.int(1000)) * 1_000_000n;
    if (from && to && free(from) > value + TAO) sign(from, { call: "Balances.transfer_keep_alive", args: { dest: to.publicKeyHex, value: value.toString() } });
  }
  return out;
}
