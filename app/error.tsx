"use client";

import { useEffect } from "react";
import { StatePanel } from "@/components/State";

/**
 * A page that threw, inside the app's layout. The error's message stays on the server (it is
 * logged there); the visitor gets a plain sentence and the digest to quote, which the server's
 * log carries next to the real error.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = "Error · Taoscope";
  }, []);
  return (
    <StatePanel
      title="This page could not be shown"
      tone="error"
      testId="error-page"
      actions={
        <button type="button" className="text-sky-400 hover:underline" onClick={reset}>
          Try again
        </button>
      }
    >
      <p>Something went wrong on the server while building this page. The node keeps running; try again in a moment.</p>
      {error.digest && (
        <p className="text-sm text-slate-400">
          Reference: <code className="font-mono" data-testid="error-digest">{error.digest}</code>
        </p>
      )}
    </StatePanel>
  );
}
