import type { Metadata } from "next";
import localFont from "next/font/local";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { EmulatorModeBanner } from "@/components/app/emulator-mode-banner";
import { env } from "@/lib/env";
import "./globals.css";

// Inter from the npm package: next/font/google would download at build time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  const description = t("description");
  return {
    // Where the social image's absolute URL starts (link previews need one).
    metadataBase: new URL(env().NEXTAUTH_URL),
    title: { default: "Saldo", template: "%s · Saldo" },
    description,
    icons: { apple: "/apple-touch-icon.png" },
    openGraph: {
      type: "website",
      siteName: "Saldo",
      title: "Saldo",
      description,
      images: [{ url: "/og-image.png", width: 1200, height: 630, alt: description }],
    },
    twitter: { card: "summary_large_image" },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} className={inter.variable}>
      <body className="min-h-dvh font-sans antialiased">
        <NextIntlClientProvider>
          <EmulatorModeBanner />
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
