import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait } from "./fixtures";

// The e2e server is a production build on the Stripe emulator, started with STRIPE_EMULATOR=on
// (scripts/test.ts), so it must say so on every page.
test.describe("production server on the Stripe emulator", () => {
  test("every page, sign-in included, says payments are simulated", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByTestId("emulator-mode-banner")).toContainText("Demo server — payments are simulated.");
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAndWait(page, "acmeOwner");
    await page.goto("/acme/settings/billing/wallet");
    const banner = page.getByTestId("emulator-mode-banner");
    await expect(banner).toContainText("no real money moves");
    await expect(banner).toBeInViewport();
    await screenshot(page, "emulator-mode-banner-390");
  });

  test("in Spanish too", async ({ page, context }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: test.info().project.use.baseURL! }]);
    await page.goto("/login");
    await expect(page.getByTestId("emulator-mode-banner")).toContainText("Servidor de demostración");
  });
});
