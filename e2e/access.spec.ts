import { expect, test } from "@playwright/test";
import { nextServerAction, replayServerAction, screenshot, signedInPage, signInAndWait } from "./fixtures";

test.describe("roles and tenants", () => {
  test("a member sees balances but not billing settings, and the server refuses the action too", async ({ browser }) => {
    // The owner saves the form once, so we learn the action's id and the request's shape.
    const owner = await signedInPage(browser, "acmeOwner");
    await owner.goto("/acme/settings/billing");
    const threshold = owner.getByLabel(/Low-balance alert/);
    await threshold.fill("15.00");
    const [actionRequest] = await Promise.all([
      nextServerAction(owner),
      owner.getByRole("button", { name: "Save changes" }).click(),
    ]);
    await expect(owner.getByText("Billing settings saved.")).toBeVisible();

    const member = await signedInPage(browser, "acmeMember");
    await member.goto("/acme/settings/billing/wallet");
    await expect(member.getByTestId("available-balance")).toBeVisible();
    await expect(member.getByRole("link", { name: "Billing settings" })).toHaveCount(0);
    await member.goto("/acme/settings/billing");
    await expect(member.getByTestId("forbidden")).toContainText("You don’t have access to billing settings");
    await expect(member.getByLabel(/Low-balance alert/)).toHaveCount(0);
    await screenshot(member, "billing-settings-forbidden-member-en");

    // Replay the owner's server action with the member's session, asking for 99.00.
    const body = actionRequest.postData()!.replace("15.00", "99.00");
    expect(body).toContain("99.00");
    const response = await replayServerAction(member.context().request, actionRequest, body);
    expect(await response.text()).toContain('"code":"forbidden"');
    await owner.reload();
    await expect(owner.getByLabel(/Low-balance alert/)).toHaveValue("15.00");
    await owner.context().close();
    await member.context().close();
  });

  test("a user of one workspace cannot open another's by URL", async ({ page }) => {
    await signInAndWait(page, "acmeOwner");
    for (const path of ["/tienda-sol", "/tienda-sol/settings/billing/wallet", "/mumbai-traders/settings/billing", "/mumbai-traders/settings/members"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText("Page not found")).toBeVisible();
      await expect(page.getByText("Tienda Sol")).toHaveCount(0);
    }
  });
});
