import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SyncProgress } from "@/components/SyncProgress";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Taoscope",
  description: "A local Bittensor network and block explorer, exact to subtensor.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <header className="border-b border-slate-800">
            <div className="mx-auto flex max-w-7xl items-center gap-3 px-6 py-4">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Taoscope
              </Link>
              <span className="text-sm text-slate-400">local Bittensor network &amp; explorer</span>
              <nav className="ml-auto flex gap-4 text-sm">
                <Link href="/">Network</Link>
                <Link href="/subnets">Subnets</Link>
                <Link href="/demo">Consensus demo</Link>
              </nav>
            </div>
          </header>
          <SyncProgress />
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
