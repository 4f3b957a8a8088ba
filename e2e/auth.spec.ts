import { expect, test } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn, signInAndWait, uniqueEmail } from "./fixtures";

test.describe("sign-up, sign-in, sign-out", () => {
  test("sign-up creates a workspace and lands on its dashboard, where the walkthrough starts", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Workspace name").fill("Playwright Pets");
    await page.getByLabel("Your name").fill("Pat Wright");
    await page.getByLabel("Work e-mail").fill(uniqueEmail("signup"));
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByLabel("Country").selectOption("IN");
    await expect(page.getByText("Your plan currency will be INR (fixed).")).toBeVisible();
    await screenshot(page, "signup-en");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/playwright-pets(-\d+)?$/);
    await expect(page.getByTestId("onboarding-progress")).toHaveText("0 of 5");
    await page.getByRole("link", { name: "Wallet" }).first().click();
    await expect(page.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
    await expect(page.getByTestId("available-balance")).toHaveText("₹0.00");
    // A new wallet is empty: the balance card says so here, and a banner on every other page.
    await expect(page.getByTestId("banner-empty")).toHaveCount(0);
    await page.getByRole("link", { name: "Channels" }).click();
    await expect(page.getByTestId("banner-empty")).toContainText("Your wallet is empty");
  });

  test("sign-up shows what to fix and keeps the values", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Workspace name").fill("Acme Again");
    await page.getByLabel("Your name").fill("Ana");
    await page.getByLabel("Work e-mail").fill(DEMO_USERS.acmeOwner.email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.locator("#password-error")).toContainText("10 characters");
    await page.getByLabel("Password").fill("long-enough-password");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    await expect(page.getByLabel("Workspace name")).toHaveValue("Acme Again");
    await expect(page).toHaveURL(/\/signup/);
  });

  test("sign-in opens the workspace; sign-out returns to the login page", async ({ page }) => {
    await signIn(page, "acmeOwner");
    await expect(page).toHaveURL(/\/acme\/settings\/billing\/wallet$/);
    await expect(page.getByTestId("available-balance")).toHaveText(/^\$\d{1,3}(,\d{3})*\.\d{2,6}$/);
    await screenshot(page, "wallet-en");
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/acme/settings/billing/wallet");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });

  test("a wrong password shows a generic error and signs nobody in", async ({ page }) => {
    await signIn(page, { email: DEMO_USERS.acmeBilling.email, password: "not-the-password" });
    await expect(page.locator("#login-error")).toHaveText("Invalid e-mail or password.");
    await screenshot(page, "login-error-en");
    await page.goto("/acme");
    await expect(page).toHaveURL(/\/login/);
  });

  test("anonymous visitors are sent to the login page and back where they were going", async ({ page }) => {
    await page.goto("/acme/settings/members");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Facme%2Fsettings%2Fmembers/);
    await page.getByLabel("E-mail").fill(DEMO_USERS.acmeMember.email);
    await page.getByLabel("Password").fill("saldo-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/acme\/settings\/members$/);
    await expect(page.getByTestId("members-table")).toContainText(DEMO_USERS.acmeOwner.email);
  });

  test("signed-in users who open /login go to their workspace", async ({ page }) => {
    await signInAndWait(page, "mumbaiOwner");
    await page.goto("/login");
    await expect(page).toHaveURL(/\/mumbai-traders/);
    await expect(page.getByTestId("available-balance")).toHaveText(/^₹/);
  });
});
