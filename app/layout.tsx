import type { Metadata, Viewport } from "next";
import { type ReactNode, Suspense } from "react";
import { NavigationProgress } from "@/components/NavigationProgress";
import { SiteHeader } from "@/components/SiteHeader";
import { SoftLinks } from "@/components/SoftLinks";
import { SyncProgress } from "@/components/SyncProgress";
import { THEME_SCRIPT } from "@/components/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Taoscope", default: "Taoscope" },
  description: "A local Bittensor network and block explorer, exact to subtensor.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: [{ media: "(prefers-color-scheme: light)", color: "#f8fafc" }, { media: "(prefers-color-scheme: dark)", color: "#020617" }], colorScheme: "dark light" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets html's class before the first paint, so React must not complain that it differs.
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>
          {/* It reads the search params, which must sit under a Suspense boundary. */}
          <Suspense fallback={null}>
            <NavigationProgress />
          </Suspense>
          <SoftLinks />
          <SiteHeader />
          <SyncProgress />
          <main className="mx-auto max-w-[90rem] px-4 py-6 sm:px-6 sm:py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
