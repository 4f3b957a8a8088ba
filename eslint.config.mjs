import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The import arrows point one way: app → lib/actions → domain (lib/…) → db (ARCHITECTURE.md,
// "Layout"). test/unit/import-arrows.test.ts proves each rule fails an arrow pointing back.
// ESLint does not merge one rule's options across config objects that match the same file (the
// last wins), so each no-restricted-imports object below covers files the others do not.
const UP_FROM_LIB = {
  group: ["@/app/*", "@/components/*"],
  message: "lib/ is the domain: it never imports from app/ or components/. Move what both need into lib/.",
};
const UP_FROM_LIB_RELATIVE = {
  regex: "^(\\.\\./)+(app|components)(/|$)",
  message: "lib/ is the domain: it never imports from app/ or components/. Move what both need into lib/.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "node_modules/**", "e2e/.artifacts/**", "next-env.d.ts"]),
  {
    name: "saldo/lib-never-imports-up",
    files: ["lib/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [UP_FROM_LIB, UP_FROM_LIB_RELATIVE] }] },
  },
  {
    // Pages and components read through lib/ functions, which scope every query by workspace.
    // The generated enums are plain string unions with no client behind them: types may use them.
    name: "saldo/no-prisma-client-in-app-or-components",
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: "app/ and components/ never query the database: call a lib/ function (which scopes the query by workspace)." }],
          patterns: [
            {
              group: ["@/lib/generated/prisma/*", "!@/lib/generated/prisma/enums"],
              message: "app/ and components/ never use the Prisma client: call a lib/ function. Only the enums (plain string unions) may be imported.",
            },
          ],
        },
      ],
    },
  },
]);
