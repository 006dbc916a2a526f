import type { Metadata } from "next";
import { Suspense } from "react";
import { NotFoundDetail } from "@/components/NotFoundDetail";
import { StatePanel } from "@/components/State";

// In the root segment: the layout's title template does not apply here.
export const metadata: Metadata = { title: { absolute: "Not found · Taoscope" } };

/** Every 404 (unknown path, unknown block or subnet) inside the app's layout, saying what was missing. */
export default function NotFound() {
  return (
    <Suspense fallback={<StatePanel title="Not found" testId="not-found" />}>
      <NotFoundDetail />
    </Suspense>
  );
}
