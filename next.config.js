import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // API answers are a few hundred bytes: gzip cost more CPU per request than it saved (12% of
  // the server's time in the authorize benchmark). A reverse proxy compresses pages if wanted.
  compress: false,
  // Server-only packages that must not be bundled (native bits, dynamic requires).
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
};

export default withNextIntl(nextConfig);
