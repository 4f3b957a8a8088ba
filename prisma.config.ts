import { defineConfig } from "prisma/config";

// The Prisma CLI is used only for `prisma generate` (offline, see scripts/generate-prisma.mjs).
// Migrations are applied by scripts/db-migrate.ts, which needs no native engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "npm run db:seed" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/saldo" },
});
