import { expect, test } from "@playwright/test";
import { screenshotFromTop, signUpNewOwner, workspaceSlugOf } from "./fixtures";

// A Spanish-speaking owner in Spain: the workspace gets Madrid's time zone, and money fields
// show amounts as the rest of the page does ("5,00", next to "5,00 US$"), and read them back.
test.describe.configure({ timeout: 90_000 });

test("a new workspace in Spain: Madrid time, and money fields in Spanish (es)", async ({ browser }) => {
  // The browser says UTC (playwright.config.ts): not in Spain, so the country's main zone wins.
  const context = await browser.newContext({ locale: "es-ES", timezoneId: "UTC" });
  const signup = await context.newPage();
  await signup.goto("/signup");
  await signup.getByLabel("País").selectOption("ES");
  await expect(signup.getByText("Las fechas se mostrarán en la zona horaria Europe/Madrid.")).toBeVisible();
  await context.close();

  const page = await signUpNewOwner(browser, "es", "Madrid Money", { country: "ES" });
  const slug = workspaceSlugOf(page);

  // Auto-recharge: the suggested values as Spanish writes them, like the sentence beside them.
  await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("5,00");
  await expect(page.getByTestId("auto-recharge-amount")).toHaveValue("25,00");
  await expect(page.getByTestId("auto-recharge-cap")).toHaveValue("500,00");
  await expect(page.getByTestId("auto-recharge-suggestion")).toContainText("5,00 US$");
  await page.getByTestId("auto-recharge-threshold").fill("7,5");
  await page.getByTestId("auto-recharge-amount").fill("30");
  await page.getByTestId("auto-recharge-save").click();
  await expect(page.getByText("Recarga automática guardada.")).toBeVisible();
  await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("7,50");
  await expect(page.getByTestId("auto-recharge-amount")).toHaveValue("30,00");
  await page.getByRole("button", { name: "Usar los valores recomendados" }).click();
  await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("5,00");
  await page.reload();
  await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("7,50");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("auto-recharge-card").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/screenshots/wallet-auto-recharge-es-phone.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Billing settings: the low-balance alert, typed and shown back with a comma.
  await page.goto(`/${slug}/settings/billing`);
  const alert = page.getByLabel("Alerta de saldo bajo (USD)");
  await alert.fill("12,5");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ajustes de facturación guardados." })).toBeVisible();
  await expect(alert).toHaveValue("12,50");
  await page.reload();
  await expect(page.getByLabel("Alerta de saldo bajo (USD)")).toHaveValue("12,50");
  await screenshotFromTop(page, "billing-settings-money-es");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotFromTop(page, "billing-settings-money-es-phone");
  await page.context().close();
});
