/**
 * The global search: what an input names on this chain. Each candidate the input could be is
 * looked up by an indexed key (a block by number or hash, an extrinsic by id or hash, a subnet by
 * netuid, an account by its key wherever the chain has seen it), so a search costs a handful of
 * primary-key or index reads.
 */
import { extrinsicId } from "../chain/runtime/extrinsic";
import { encodeAddress, fromHex } from "../chain/keys/ss58";
import type { SearchMatchDto, SearchResultDto } from "../dto";
import { type SearchInput, parseSearchInput } from "../search/input";
import type { ReadClient } from "./prisma";

const fmt = (n: bigint | number) => n.toLocaleString("en-US");

async function blockByNumber(db: ReadClient, n: bigint): Promise<SearchMatchDto[]> {
  const b = await db.block.findUnique({ where: { number: n }, select: { number: true } });
  return b ? [{ kind: "block", label: `Block ${fmt(b.number)}`, href: `/blocks/${b.number}` }] : [];
}

async function subnetByNetuid(db: ReadClient, netuid: number): Promise<SearchMatchDto[]> {
  const s = await db.subnet.findUnique({ where: { netuid }, select: { netuid: true } });
  return s ? [{ kind: "subnet", label: `Subnet ${s.netuid}`, href: `/subnets/${s.netuid}` }] : [];
}

const extrinsicMatch = (x: { blockNumber: bigint; index: number; call: string }): SearchMatchDto => {
  const id = extrinsicId(x.blockNumber, x.index);
  return { kind: "extrinsic", label: `Extrinsic ${id} (${x.call})`, href: `/extrinsics/${id}` };
};

/** Whether the chain has seen the account `hex`: a balance, a neuron's hotkey, a stake position or a signed extrinsic. */
async function accountSeen(db: ReadClient, hex: string): Promise<boolean> {
  const found = await Promise.all([
    db.account.findUnique({ where: { id: hex }, select: { id: true } }),
    db.neuron.findFirst({ where: { hotkey: hex }, select: { uid: true } }),
    db.stakePosition.findFirst({ where: { hotkey: hex }, select: { netuid: true } }),
    db.stakePosition.findFirst({ where: { coldkey: hex }, select: { netuid: true } }),
    db.extrinsic.findFirst({ where: { signer: hex }, select: { id: true } }),
  ]);
  return found.some((r) => r !== null);
}

const accountMatch = (ss58: string): SearchMatchDto => ({ kind: "account", label: `Account ${ss58}`, href: `/accounts/${ss58}` });

async function lookup(db: ReadClient, input: SearchInput): Promise<SearchMatchDto[]> {
  switch (input.kind) {
    case "invalid":
      return [];
    case "number": {
      const [blocks, subnets] = await Promise.all([input.block === null ? [] : blockByNumber(db, input.block), input.netuid === null ? [] : subnetByNetuid(db, input.netuid)]);
      return [...blocks, ...subnets];
    }
    case "extrinsicId": {
      const x = await db.extrinsic.findUnique({ where: { blockNumber_index: { blockNumber: input.block, index: input.index } }, select: { blockNumber: true, index: true, call: true } });
      return x ? [extrinsicMatch(x)] : [];
    }
    case "hash": {
      const [block, extrinsics, seen] = await Promise.all([
        db.block.findUnique({ where: { hash: input.hex }, select: { number: true } }),
        db.extrinsic.findMany({ where: { hash: input.hex }, select: { blockNumber: true, index: true, call: true }, orderBy: [{ blockNumber: "asc" }, { index: "asc" }], take: 20 }),
        accountSeen(db, input.hex),
      ]);
      return [
        ...(block ? [{ kind: "block" as const, label: `Block ${fmt(block.number)} (by hash)`, href: `/blocks/${block.number}` }] : []),
        ...extrinsics.map(extrinsicMatch),
        ...(seen ? [accountMatch(encodeAddress(fromHex(input.hex)))] : []),
      ];
    }
    case "address":
      return (await accountSeen(db, input.hex)) ? [accountMatch(input.ss58)] : [];
  }
}

export async function search(db: ReadClient, query: string): Promise<SearchResultDto> {
  const input = parseSearchInput(query);
  return { query: query.trim(), matches: await lookup(db, input), invalid: input.kind === "invalid" ? input.reason : null };
}
