import { expect, test, type Page, type Request } from "@playwright/test";
import { uniqueEmail } from "./fixtures";

// A new owner's first minutes with auto-recharge: every journey signs up its own workspace, so
// it starts with no card and an empty wallet, whatever other journeys do.
test.describe.configure({ timeout: 90_000 });

async function signUp(page: Page, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Workspace name").fill(name);
  await page.getByLabel("Your name").fill("Nora New");
  await page.getByLabel("Work e-mail").fill(uniqueEmail("auto-recharge"));
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
}

/**
 * Holds back the page's data refreshes (Next.js's RSC GETs) until `release()`: what a busy
 * server or a slow network does to the moment between "card saved" and the page showing it.
 */
async function holdRefreshes(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: (request: Request) => void;
  const firstHeld = new Promise<Request>((resolve) => (held = resolve));
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "GET" && request.headers()["rsc"] === "1") {
      held(request);
      await released;
    }
    await route.fallback();
  });
  return { firstHeld, release };
}

test("auto-recharge saved the moment the first card is saved, before the page shows the card, is saved", async ({ page }) => {
  await signUp(page, "Quick Saver");
  await page.getByTestId("add-card").click();
  await page.getByTestId("test-card-pm_card_visa").check({ force: true });
  await page.getByTestId("auto-recharge-toggle").click();

  const refreshes = await holdRefreshes(page);
  await page.getByTestId("save-card").click();
  // The card is saved on the server and the page asked for its new data, which has not come yet.
  await refreshes.firstHeld;
  await page.getByTestId("auto-recharge-save").click();
  await expect(page.getByText("Auto-recharge saved.")).toBeVisible();
  await expect(page.getByTestId("auto-recharge-form").getByRole("alert")).toHaveCount(0);
  // "Card added" waits for the page that lists it: nothing on it says "no card" next to "added".
  await expect(page.getByTestId("card-added")).toHaveCount(0);

  refreshes.release();
  await expect(page.getByTestId("card-added")).toContainText("Visa •••• 4242");
  await expect(page.locator('[data-testid=payment-method][data-last4="4242"]')).toHaveAttribute("data-default", "true");
  await expect(page.getByTestId("auto-recharge-badge")).toHaveText("On");
});
