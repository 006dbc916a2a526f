"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { decodeSegment } from "@/lib/decode-segment";
import type { HeadDto } from "@/lib/dto";
import { fetchJson, queryKeys } from "@/lib/query-keys";
import { StatePanel } from "./State";

/** What a missing path was asking for, in words: "No block 99999", "No subnet 7", ... */
export function describeMissing(pathname: string, epoch: string | null): { title: string; kind: "block" | "subnet" | "page"; detail: string } {
  const block = /^\/blocks\/([^/]+)\/?$/.exec(pathname);
  if (block) {
    const raw = decodeSegment(block[1]!);
    return /^\d+$/.test(raw)
      ? { title: `No block ${raw.replace(/^0+(?=\d)/, "")}`, kind: "block", detail: "This block has not been produced yet." }
      : { title: `“${raw}” is not a block number`, kind: "block", detail: "" };
  }
  const extrinsic = /^\/extrinsics\/([^/]+)\/?$/.exec(pathname);
  if (extrinsic) {
    const raw = decodeSegment(extrinsic[1]!);
    if (/^\d+-\d+$/.test(raw) || /^0x[0-9a-fA-F]{64}$/.test(raw)) return { title: `No extrinsic ${raw}`, kind: "page", detail: "No extrinsic with this id or hash has been included on this network; the extrinsics list shows every one." };
    return { title: `“${raw}” is not an extrinsic id`, kind: "page", detail: "Extrinsic ids are {block}-{index}, e.g. 120-0003 (or a 0x extrinsic hash); the extrinsics list shows every one." };
  }
  const subnet = /^\/subnets\/([^/]+)\/?$/.exec(pathname);
  if (subnet) {
    const raw = decodeSegment(subnet[1]!);
    if (!/^\d+$/.test(raw)) return { title: `“${raw}” is not a subnet id`, kind: "subnet", detail: "Subnet ids (netuids) are whole numbers; the subnet list shows every one." };
    if (epoch !== null) return { title: `Subnet ${raw} has no stored epoch ${epoch}`, kind: "subnet", detail: "Epoch numbers count the subnet's epochs from 0; the subnet page lists the stored ones." };
    return { title: `No subnet ${raw}`, kind: "subnet", detail: "No subnet has this netuid on this network; the subnet list shows every one." };
  }
  const account = /^\/accounts\/([^/]+)\/?$/.exec(pathname);
  if (account) return { title: `No account ${decodeSegment(account[1]!)}`, kind: "page", detail: "The chain has never seen this address: no balance, stake, uid, transfer or extrinsic of it." };
  return { title: "Page not found", kind: "page", detail: `Nothing lives at ${pathname}.` };
}

/** The body of the 404 page: says what was not found and where to look instead. */
export function NotFoundDetail() {
  const pathname = usePathname() ?? "/";
  const search = useSearchParams();
  const epochParam = search?.get("epoch") ?? null;
  const what = describeMissing(pathname, epochParam);
  const head = useQuery({ queryKey: queryKeys.head, queryFn: () => fetchJson<HeadDto>("/api/head"), enabled: what.kind === "block" });
  const headNumber = head.data?.head.number;
  return (
    <StatePanel
      title={what.title}
      testId="not-found"
      actions={
        what.kind === "block" && headNumber ? (
          <a className="text-sky-400 hover:underline" href={`/blocks/${headNumber}`}>
            Head block #{headNumber}
          </a>
        ) : undefined
      }
    >
      {what.kind === "block" && (
        <p data-testid="not-found-range">
          Block numbers are whole numbers from 0 to {headNumber ? <>the head, #{headNumber}</> : "the head"}.{what.detail && ` ${what.detail}`}
        </p>
      )}
      {what.kind !== "block" && <p>{what.detail}</p>}
    </StatePanel>
  );
}
