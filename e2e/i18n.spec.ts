import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait } from "./fixtures";

test.describe("languages", () => {
  test("a Spanish-speaking user gets the app in Spanish, with amounts in their format", async ({ page }) => {
    await signInAndWait(page, "tiendaOwner");
    await expect(page).toHaveURL(/\/tienda-sol\/settings\/billing\/wallet$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Billetera");
    await expect(page.getByTestId("available-balance")).toHaveText(/^\d{1,3}(\.\d{3})*,\d{2,6}\s?US\$$/);
    await screenshot(page, "wallet-es");
  });

  test("the browser's language is used before sign-in, and the switcher changes it", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Iniciar sesión" })).toBeVisible();
    await page.getByLabel("Idioma").selectOption("en");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await context.close();
  });

  test("the switcher inside the app saves the choice", async ({ page }) => {
    await signInAndWait(page, "acmeBilling");
    await page.goto("/acme/settings/billing");
    await page.getByLabel("Language").filter({ visible: true }).selectOption("es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ajustes de facturación");
    await screenshot(page, "billing-settings-es");
    await page.getByLabel("Idioma").filter({ visible: true }).selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Billing settings");
  });

  test("phone width: the menu opens and reaches the wallet", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
    const page = await context.newPage();
    await signInAndWait(page, "mumbaiBilling");
    await page.goto("/mumbai-traders/settings/members");
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("link", { name: "Wallet" }).click();
    await expect(page).toHaveURL(/\/mumbai-traders\/settings\/billing\/wallet$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "wallet-en-phone");
    await context.close();
  });
});
