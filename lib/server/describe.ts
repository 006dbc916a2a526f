/** How the server names what it runs on in its log (shared by the main thread and the producer). */
import type { NodeConfig } from "../node/config";

/** The database for the log: the SQLite path, or the PostgreSQL URL without its password. */
export function describeDatabase(config: NodeConfig): string {
  if (config.database.kind === "sqlite") return `SQLite ${config.database.file}`;
  try {
    const u = new URL(config.database.url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return "PostgreSQL (unparseable URL)";
  }
}

/** Where the explorer listens (next start's PORT, as scripts/start.mjs passes it). */
export function listenUrl(): string {
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
