import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/SiteHeader";
import { SyncProgress } from "@/components/SyncProgress";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Taoscope", default: "Taoscope" },
  description: "A local Bittensor network and block explorer, exact to subtensor.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#020617", colorScheme: "dark" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen font-sans">
        <Providers>
          <SiteHeader />
          <SyncProgress />
          <main className="mx-auto max-w-[90rem] px-4 py-6 sm:px-6 sm:py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
