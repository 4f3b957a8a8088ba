// The lint rules of eslint.config.mjs that keep development tools and raw environment reads out
// of the product, run through ESLint's own API on small in-memory files (nothing is written).
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe("the product never imports tools/", () => {
  /** By alias, by relative path (from the file's folder), and dynamically. */
  const imports = (filePath: string) => [
    'import { TEST_CARDS } from "@/tools/stripe-emulator";\nexport const cards = TEST_CARDS;\n',
    `export { startLocalEmulator } from "./${path.posix.relative(path.posix.dirname(filePath), "tools/stripe-emulator/local")}";\n`,
    'export const load = () => import("@/tools/stripe-emulator/cards");\n',
  ];

  it.each(["lib/payments/probe.ts", "app/probe/page.tsx", "components/payments/probe.ts", "proxy.ts", "instrumentation.ts"])(
    "%s may not import the Stripe emulator",
    async (filePath) => {
      for (const code of imports(filePath)) expect(await ruleIds(filePath, code)).toContain("import/no-restricted-paths");
    },
    30_000,
  );

  it.each(["scripts/lib/probe.ts", "test/helpers/probe.ts", "tools/other/probe.ts"])(
    "%s may",
    async (filePath) => {
      for (const code of imports(filePath)) expect(await ruleIds(filePath, code)).not.toContain("import/no-restricted-paths");
    },
    30_000,
  );
});

describe("raw process.env only in lib/env.ts, scripts, tools, tests and config files", () => {
  const reads = [
    "export const url = process.env.SMTP_URL;\n",
    'export const port = process.env["PORT"];\n',
    "const { env } = process;\nexport const all = env;\n",
  ];

  it.each(["lib/mail/probe.ts", "app/probe/page.tsx", "components/billing/probe.tsx", "proxy.ts", "instrumentation.ts", "types/probe.ts"])(
    "%s may not read it",
    async (filePath) => {
      for (const code of reads) expect(await ruleIds(filePath, code)).toContain("no-restricted-properties");
    },
    30_000,
  );

  it.each(["lib/env.ts", "scripts/probe.ts", "tools/stripe-emulator/probe.ts", "test/unit/probe.test.ts", "e2e/probe.spec.ts", "prisma/probe.ts", "next.config.ts"])(
    "%s may",
    async (filePath) => {
      for (const code of reads) expect(await ruleIds(filePath, code)).not.toContain("no-restricted-properties");
    },
    30_000,
  );
});
