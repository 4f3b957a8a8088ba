import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait } from "./fixtures";

test.describe("billing settings", () => {
  test("an owner sets the alert, turns the weekly summary off, and bad input says what to fix", async ({ page }) => {
    await signInAndWait(page, "mumbaiOwner");
    await page.goto("/mumbai-traders/settings/billing");
    const weekly = page.getByRole("switch", { name: "Weekly summary e-mail" });
    await expect(weekly).toHaveAttribute("aria-checked", "true");

    await page.getByLabel("Low-balance alert (INR)").fill("12,5x");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Low-balance alert (INR)")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Low-balance alert (INR)").fill("1500");
    await weekly.click();
    await expect(weekly).toHaveAttribute("aria-checked", "false");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Billing settings saved." })).toBeVisible();
    await screenshot(page, "billing-settings-en");

    await page.reload();
    await expect(page.getByRole("switch", { name: "Weekly summary e-mail" })).toHaveAttribute("aria-checked", "false");
    await expect(page.getByLabel("Low-balance alert (INR)")).toHaveValue("1500.00");
  });
});
