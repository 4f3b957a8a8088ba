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
  {
    // The Stripe emulator is a development and test tool (tools/stripe-emulator): the product
    // knows it only by its URL and webhook secret, never by its code. Its own rule name
    // (eslint-plugin-import's, not core no-restricted-imports), so it adds to the import-arrow
    // rules of the other config objects instead of replacing them for the same files.
    name: "saldo/product-never-imports-tools",
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./app", "./components", "./lib", "./proxy.ts", "./instrumentation.ts"],
              from: "./tools",
              message: "The product must not import tools/ (development and test tools): it gets what it needs from the environment (lib/env.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Settings are read through lib/env.ts (validated at boot, typed, defaults in one place), so
    // the product never reads a raw process.env. Scripts, tools, tests, the seed and config files
    // may. Its own rule name, so it composes with the other config objects' rules.
    name: "saldo/process-env-only-in-lib-env",
    files: ["**/*.{ts,tsx,js,jsx,mjs,cjs}"],
    ignores: ["lib/env.ts", "scripts/**", "tools/**", "test/**", "e2e/**", "**/*.test.ts", "prisma/**", "*.config.{ts,mts,js,mjs,cjs}"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read settings with env() from lib/env.ts (validated once at boot, typed, with its defaults); add a new variable to its schema.",
        },
      ],
    },
  },
]);
