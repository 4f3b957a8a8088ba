import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Run through `npm run test:e2e`, which builds the app, starts it on a fresh database with the
// demo data and sets E2E_BASE_URL. Playwright cannot download its own browsers here, so it
// drives the system Chromium when there is one.
const systemChromium = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/.artifacts/results",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100",
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: systemChromium,
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
          chromiumSandbox: false,
        },
      },
    },
  ],
});
