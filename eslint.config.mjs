import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "node_modules/**", "e2e/.artifacts/**", "next-env.d.ts"]),
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
