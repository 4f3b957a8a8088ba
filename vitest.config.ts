import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@/": `${root}/`,
      // Tests run outside React's server environment; the guard has nothing to guard there.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "lib/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/database-per-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
