/**
 * A node process for restart tests: it opens the chain named by the environment (DATABASE_URL,
 * TAOSCOPE_*), accepts the signed extrinsics given as JSON in argv[2] (an array), prints one JSON
 * line `{ "accepted": [{ hash, status }] }` once the store keeps them, and then waits without
 * producing a block until it is killed.
 */
import { SqlChainStore } from "@/lib/db/store";
import { loadConfig } from "@/lib/node/config";
import { ChainNode } from "@/lib/node/node";

const config = loadConfig();
const store = await SqlChainStore.open(config.database);
const node = await ChainNode.open(store, config);
const accepted = [];
for (const ext of JSON.parse(process.argv[2]!)) {
  const r = await node.accept(ext);
  accepted.push({ hash: r.hash, status: r.status });
}
process.stdout.write(`${JSON.stringify({ accepted })}\n`);
setInterval(() => undefined, 60_000);
