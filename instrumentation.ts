/**
 * Next.js calls `register` once per server process at start: the embedded node starts here.
 * `startInstance` is idempotent, so a second call returns the running instance.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("./lib/server/instance");
  await startInstance();
}
