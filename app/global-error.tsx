"use client";

import "./globals.css";

/**
 * The last resort when the root layout itself fails: its own <html>, the app's dark theme and
 * header look, no internal message (the digest ties it to the server's log).
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className="dark">
      <head>
        <title>Error · Taoscope</title>
      </head>
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-800">
          <div className="mx-auto flex max-w-[90rem] items-center gap-3 px-4 py-3 sm:px-6 sm:py-4">
            <a href="/" className="text-lg font-semibold tracking-tight">
              Taoscope
            </a>
          </div>
        </header>
        <main className="mx-auto max-w-[90rem] px-4 py-6 sm:px-6 sm:py-8">
          <section className="mx-auto max-w-2xl rounded-lg border border-slate-800 bg-slate-900/40 p-6 sm:p-8">
            <h1 className="text-2xl font-semibold text-rose-300">Taoscope could not show this page</h1>
            <p className="mt-3 text-slate-300">Something went wrong on the server. Try again in a moment.</p>
            {error.digest && (
              <p className="mt-2 text-sm text-slate-400">
                Reference: <code className="font-mono">{error.digest}</code>
              </p>
            )}
            <div className="mt-6 flex gap-4 text-sm">
              <button type="button" className="text-sky-400 hover:underline" onClick={reset}>
                Try again
              </button>
              <a className="text-sky-400 hover:underline" href="/">
                Network overview
              </a>
            </div>
          </section>
        </main>
      </body>
    </html>
  );
}
