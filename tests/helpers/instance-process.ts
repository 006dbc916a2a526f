/**
 * A server process without the web layer, for multi-process tests: it starts the same instance
 * the Next.js server starts (settings from the environment) and prints one JSON line of status
 * every 100 ms: `{ "pid", "producing", "head", "status" }`.
 */
import { startInstance } from "@/lib/server/instance";

const inst = await startInstance();
setInterval(() => {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, producing: inst.node !== null, head: inst.node ? inst.node.head.toString() : null, status: inst.status, error: inst.error ?? null })}\n`);
}, 100);
process.on("SIGTERM", () => void inst.stop().then(() => process.exit(0)));
