/** react-query keys, one place, so pages and components share cached data. */
import { ApiError } from "./api/error";

export const queryKeys = {
  head: ["head"] as const,
  history: ["network-history"] as const,
  blocks: (before: string | null) => ["blocks", before ?? "latest"] as const,
  block: (number: string) => ["block", number] as const,
  subnets: ["subnets"] as const,
  overview: ["overview"] as const,
  metagraph: (netuid: number, epoch: number | null) => ["metagraph", netuid, epoch ?? "latest"] as const,
};

/** How often live views refetch: often enough to show every 12 s block soon after it lands. */
export const LIVE_REFETCH_MS = 2000;

export { ApiError };

/** GET a JSON API route; a non-2xx answer throws its `{ error }` message. */
export async function fetchJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${path} answered ${res.status}`);
  return body as T;
}
