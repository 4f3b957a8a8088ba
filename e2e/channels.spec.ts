import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait } from "./fixtures";

test.describe("channels", () => {
  test("turning WhatsApp calling on grants the trial credit once (R8)", async ({ page }) => {
    await signInAndWait(page, "mumbaiOwner");
    await page.goto("/mumbai-traders/settings/channels");
    const card = page.getByTestId("channel-whatsapp_call");
    await expect(card).toHaveAttribute("data-state", "off");
    await expect(card).toContainText("₹80.00 of trial credit");
    await card.getByRole("button", { name: "Turn on WhatsApp calling" }).click();
    await expect(card.getByRole("status")).toContainText("₹80.00 of trial credit was added");
    await expect(card).toHaveAttribute("data-state", "active");
    await expect(card).toContainText("Trial credit left: ₹80.00");
    await screenshot(page, "channels-en");

    await card.getByRole("button", { name: "Turn off WhatsApp calling" }).click();
    await expect(card).toHaveAttribute("data-state", "off");
    await card.getByRole("button", { name: "Turn on WhatsApp calling" }).click();
    await expect(card).toHaveAttribute("data-state", "active");
    await expect(card.getByRole("status")).toHaveCount(0);

    await page.goto("/mumbai-traders/settings/billing/wallet");
    await expect(page.getByTestId("trial-balance")).toHaveText("₹80.00");
  });

  test("members see the channels but cannot switch calling", async ({ page }) => {
    await signInAndWait(page, "mumbaiMember");
    await page.goto("/mumbai-traders/settings/channels");
    await expect(page.getByTestId("channels")).toBeVisible();
    await expect(page.getByTestId("whatsapp-calling-toggle")).toHaveCount(0);
    await expect(page.getByText("Only owners and billing admins can turn WhatsApp calling on or off.")).toBeVisible();
  });
});
