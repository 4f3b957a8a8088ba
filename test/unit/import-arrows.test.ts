// The import arrows are enforced by lint (eslint.config.mjs): an arrow pointing back up fails
// `npx eslint .` (and so `npm test`). Here ESLint's own API lints small snippets as if they
// were files of the tree, with the project's configuration.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The no-restricted-imports messages for `code` as the file `filePath`. */
async function refusals(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return result.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("import arrows", () => {
  it("lib/ never imports from app/ or components/", async () => {
    expect(await refusals('import { x } from "@/components/billing/balance-card";', "lib/ledger/x.ts")).toEqual([
      expect.stringContaining("lib/ is the domain"),
    ]);
    expect(await refusals('import { x } from "@/app/outbox/_lib/outbox";', "lib/actions/x.ts")).toHaveLength(1);
    expect(await refusals('import { x } from "../../components/ui/button";', "lib/payments/x.ts")).toHaveLength(1);
    expect(await refusals('import { x } from "@/lib/db";', "lib/ledger/x.ts")).toEqual([]);
  }, 60_000);

  it("app/ and components/ never import the Prisma client; the generated enums are allowed", async () => {
    expect(await refusals('import { x } from "@/lib/db";', "app/(app)/[workspace]/x.tsx")).toEqual([expect.stringContaining("never query the database")]);
    expect(await refusals('import { x } from "@/lib/generated/prisma/client";', "components/billing/x.tsx")).toEqual([
      expect.stringContaining("never use the Prisma client"),
    ]);
    expect(await refusals('import type { x } from "@/lib/generated/prisma/models";', "app/x.ts")).toHaveLength(1);
    expect(await refusals('import type { x } from "@/lib/generated/prisma/enums";', "components/billing/x.tsx")).toEqual([]);
    expect(await refusals('import { x } from "@/lib/wallet/view";', "app/x.tsx")).toEqual([]);
  }, 60_000);
});
