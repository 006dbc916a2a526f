/**
 * Next.js calls `register` once per server process at start: the embedded node starts here.
 * `startInstance` is idempotent, so a second call returns the running instance. Invalid settings
 * stop the server with the list of what is wrong; a database that fails later shows in
 * /api/health.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("./lib/server/instance");
  try {
    await startInstance();
  } catch (e) {
    console.error(`taoscope cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
