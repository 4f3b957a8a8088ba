import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait } from "./fixtures";

test.describe("usage", () => {
  test("filters by channel, shows totals, pages and exports the same rows as CSV", async ({ page }) => {
    await signInAndWait(page, "acmeBilling");
    await page.goto("/acme/settings/billing/usage");
    await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
    await expect(page.getByTestId("usage-totals")).toContainText(/\d+ events match these filters/);

    await page.getByLabel("Channel").selectOption("sms");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/channel=sms/);
    const description = await page.getByTestId("usage-totals").locator("p").first().textContent();
    const count = Number(description!.match(/(\d+) events?/)![1]);
    expect(count).toBeGreaterThan(0);
    await expect(page.getByTestId("usage-total-voice_call")).toContainText("$0.00");
    await expect(page.locator("tbody tr").first()).toContainText("SMS");
    await screenshot(page, "usage-en");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
    expect(csv[0]).toBe("occurred_at,event_id,channel,direction,quantity,duration_seconds,outcome,source_type,source_id,charge,trial_charge,currency");
    expect(csv).toHaveLength(count + 1);
    expect(csv.slice(1).every((line) => line.split(",")[2] === "sms")).toBe(true);

    if (count > 50) {
      await page.getByRole("link", { name: "Older events" }).click();
      await expect(page).toHaveURL(/cursor=/);
      await expect(page.locator("tbody tr").first()).toBeVisible();
    }
  });

  test("a day range with no events says so", async ({ page }) => {
    await signInAndWait(page, "acmeMember");
    await page.goto("/acme/settings/billing/usage?from=2020-01-01&to=2020-01-02");
    await expect(page.getByText("Nothing matches these filters")).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  });
});
