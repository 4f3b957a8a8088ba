import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { apiSecurityHeaders } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // API answers are a few hundred bytes: gzip cost more CPU per request than it saved (12% of
  // the server's time in the authorize benchmark). A reverse proxy compresses pages if wanted.
  compress: false,
  // Server-only packages that must not be bundled (native bits, dynamic requires).
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  // Pages get theirs from proxy.ts (with a per-request nonce); the API routes Next.js serves
  // (all of them under `next dev`; the webhook and next-auth in production, where
  // scripts/lib/public-api.ts serves /api/v1) get these.
  async headers() {
    const headers = Object.entries(apiSecurityHeaders({ production: process.env.NODE_ENV === "production" }));
    return [{ source: "/api/:path*", headers: headers.map(([key, value]) => ({ key, value })) }];
  },
};

export default withNextIntl(nextConfig);
