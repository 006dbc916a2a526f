/**
 * Sign a call locally, submit it, wait for its block and say what happened: block, extrinsic
 * id, fee and events, or the chain's error name and sentence. The genesis hash comes from
 * GET /api/head and the nonce from GET /api/accounts/:address (`coldkey.nonce`: the account's
 * next nonce at the head; an account the chain has never seen starts at 0).
 */
import type { Keypair } from "../lib/chain/keys/keypair";
import { type Call, signExtrinsic } from "../lib/chain/runtime/extrinsic";
import { ApiError } from "./api";
import type { Context } from "./context";
import { tao } from "./context";
import { fields, table } from "./output";
import { type Outcome, waitForOutcome } from "./track";

/** A command's result: what to print and the exit code. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandFailed";
  }
}

export async function nextNonce(ctx: Context, address: string): Promise<number> {
  return (await ctx.api.account(address))?.coldkey.nonce ?? 0;
}

/** Sign `call` with `signer`, submit it and wait for the outcome; 0 when it succeeded, else 1. */
export async function submit(ctx: Context, signer: Keypair, call: Call, summary: string): Promise<number> {
  const [head, nonce] = await Promise.all([ctx.api.head(), nextNonce(ctx, signer.address)]);
  const ext = signExtrinsic(signer, call, nonce, head.genesisHash);
  let accepted;
  try {
    accepted = await ctx.api.submit(ext, (s) => ctx.out.note(`the node limits writes: trying again in ${s} s`));
  } catch (e) {
    if (e instanceof ApiError) throw new CommandFailed(`the node refused the extrinsic: ${e.message}`);
    throw e;
  }
  if (!ctx.out.json) ctx.out.note(`${summary}: submitted ${accepted.hash} (nonce ${nonce}, ${accepted.status})`);
  const outcome = await ctx.out.spin("waiting for inclusion", () => waitForOutcome(ctx.api, accepted.hash, ctx.timeoutMs));
  ctx.out.result({ call: call.call, args: call.args, signer: signer.address, nonce, ...outcome }, () => describeOutcome(outcome));
  return outcome.status === "included" && outcome.success ? 0 : 1;
}

export function describeOutcome(o: Outcome): string {
  if (o.status === "dropped") return `Dropped (${o.cause}): ${o.reason}`;
  if (o.status === "timeout") return `Not included within the timeout: ${o.last === "pending" ? "still pending in the mempool" : "the node does not know it"} (${o.hash}); --timeout waits longer`;
  const head = fields([
    ["result", o.success ? "success" : `failed: ${o.error?.name ?? "unknown error"}${o.error?.message ? `: ${o.error.message}` : ""}`],
    ["block", o.block],
    ["extrinsic", o.id],
    ["hash", o.hash],
    ["fee", tao(o.fee)],
  ]);
  const events = table(
    ["event", "data"],
    o.events.map((e) => [e.name, JSON.stringify(e.data)]),
  );
  return `${head}\n\n${events}`;
}
