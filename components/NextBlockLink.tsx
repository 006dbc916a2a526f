"use client";

import { useQuery } from "@tanstack/react-query";
import type { HeadDto } from "@/lib/dto";
import { LIVE_REFETCH_MS, fetchJson, queryKeys } from "@/lib/query-keys";

/**
 * "next →" on a block page. On the head block there is no next block yet: it shows disabled
 * ("not yet produced") and watches the head, turning into a link once the block lands.
 */
export function NextBlockLink({ number, head }: { number: string; head: string }) {
  const isHeadNow = BigInt(number) >= BigInt(head);
  const q = useQuery({ queryKey: queryKeys.head, queryFn: () => fetchJson<HeadDto>("/api/head"), enabled: isHeadNow, refetchInterval: LIVE_REFETCH_MS });
  const latest = q.data && BigInt(q.data.head.number) > BigInt(head) ? q.data.head.number : head;
  const next = (BigInt(number) + 1n).toString();
  if (BigInt(number) < BigInt(latest)) {
    return (
      <a className="text-sm text-sky-400 hover:underline" href={`/blocks/${next}`} data-testid="next-block" rel="next">
        next →
      </a>
    );
  }
  return (
    <span className="cursor-not-allowed text-sm text-slate-500" aria-disabled="true" data-testid="next-block" title={`Block #${next} has not been produced yet`}>
      next → <span className="text-xs">(not yet produced)</span>
    </span>
  );
}
